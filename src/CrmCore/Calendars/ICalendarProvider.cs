using System.Diagnostics.CodeAnalysis;

namespace CrmCore.Calendars;

/// <summary>Finds business calendars by name. Implementations must be thread-safe.</summary>
public interface ICalendarProvider
{
    /// <summary>Finds a calendar.</summary>
    /// <param name="name">The calendar name (ordinal, case-sensitive).</param>
    /// <param name="calendar">The calendar, when found.</param>
    /// <returns>True when found.</returns>
    bool TryGet(string name, [NotNullWhen(true)] out BusinessCalendar? calendar);

    /// <summary>Returns a calendar.</summary>
    /// <param name="name">The calendar name.</param>
    /// <returns>The calendar.</returns>
    /// <exception cref="CrmException">No calendar has that name (code <c>CRM-CALENDAR-UNKNOWN</c>).</exception>
    BusinessCalendar Get(string name) => TryGet(name, out var c) ? c
        : throw CalendarRegistry.Unknown(name);
}
