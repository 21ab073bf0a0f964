using CrmCore.Calendars;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;

namespace CrmCore.Tests.Calendars;

/// <summary>
/// Working-day arithmetic at the edges of the horizon, on purpose: counting up to the last (or back to the first) working day of the
/// horizon works and lands on that day; one day further is a <see cref="CalendarHorizonException"/>, never an index error.
/// </summary>
public sealed class CalendarHorizonProperties
{
    [Property(Arbitrary = [typeof(CalendarArbitraries)], MaxTest = 200)]
    public Property AddWorkingDays_ToTheLastWorkingDayOfTheHorizon_WorksOneMoreThrowsHorizon(CalendarCase c)
    {
        var calendar = c.Calendar;
        Instant anchor;
        try
        {
            anchor = calendar.NextOpen(c.A);
        }
        catch (CalendarHorizonException)
        {
            return Prop.When(false, () => true);
        }

        var anchorDate = anchor.InZone(calendar.Zone).Date;
        var later = WorkingDates(calendar).Where(d => d > anchorDate).ToList();
        var last = calendar.AddWorkingDays(c.A, later.Count);
        var beyond = Record.Exception(() => calendar.AddWorkingDays(c.A, later.Count + 1));

        return (Prop.Label(later.Count == 0 ? last == anchor : last.InZone(calendar.Zone).Date == later[^1], $"{later.Count} days gave {last}")
                .And(Prop.Label(beyond is CalendarHorizonException, $"one more gave {beyond?.GetType().Name ?? "no exception"}")))
            .Classify(later.Count == 0, "anchor on the last working day");
    }

    [Property(Arbitrary = [typeof(CalendarArbitraries)], MaxTest = 200)]
    public Property AddWorkingDays_BackToTheFirstWorkingDayOfTheHorizon_WorksOneMoreThrowsHorizon(CalendarCase c)
    {
        var calendar = c.Calendar;
        Instant anchor;
        try
        {
            anchor = calendar.PreviousClose(c.B);
        }
        catch (CalendarHorizonException)
        {
            return Prop.When(false, () => true);
        }

        // A closing time keeps the day of the open time just before it (24:00 stays on its day).
        var anchorDate = (anchor - Duration.FromTicks(1)).InZone(calendar.Zone).Date;
        var earlier = WorkingDates(calendar).Where(d => d < anchorDate).ToList();
        var first = calendar.AddWorkingDays(c.B, -earlier.Count);
        var beyond = Record.Exception(() => calendar.AddWorkingDays(c.B, -earlier.Count - 1));

        // Zero working days counts forwards (from the next opening), so the backward anchor is checked from one day back only.
        return Prop.Label(earlier.Count == 0 || (first - Duration.FromTicks(1)).InZone(calendar.Zone).Date == earlier[0] || first.InZone(calendar.Zone).Date == earlier[0], $"-{earlier.Count} days gave {first}")
            .And(Prop.Label(beyond is CalendarHorizonException, $"one more gave {beyond?.GetType().Name ?? "no exception"}"));
    }

    [Fact]
    public void AddWorkingDays_CountThatOverflows_ThrowsHorizonNotOverflow()
    {
        var calendar = TestCalendars.CnStandard;
        var start = TestCalendars.Cn(2026, 3, 3, 10);

        var e = Assert.Throws<CalendarHorizonException>(() => calendar.AddWorkingDays(start, int.MaxValue));

        Assert.Contains(calendar.Name, e.Message, StringComparison.Ordinal);
        Assert.Throws<CalendarHorizonException>(() => calendar.AddWorkingDays(start, int.MinValue + 1));
    }

    private static IEnumerable<LocalDate> WorkingDates(BusinessCalendar calendar)
    {
        for (var d = calendar.Definition.HorizonStart; d <= calendar.Definition.HorizonEnd; d = d.PlusDays(1))
        {
            if (calendar.IsWorkingDay(d))
            {
                yield return d;
            }
        }
    }
}
