namespace CrmCore.Import.Reports;

/// <summary>The outcome of one input row.</summary>
public sealed record ImportRowResult
{
    /// <summary>The 1-based line (CSV record) or worksheet row.</summary>
    public required int Line { get; init; }

    /// <summary>What happened.</summary>
    public required ImportOutcome Outcome { get; init; }

    /// <summary>The customer the row created, updated or was merged into; null when rejected or skipped.</summary>
    public string? CustomerId { get; init; }

    /// <summary>The asset the row is (an asset import) or is about (a ticket's related asset); null otherwise.</summary>
    public string? AssetId { get; init; }

    /// <summary>The ticket the row is (a ticket import) or answers (a survey import), as the row names it (问题编号), also when the row is
    /// rejected once its id was read; null otherwise.</summary>
    public string? TicketId { get; init; }

    /// <summary>The contact plan entry the row is (a plan import), as the row names it (计划编号) or, without one, the id derived for it,
    /// also when the row is rejected once its id was read; null otherwise.</summary>
    public string? PlanId { get; init; }

    /// <summary>For a rejected row, the header of the column at fault (null when the problem is the row as a whole).</summary>
    public string? Column { get; init; }

    /// <summary>For a rejected row, the 1-based column number at fault; 0 when none.</summary>
    public int ColumnNumber { get; init; }

    /// <summary>Why the row was rejected or skipped, or what it was merged with; localised.</summary>
    public string? Reason { get; init; }

    /// <summary>
    /// The reason as a stable code in no language, set whenever <see cref="Reason"/> is and null when it is null, so that hosts and
    /// analysts can filter rows by reason without reading localised text: the reason's resource key without its <c>Reason_</c> prefix,
    /// for example <c>Blank</c>, <c>Totals</c> and <c>RepeatedHeader</c> (skipped), <c>Merged</c>, <c>Same</c> and <c>Held</c>
    /// (duplicates), <c>Required</c>, <c>Date</c>, <c>Phone</c> or <c>DuplicateKey</c> (rejected), <c>BatchConflict</c> (not written).
    /// The table "Reason codes" in docs/import.md lists every code with its English text; a test keeps it complete. A rejected row
    /// with several cell problems has the first problem's code (the problem <see cref="Column"/> names). One reason has one code,
    /// whichever importer gives it and however it is worded (a duplicate key or id on an earlier line is <c>DuplicateKey</c> in every
    /// importer). A code keeps its meaning once published; new codes may be added.
    /// </summary>
    public string? ReasonCode { get; init; }

    /// <summary>For a merged or held row, what matched (<c>id</c>, <c>phone</c>, <c>email</c> or <c>name</c>); also for a row inserted
    /// with its own id although a similar company name matched (reason code <c>OwnId</c>).</summary>
    public string? MatchedBy { get; init; }

    /// <summary>For a merged or held row, where the other customer came from: <c>stored</c> or <c>line N</c> of this file.</summary>
    public string? MatchedSource { get; init; }

    /// <summary>For a row matched (or, with its own id, not merged) by a similar but not the same company name
    /// (<see cref="MatchedBy"/> <c>name</c>), how alike the two names are, above 0 and below 1; null otherwise.</summary>
    public double? MatchScore { get; init; }

    /// <summary>What the import did with the row's cells that its outcome does not say (a second number kept as another contact, a
    /// placeholder name, a defaulted date, text no field holds); null when nothing.</summary>
    public IReadOnlyList<ImportRowNote>? Notes { get; init; }

    /// <summary>For rejected and held rows, the row's cells as read, so that the report can be fixed and imported again.</summary>
    public IReadOnlyList<string?>? Cells { get; init; }
}
