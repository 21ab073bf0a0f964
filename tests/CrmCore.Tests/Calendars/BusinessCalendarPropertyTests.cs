using CrmCore.Calendars;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;

namespace CrmCore.Tests.Calendars;

/// <summary>
/// Calendar properties. Where an answer may lie past the horizon, the minute oracle decides first: cases whose answer does not
/// exist are discarded with <c>When</c> (they do not count towards <c>MaxTest</c>; too many discards fail the run), and for the
/// cases kept the calendar must answer without throwing.
/// </summary>
public sealed class BusinessCalendarPropertyTests
{
    /// <summary>The calendar's answer, or null exactly when it throws <see cref="CalendarHorizonException"/>.</summary>
    private static Instant? OrNullPastHorizon(Func<Instant> f)
    {
        try
        {
            return f();
        }
        catch (CalendarHorizonException)
        {
            return null;
        }
    }

    // Here null is part of the specification, not a tolerance: the calendar must throw past the horizon exactly when the
    // oracle finds no answer before the horizon ends, and otherwise give the oracle's answer. Classify shows how often each happens.
    [Property(Arbitrary = [typeof(CalendarArbitraries)], MaxTest = 1000)]
    public Property Operations_RandomCalendars_AgreeWithMinuteOracle(CalendarCase c) => ForwardAgreesWithOracle(c);

    // Zones whose clocks change exactly at midnight (a day that starts at 01:00, a 25-hour day whose 24:00 comes twice) against the
    // same oracle, forwards and backwards.
    [Property(Arbitrary = [typeof(MidnightChangeArbitraries)], MaxTest = 500)]
    public Property Operations_MidnightOffsetChanges_AgreeWithMinuteOracle(CalendarCase c) => ForwardAgreesWithOracle(c);

    [Property(Arbitrary = [typeof(MidnightChangeArbitraries)], MaxTest = 500)]
    public Property BackwardOperations_MidnightOffsetChanges_AgreeWithMinuteOracle(CalendarCase c) => BackwardAgreesWithOracle(c);

    private static Property ForwardAgreesWithOracle(CalendarCase c)
    {
        var oracle = new NaiveCalendar(c.Definition);
        var cal = c.Calendar;
        var add = oracle.Add(c.A, c.D);
        var addDays = oracle.AddWorkingDays(c.A, c.N);
        return (cal.IsOpen(c.A) == oracle.IsOpen(c.A)
                && OrNullPastHorizon(() => cal.NextOpen(c.A)) == oracle.NextOpen(c.A)
                && cal.BusinessTimeBetween(c.A, c.B) == oracle.Between(c.A, c.B)
                && cal.BusinessTimeBetween(c.B, c.A) == oracle.Between(c.B, c.A)
                && OrNullPastHorizon(() => cal.Add(c.A, c.D)) == add
                && OrNullPastHorizon(() => cal.AddWorkingDays(c.A, c.N)) == addDays)
            .Classify(add is null, "Add past horizon")
            .Classify(addDays is null, "AddWorkingDays past horizon");
    }

    // The backward direction against the same minute oracle, walking back from the later instant B: the previous closing time,
    // Subtract and negative working days; null again means the horizon starts before the answer.
    [Property(Arbitrary = [typeof(CalendarArbitraries)], MaxTest = 1000)]
    public Property BackwardOperations_RandomCalendars_AgreeWithMinuteOracle(CalendarCase c) => BackwardAgreesWithOracle(c);

    private static Property BackwardAgreesWithOracle(CalendarCase c)
    {
        var oracle = new NaiveCalendar(c.Definition);
        var cal = c.Calendar;
        var subtract = oracle.Subtract(c.B, c.D);
        var subtractDays = oracle.SubtractWorkingDays(c.B, c.N);
        return (OrNullPastHorizon(() => cal.PreviousClose(c.B)) == oracle.PreviousClose(c.B)
                && OrNullPastHorizon(() => cal.Subtract(c.B, c.D)) == subtract
                && OrNullPastHorizon(() => cal.AddWorkingDays(c.B, -c.N)) == (c.N == 0 ? oracle.NextOpen(c.B) : subtractDays))
            .Classify(subtract is null, "Subtract past horizon start")
            .Classify(subtractDays is null, "Negative working days past horizon start");
    }

    [Property(Arbitrary = [typeof(CalendarArbitraries)], MaxTest = 300)]
    public Property Subtract_ThenBetween_GivesTheDurationBack_AndUndoesAdd(CalendarCase c)
    {
        var oracle = new NaiveCalendar(c.Definition);
        var added = oracle.Add(c.A, c.D);
        return Prop.When(oracle.Subtract(c.B, c.D) is not null && added is { } a && oracle.Subtract(a, c.D) is not null, () =>
        {
            var cal = c.Calendar;
            var back = cal.Subtract(c.B, c.D);
            var undo = cal.Subtract(added!.Value, c.D);
            return cal.BusinessTimeBetween(back, c.B) == c.D
                && back <= c.B
                && back == cal.PreviousClose(back)
                && cal.BusinessTimeBetween(undo, added.Value) == c.D
                && cal.Add(undo, c.D) == added.Value;
        });
    }

    [Property(Arbitrary = [typeof(CalendarArbitraries)], MaxTest = 300)]
    public Property Add_BetweenOfTwoInstants_LandsOnEndOrNextOpeningAfterIt(CalendarCase c)
    {
        var expected = new NaiveCalendar(c.Definition).NextOpen(c.B);
        return Prop.When(expected is not null, () =>
        {
            var landed = c.Calendar.Add(c.A, c.Calendar.BusinessTimeBetween(c.A, c.B));
            return landed == c.Calendar.NextOpen(c.B) && landed == expected && landed >= c.B;
        });
    }

    [Property(Arbitrary = [typeof(CalendarArbitraries)], MaxTest = 300)]
    public Property Add_IsMonotoneInStartAndDuration_AndNeverBeforeStart(CalendarCase c)
    {
        var small = c.D < c.D2 ? c.D : c.D2;
        var large = c.D < c.D2 ? c.D2 : c.D;
        var oracle = new NaiveCalendar(c.Definition);
        return Prop.When(oracle.Add(c.A, large) is not null && oracle.Add(c.B, small) is not null, () =>
        {
            var fromA = c.Calendar.Add(c.A, small);
            var fromALarge = c.Calendar.Add(c.A, large);
            var fromB = c.Calendar.Add(c.B, small);
            return fromA >= c.A && fromALarge >= fromA && fromB >= fromA;
        });
    }

    [Property(Arbitrary = [typeof(CalendarArbitraries)], MaxTest = 300)]
    public Property Add_ThenBetween_GivesTheDurationBack(CalendarCase c) =>
        Prop.When(new NaiveCalendar(c.Definition).Add(c.A, c.D) is not null, () =>
            c.Calendar.BusinessTimeBetween(c.A, c.Calendar.Add(c.A, c.D)) == c.D);

    [Property(Arbitrary = [typeof(CalendarArbitraries)], MaxTest = 300)]
    public Property AddWorkingDays_IsMonotoneInDays(CalendarCase c) =>
        Prop.When(new NaiveCalendar(c.Definition).AddWorkingDays(c.A, c.N + 1) is not null, () =>
        {
            var shorter = c.Calendar.AddWorkingDays(c.A, c.N);
            var longer = c.Calendar.AddWorkingDays(c.A, c.N + 1);
            return longer > shorter && shorter >= c.A;
        });
}
