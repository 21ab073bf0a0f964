namespace CrmCore.Import.Reports;

/// <summary>
/// One row of an import report as <see cref="ImportRowLog"/> keeps it. A plain row (an outcome, a line, a customer id and a note list
/// shared with other rows, nothing else: most rows of a first import) is these few fields, with no object of its own; any other row
/// holds its <see cref="ImportRowResult"/>. <see cref="ToResult"/> gives the same result either way, built when a caller reads it.
/// </summary>
internal readonly struct LoggedRow
{
    /// <summary>A row of any shape.</summary>
    /// <param name="result">The row's result.</param>
    public LoggedRow(ImportRowResult result)
    {
        Full = result;
        Line = result.Line;
        Outcome = result.Outcome;
        CustomerId = result.CustomerId;
        Notes = result.Notes;
    }

    private LoggedRow(int line, ImportOutcome outcome, string? customerId, IReadOnlyList<ImportRowNote>? notes)
    {
        Line = line;
        Outcome = outcome;
        CustomerId = customerId;
        Notes = notes;
    }

    /// <summary>The result the row was made from; null for a plain row.</summary>
    public ImportRowResult? Full { get; }

    /// <summary>The row's <see cref="ImportRowResult.Line"/>.</summary>
    public int Line { get; }

    /// <summary>The row's <see cref="ImportRowResult.Outcome"/>.</summary>
    public ImportOutcome Outcome { get; }

    /// <summary>The row's <see cref="ImportRowResult.CustomerId"/>.</summary>
    public string? CustomerId { get; }

    /// <summary>The row's <see cref="ImportRowResult.Notes"/>.</summary>
    public IReadOnlyList<ImportRowNote>? Notes { get; }

    /// <summary>A row that says no more than its outcome, line, customer and notes (every other field of its result empty).</summary>
    public static LoggedRow Plain(int line, ImportOutcome outcome, string? customerId, IReadOnlyList<ImportRowNote>? notes) =>
        new(line, outcome, customerId, notes);

    /// <summary>A row of any shape.</summary>
    public static implicit operator LoggedRow(ImportRowResult result) => new(result);

    /// <summary>The row's result: the one it was made from, or a new one of a plain row's fields.</summary>
    public ImportRowResult ToResult() =>
        Full ?? new ImportRowResult { Line = Line, Outcome = Outcome, CustomerId = CustomerId, Notes = Notes };
}
