using CrmCore.Relationships;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;
using static CrmCore.Tests.Relationships.PlanTestData;

namespace CrmCore.Tests.Relationships;

public sealed class ContactPlannerProperties
{
    [Property(MaxTest = 300)]
    public Property MoveOffHoliday_LandsOnTheNearestWorkingDayInItsDirection(PositiveInt dayOffset, bool forward)
    {
        var date = D(2025, 1, 1).PlusDays(dayOffset.Get % 730);
        var shift = forward ? HolidayShift.NextWorkingDay : HolidayShift.PreviousWorkingDay;
        var planner = Planner(ContactPolicy.Document001);

        var moved = planner.MoveOffHoliday(date, shift);

        var between = forward ? Days(date, moved) : Days(moved, date);
        return (Calendar.IsWorkingDay(moved)
            && (forward ? moved >= date : moved <= date)
            && between.Where(d => d != moved).All(d => !Calendar.IsWorkingDay(d))).ToProperty();
    }

    [Property(MaxTest = 100)]
    public Property Plan_EveryEntryIsOnAWorkingDayAndOpen(PositiveInt anchorOffset, PositiveInt fromOffset)
    {
        var anchor = D(2025, 1, 1).PlusDays(anchorOffset.Get % 365);
        var from = anchor.PlusDays(fromOffset.Get % 300);
        var subject = Subject("A", anchor) with { Birthdays = [("张伟", new AnnualDate(2, 29))], ContractEndsOn = from.PlusDays(40) };

        var entries = Planner(ContactPolicy.Document001).Plan(subject, from, from.PlusDays(60));

        return entries.All(e => Calendar.IsWorkingDay(e.DueOn) && e.Status == PlanStatus.NotStarted && e.PlannedAt <= e.DueBy)
            .And(entries.Select(e => e.Id).Distinct().Count() == entries.Count);
    }

    private static IEnumerable<LocalDate> Days(LocalDate from, LocalDate to)
    {
        for (var d = from; d <= to; d = d.PlusDays(1))
        {
            yield return d;
        }
    }
}
