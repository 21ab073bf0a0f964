using System.Globalization;
using System.Text;
using System.Text.Json;
using CrmCore.Cli.Localization;
using CrmCore.Decoding;

namespace CrmCore.Cli.Input;

/// <summary>
/// Reads customers, tickets or surveys from CSV, a JSON array or JSON Lines. Every rejected row is reported with its
/// line and reason; nothing is dropped silently. In strict mode reading stops at the first problem.
/// </summary>
internal static class RowReader
{
    /// <summary>Chooses the format from a file extension, or returns <see langword="null"/> when it cannot tell.</summary>
    public static InputFormat? FormatFromExtension(string path) => Path.GetExtension(path).ToUpperInvariant() switch
    {
        ".CSV" => InputFormat.Csv,
        ".JSON" => InputFormat.Json,
        ".JSONL" or ".NDJSON" => InputFormat.JsonLines,
        _ => null,
    };

    /// <summary>Reads all rows of a text in the given format.</summary>
    /// <param name="path">The file name used in problems.</param>
    /// <param name="text">The file content.</param>
    /// <param name="format">The format.</param>
    /// <param name="schema">The row description.</param>
    /// <param name="strict">Stop at the first problem.</param>
    public static RowReadResult<TRow> Read<TRow>(string path, string text, InputFormat format, RowSchema<TRow> schema, bool strict)
    {
        var sink = new Sink<TRow>(path, schema, strict);
        switch (format)
        {
            case InputFormat.Csv:
                if (string.IsNullOrWhiteSpace(text))
                {
                    ReportMissingColumns(sink, []);
                    break;
                }

                ReadCsv(text, sink);
                break;
            case InputFormat.Json:
                ReadJsonArray(text, sink);
                break;
            case InputFormat.JsonLines:
                ReadJsonLines(text, sink);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown input format.");
        }

        return sink.ToResult();
    }

    private static void ReadCsv<TRow>(string text, Sink<TRow> sink)
    {
        using var records = CsvRecordReader.Read(text).GetEnumerator();
        CsvRecord? headerRecord = null;
        while (records.MoveNext())
        {
            if (records.Current.Error is { } headerError)
            {
                if (!sink.Report(records.Current.Line, null, RowProblemKind.Malformed, null, null, new Detail(Messages.Verbatim, headerError)))
                {
                    return;
                }

                continue;
            }

            headerRecord = records.Current;
            break;
        }

        var header = headerRecord?.Fields ?? [];
        var columns = new FieldSpec?[header.Count];
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var c = 0; c < header.Count; c++)
        {
            var name = header[c];
            columns[c] = sink.Schema.Find(name);
            if (columns[c] is null)
            {
                if (!sink.Report(1, null, RowProblemKind.UnknownColumn, name, null, null))
                {
                    return;
                }
            }
            else if (!seen.Add(columns[c]!.Name))
            {
                columns[c] = null;
                if (!sink.Report(1, null, RowProblemKind.DuplicateColumn, name, null, null))
                {
                    return;
                }
            }
        }

        if (ReportMissingColumns(sink, seen))
        {
            return;
        }

        while (records.MoveNext())
        {
            var record = records.Current;
            if (record.Error is { } error)
            {
                // The row is rejected; reading goes on with the next line.
                var bad = sink.BeginRow(record.Line);
                bad.Fail(null, RowProblemKind.Malformed, null, null, new Detail(Messages.Verbatim, error));
                if (!sink.EndRow(bad))
                {
                    return;
                }

                continue;
            }

            if (record.Fields.Count == 1 && string.IsNullOrWhiteSpace(record.Fields[0]) && columns.Length > 1)
            {
                continue; // a blank line
            }

            var row = sink.BeginRow(record.Line);
            if (record.Fields.Count != columns.Length)
            {
                row.Fail(null, RowProblemKind.Malformed, null, null, new Detail(Messages.FieldCountMismatch, columns.Length.ToString(CultureInfo.InvariantCulture), record.Fields.Count.ToString(CultureInfo.InvariantCulture)));
            }
            else
            {
                for (var c = 0; c < columns.Length; c++)
                {
                    if (columns[c] is { } field)
                    {
                        row.Text(field, Output.CsvCells.Unguard(record.Fields[c]), null);
                    }
                }
            }

            if (!sink.EndRow(row))
            {
                return;
            }
        }
    }

    /// <summary>
    /// Reports required columns absent from a CSV header once, on line 1 (no row of such a file can be valid);
    /// returns <see langword="true"/> when any is missing.
    /// </summary>
    private static bool ReportMissingColumns<TRow>(Sink<TRow> sink, HashSet<string> present)
    {
        var missing = sink.Schema.Fields.Where(f => f.Required && !present.Contains(f.Name)).ToList();
        foreach (var field in missing)
        {
            sink.Report(1, null, RowProblemKind.MissingRequired, field.Name, null, null, fatal: true);
        }

        return missing.Count > 0;
    }

    private static void ReadJsonArray<TRow>(string text, Sink<TRow> sink)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var lines = new LineIndex(bytes);
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
            {
                var (l, c) = lines.Position(reader.TokenStartIndex);
                sink.Report(l, c, RowProblemKind.Malformed, null, null, new Detail(Messages.ExpectedArray), fatal: true);
                return;
            }

            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (!ReadJsonObject(ref reader, lines, 0, sink))
                {
                    return;
                }
            }

            // Anything but whitespace and comments after the closing ] is an error (the reader throws for it).
            if (reader.TokenType == JsonTokenType.EndArray && reader.Read())
            {
                var (l, c) = lines.Position(reader.TokenStartIndex);
                sink.Report(l, c, RowProblemKind.Malformed, null, null, new Detail(Messages.Verbatim, "text after the closing ]"), fatal: true);
            }
        }
        catch (JsonException ex)
        {
            var (l, c) = lines.PositionOf(ex);
            sink.Report(l, c, RowProblemKind.Malformed, null, null, new Detail(Messages.Verbatim, JsonErrorDetail(ex)), fatal: true);
        }
    }

    private static void ReadJsonLines<TRow>(string text, Sink<TRow> sink)
    {
        var lineNumber = 0;
        foreach (var rawLine in text.Split('\n'))
        {
            lineNumber++;
            var line = rawLine.TrimEnd('\r');
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var bytes = Encoding.UTF8.GetBytes(line);
            var lines = new LineIndex(bytes);
            var reader = new Utf8JsonReader(bytes);
            try
            {
                reader.Read();
                if (!ReadJsonObject(ref reader, lines, lineNumber - 1, sink))
                {
                    return;
                }

                if (reader.Read())
                {
                    if (!sink.Report(lineNumber, lines.Position(reader.TokenStartIndex).Column, RowProblemKind.Malformed, null, null, new Detail(Messages.OneObjectPerLine)))
                    {
                        return;
                    }
                }
            }
            catch (JsonException ex)
            {
                // The line's row is lost: it counts as rejected.
                var column = lines.PositionOf(ex).Column;
                if (!sink.Report(lineNumber, column, RowProblemKind.Malformed, null, null, new Detail(Messages.Verbatim, JsonErrorDetail(ex)), rejectsRow: true))
                {
                    return;
                }
            }
        }
    }

    /// <summary>Reads one object whose start token is current; returns <see langword="false"/> when reading must stop.</summary>
    private static bool ReadJsonObject<TRow>(ref Utf8JsonReader reader, LineIndex lines, int lineOffset, Sink<TRow> sink)
    {
        var (startLine, startCol) = lines.Position(reader.TokenStartIndex);
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            var ok = sink.Report(startLine + lineOffset, startCol, RowProblemKind.Malformed, null, null, new Detail(Messages.ExpectedObject));
            reader.Skip();
            return ok;
        }

        var row = sink.BeginRow(startLine + lineOffset);
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var (l, c) = lines.Position(reader.TokenStartIndex);
            var name = reader.GetString()!;
            var pos = (l + lineOffset, c);
            reader.Read();
            if (!names.Add(name))
            {
                // Which value is meant is unclear: the row is rejected rather than the last value silently winning.
                row.Fail(pos, RowProblemKind.DuplicateColumn, name, null);
                reader.Skip();
                continue;
            }

            var field = sink.Schema.Find(name);
            if (field is null)
            {
                row.Fail(pos, RowProblemKind.UnknownColumn, name, null, rejectsRow: false);
                reader.Skip();
                continue;
            }

            switch (reader.TokenType)
            {
                case JsonTokenType.Null:
                    row.Text(field, null, pos);
                    break;
                case JsonTokenType.String:
                    row.Text(field, reader.GetString(), pos);
                    break;
                case JsonTokenType.Number:
                    var number = Encoding.UTF8.GetString(reader.ValueSpan);
                    if (field.Kind is FieldKind.Integer or FieldKind.Decimal)
                    {
                        row.Text(field, number, pos);
                    }
                    else
                    {
                        row.Fail(pos, RowProblemKind.BadValue, field.Name, number, new Detail(Messages.ExpectedString, "number"));
                    }

                    break;
                case JsonTokenType.True or JsonTokenType.False:
                    var flag = reader.TokenType == JsonTokenType.True ? "true" : "false";
                    if (field.Kind == FieldKind.Boolean)
                    {
                        row.Text(field, flag, pos);
                    }
                    else
                    {
                        row.Fail(pos, RowProblemKind.BadValue, field.Name, flag, new Detail(Messages.ExpectedString, "boolean"));
                    }

                    break;
                case JsonTokenType.StartArray when field.Kind == FieldKind.TextList:
                    var items = new List<string>();
                    var allStrings = true;
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    {
                        if (reader.TokenType == JsonTokenType.String)
                        {
                            items.Add(reader.GetString()!);
                        }
                        else
                        {
                            allStrings = false;
                            reader.Skip();
                        }
                    }

                    if (allStrings)
                    {
                        row.List(field, items);
                    }
                    else
                    {
                        row.Fail(pos, RowProblemKind.BadValue, field.Name, null, new Detail(Messages.ExpectedStringArray));
                    }

                    break;
                default:
                    row.Fail(pos, RowProblemKind.BadValue, field.Name, null, new Detail(field.Kind == FieldKind.TextList ? Messages.ExpectedStringArray : Messages.ExpectedSingleValue));
                    reader.Skip();
                    break;
            }
        }

        return sink.EndRow(row);
    }

    private static string JsonErrorDetail(JsonException ex)
    {
        // The System.Text.Json message repeats the position in its own words; keep only the first sentence.
        var message = ex.Message;
        foreach (var marker in (ReadOnlySpan<string>)[" Path:", " LineNumber:"])
        {
            var cut = message.IndexOf(marker, StringComparison.Ordinal);
            if (cut > 0)
            {
                message = message[..cut];
            }
        }

        return message.Trim();
    }

    /// <summary>Collects rows and problems and decides when to stop.</summary>
    private sealed class Sink<TRow>(string path, RowSchema<TRow> schema, bool strict)
    {
        private readonly List<SourceRow<TRow>> _rows = [];
        private readonly List<RowProblem> _problems = [];
        private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
        private int _rejected;
        private bool _stopped;

        public RowSchema<TRow> Schema => schema;

        public RowBuilder BeginRow(int line) => new(path, line);

        /// <summary>Reports a file-level problem; returns <see langword="false"/> when reading must stop.</summary>
        public bool Report(int line, int? column, RowProblemKind kind, string? field, string? value, Detail? detail, bool fatal = false, bool rejectsRow = false)
        {
            _problems.Add(new RowProblem(path, line, column, kind, field, value, detail));
            _rejected += rejectsRow ? 1 : 0;
            if (strict || fatal)
            {
                _stopped = true;
                return false;
            }

            return true;
        }

        /// <summary>Finishes a row; returns <see langword="false"/> when reading must stop.</summary>
        public bool EndRow(RowBuilder row)
        {
            foreach (var field in schema.Fields)
            {
                if (field.Required && !row.Values.Has(field.Name) && !row.HasProblemFor(field.Name) && !row.IsMalformed)
                {
                    row.Fail(null, RowProblemKind.MissingRequired, field.Name, null, null);
                }
            }

            // Instants that cannot precede another of the same row (a ticket resolved before it was raised): one rule, in the schema, so
            // that every command that reads the file (data check, report, rules test) rejects the same rows. Shown as written, offset included.
            foreach (var field in schema.Fields)
            {
                if (field.NotBefore is { } earlierName && row.Values.Instant(field.Name) is { } at && row.Values.Instant(earlierName) is { } earlier && at < earlier)
                {
                    row.Fail(
                        null,
                        RowProblemKind.OutOfOrder,
                        field.Name,
                        row.Values.Written(field.Name),
                        new Detail(Messages.OutOfOrderOther, earlierName, row.Values.Written(earlierName) ?? string.Empty));
                }
            }

            if (!row.Rejected && schema.Find("Id") is { } idField && row.Values.Text(idField.Name) is { } id)
            {
                if (_ids.TryGetValue(id, out var first))
                {
                    row.Fail(null, RowProblemKind.DuplicateId, idField.Name, id, new Detail(Messages.DuplicateId, id, first.ToString(CultureInfo.InvariantCulture)));
                }
                else
                {
                    _ids.Add(id, row.Line);
                }
            }

            _problems.AddRange(row.Problems);
            if (row.Rejected)
            {
                _rejected++;
            }
            else
            {
                _rows.Add(new SourceRow<TRow>(row.Line, schema.Create(row.Values)));
            }

            if (strict && row.Problems.Count > 0)
            {
                _stopped = true;
                return false;
            }

            return true;
        }

        public RowReadResult<TRow> ToResult() =>
            new(_rows, strict ? _problems.Take(1).ToArray() : _problems, _rejected, _stopped);
    }

    /// <summary>Accumulates the values and problems of one row.</summary>
    private sealed class RowBuilder(string path, int line)
    {
        public int Line => line;

        public RowValues Values { get; } = new();

        public List<RowProblem> Problems { get; } = [];

        public bool Rejected { get; private set; }

        public bool IsMalformed => Problems.Exists(p => p.Kind == RowProblemKind.Malformed);

        public bool HasProblemFor(string field) => Problems.Exists(p => string.Equals(p.Field, field, StringComparison.OrdinalIgnoreCase));

        public void Text(FieldSpec field, string? text, (int Line, int Column)? position)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                return;
            }

            var outcome = FieldParser.Parse(field, text);
            if (outcome.Problem is { } kind)
            {
                Fail(position, kind, field.Name, text, outcome.Detail);
            }
            else
            {
                Values.Set(field.Name, outcome.Value!);
                if (field.Kind is FieldKind.Instant or FieldKind.DateOrInstant)
                {
                    // Kept so that a file written back (crm tag) shows the instant as it was written, offset included.
                    Values.SetWritten(field.Name, text.Trim());
                }
            }
        }

        public void List(FieldSpec field, IReadOnlyList<string> items)
        {
            var cleaned = items.Select(i => i.Trim()).Where(i => i.Length > 0).Distinct(StringComparer.Ordinal).ToArray();
            if (cleaned.Length > 0)
            {
                Values.Set(field.Name, cleaned);
            }
        }

        public void Fail((int Line, int Column)? position, RowProblemKind kind, string? field, string? value, Detail? detail = null, bool rejectsRow = true)
        {
            Problems.Add(new RowProblem(path, position?.Line ?? line, position?.Column, kind, field, value, detail));
            Rejected |= rejectsRow;
        }
    }
}
