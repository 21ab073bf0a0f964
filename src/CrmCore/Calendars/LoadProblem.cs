namespace CrmCore.Calendars;

/// <summary>One problem found while loading configuration (calendars, holiday files, SLA policies, escalation ladders), with where it is. Immutable and thread-safe.</summary>
/// <param name="Path">Where the problem is: a JSON path such as <c>$.week.monday[1]</c>, or <c>VEVENT #3</c> for iCalendar input.</param>
/// <param name="Message">An English description of the problem and how to fix it.</param>
public readonly record struct LoadProblem(string Path, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{Path}: {Message}";
}
