using FsCheck;
using FsCheck.Fluent;

namespace CrmCore.Tests.Calendars;

/// <summary>The calendar cases of <see cref="CalendarArbitraries.MidnightChangeCases"/>: zones whose offset changes exactly at midnight.</summary>
public static class MidnightChangeArbitraries
{
    public static Arbitrary<CalendarCase> CalendarCase() => Arb.From(CalendarArbitraries.MidnightChangeCases());
}
