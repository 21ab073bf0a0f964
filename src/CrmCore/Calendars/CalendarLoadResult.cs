using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;

namespace CrmCore.Calendars;

/// <summary>The outcome of loading a calendar from JSON: the built calendar, or every problem found. Immutable and thread-safe.</summary>
public sealed class CalendarLoadResult
{
    internal CalendarLoadResult(BusinessCalendar? calendar, ImmutableArray<CalendarProblem> problems)
    {
        Calendar = calendar;
        Problems = problems;
    }

    /// <summary>The built calendar; null when <see cref="Problems"/> is not empty.</summary>
    public BusinessCalendar? Calendar { get; }

    /// <summary>Every problem found, each with its JSON path; empty on success.</summary>
    public ImmutableArray<CalendarProblem> Problems { get; }

    /// <summary>True when the calendar was built.</summary>
    [MemberNotNullWhen(true, nameof(Calendar))]
    public bool Success => Calendar is not null;

    /// <summary>Returns the calendar or throws with every problem listed.</summary>
    /// <returns>The calendar.</returns>
    /// <exception cref="CrmException">Loading failed (code <c>CRM-CALENDAR-INVALID</c>).</exception>
    public BusinessCalendar GetCalendarOrThrow() => Calendar ?? throw new CrmException(
        "The calendar is invalid:" + Environment.NewLine + string.Join(Environment.NewLine, Problems)) { Code = "CRM-CALENDAR-INVALID" };
}
