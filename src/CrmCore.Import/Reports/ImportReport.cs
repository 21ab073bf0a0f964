using CrmCore.Imports;

namespace CrmCore.Import.Reports;

/// <summary>
/// The account of one import: the file, how it was read, which columns became which fields and which were not mapped, and one
/// <see cref="ImportRowResult"/> per row read with <see cref="Totals"/> that add up to the row count. Write it with
/// <see cref="ImportReportWriter"/> as text, JSON or an .xlsx an analyst can fix and import again. Immutable.
/// </summary>
public sealed record ImportReport
{
    /// <summary>The file imported.</summary>
    public required string File { get; init; }

    /// <summary>What was imported: <c>customers</c>.</summary>
    public required string Entity { get; init; }

    /// <summary>The format read (<c>csv</c> or <c>xlsx</c>).</summary>
    public required string Format { get; init; }

    /// <summary>The text encoding of a CSV file (<c>utf-8</c>, <c>gb18030</c>, <c>utf-16</c>); empty for .xlsx.</summary>
    public string Encoding { get; init; } = string.Empty;

    /// <summary>True when nothing was written (<c>--dry-run</c>).</summary>
    public bool DryRun { get; init; }

    /// <summary>The line of the header row.</summary>
    public int HeaderLine { get; init; }

    /// <summary>The headers of the header row, in order.</summary>
    public IReadOnlyList<string> Headers { get; init; } = [];

    /// <summary>Header → the field it was mapped to, for every mapped column.</summary>
    public IReadOnlyDictionary<string, string> MappedColumns { get; init; } = new Dictionary<string, string>();

    /// <summary>Headers of columns that are not mapped (their values were not imported): add them to a mapping file or mark them Ignore.</summary>
    public IReadOnlyList<string> UnmappedColumns { get; init; } = [];

    /// <summary>How many batches were written.</summary>
    public int Batches { get; init; }

    /// <summary>
    /// One result per row read, in file order. A large import keeps most rows compactly (in a few fields, or in a temporary file past
    /// <c>ReportMemoryRows</c>) and builds a row's <see cref="ImportRowResult"/> when it is read, so two reads of one row may give two
    /// objects: compare rows by value (<see cref="ImportRowResult"/> is a record), not by reference.
    /// </summary>
    public IReadOnlyList<ImportRowResult> Rows { get; init; } = [];

    /// <summary>The counts per outcome.</summary>
    public required ImportTotals Totals { get; init; }

    /// <summary>This run's id in the import ledger, or null when no ledger was given or for a dry run.</summary>
    public string? RunId { get; init; }

    /// <summary>SHA-256 of the file's bytes (lowercase hex).</summary>
    public string FileHash { get; init; } = string.Empty;

    /// <summary>The sheet of a workbook the rows were read from, as the workbook names it; null for CSV and JSON (and for a workbook
    /// that lists no sheet).</summary>
    public string? Sheet { get; init; }

    /// <summary>A workbook's other visible sheets, which were not read (an import reads one sheet: the first visible one that holds a
    /// value); empty when there are none. <see cref="ImportReportWriter"/> names them, so that a table on another sheet is never left
    /// out without a word.</summary>
    public IReadOnlyList<string> OtherSheets { get; init; } = [];

    /// <summary>The fields two or more columns of the header are mapped to: each is read from its first column only, the others are not
    /// imported (<see cref="Mapping.ImportMapping{TField}.Shared"/>); empty when no field has two columns. <see cref="ImportReportWriter"/>
    /// names the columns, the field and the column read, in the report's language.</summary>
    public IReadOnlyList<Mapping.SharedField> SharedFields { get; init; } = [];

    /// <summary>Earlier runs of the same content from the ledger, newest first (an unfinished one was interrupted); empty when it is new.</summary>
    public IReadOnlyList<ImportRun> PreviousRuns { get; init; } = [];

    /// <summary>False when this run applied every row again although <see cref="PreviousRuns"/> is not empty: a customer import forced
    /// (<see cref="Customers.CustomerImportOptions.Force"/>), run with options that change outcomes (another merge policy, similarity or
    /// mapping: another ledger key), under review, or after runs that held rows; true otherwise (rows an earlier run committed show as
    /// unchanged). <see cref="ImportReportWriter"/> words its line about the earlier runs from it.</summary>
    public bool PreviousRunsTakenUp { get; init; } = true;

    /// <summary>How many similar-name searches of the run stopped at <see cref="CrmCore.Desk.SimilarNames.MaxCandidates"/> name-gram
    /// entries, so a similar name may have been missed for those rows; 0 when every search was complete. <see cref="ImportReportWriter"/>
    /// says so in the report's language (text, .xlsx) and writes the number (JSON).</summary>
    public int IncompleteNameSearches { get; init; }

    /// <summary>How many phone, e-mail and exact company-name lookups of a dry run went past the bound of its in-memory key table (a dry
    /// run against a store whose customers still wait for their keys holds at most 500,000 stored customers' keys), so a stored customer
    /// holding that key may not have been found and the row may be reported as new or matched differently from a real import; 0 when every
    /// lookup was complete, and always 0 for a real import. Ids are still found exactly; similar-name searches past the bound are counted in
    /// <see cref="IncompleteNameSearches"/>. <see cref="ImportReportWriter"/> says so in the report's language (text, .xlsx) and writes
    /// the number (JSON).</summary>
    public int IncompleteKeyLookups { get; init; }
}
