using System.Globalization;
using CrmCore.Localization;
using NodaTime;

namespace CrmCore.Calendars;

/// <summary>
/// Raised by <see cref="BusinessCalendar.HolidayCoverageExceeded"/> when an operation reads dates outside the years the calendar's
/// holiday data covers (<see cref="BusinessCalendar.HolidayCoverage"/>): there the answer uses only the weekly hours, so a holiday
/// not yet published (Spring Festival next year) is counted as a working day. Immutable.
/// </summary>
public sealed class HolidayCoverageEventArgs : EventArgs
{
    /// <summary>Creates the arguments.</summary>
    /// <param name="calendarName">The calendar's name.</param>
    /// <param name="coverage">The dates the holiday data covers.</param>
    /// <param name="date">The first local date outside the coverage that the operation read.</param>
    /// <param name="operation">The operation, for example <c>AddWorkingDays</c>.</param>
    public HolidayCoverageEventArgs(string calendarName, DateInterval coverage, LocalDate date, string operation)
    {
        CalendarName = calendarName;
        Coverage = coverage;
        Date = date;
        Operation = operation;
    }

    /// <summary>The calendar's name.</summary>
    public string CalendarName { get; }

    /// <summary>The dates the holiday data covers (both ends inclusive).</summary>
    public DateInterval Coverage { get; }

    /// <summary>The first local date outside the coverage that the operation read.</summary>
    public LocalDate Date { get; }

    /// <summary>The operation, for example <c>AddWorkingDays</c>.</summary>
    public string Operation { get; }

    /// <summary>The warning for end users in a culture (English or zh-Hans).</summary>
    /// <param name="culture">The culture; default <see cref="CultureInfo.CurrentUICulture"/>.</param>
    /// <returns>The message.</returns>
    public string Message(CultureInfo? culture = null) => Strings.Format(
        "Warning_HolidayCoverage", culture, CalendarName, Format(Coverage.Start), Format(Coverage.End), Format(Date), Operation);

    private static string Format(LocalDate date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
