using System.Globalization;
using System.Text;
using System.Text.Json;
using CrmCore.Decoding;
using NodaTime;
using NodaTime.Text;

namespace CrmCore.Calendars;

/// <summary>Small readers of JSON members that collect problems with their paths instead of throwing (shared by the configuration loaders).</summary>
internal static class JsonFields
{
    public static IEnumerable<(JsonElement Item, string Path)> Items(JsonElement root, string member, string parentPath, List<LoadProblem> problems)
    {
        if (!root.TryGetProperty(member, out var array))
        {
            yield break;
        }

        if (array.ValueKind != JsonValueKind.Array)
        {
            problems.Add(LoadProblem.Of($"{parentPath}.{member}", "Load_JsonFields_18"));
            yield break;
        }

        var i = 0;
        foreach (var item in array.EnumerateArray())
        {
            var path = $"{parentPath}.{member}[{i++}]";
            if (item.ValueKind != JsonValueKind.Object)
            {
                problems.Add(LoadProblem.Of(path, "Load_JsonFields_19"));
                continue;
            }

            yield return (item, path);
        }
    }

    public static LocalDate? ReadDate(JsonElement parent, string member, string path, List<LoadProblem> problems)
    {
        var text = RequiredString(parent, member, path, problems);
        if (text is null)
        {
            return null;
        }

        var result = LocalDatePattern.Iso.Parse(text);
        if (!result.Success)
        {
            problems.Add(LoadProblem.Of($"{path}.{member}", "Load_JsonFields_20", text));
            return null;
        }

        return result.Value;
    }

    public static string? RequiredString(JsonElement parent, string member, string path, List<LoadProblem> problems)
    {
        if (!parent.TryGetProperty(member, out var value))
        {
            problems.Add(LoadProblem.Of(path, "Load_JsonFields_21", member));
            return null;
        }

        if (value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(value.GetString()))
        {
            problems.Add(LoadProblem.Of($"{path}.{member}", "Load_JsonFields_22"));
            return null;
        }

        return value.GetString();
    }

    public static string OptionalString(JsonElement parent, string member, string path, List<LoadProblem> problems)
    {
        if (!parent.TryGetProperty(member, out var value))
        {
            return string.Empty;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            problems.Add(LoadProblem.Of($"{path}.{member}", "Load_JsonFields_23"));
            return string.Empty;
        }

        return value.GetString() ?? string.Empty;
    }

    /// <summary>Reports members of an object that are not in the known list.</summary>
    public static void CheckKnown(JsonElement obj, string path, List<LoadProblem> problems, params string[] known)
    {
        foreach (var property in obj.EnumerateObject())
        {
            if (Array.IndexOf(known, property.Name) < 0)
            {
                problems.Add(LoadProblem.Of($"{path}.{property.Name}", "Load_JsonFields_49", string.Join(", ", known)));
            }
        }
    }

    /// <summary>Reads an optional array of non-empty strings; null when absent.</summary>
    public static List<string>? StringArray(JsonElement parent, string member, string path, List<LoadProblem> problems)
    {
        if (!parent.TryGetProperty(member, out var array))
        {
            return null;
        }

        var result = new List<string>();
        if (array.ValueKind != JsonValueKind.Array)
        {
            problems.Add(LoadProblem.Of($"{path}.{member}", "Load_JsonFields_24"));
            return result;
        }

        var i = 0;
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(item.GetString()))
            {
                problems.Add(LoadProblem.Of($"{path}.{member}[{i}]", "Load_JsonFields_22"));
            }
            else
            {
                result.Add(item.GetString()!);
            }

            i++;
        }

        return result;
    }

    /// <summary>Reads an optional ISO-8601 duration such as <c>PT4H</c> or <c>PT10M</c> (days, hours, minutes, seconds only); null when absent.</summary>
    public static Duration? IsoDuration(JsonElement parent, string member, string path, List<LoadProblem> problems)
    {
        if (!parent.TryGetProperty(member, out var value))
        {
            return null;
        }

        var text = value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        var parsed = text is null ? null : PeriodPattern.NormalizingIso.Parse(text);
        if (parsed is null || !parsed.Success || parsed.Value.Years != 0 || parsed.Value.Months != 0 || parsed.Value.Weeks != 0)
        {
            problems.Add(LoadProblem.Of($"{path}.{member}", "Load_JsonFields_25"));
            return null;
        }

        var duration = parsed.Value.ToDuration();
        if (duration < Duration.Zero)
        {
            problems.Add(LoadProblem.Of($"{path}.{member}", "Load_JsonFields_26"));
            return null;
        }

        return duration;
    }

    /// <summary>Reads an optional number; null when absent.</summary>
    public static double? Number(JsonElement parent, string member, string path, List<LoadProblem> problems)
    {
        if (!parent.TryGetProperty(member, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number)
        {
            problems.Add(LoadProblem.Of($"{path}.{member}", "Load_JsonFields_27"));
            return null;
        }

        return value.GetDouble();
    }

    /// <summary>Parses a JSON text whose root must be an object, reporting a syntax error or another root as one problem at <c>$</c>.</summary>
    /// <param name="json">The text.</param>
    /// <param name="notObjectKey">The resource key of the loader's own "must be a JSON object" message (its subject, "a calendar", is
    /// worded in each language by the resource, never put into another language's sentence).</param>
    /// <param name="problems">Where the problem goes.</param>
    public static JsonDocument? ParseObject(string json, string notObjectKey, List<LoadProblem> problems)
    {
        var doc = Parse(json, problems);
        if (doc is not null && doc.RootElement.ValueKind != JsonValueKind.Object)
        {
            problems.Add(LoadProblem.Of("$", notObjectKey));
            doc.Dispose();
            return null;
        }

        return doc;
    }

    /// <summary>
    /// Parses a JSON text, reporting a syntax error as one problem at <c>$</c> with its line and column, and every key given twice in
    /// one object (which the parser would accept, the later value silently winning) as a problem at the second key's line and column.
    /// </summary>
    public static JsonDocument? Parse(string json, List<LoadProblem> problems)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            problems.Add(SyntaxProblem(json, ex));
            return null;
        }

        Scan(LineIndex.Of(json), problems, positions: null);
        return doc;
    }

    /// <summary>
    /// The 1-based line and column of every value of a well-formed JSON text, by JSON path as the loaders write it
    /// (<c>$.care.holidays[0]</c>, <c>$.week.monday</c>); the first value wins for a key given twice.
    /// </summary>
    public static Dictionary<string, (int Line, int Column)> Positions(string json)
    {
        var lines = LineIndex.Of(json);
        var offsets = new Dictionary<string, int>(StringComparer.Ordinal);
        Scan(lines, problems: null, offsets);
        return offsets.ToDictionary(p => p.Key, p => lines.Position(p.Value), StringComparer.Ordinal);
    }

    /// <summary>The problem, placed at the line and column of its path when <paramref name="positions"/> knows it.</summary>
    public static LoadProblem At(this LoadProblem problem, IReadOnlyDictionary<string, (int Line, int Column)> positions) =>
        positions.TryGetValue(problem.Path, out var at) ? problem with { Line = at.Line, Column = at.Column } : problem;

    /// <summary>
    /// Reads a well-formed JSON text once: reports each key given twice in one object (at the second key, naming the first one's line
    /// and column) and, when <paramref name="positions"/> is given, records where each value starts by its JSON path.
    /// </summary>
    private static void Scan(LineIndex lines, List<LoadProblem>? problems, Dictionary<string, int>? positions)
    {
        var reader = new Utf8JsonReader(lines.Utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, MaxDepth = 4096 });
        var frames = new Stack<(string Path, Dictionary<string, int>? Keys, int[] Index)>();
        string? member = null;
        while (reader.Read())
        {
            var at = (int)reader.TokenStartIndex;
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName:
                {
                    var (path, keys, _) = frames.Peek();
                    var name = reader.GetString()!;
                    member = $"{path}.{name}";
                    if (!keys!.TryAdd(name, at) && problems is not null)
                    {
                        var (firstLine, firstColumn) = lines.Position(keys[name]);
                        var (line, column) = lines.Position(at);
                        problems.Add(LoadProblem.Of(member, "Json_DuplicateKey", name, string.Create(CultureInfo.InvariantCulture, $"{firstLine}:{firstColumn}")) with { Line = line, Column = column });
                    }

                    continue;
                }

                case JsonTokenType.EndObject or JsonTokenType.EndArray:
                    frames.Pop();
                    continue;
            }

            var valuePath = frames.Count == 0 ? "$" : frames.Peek().Keys is null ? $"{frames.Peek().Path}[{frames.Peek().Index[0]++}]" : member!;
            positions?.TryAdd(valuePath, at);
            if (reader.TokenType == JsonTokenType.StartObject)
            {
                frames.Push((valuePath, new Dictionary<string, int>(StringComparer.Ordinal), [0]));
            }
            else if (reader.TokenType == JsonTokenType.StartArray)
            {
                frames.Push((valuePath, null, [0]));
            }
        }
    }

    /// <summary>
    /// A JSON syntax error as a problem at <c>$</c> with the 1-based line and UTF-16 column (<see cref="LineIndex"/>) and a plain message
    /// of our own in English and zh-Hans: nesting deeper than the reader allowed (at the bracket that went too deep), that the text ends
    /// too early, a word that is not JSON such as <c>nope</c> (at the start of the word, shown whole), or the character that is not
    /// expected there.
    /// </summary>
    /// <param name="json">The text that was parsed.</param>
    /// <param name="ex">The reader's error while parsing <paramref name="json"/>.</param>
    /// <returns>The problem.</returns>
    public static LoadProblem SyntaxProblem(string json, JsonException ex) => SyntaxProblem(LineIndex.Of(json), ex);

    /// <summary>A JSON syntax error in the indexed UTF-8 text (see <see cref="SyntaxProblem(string, JsonException)"/>).</summary>
    /// <param name="lines">The text that was parsed.</param>
    /// <param name="ex">The reader's error while parsing it.</param>
    /// <returns>The problem.</returns>
    public static LoadProblem SyntaxProblem(LineIndex lines, JsonException ex)
    {
        var utf8 = lines.Utf8;
        var at = lines.OffsetOf(ex.LineNumber, ex.BytePositionInLine);
        var (start, depth, failed) = ReadAgainUpTo(lines, at);
        LoadProblem problem;
        if (depth > 0)
        {
            problem = LoadProblem.Of("$", "Json_TooDeep", depth);
        }
        else if (at >= utf8.Length || EndsTooEarly(utf8))
        {
            problem = LoadProblem.Of("$", "Load_JsonFields_50");
        }
        else if (failed && WordAt(utf8, ref start, at) is { } word)
        {
            problem = LoadProblem.Of("$", "Load_JsonFields_29", word);
            at = start;
        }
        else
        {
            problem = LoadProblem.Of("$", "Load_JsonFields_29", Shown(utf8[at..]));
        }

        var (line, column) = lines.Position(at);
        return problem with { Line = line, Column = column };
    }

    /// <summary>The longest word shown whole in a syntax problem, in bytes (ASCII letters and digits).</summary>
    private const int MaxShownWord = 32;

    /// <summary>
    /// Reads the text again up to the error at byte <paramref name="at"/>, without a depth limit (with comments and trailing commas, as the
    /// loaders allow). A bracket at <paramref name="at"/> read without error is one the first reader refused for its depth: its depth is
    /// the limit (returned, else 0). Otherwise, when this reading fails at <paramref name="at"/> too, returns where the value that failed
    /// starts: after the last token read and the whitespace, comma or colon after it.
    /// </summary>
    private static (int Start, int Depth, bool Failed) ReadAgainUpTo(LineIndex lines, int at)
    {
        var utf8 = lines.Utf8;
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Allow, AllowTrailingCommas = true, MaxDepth = 4096 });
        var end = 0;
        try
        {
            while (reader.Read())
            {
                if (reader.TokenStartIndex >= at)
                {
                    var deep = reader.TokenStartIndex == at && reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray;
                    return (at, deep ? reader.CurrentDepth : 0, false);
                }

                end = (int)reader.BytesConsumed;
            }
        }
        catch (JsonException again) when (lines.OffsetOf(again.LineNumber, again.BytePositionInLine) == at && end <= at)
        {
            var start = end;
            while (start < at && utf8[start] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or (byte)',' or (byte)':')
            {
                start++;
            }

            return (start, 0, true);
        }
        catch (JsonException)
        {
        }

        return (at, 0, false);
    }

    /// <summary>
    /// The word of ASCII letters and digits (with at least one letter) that a failed value starting at <paramref name="start"/> is, when
    /// the error at <paramref name="at"/> is inside it or just after it; a word glued to the token before it (<c>truex</c>,
    /// <c>12ab</c>) starts where that token starts, and <paramref name="start"/> moves there. Null when the value is no such word (a
    /// string, a bracket).
    /// </summary>
    private static string? WordAt(ReadOnlySpan<byte> utf8, ref int start, int at)
    {
        if (start < utf8.Length && IsWordByte(utf8[start]))
        {
            while (start > 0 && IsWordByte(utf8[start - 1]))
            {
                start--;
            }
        }

        var end = start;
        while (end < utf8.Length && IsWordByte(utf8[end]))
        {
            end++;
        }

        if (end == start || at > end || utf8[start..end].IndexOfAnyInRange((byte)'A', (byte)'z') < 0)
        {
            return null;
        }

        var word = Encoding.ASCII.GetString(utf8[start..Math.Min(end, start + MaxShownWord)]);
        return end - start > MaxShownWord ? word + "…" : word;
    }

    private static bool IsWordByte(byte b) => char.IsAsciiLetterOrDigit((char)b);

    /// <summary>True when the text is a correct start of one JSON value that stops before the value is complete (or is blank).</summary>
    private static bool EndsTooEarly(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8, isFinalBlock: false, new JsonReaderState(new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, MaxDepth = 4096 }));
        var read = false;
        try
        {
            while (reader.Read())
            {
                read = true;
            }
        }
        catch (JsonException)
        {
            return false;
        }

        return !read || reader.CurrentDepth > 0 || utf8[(int)reader.BytesConsumed..].Trim(" \t\r\n"u8).Length > 0;
    }

    /// <summary>The character the UTF-8 text starts with, or <c>U+XXXX</c> for a control character or bytes that are not UTF-8.</summary>
    private static string Shown(ReadOnlySpan<byte> utf8)
    {
        var status = Rune.DecodeFromUtf8(utf8, out var rune, out _);
        return status != System.Buffers.OperationStatus.Done || Rune.IsControl(rune) || rune == Rune.ReplacementChar
            ? string.Create(CultureInfo.InvariantCulture, $"U+{rune.Value:X4}")
            : rune.ToString();
    }
}
