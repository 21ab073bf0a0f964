using NodaTime;

namespace CrmCore.Metrics;

/// <summary>
/// A business calendar whose holiday data does not cover the whole report month (<see cref="MonthlyReport.CalendarGaps"/>): the SLA
/// clocks of the days outside it counted weekends alone, with no public holidays and no make-up working days, so the month's SLA
/// figures may be wrong until the calendar is updated. The report says so where its reader looks first.
/// </summary>
/// <param name="Calendar">The calendar's name.</param>
/// <param name="Coverage">The dates the calendar's holiday data covers.</param>
/// <param name="DaysOutside">How many days of the month lie outside <paramref name="Coverage"/> (1 or more).</param>
public sealed record CalendarGap(string Calendar, DateInterval Coverage, int DaysOutside);
