using System.Collections.Immutable;
using NodaTime;

namespace CrmCore.Calendars;

/// <summary>
/// A make-up working day (调休上班, 班): a date, usually a weekend day, that is worked with the given hours. China moves weekend days
/// into the working week around long holidays. Immutable and thread-safe.
/// </summary>
/// <param name="Date">The local date.</param>
/// <param name="Name">A display name such as <c>Spring Festival</c>; may be empty.</param>
/// <param name="Hours">The opening hours that day; when empty (the default) the calendar's make-up hours apply
/// (<see cref="BusinessCalendarDefinition.MakeUpDayHours"/>, which default to Monday's hours).</param>
public sealed record MakeUpWorkingDay(LocalDate Date, string Name, ImmutableArray<OpeningSlot> Hours)
{
    /// <summary>Creates a make-up working day with the calendar's make-up hours.</summary>
    /// <param name="date">The local date.</param>
    /// <param name="name">A display name; may be empty.</param>
    public MakeUpWorkingDay(LocalDate date, string name)
        : this(date, name, [])
    {
    }
}
