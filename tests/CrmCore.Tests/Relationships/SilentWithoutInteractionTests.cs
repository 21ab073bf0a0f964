using System.Globalization;
using CrmCore.Relationships;
using CrmCore.Tests.Calendars;
using CrmCore.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NodaTime;
using static CrmCore.Tests.Relationships.PlanTestData;

namespace CrmCore.Tests.Relationships;

/// <summary>
/// Wave 18 (plan18 item 1): a customer with no recorded interaction at all is silent once the policy's threshold has passed since its
/// first contact (first cooperation); one with no date at all is reported, not skipped.
/// </summary>
public sealed class SilentWithoutInteractionTests
{
    private static readonly CultureInfo ZhHans = CultureInfo.GetCultureInfo("zh-Hans");

    [Fact]
    public void Plan_NoInteractionEver_SilentFromFirstContactPlusThePolicysThreshold()
    {
        // Document 003: silent after P3M. First contact 2025-10-20, never an interaction: silent from 2026-01-20 (a Tuesday).
        var subject = Subject(null, D(2025, 10, 20)) with { FirstContactOn = D(2025, 10, 20) };
        var planner = Planner(ContactPolicy.Document003);

        var care = Assert.Single(planner.Plan(subject, D(2026, 3, 16), D(2026, 3, 22)), e => e.Kind == PlanKind.SilentCare);

        Assert.Equal((D(2026, 1, 20), D(2026, 1, 20)), (care.DueOn, care.Occasion));
        Assert.Equal(ContactChannel.CareMessage, care.Channel);
        Assert.Equal("No interaction recorded since the first contact on 2025-10-20", care.Purpose);
        Assert.Equal(
            "自首次接触（2025-10-20）以来没有任何互动记录",
            new ContactPlanner(ContactPolicy.Document003, PlanTestData.Calendar, ZhHans).Plan(subject, D(2026, 3, 16), D(2026, 3, 22)).Single(e => e.Kind == PlanKind.SilentCare).Purpose);
    }

    [Theory]
    [InlineData("P2W", 2025, 11, 3)]
    [InlineData("P45D", 2025, 12, 4)]
    [InlineData("P6M", 2026, 4, 20)]
    public void Plan_NoInteractionEver_TheThresholdIsThePolicys(string after, int y, int m, int d)
    {
        var policy = ContactPolicy.Document003 with { SilentCare = new SilentCareSettings(NodaTime.Text.PeriodPattern.Roundtrip.Parse(after).Value, ContactChannel.Call) };
        var subject = Subject(null, D(2025, 10, 20)) with { FirstContactOn = D(2025, 10, 20) };

        var care = Assert.Single(Planner(policy).Plan(subject, D(2025, 10, 20), D(2026, 6, 30)), e => e.Kind == PlanKind.SilentCare);

        Assert.Equal(D(y, m, d), care.Occasion);
        Assert.Equal(ContactChannel.Call, care.Channel);
    }

    [Fact]
    public void Plan_NoInteractionYetWithinTheThreshold_NoCareAndNoReport()
    {
        var subject = Subject(null, D(2026, 3, 1)) with { FirstContactOn = D(2026, 3, 1) };
        var planner = Planner(ContactPolicy.Document003);
        var reports = 0;
        planner.SilenceUnknown += (_, _) => reports++;

        Assert.DoesNotContain(planner.Plan(subject, D(2026, 3, 16), D(2026, 3, 22)), e => e.Kind == PlanKind.SilentCare);
        Assert.Equal(0, reports);
    }

    [Fact]
    public void Plan_InteractionRecorded_CountsFromTheInteractionNotTheFirstContact()
    {
        var subject = Subject(null, D(2024, 4, 1)) with
        {
            FirstContactOn = D(2024, 4, 1),
            LastInteractionAt = PlanTestData.Calendar.Zone.AtStrictly(new LocalDateTime(2025, 10, 20, 10, 0)).ToInstant(),
        };

        var care = Assert.Single(Planner(ContactPolicy.Document003).Plan(subject, D(2026, 3, 16), D(2026, 3, 22)), e => e.Kind == PlanKind.SilentCare);

        Assert.Equal(D(2026, 1, 20), care.Occasion);
        Assert.Equal("No interaction since 2025-10-20", care.Purpose);
    }

    [Fact]
    public void Plan_NoInteractionAndNoFirstContactDate_ReportedInBothLanguages_TheRestIsPlanned()
    {
        var subject = Subject("高价值", D(2026, 3, 1));
        var planner = Planner(ContactPolicy.Document003);
        var reports = new List<PlanSilenceUnknownEventArgs>();
        planner.SilenceUnknown += (_, e) => reports.Add(e);

        var entries = planner.Plan(subject, D(2026, 3, 1), D(2026, 3, 31));

        Assert.DoesNotContain(entries, e => e.Kind == PlanKind.SilentCare);
        Assert.Contains(entries, e => e.Kind == PlanKind.Cadence);
        var report = Assert.Single(reports);
        Assert.Equal(Customer, report.Customer);
        Assert.Equal(
            "Customer C202603001 has no recorded interaction and no first-contact date, so whether it is silent cannot be told: no silent-customer care is planned. Record its first contact (first cooperation) date or its last interaction.",
            report.Message(CultureInfo.InvariantCulture));
        Assert.Equal(
            "客户 C202603001 没有任何互动记录，也没有首次接触（首次合作）日期，无法判断是否为沉默客户：未安排沉默客户关怀。请补充其首次合作日期或最近一次互动。",
            report.Message(ZhHans));
    }

    [Fact]
    public void Plan_NoDateButThePolicyHasNoSilentCare_NothingToReport()
    {
        var planner = Planner(ContactPolicy.Document001);
        var reports = 0;
        planner.SilenceUnknown += (_, _) => reports++;

        planner.Plan(Subject("A", D(2026, 3, 1)), D(2026, 3, 1), D(2026, 3, 31));

        Assert.Equal(0, reports);
    }

    [Fact]
    public void From_Customer_TakesItsFirstContactDate_SoANeverContactedCustomerGetsCare()
    {
        var clock = TestData.NewClock();
        var customer = TestData.CustomerFactory(clock).Create(TestData.Profile());

        var subject = PlanSubject.From(customer);
        var care = Assert.Single(Planner(ContactPolicy.Document003).Plan(subject, D(2024, 6, 1), D(2024, 6, 7)), e => e.Kind == PlanKind.SilentCare);

        Assert.Null(customer.LastInteractionAt);
        Assert.Equal(customer.FirstContactOn, subject.FirstContactOn);
        Assert.Equal(customer.FirstContactOn.PlusMonths(3), care.Occasion);
    }

    [Fact]
    public void Host_LogsACustomerWithNoDateAtAll()
    {
        var logger = new CapturingLoggerFactory();
        using var provider = new ServiceCollection()
            .AddSingleton<ILoggerFactory>(logger)
            .AddCrmCalendars(o => o.AddJson(RepoPaths.ReadCalendarData("cn-standard.json"), RepoPaths.ResolveImport))
            .AddCrmRelationships(o =>
            {
                o.Policy = ContactPolicy.Document003;
                o.Calendar = "cn-standard";
            })
            .BuildServiceProvider();

        provider.GetRequiredService<ContactPlanner>().Plan(Subject(null, D(2026, 3, 1)), D(2026, 3, 16), D(2026, 3, 22));

        var warning = Assert.Single(logger.Warnings);
        Assert.Contains("C202603001", warning, StringComparison.Ordinal);
        Assert.Contains("no recorded interaction and no first-contact date", warning, StringComparison.Ordinal);
    }
}
