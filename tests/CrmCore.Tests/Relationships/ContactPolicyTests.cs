using CrmCore.Churn;
using CrmCore.Relationships;
using NodaTime;
using static CrmCore.Tests.Relationships.PlanTestData;

namespace CrmCore.Tests.Relationships;

public sealed class ContactPolicyTests
{
    [Fact]
    public void Document001_TierA_WeeklyCallAndMonthlyVisit()
    {
        var entries = Planner(ContactPolicy.Document001).Plan(Subject("A", D(2026, 3, 2)), D(2026, 3, 1), D(2026, 3, 31));

        var calls = entries.Where(e => e.Kind == PlanKind.Cadence && e.Channel == ContactChannel.Call).Select(e => e.DueOn).ToArray();
        Assert.Equal([D(2026, 3, 2), D(2026, 3, 9), D(2026, 3, 16), D(2026, 3, 23), D(2026, 3, 30)], calls);
        Assert.Equal([D(2026, 3, 2)], entries.Where(e => e.Channel == ContactChannel.Visit).Select(e => e.DueOn));
        Assert.All(entries, e => Assert.Equal(Manager, e.Owner));
        Assert.All(entries, e => Assert.Equal(PlanStatus.NotStarted, e.Status));
    }

    [Fact]
    public void Document001_TierB_CallEveryTwoWeeksAndMonthlyEmail()
    {
        var entries = Planner(ContactPolicy.Document001).Plan(Subject("B", D(2026, 3, 2)), D(2026, 3, 1), D(2026, 4, 30));

        Assert.Equal([D(2026, 3, 2), D(2026, 3, 16), D(2026, 3, 30), D(2026, 4, 13), D(2026, 4, 27)],
            entries.Where(e => e.Channel == ContactChannel.Call).Select(e => e.DueOn));
        Assert.Equal([D(2026, 3, 2), D(2026, 4, 2)], entries.Where(e => e.Channel == ContactChannel.Email).Select(e => e.DueOn));
    }

    [Fact]
    public void Document001_TierC_MonthlyBatchOnly_AndUntieredGetsNoRegularContact()
    {
        var planner = Planner(ContactPolicy.Document001);

        var c = planner.Plan(Subject("C", D(2026, 3, 3)), D(2026, 3, 1), D(2026, 5, 31)).Where(e => e.Kind == PlanKind.Cadence).ToArray();
        var none = planner.Plan(Subject(null, D(2026, 3, 3)), D(2026, 3, 1), D(2026, 5, 31)).Where(e => e.Kind == PlanKind.Cadence);

        Assert.Equal([D(2026, 3, 3), D(2026, 4, 3), D(2026, 5, 6)], c.Select(e => e.DueOn)); // 3 May is in the Labour Day holiday: moved to 6 May
        Assert.All(c, e => Assert.Equal(ContactChannel.Sms, e.Channel));
        Assert.Empty(none);
    }

    [Fact]
    public void Document003_HighValueMonthly_PotentialEveryTwoMonths()
    {
        var planner = Planner(ContactPolicy.Document003);

        var high = planner.Plan(Subject("高价值", D(2026, 1, 12)), D(2026, 1, 1), D(2026, 3, 31)).Where(e => e.Kind == PlanKind.Cadence);
        var potential = planner.Plan(Subject("潜力", D(2026, 1, 5)), D(2026, 1, 1), D(2026, 6, 30)).Where(e => e.Kind == PlanKind.Cadence);

        Assert.Equal([D(2026, 1, 12), D(2026, 2, 12), D(2026, 3, 12)], high.Select(e => e.DueOn));
        Assert.Equal([D(2026, 1, 5), D(2026, 3, 5), D(2026, 5, 6)], potential.Select(e => e.DueOn)); // 5 May is a holiday
        Assert.DoesNotContain(planner.Plan(Subject("A", D(2026, 1, 5)), D(2026, 1, 1), D(2026, 6, 30)), e => e.Kind == PlanKind.Cadence);
    }

    [Fact]
    public void DueOnHoliday_PolicySaysPrevious_MovesBackToLastWorkingDay()
    {
        var policy = ContactPolicy.Document003 with { DueOnHoliday = HolidayShift.PreviousWorkingDay };

        var potential = Planner(policy).Plan(Subject("潜力", D(2026, 1, 5)), D(2026, 5, 1), D(2026, 5, 31)).Single(e => e.Kind == PlanKind.Cadence);

        Assert.Equal(D(2026, 4, 30), potential.DueOn);
        Assert.Equal(new LocalDateTime(2026, 4, 30, 9, 0), potential.PlannedAt.InZone(Calendar.Zone).LocalDateTime);
        Assert.Equal(new LocalDateTime(2026, 5, 1, 0, 0), potential.DueBy.InZone(Calendar.Zone).LocalDateTime);
    }

    [Fact]
    public void DueOnHoliday_KeepPolicy_KeepsTheHoliday()
    {
        var policy = ContactPolicy.Document003 with { DueOnHoliday = HolidayShift.Keep };

        var potential = Planner(policy).Plan(Subject("潜力", D(2026, 1, 5)), D(2026, 5, 1), D(2026, 5, 31)).Single(e => e.Kind == PlanKind.Cadence);

        Assert.Equal(D(2026, 5, 5), potential.DueOn);
    }

    [Fact]
    public void Birthday_AcrossYearEnd_CareDueThreeDaysAheadInTheOldYear()
    {
        var subject = Subject("C", D(2025, 6, 1)) with { Birthdays = [("张伟", new AnnualDate(1, 2))] };

        var care = Planner(ContactPolicy.Document001).Plan(subject, D(2025, 12, 15), D(2026, 1, 15)).Single(e => e.Kind == PlanKind.Birthday);

        Assert.Equal(D(2025, 12, 30), care.DueOn);
        Assert.Equal(D(2026, 1, 2), care.Occasion);
        Assert.Equal(ContactChannel.CareMessage, care.Channel);
        Assert.Contains("张伟", care.Purpose, StringComparison.Ordinal);
    }

    [Fact]
    public void Birthday_OnLeapDay_Feb28InCommonYearsAndMovedOffTheWeekend()
    {
        var subject = Subject("C", D(2025, 6, 1)) with { Birthdays = [("李娜", new AnnualDate(2, 29))] };
        var planner = Planner(ContactPolicy.Document001);

        var common = planner.Plan(subject, D(2027, 2, 1), D(2027, 3, 31)).Single(e => e.Kind == PlanKind.Birthday);
        var leap = planner.Plan(subject, D(2028, 2, 1), D(2028, 3, 31)).Single(e => e.Kind == PlanKind.Birthday);

        Assert.Equal(D(2027, 2, 28), common.Occasion);
        Assert.Equal(D(2027, 2, 25), common.DueOn);
        Assert.Equal(D(2028, 2, 29), leap.Occasion);
        Assert.Equal(D(2028, 2, 25), leap.DueOn); // 26 February 2028 is a Saturday: care moves to the previous working day
    }

    [Fact]
    public void Holidays_SpringFestivalAndMidAutumn_FromCalendarData()
    {
        var planner = Planner(ContactPolicy.Document001);
        var subject = Subject("C", D(2025, 6, 15));

        var february = planner.Plan(subject, D(2026, 2, 1), D(2026, 2, 28)).Where(e => e.Kind == PlanKind.Holiday).ToArray();
        var autumn2025 = planner.Plan(subject, D(2025, 9, 1), D(2025, 10, 31)).Where(e => e.Kind == PlanKind.Holiday).OrderBy(e => e.DueOn).ToArray();

        var spring = Assert.Single(february);
        Assert.Equal(D(2026, 2, 15), spring.Occasion);
        Assert.Equal(D(2026, 2, 12), spring.DueOn);
        Assert.Contains("Spring Festival", spring.Purpose, StringComparison.Ordinal);

        // National Day starts 1 October (care on Sunday 28 September, a make-up working day); Mid-Autumn on 6 October (care due on
        // the 3rd, a holiday, so the previous working day). The National Day run split by Mid-Autumn gives one care, not two.
        Assert.Equal(2, autumn2025.Length);
        Assert.Equal((D(2025, 9, 28), D(2025, 10, 1)), (autumn2025[0].DueOn, autumn2025[0].Occasion!.Value));
        Assert.Equal((D(2025, 9, 30), D(2025, 10, 6)), (autumn2025[1].DueOn, autumn2025[1].Occasion!.Value));
    }

    [Fact]
    public void ContractExpiry_WarnedThirtyDaysAhead()
    {
        var subject = Subject("B", D(2025, 1, 6)) with { ContractEndsOn = D(2026, 7, 31) };

        var warning = Planner(ContactPolicy.Document001).Plan(subject, D(2026, 6, 1), D(2026, 7, 31)).Single(e => e.Kind == PlanKind.ContractExpiry);

        Assert.Equal(D(2026, 7, 1), warning.DueOn);
        Assert.Equal(D(2026, 7, 31), warning.Occasion);
    }

    [Fact]
    public void ChurnRisk_Document003_SupervisorCallWithin24BusinessHours()
    {
        var evaluated = Calendar.Zone.AtStrictly(new LocalDateTime(2026, 3, 6, 17, 0)).ToInstant();
        var subject = Subject("普通", D(2025, 1, 6)) with { Churn = Assessment(evaluated, ChurnBand.High, ChurnBand.Medium, followUpDue: null) };

        var call = Planner(ContactPolicy.Document003).Plan(subject, D(2026, 3, 1), D(2026, 3, 31)).Single(e => e.Kind == PlanKind.ChurnFollowUp);

        Assert.Equal(ContactChannel.SupervisorCall, call.Channel);
        Assert.Equal(evaluated, call.PlannedAt);
        Assert.Equal(Calendar.Add(evaluated, Duration.FromHours(24)), call.DueBy);
        Assert.DoesNotContain(Planner(ContactPolicy.Document001).Plan(subject, D(2026, 3, 1), D(2026, 3, 31)), e => e.Kind == PlanKind.ChurnFollowUp);
    }

    [Fact]
    public void ChurnRisk_StillHigh_NoNewFollowUp_AndAssessmentDueWins()
    {
        var evaluated = Calendar.Zone.AtStrictly(new LocalDateTime(2026, 3, 6, 10, 0)).ToInstant();
        var planner = Planner(ContactPolicy.Document003);
        var stillHigh = Subject("普通", D(2025, 1, 6)) with { Churn = Assessment(evaluated, ChurnBand.High, ChurnBand.High, null) };
        var entered = Subject("普通", D(2025, 1, 6)) with { Churn = Assessment(evaluated, ChurnBand.High, null, evaluated + Duration.FromHours(3)) };

        Assert.DoesNotContain(planner.Plan(stillHigh, D(2026, 3, 1), D(2026, 3, 31)), e => e.Kind == PlanKind.ChurnFollowUp);
        Assert.Equal(evaluated + Duration.FromHours(3), planner.Plan(entered, D(2026, 3, 1), D(2026, 3, 31)).Single(e => e.Kind == PlanKind.ChurnFollowUp).DueBy);
    }

    [Fact]
    public void SilentCustomer_Document003_CareAfterThreeMonthsWithoutInteraction()
    {
        var last = Calendar.Zone.AtStrictly(new LocalDateTime(2026, 1, 10, 15, 0)).ToInstant();
        var subject = Subject("普通", D(2025, 1, 6)) with { LastInteractionAt = last };
        var planner = Planner(ContactPolicy.Document003);

        var care = planner.Plan(subject, D(2026, 4, 1), D(2026, 4, 30)).Single(e => e.Kind == PlanKind.SilentCare);
        var later = planner.Plan(subject, D(2026, 5, 1), D(2026, 5, 31)).Single(e => e.Kind == PlanKind.SilentCare);

        Assert.Equal(D(2026, 4, 10), care.DueOn);
        Assert.Equal(care.Id, later.Id);
        Assert.DoesNotContain(planner.Plan(subject, D(2026, 3, 1), D(2026, 3, 31)), e => e.Kind == PlanKind.SilentCare);
        Assert.DoesNotContain(Planner(ContactPolicy.Document001).Plan(subject, D(2026, 4, 1), D(2026, 4, 30)), e => e.Kind == PlanKind.SilentCare);
    }

    [Fact]
    public void DoNotContact_NoProactiveEntryAtAll()
    {
        var subject = Subject("A", D(2026, 3, 2)) with
        {
            DoNotContact = true,
            Birthdays = [("张伟", new AnnualDate(3, 10))],
            ContractEndsOn = D(2026, 4, 1),
        };

        Assert.NotEmpty(Planner(ContactPolicy.Document001).Plan(subject with { DoNotContact = false }, D(2026, 3, 1), D(2026, 3, 31)));
        Assert.Empty(Planner(ContactPolicy.Document001).Plan(subject, D(2026, 3, 1), D(2026, 3, 31)));
    }

    [Fact]
    public void Plan_SameWindowTwice_SameIds()
    {
        var planner = Planner(ContactPolicy.Document001);
        var subject = Subject("A", D(2026, 3, 2)) with { Birthdays = [("张伟", new AnnualDate(3, 20))] };

        Assert.Equal(planner.Plan(subject, D(2026, 3, 1), D(2026, 3, 31)).Select(e => e.Id), planner.Plan(subject, D(2026, 3, 1), D(2026, 3, 31)).Select(e => e.Id));
    }

    [Fact]
    public void Plan_WindowTooLong_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Planner(ContactPolicy.Document001).Plan(Subject("A", D(2026, 1, 1)), D(2026, 1, 1), D(2027, 6, 1)));

    private static ChurnAssessment Assessment(Instant at, ChurnBand band, ChurnBand? previous, Instant? followUpDue) => new()
    {
        Customer = Customer,
        EvaluatedAt = at,
        Score = 82,
        Band = band,
        Factors = [],
        PreviousBand = previous,
        PreviousScore = previous is null ? null : 50,
        FollowUpDue = followUpDue,
    };
}
