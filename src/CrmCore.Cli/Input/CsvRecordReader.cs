using System.Text;

namespace CrmCore.Cli.Input;

/// <summary>One CSV record: the physical line it starts on, its fields, or why it is malformed.</summary>
/// <param name="Line">The 1-based line the record starts on.</param>
/// <param name="Fields">The fields (empty when malformed).</param>
/// <param name="Error">Why the record is malformed, or null.</param>
internal sealed record CsvRecord(int Line, IReadOnlyList<string> Fields, string? Error);

/// <summary>
/// Splits RFC 4180 CSV text into records without a length limit and without ever stopping early: a malformed record (a quote
/// inside an unquoted field such as <c>24"</c>, text after a closing quote, a quote never closed) is returned with its error and
/// its real line, and reading resumes on the next line, so every later record keeps its own line number. Linear in the text.
/// </summary>
internal static class CsvRecordReader
{
    /// <summary>Reads all records of a text.</summary>
    public static IEnumerable<CsvRecord> Read(string text)
    {
        var position = 0;
        var line = 1;
        while (position < text.Length)
        {
            var start = position;
            var startLine = line;
            var fields = new List<string>();
            var field = new StringBuilder();
            string? error = null;
            var quoted = false;
            var afterQuote = false;
            var fieldStart = true;
            var ended = false;
            while (position < text.Length && !ended)
            {
                var c = text[position++];
                if (quoted)
                {
                    if (c == '"')
                    {
                        if (position < text.Length && text[position] == '"')
                        {
                            field.Append('"');
                            position++;
                        }
                        else
                        {
                            quoted = false;
                            afterQuote = true;
                        }
                    }
                    else
                    {
                        line += c == '\n' ? 1 : 0;
                        field.Append(c);
                    }

                    continue;
                }

                switch (c)
                {
                    case ',':
                        fields.Add(field.ToString());
                        field.Clear();
                        fieldStart = true;
                        afterQuote = false;
                        break;
                    case '\n' or '\r':
                        if (c == '\r' && position < text.Length && text[position] == '\n')
                        {
                            position++;
                        }

                        line++;
                        ended = true;
                        break;
                    case '"' when fieldStart:
                        quoted = true;
                        fieldStart = false;
                        break;
                    default:
                        if (afterQuote)
                        {
                            error = "text after the closing quote of a field (a quote inside a field must be doubled: \"\")";
                        }
                        else if (c == '"')
                        {
                            error = "a quote inside an unquoted field (quote the whole field and double the quote: \"24\"\"\")";
                        }

                        field.Append(c);
                        fieldStart = false;
                        break;
                }

                if (error is not null)
                {
                    // Resume on the next line. When the record already ran over several lines (a quote opened by mistake),
                    // resume on the line after its first one, so the rows it swallowed are read as rows again.
                    (position, line) = line > startLine ? SkipLine(text, start, startLine) : SkipLine(text, position, line);
                    ended = true;
                }
            }

            if (error is null && quoted)
            {
                // Never closed: the rest of the file would be one field. Report it and go on after the record's first line.
                error = "a quoted field is not closed";
                (position, line) = SkipLine(text, start, startLine);
            }

            if (error is not null)
            {
                yield return new CsvRecord(startLine, [], error);
                continue;
            }

            fields.Add(field.ToString());
            yield return new CsvRecord(startLine, fields, null);
        }
    }

    private static (int Position, int Line) SkipLine(string text, int position, int line)
    {
        var next = text.IndexOf('\n', position);
        return next < 0 ? (text.Length, line) : (next + 1, line + 1);
    }
}
