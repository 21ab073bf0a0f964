using System.Collections.Immutable;
using NodaTime;

namespace CrmCore.Calendars;

/// <summary>
/// A date on which the regular weekly hours do not apply because of a holiday (休). A whole-day holiday has no
/// <see cref="OpenHours"/>; a partial holiday lists the hours that stay open that day (for example 09:00–12:00 on an eve).
/// Immutable and thread-safe.
/// </summary>
/// <param name="Date">The local date.</param>
/// <param name="Name">A display name such as <c>Spring Festival</c>; may be empty.</param>
/// <param name="OpenHours">The hours still open that day, sorted and not overlapping; empty (the default) for a whole-day holiday.</param>
public sealed record Holiday(LocalDate Date, string Name, ImmutableArray<OpeningSlot> OpenHours)
{
    /// <summary>Creates a whole-day holiday.</summary>
    /// <param name="date">The local date.</param>
    /// <param name="name">A display name; may be empty.</param>
    public Holiday(LocalDate date, string name)
        : this(date, name, [])
    {
    }

    /// <summary>True when the business is closed the whole day.</summary>
    public bool IsWholeDay => OpenHours.IsDefaultOrEmpty;
}
