using System.Collections.Immutable;

namespace CrmCore.Calendars;

/// <summary>
/// Holidays and make-up working days read from an external schedule (iCalendar or the chinese-days JSON format), with every problem
/// found. Immutable and thread-safe.
/// </summary>
/// <param name="Holidays">The days off (休), one entry per date, sorted by date.</param>
/// <param name="MakeUpDays">The make-up working days (班), one entry per date, sorted by date.</param>
/// <param name="Problems">Every problem found; when not empty the lists hold only the entries that could be read.</param>
public sealed record HolidayImport(ImmutableArray<Holiday> Holidays, ImmutableArray<MakeUpWorkingDay> MakeUpDays, ImmutableArray<LoadProblem> Problems)
{
    /// <summary>True when no problem was found.</summary>
    public bool Success => Problems.IsDefaultOrEmpty;
}
