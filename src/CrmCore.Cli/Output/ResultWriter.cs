using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using CrmCore.Cli.Hosting;
using Spectre.Console;

namespace CrmCore.Cli.Output;

/// <summary>Prints a <see cref="ResultTable"/> in the chosen <see cref="OutputFormat"/>.</summary>
internal static class ResultWriter
{
    /// <summary>Gets JSON options that keep Chinese text readable and indent output.</summary>
    public static JsonWriterOptions JsonOptions { get; } = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Writes the table to the context's standard output.</summary>
    public static void Write(CliContext context, ResultTable table, OutputFormat format)
    {
        switch (format)
        {
            case OutputFormat.Table:
                WriteTable(context, table);
                break;
            case OutputFormat.Json:
                context.Out.WriteLine(ToJson(table));
                break;
            case OutputFormat.Csv:
                WriteCsv(context.Out, table);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown output format.");
        }
    }

    /// <summary>
    /// Writes several tables: one titled table each (empty ones left out), one JSON object with an array per section,
    /// or one CSV whose first column names the section and whose header is the union of all columns.
    /// </summary>
    public static void WriteSections(CliContext context, IReadOnlyList<ResultSection> sections, OutputFormat format)
    {
        switch (format)
        {
            case OutputFormat.Table:
                foreach (var section in sections.Where(s => s.Table.Rows.Count > 0))
                {
                    context.Ansi.Write(new Rule(Markup.Escape(context.T(section.Title))).LeftJustified());
                    WriteTable(context, section.Table);
                }

                break;
            case OutputFormat.Json:
                context.Out.WriteLine(SectionsToJson(sections));
                break;
            case OutputFormat.Csv:
                var keys = sections.SelectMany(s => s.Table.Columns.Select(c => c.Key)).Distinct(StringComparer.Ordinal).ToList();
                context.Out.WriteLine("section," + string.Join(',', keys.Select(CsvField)));
                foreach (var section in sections)
                {
                    var positions = keys.Select(k => section.Table.Columns.ToList().FindIndex(c => c.Key == k)).ToArray();
                    foreach (var row in section.Table.Rows)
                    {
                        var cells = positions.Select(i => i < 0 ? string.Empty : CsvField(CsvCells.Guard(CellText(row[i], ";"))));
                        context.Out.WriteLine(CsvField(section.Key) + "," + string.Join(',', cells));
                    }
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown output format.");
        }
    }

    /// <summary>Renders sections as one JSON object with an array of row objects per section.</summary>
    public static string SectionsToJson(IReadOnlyList<ResultSection> sections)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, JsonOptions))
        {
            json.WriteStartObject();
            foreach (var section in sections)
            {
                json.WritePropertyName(section.Key);
                WriteRows(json, section.Table);
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Renders the rows as an indented JSON array of objects.</summary>
    public static string ToJson(ResultTable table)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, JsonOptions))
        {
            WriteRows(json, table);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteRows(Utf8JsonWriter json, ResultTable table)
    {
        json.WriteStartArray();
        foreach (var row in table.Rows)
        {
            json.WriteStartObject();
            for (var c = 0; c < table.Columns.Count; c++)
            {
                json.WritePropertyName(table.Columns[c].Key);
                WriteJsonValue(json, row[c]);
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    /// <summary>Writes one cell value as JSON.</summary>
    public static void WriteJsonValue(Utf8JsonWriter json, object? value)
    {
        switch (value)
        {
            case null:
                json.WriteNullValue();
                break;
            case string s:
                json.WriteStringValue(s);
                break;
            case bool b:
                json.WriteBooleanValue(b);
                break;
            case int i:
                json.WriteNumberValue(i);
                break;
            case long l:
                json.WriteNumberValue(l);
                break;
            case decimal d:
                json.WriteNumberValue(d);
                break;
            case double d:
                json.WriteNumberValue(d);
                break;
            case IEnumerable<string> list:
                json.WriteStartArray();
                foreach (var item in list)
                {
                    json.WriteStringValue(item);
                }

                json.WriteEndArray();
                break;
            default:
                json.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
        }
    }

    /// <summary>Formats a cell as plain text (lists joined by <paramref name="separator"/>).</summary>
    public static string CellText(object? value, string separator) => value switch
    {
        null => string.Empty,
        string s => s,
        bool b => b ? "true" : "false",
        IEnumerable<string> list => string.Join(separator, list),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    /// <summary>Quotes a CSV field when it contains a comma, quote or line break.</summary>
    public static string CsvField(string text) =>
        text.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;

    private static void WriteCsv(TextWriter output, ResultTable table)
    {
        output.WriteLine(string.Join(',', table.Columns.Select(c => CsvField(c.Key))));
        foreach (var row in table.Rows)
        {
            output.WriteLine(string.Join(',', row.Select(v => CsvField(CsvCells.Guard(CellText(v, ";"))))));
        }
    }

    private static void WriteTable(CliContext context, ResultTable table)
    {
        var grid = new Table().Border(TableBorder.Rounded);
        foreach (var column in table.Columns)
        {
            grid.AddColumn(new TableColumn(Markup.Escape(context.T(column.Heading))));
        }

        foreach (var row in table.Rows)
        {
            grid.AddRow(row.Select(v => (Spectre.Console.Rendering.IRenderable)new Text(TerminalText.Escape(CellText(v, ", ")))).ToArray());
        }

        context.Ansi.Write(grid);
    }
}
