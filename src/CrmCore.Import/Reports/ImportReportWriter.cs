using System.Globalization;
using System.Text;
using System.Text.Json;
using CrmCore.Import.Export;
using CrmCore.Import.Localization;
using MiniExcelLibs;

namespace CrmCore.Import.Reports;

/// <summary>
/// Writes an <see cref="ImportReport"/> as text (totals, unmapped columns, then the rows that were not simply inserted, at most
/// <see cref="DefaultTextRowsPerOutcome"/> lines per outcome and a run of consecutive blank rows on one line), as JSON
/// (everything, one object per row, with its reason code) or as an .xlsx of the rejected and held rows with their line, problem and
/// reason code in front and their original cells after them, which an analyst fixes and imports again (the built-in mappings ignore
/// the line, problem and reason-code columns).
/// Texts in English or zh-Hans by the culture. Thread-safe (stateless).
/// </summary>
public static class ImportReportWriter
{
    /// <summary>How many lines of each outcome <see cref="ToText(ImportReport, CultureInfo?)"/> lists before it counts the rest on one
    /// line: 1,000.</summary>
    public const int DefaultTextRowsPerOutcome = 1_000;

    /// <summary>The size of an array indexed by <see cref="ImportOutcome"/>.</summary>
    private static readonly int OutcomeCount = Enum.GetValues<ImportOutcome>().Max(o => (int)o) + 1;

    /// <summary>The report as text, at most <see cref="DefaultTextRowsPerOutcome"/> lines per outcome.</summary>
    /// <param name="report">The report.</param>
    /// <param name="culture">The language; default <see cref="CultureInfo.CurrentUICulture"/>.</param>
    /// <returns>The text: see <see cref="ToText(ImportReport, CultureInfo?, int)"/>.</returns>
    public static string ToText(ImportReport report, CultureInfo? culture = null) => ToText(report, culture, DefaultTextRowsPerOutcome);

    /// <summary>The report as text, with a bounded number of row lines per outcome, so that a file of a million rejected rows prints a
    /// few thousand lines, not a million.</summary>
    /// <param name="report">The report.</param>
    /// <param name="culture">The language; null for <see cref="CultureInfo.CurrentUICulture"/>.</param>
    /// <param name="maxRowsPerOutcome">How many lines each outcome (updated, unchanged, merged, held, rejected, skipped) may list, 0 or
    /// more: a run of consecutive blank rows is one line. The rows past it are not listed; one line per such outcome at the end counts
    /// them (<c>… and 999000 more rows rejected, not listed here; see the JSON or .xlsx report</c>). <see cref="int.MaxValue"/> lists every row.</param>
    /// <returns>The text: the totals (always of every row), then one line per row that was not inserted, in file order, except that
    /// consecutive blank rows share one line (<c>file: lines 3–1000001: skipped: blank row (999999 rows)</c>), up to
    /// <paramref name="maxRowsPerOutcome"/> per outcome, then the counts of the rows not listed, then once each note a default gave many
    /// rows (no first-contact date, no contact name) with its row count and lines (<c>note: no first-contact date: set to … (20000 rows:
    /// lines 2–20001)</c>) instead of under each row; the JSON and .xlsx reports keep one entry per row, with every note.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxRowsPerOutcome"/> is negative.</exception>
    public static string ToText(ImportReport report, CultureInfo? culture, int maxRowsPerOutcome)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentOutOfRangeException.ThrowIfNegative(maxRowsPerOutcome);
        culture ??= CultureInfo.CurrentUICulture;
        var text = new StringBuilder();
        text.AppendLine(ImportStrings.Format("Report_Title", culture, ImportStrings.Get("Entity_" + report.Entity, culture), report.File));
        if (report.DryRun)
        {
            text.AppendLine(ImportStrings.Get("Report_DryRun", culture));
        }

        if (report.PreviousRuns.Count > 0)
        {
            var last = report.PreviousRuns[0];
            text.AppendLine(ImportStrings.Format(
                !report.PreviousRunsTakenUp ? "Report_SeenBeforeAppliedAgain" : last.FinishedAt is null ? "Report_SeenBeforeInterrupted" : "Report_SeenBefore",
                culture,
                report.PreviousRuns.Count,
                last.StartedAt.ToString("uuuu-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture),
                last.Id));
        }

        var t = report.Totals;
        // A JSON table has no header line: its columns are the objects' keys.
        text.AppendLine(report.Format is "json" or "jsonl"
            ? ImportStrings.Format("Report_ReadJson", culture, t.RowsRead, report.Batches)
            : ImportStrings.Format("Report_Read", culture, t.RowsRead, report.HeaderLine, report.Batches));
        if (report.Sheet is { } sheet)
        {
            text.AppendLine(ImportStrings.Format("Report_Sheet", culture, sheet));
        }
        (ImportOutcome Outcome, int Count)[] counts =
        [
            (ImportOutcome.Inserted, t.Inserted), (ImportOutcome.Updated, t.Updated), (ImportOutcome.Unchanged, t.Unchanged),
            (ImportOutcome.Merged, t.Merged), (ImportOutcome.Held, t.Held), (ImportOutcome.Rejected, t.Rejected), (ImportOutcome.Skipped, t.Skipped),
        ];
        text.AppendLine(string.Join("  ", counts.Select(c => string.Create(culture, $"{Outcome(c.Outcome, culture)} {c.Count}"))));
        if (report.UnmappedColumns.Count > 0)
        {
            text.AppendLine(ImportStrings.Format("Report_Unmapped", culture, string.Join(", ", report.UnmappedColumns)));
        }

        foreach (var note in Notes(report, culture))
        {
            text.AppendLine(note);
        }

        // Consecutive blank rows (a sheet's unused rows run to a million) share one line; every other row has its own. Blank rows are
        // known by their code, not their text, and a run is written with its first row's text: no resource is looked up per row. Each
        // outcome lists at most maxRowsPerOutcome lines (a run of blank rows is one); the rows past that are counted, not listed.
        var listed = new int[OutcomeCount];
        var omitted = new long[OutcomeCount];
        bool List(ImportOutcome outcome)
        {
            if (listed[(int)outcome] < maxRowsPerOutcome)
            {
                listed[(int)outcome]++;
                return true;
            }

            omitted[(int)outcome]++;
            return false;
        }

        (int First, int Last, string? Reason) blanks = (0, 0, null);
        var repeated = new RepeatedNotes();
        foreach (var row in report.Rows)
        {
            if (!repeated.Add(row) && row.Outcome == ImportOutcome.Inserted && row.Reason is null)
            {
                // An inserted row with no note of its own (a repeated note is said once, below) needs no line.
                continue;
            }

            if (IsBlank(row))
            {
                if (blanks.Reason is not null && row.Line == blanks.Last + 1)
                {
                    blanks.Last = row.Line;
                    continue;
                }

                AppendBlanks(text, report.File, blanks, culture);
                blanks = List(ImportOutcome.Skipped) ? (row.Line, row.Line, row.Reason) : (0, 0, null);
                continue;
            }

            AppendBlanks(text, report.File, blanks, culture);
            blanks = (0, 0, null);
            if (List(row.Outcome))
            {
                AppendRow(text, report.File, row, culture);
            }
        }

        AppendBlanks(text, report.File, blanks, culture);
        foreach (var outcome in Enum.GetValues<ImportOutcome>())
        {
            if (omitted[(int)outcome] > 0)
            {
                var key = (outcome is ImportOutcome.Rejected or ImportOutcome.Held ? "Report_MoreRowsInJsonOrXlsx" : "Report_MoreRowsInJson")
                    + (omitted[(int)outcome] == 1 ? "_One" : string.Empty);
                text.AppendLine(ImportStrings.Format(
                    key,
                    culture,
                    omitted[(int)outcome].ToString(CultureInfo.InvariantCulture),
                    Outcome(outcome, culture)));
            }
        }

        repeated.AppendTo(text, culture);
        return text.ToString();
    }

    /// <summary>
    /// The notes the text report says once for all its rows instead of under each (the same default filled in on many rows: no
    /// first-contact date, no contact name), each with how many rows and which lines got it (as ranges; after
    /// <see cref="MaxRanges"/> ranges the rest are left to the JSON and .xlsx reports, which keep every row's notes).
    /// </summary>
    private sealed class RepeatedNotes
    {
        private const int MaxRanges = 20;
        private readonly Dictionary<ImportRowNote, (int Rows, List<(int First, int Last)> Ranges, bool Cut)> _notes = [];

        /// <summary>Whether a note is one of these (by its code).</summary>
        public static bool Is(ImportRowNote note) =>
            note.Code is Customers.CustomerNotes.FirstContactDefaulted or Customers.CustomerNotes.UnnamedContact;

        /// <summary>Takes a row's repeated notes; returns whether it has a note of its own.</summary>
        public bool Add(ImportRowResult row)
        {
            var own = false;
            foreach (var note in row.Notes ?? [])
            {
                if (!Is(note))
                {
                    own = true;
                    continue;
                }

                if (!_notes.TryGetValue(note, out var seen))
                {
                    seen = (0, [], false);
                }

                seen.Rows++;
                if (seen.Ranges.Count > 0 && seen.Ranges[^1].Last == row.Line - 1)
                {
                    seen.Ranges[^1] = (seen.Ranges[^1].First, row.Line);
                }
                else if (seen.Ranges.Count < MaxRanges)
                {
                    seen.Ranges.Add((row.Line, row.Line));
                }
                else
                {
                    seen.Cut = true;
                }

                _notes[note] = seen;
            }

            return own;
        }

        /// <summary>One line per note: <c>note: no first-contact date: set to … (20000 rows: lines 2–20001)</c>.</summary>
        public void AppendTo(StringBuilder text, CultureInfo culture)
        {
            foreach (var (note, (rows, ranges, cut)) in _notes)
            {
                var lines = string.Join(", ", ranges.Select(r => r.First == r.Last
                    ? r.First.ToString(CultureInfo.InvariantCulture)
                    : string.Create(CultureInfo.InvariantCulture, $"{r.First}–{r.Last}")));
                text.AppendLine(ImportStrings.Format(
                    cut ? "Report_NoteRowsCut" : rows == 1 ? "Report_NoteRows_One" : "Report_NoteRows", culture, NoteText(note, culture), rows.ToString(CultureInfo.InvariantCulture), lines));
            }
        }
    }

    /// <summary>True for a row skipped as blank (code <c>Blank</c>, whatever the language of its text), nothing else said about it.</summary>
    private static bool IsBlank(ImportRowResult row) =>
        row is { Outcome: ImportOutcome.Skipped, CustomerId: null, AssetId: null, TicketId: null, PlanId: null, Column: null, ColumnNumber: 0, Reason: not null }
        && string.Equals(row.ReasonCode, ImportReasons.Blank.Code, StringComparison.Ordinal);

    /// <summary>A run of consecutive blank rows: as any row when it is one, else one line with its first and last line and its count.</summary>
    private static void AppendBlanks(StringBuilder text, string file, (int First, int Last, string? Reason) blanks, CultureInfo culture)
    {
        if (blanks.Reason is null)
        {
            return;
        }

        if (blanks.First == blanks.Last)
        {
            AppendRow(text, file, new ImportRowResult { Line = blanks.First, Outcome = ImportOutcome.Skipped, Reason = blanks.Reason, ReasonCode = ImportReasons.Blank.Code }, culture);
            return;
        }

        text.Append(file).Append(": ").AppendLine(ImportStrings.Format("Report_LineRange", culture,
            blanks.First.ToString(CultureInfo.InvariantCulture), blanks.Last.ToString(CultureInfo.InvariantCulture), Outcome(ImportOutcome.Skipped, culture),
            blanks.Reason, (blanks.Last - blanks.First + 1).ToString(CultureInfo.InvariantCulture)));
    }

    private static void AppendRow(StringBuilder text, string file, ImportRowResult row, CultureInfo culture)
    {
        text.Append(file).Append(':').Append(row.Line.ToString(CultureInfo.InvariantCulture));
        if (row.ColumnNumber > 0)
        {
            text.Append(':').Append(row.ColumnNumber.ToString(CultureInfo.InvariantCulture));
        }

        text.Append(": ").Append(Outcome(row.Outcome, culture));
        if (row.CustomerId is not null && row.Outcome is not (ImportOutcome.Merged or ImportOutcome.Held))
        {
            text.Append(' ').Append(row.CustomerId);
        }

        if (row.AssetId is not null)
        {
            text.Append(' ').Append(ImportStrings.Format("Report_Asset", culture, row.AssetId));
        }

        if (row.Column is not null)
        {
            text.Append(" [").Append(row.Column).Append(']');
        }

        if (row.Reason is not null)
        {
            text.Append(": ").Append(row.Reason);
        }

        // The ticket a ticket or survey row is about, or the plan entry a plan row is, goes last, so the line still reads "file:line:col: outcome [column]: reason".
        if (row.TicketId is not null)
        {
            text.Append(' ').Append(ImportStrings.Format("Report_Ticket", culture, row.TicketId));
        }

        if (row.PlanId is not null)
        {
            text.Append(' ').Append(ImportStrings.Format("Report_Plan", culture, row.PlanId));
        }

        text.AppendLine();
        foreach (var note in row.Notes ?? [])
        {
            if (!RepeatedNotes.Is(note))
            {
                text.Append("    ").AppendLine(NoteText(note, culture));
            }
        }
    }

    /// <summary>A row note on one line: <c>note [手机]: …</c>.</summary>
    private static string NoteText(ImportRowNote note, CultureInfo? culture) => note.Column is null
        ? ImportStrings.Format("Report_Note", culture, note.Text)
        : ImportStrings.Format("Report_NoteOnColumn", culture, note.Column, note.Text);

    /// <summary>The display name of an outcome.</summary>
    /// <param name="outcome">The outcome.</param>
    /// <param name="culture">The language; default <see cref="CultureInfo.CurrentUICulture"/>.</param>
    /// <returns>For example <c>rejected</c> or <c>拒绝</c>.</returns>
    public static string Outcome(ImportOutcome outcome, CultureInfo? culture = null) => ImportStrings.Get("Outcome_" + outcome, culture);

    /// <summary>Writes the report as JSON (UTF-8, indented): file, format, encoding, header line, mapped and unmapped columns, totals and one object per row.</summary>
    /// <param name="report">The report.</param>
    /// <param name="destination">The stream to write to; left open.</param>
    public static void WriteJson(ImportReport report, Stream destination)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(destination);
        using var json = new Utf8JsonWriter(destination, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        json.WriteStartObject();
        json.WriteString("file", report.File);
        json.WriteString("entity", report.Entity);
        json.WriteString("format", report.Format);
        json.WriteString("encoding", report.Encoding);
        json.WriteBoolean("dryRun", report.DryRun);
        json.WriteNumber("headerLine", report.HeaderLine);
        if (report.Sheet is null)
        {
            json.WriteNull("sheet");
        }
        else
        {
            json.WriteString("sheet", report.Sheet);
        }

        json.WriteStartArray("otherSheets");
        foreach (var other in report.OtherSheets)
        {
            json.WriteStringValue(other);
        }

        json.WriteEndArray();
        json.WriteNumber("batches", report.Batches);
        json.WriteStartObject("mappedColumns");
        foreach (var (header, field) in report.MappedColumns)
        {
            json.WriteString(header, field);
        }

        json.WriteEndObject();
        json.WriteStartArray("unmappedColumns");
        foreach (var header in report.UnmappedColumns)
        {
            json.WriteStringValue(header);
        }

        json.WriteEndArray();
        json.WriteStartArray("sharedFields");
        foreach (var shared in report.SharedFields)
        {
            json.WriteStartObject();
            json.WriteString("field", shared.Field);
            json.WriteStartArray("columns");
            for (var i = 0; i < shared.Columns.Count; i++)
            {
                json.WriteStartObject();
                json.WriteNumber("column", shared.Columns[i]);
                json.WriteString("header", shared.Headers[i]);
                json.WriteNumber("order", i + 1);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteNumber("incompleteNameSearches", report.IncompleteNameSearches);
        json.WriteNumber("incompleteKeyLookups", report.IncompleteKeyLookups);
        var t = report.Totals;
        json.WriteStartObject("totals");
        json.WriteNumber("rowsRead", t.RowsRead);
        json.WriteNumber("inserted", t.Inserted);
        json.WriteNumber("updated", t.Updated);
        json.WriteNumber("unchanged", t.Unchanged);
        json.WriteNumber("merged", t.Merged);
        json.WriteNumber("held", t.Held);
        json.WriteNumber("rejected", t.Rejected);
        json.WriteNumber("skipped", t.Skipped);
        json.WriteEndObject();
        json.WriteStartArray("rows");
        foreach (var row in report.Rows)
        {
            json.WriteStartObject();
            json.WriteNumber("line", row.Line);
            json.WriteString("outcome", JsonNamingPolicy.CamelCase.ConvertName(row.Outcome.ToString()));
            WriteOptional(json, "customerId", row.CustomerId);
            WriteOptional(json, "assetId", row.AssetId);
            WriteOptional(json, "ticketId", row.TicketId);
            WriteOptional(json, "planId", row.PlanId);
            WriteOptional(json, "column", row.Column);
            if (row.ColumnNumber > 0)
            {
                json.WriteNumber("columnNumber", row.ColumnNumber);
            }

            WriteOptional(json, "reason", row.Reason);
            WriteOptional(json, "reasonCode", row.ReasonCode);
            WriteOptional(json, "matchedBy", row.MatchedBy);
            WriteOptional(json, "matchedSource", row.MatchedSource);
            if (row.MatchScore is { } score)
            {
                json.WriteNumber("matchScore", Math.Round(score, 4));
            }

            if (row.Notes is { Count: > 0 } notes)
            {
                json.WriteStartArray("notes");
                foreach (var note in notes)
                {
                    json.WriteStartObject();
                    WriteOptional(json, "column", note.Column);
                    if (note.ColumnNumber > 0)
                    {
                        json.WriteNumber("columnNumber", note.ColumnNumber);
                    }

                    json.WriteString("code", note.Code);
                    json.WriteString("text", note.Text);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>Writes the rejected and held rows as an .xlsx to fix and import again: line, problem, reason code, then the original
    /// columns (the built-in mappings ignore the first three, in either language). What the
    /// reader must know about the run as a whole (similar-name searches cut at their bound, a dry run's key lookups past its key table's
    /// bound) goes on a second sheet, so the first sheet
    /// still imports as it is.</summary>
    /// <param name="report">The report.</param>
    /// <param name="destination">The stream to write to; left open.</param>
    /// <param name="culture">The language of the line, problem and reason-code headers; default <see cref="CultureInfo.CurrentUICulture"/>.</param>
    public static void WriteXlsx(ImportReport report, Stream destination, CultureInfo? culture = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(destination);
        var headers = new List<string>
        {
            ImportStrings.Get("Report_LineHeader", culture), ImportStrings.Get("Report_ProblemHeader", culture), ImportStrings.Get("Report_ReasonCodeHeader", culture),
        };
        var own = headers.Count;
        var seen = new HashSet<string>(headers, StringComparer.Ordinal);
        foreach (var header in report.Headers)
        {
            var unique = header.Length == 0 ? "-" : header;
            for (var n = 2; !seen.Add(unique); n++)
            {
                unique = string.Create(CultureInfo.InvariantCulture, $"{header} ({n})");
            }

            headers.Add(unique);
        }

        IEnumerable<IDictionary<string, object?>> Rows()
        {
            foreach (var row in report.Rows.Where(r => r.Outcome is ImportOutcome.Rejected or ImportOutcome.Held))
            {
                var cells = new Dictionary<string, object?>(StringComparer.Ordinal)
                {
                    [headers[0]] = row.Line,
                    [headers[1]] = CellGuard.Neutralise(row.Reason),
                    [headers[2]] = CellGuard.Neutralise(row.ReasonCode),
                };
                for (var i = own; i < headers.Count; i++)
                {
                    cells[headers[i]] = CellGuard.Neutralise(row.Cells is { } c && i - own < c.Count ? c[i - own] : null);
                }

                yield return cells;
            }
        }

        var notes = Notes(report, culture).Concat(RowNotes(report, culture)).ToList();
        if (notes.Count == 0)
        {
            destination.SaveAs(Rows(), printHeader: true, excelType: ExcelType.XLSX);
            return;
        }

        var noteHeader = ImportStrings.Get("Report_NotesSheet", culture);
        var sheets = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            [ImportStrings.Get("Report_RowsSheet", culture)] = Rows(),
            [noteHeader] = notes.Select(n => new Dictionary<string, object?>(StringComparer.Ordinal) { [noteHeader] = CellGuard.Neutralise(n) }),
        };
        destination.SaveAs(sheets, printHeader: true, excelType: ExcelType.XLSX);
    }

    /// <summary>What the reader must know about the run as a whole, in the culture's language.</summary>
    private static IEnumerable<string> Notes(ImportReport report, CultureInfo? culture)
    {
        foreach (var shared in report.SharedFields)
        {
            var columns = shared.Columns.Select((c, i) => ImportStrings.Format("Report_Column", culture, c, shared.Headers[i])).ToList();
            yield return ImportStrings.Format("Report_SharedFieldFirstFilled", culture, string.Join(ImportStrings.Get("List_Separator", culture), columns), shared.FieldName(culture));
        }

        if (report.OtherSheets.Count > 0)
        {
            yield return ImportStrings.Format("Report_OtherSheets", culture, report.Sheet, string.Join(", ", report.OtherSheets));
        }

        if (report.IncompleteNameSearches > 0)
        {
            yield return ImportStrings.Format("Similar_names_incomplete", culture, report.IncompleteNameSearches, CrmCore.Desk.SimilarNames.MaxCandidates);
        }

        if (report.IncompleteKeyLookups > 0)
        {
            yield return ImportStrings.Format("Key_lookups_incomplete", culture, report.IncompleteKeyLookups, Customers.DryRunCustomerRepository.MaxKeyCustomers);
        }
    }

    /// <summary>The rows' notes for the .xlsx report's notes sheet, one line each: <c>line 3 [手机]: …</c>.</summary>
    private static IEnumerable<string> RowNotes(ImportReport report, CultureInfo? culture)
    {
        foreach (var row in report.Rows)
        {
            foreach (var note in row.Notes ?? [])
            {
                yield return ImportStrings.Format("Report_NoteOfLine", culture, row.Line, NoteText(note, culture));
            }
        }
    }

    private static void WriteOptional(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }
}
