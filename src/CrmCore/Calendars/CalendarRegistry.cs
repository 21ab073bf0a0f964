using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;

namespace CrmCore.Calendars;

/// <summary>
/// A thread-safe, swappable set of calendars by name. It always holds <see cref="BusinessCalendar.AlwaysOpen"/> as <c>24x7</c>.
/// Replacing a calendar (after a holiday change) is atomic; SLA states recomputed afterwards use the new calendar.
/// </summary>
public sealed class CalendarRegistry : ICalendarProvider
{
    private ImmutableDictionary<string, BusinessCalendar> _calendars =
        ImmutableDictionary<string, BusinessCalendar>.Empty.WithComparers(StringComparer.Ordinal).Add(BusinessCalendar.AlwaysOpen.Name, BusinessCalendar.AlwaysOpen);

    private HolidayCoverageLog? _coverageLog;

    /// <summary>Creates a registry holding only the <c>24x7</c> calendar.</summary>
    public CalendarRegistry()
    {
    }

    /// <summary>Creates a registry holding the given calendars (by their own names) and <c>24x7</c>.</summary>
    /// <param name="calendars">The calendars.</param>
    public CalendarRegistry(IEnumerable<BusinessCalendar> calendars)
    {
        ArgumentNullException.ThrowIfNull(calendars);
        foreach (var c in calendars)
        {
            Set(c);
        }
    }

    /// <summary>Logs a warning for each calendar and year read past a calendar's holiday data, for the calendars registered now and
    /// later (see <see cref="BusinessCalendar.HolidayCoverageExceeded"/>).</summary>
    internal void LogHolidayCoverage(Microsoft.Extensions.Logging.ILogger logger)
    {
        _coverageLog = new HolidayCoverageLog(logger);
        foreach (var calendar in _calendars.Values)
        {
            _coverageLog.Watch(calendar);
        }
    }

    /// <summary>The registered names.</summary>
    public IEnumerable<string> Names => _calendars.Keys;

    /// <summary>Adds or replaces a calendar under its own name.</summary>
    /// <param name="calendar">The calendar.</param>
    public void Set(BusinessCalendar calendar) => Set(calendar?.Name!, calendar!);

    /// <summary>Adds or replaces a calendar under a given name (an alias such as <c>default</c>).</summary>
    /// <param name="name">The name.</param>
    /// <param name="calendar">The calendar.</param>
    /// <exception cref="ArgumentException">The name is empty.</exception>
    /// <exception cref="ArgumentNullException">The calendar is null.</exception>
    public void Set(string name, BusinessCalendar calendar)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(calendar);
        _coverageLog?.Watch(calendar);
        ImmutableInterlocked.Update(ref _calendars, d => d.SetItem(name, calendar));
    }

    /// <summary>Returns a calendar.</summary>
    /// <param name="name">The calendar name.</param>
    /// <returns>The calendar.</returns>
    /// <exception cref="CrmException">No calendar has that name (code <c>CRM-CALENDAR-UNKNOWN</c>).</exception>
    public BusinessCalendar Get(string name) => TryGet(name, out var calendar) ? calendar
        : throw Unknown(name);

    /// <summary>The error for a calendar name no calendar has (code <c>CRM-CALENDAR-UNKNOWN</c>), in English and zh-Hans.</summary>
    /// <param name="name">The name asked for.</param>
    internal static CrmException Unknown(string name) => CrmException.Worded("CRM-CALENDAR-UNKNOWN", "Error_CalendarUnknown", name);

    /// <inheritdoc />
    public bool TryGet(string name, [NotNullWhen(true)] out BusinessCalendar? calendar) =>
        _calendars.TryGetValue(name ?? string.Empty, out calendar);
}
