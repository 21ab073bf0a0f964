using System.Globalization;
using System.Text.Json;
using CrmCore.Cli.Output;
using NodaTime;
using NodaTime.Text;

namespace CrmCore.Cli.Input;

/// <summary>
/// Writes rows back in the input formats, so that the output of <c>crm tag</c> is itself a valid input file.
/// Reading what was written gives the same rows.
/// </summary>
internal static class RowWriter
{
    /// <summary>Writes all rows in a format.</summary>
    public static void Write<TRow>(TextWriter output, InputFormat format, RowSchema<TRow> schema, IEnumerable<TRow> rows)
    {
        switch (format)
        {
            case InputFormat.Csv:
                output.Write(string.Join(',', schema.Fields.Select(f => f.Name)));
                output.Write('\n');
                foreach (var row in rows)
                {
                    output.Write(string.Join(',', schema.Decompose(row).Select(v => ResultWriter.CsvField(CsvCells.Guard(Text(v))))));
                    output.Write('\n');
                }

                break;
            case InputFormat.Json:
                output.Write('[');
                var first = true;
                foreach (var row in rows)
                {
                    output.Write(first ? "\n  " : ",\n  ");
                    output.Write(JsonObject(schema, row));
                    first = false;
                }

                output.Write(first ? "]\n" : "\n]\n");
                break;
            case InputFormat.JsonLines:
                foreach (var row in rows)
                {
                    output.Write(JsonObject(schema, row));
                    output.Write('\n');
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown input format.");
        }
    }

    /// <summary>Formats one value as the readers expect it in CSV.</summary>
    public static string Text(object? value) => value switch
    {
        null => string.Empty,
        string s => s,
        bool b => b ? "true" : "false",
        LocalDate d => LocalDatePattern.Iso.Format(d),
        Instant i => InstantPattern.ExtendedIso.Format(i),
        IEnumerable<string> list => string.Join(';', list),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    private static string JsonObject<TRow>(RowSchema<TRow> schema, TRow row)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = ResultWriter.JsonOptions.Encoder }))
        {
            json.WriteStartObject();
            var values = schema.Decompose(row);
            for (var i = 0; i < values.Length; i++)
            {
                var value = values[i];
                if (value is null || value is IReadOnlyCollection<string> { Count: 0 })
                {
                    continue;
                }

                json.WritePropertyName(schema.Fields[i].Name);
                switch (value)
                {
                    case bool or int or decimal or IEnumerable<string>:
                        ResultWriter.WriteJsonValue(json, value);
                        break;
                    default:
                        json.WriteStringValue(Text(value));
                        break;
                }
            }

            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
