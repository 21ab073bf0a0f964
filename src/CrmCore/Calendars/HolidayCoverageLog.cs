using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Logging;

namespace CrmCore.Calendars;

/// <summary>
/// Turns <see cref="BusinessCalendar.HolidayCoverageExceeded"/> into <see cref="ILogger"/> warnings: one per calendar and uncovered
/// year, so a recompute of a million SLA clocks past the holiday data logs one line, not a million. Thread-safe.
/// </summary>
internal sealed partial class HolidayCoverageLog(ILogger logger)
{
    private readonly ConcurrentDictionary<(string Calendar, int Year), bool> _logged = new();
    private readonly ConcurrentDictionary<BusinessCalendar, bool> _watched = new(ReferenceEqualityComparer.Instance);

    /// <summary>Subscribes to a calendar once, however many names it is registered under.</summary>
    public void Watch(BusinessCalendar calendar)
    {
        if (calendar.HolidayCoverage is not null && _watched.TryAdd(calendar, true))
        {
            calendar.HolidayCoverageExceeded += OnExceeded;
        }
    }

    private void OnExceeded(object? sender, HolidayCoverageEventArgs e)
    {
        if (_logged.TryAdd((e.CalendarName, e.Date.Year), true))
        {
            Warn(logger, e.CalendarName, e.Date.Year, e.Message(CultureInfo.InvariantCulture));
        }
    }

    [LoggerMessage(EventId = 1101, Level = LogLevel.Warning, Message = "Calendar {Calendar}: no holiday data for {Year}. {Detail}")]
    private static partial void Warn(ILogger logger, string calendar, int year, string detail);
}
