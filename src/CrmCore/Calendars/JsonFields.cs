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
    public static JsonDocument? ParseObject(string json, string what, List<LoadProblem> problems)
    {
        var doc = Parse(json, problems);
        if (doc is not null && doc.RootElement.ValueKind != JsonValueKind.Object)
        {
            problems.Add(LoadProblem.Of("$", "Load_JsonFields_28", what));
            doc.Dispose();
            return null;
        }

        return doc;
    }

    /// <summary>Parses a JSON text, reporting a syntax error as one problem at <c>$</c> with its line and column.</summary>
    public static JsonDocument? Parse(string json, List<LoadProblem> problems)
    {
        try
        {
            return JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            problems.Add(SyntaxProblem(json, ex));
            return null;
        }
    }

    /// <summary>Whether JSON text opens an object or array deeper than <paramref name="maxDepth"/> (read up to its first syntax error):
    /// a reader stopped by its depth limit reports that as a syntax error, which would mislead the user.</summary>
    public static bool NestsDeeperThan(ReadOnlySpan<byte> utf8, int maxDepth)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, MaxDepth = 1024 });
        try
        {
            while (reader.Read())
            {
                if (reader.CurrentDepth >= maxDepth && reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    return true;
                }
            }
        }
        catch (JsonException)
        {
        }

        return false;
    }

    /// <summary>
    /// A JSON syntax error as a problem at <c>$</c> with the 1-based line and character column (<see cref="JsonErrorPosition"/>) and a
    /// plain message of our own in English and zh-Hans: the character that is not expected there, or that the text ends too early.
    /// </summary>
    public static LoadProblem SyntaxProblem(string json, JsonException ex)
    {
        var (line, column) = JsonErrorPosition.Of(json, ex.LineNumber, ex.BytePositionInLine);
        var at = IndexOf(json, line, column);
        var problem = at >= json.Length || EndsTooEarly(json)
            ? LoadProblem.Of("$", "Load_JsonFields_50")
            : LoadProblem.Of("$", "Load_JsonFields_29", Shown(json, at));
        return problem with { Line = line, Column = column };
    }

    /// <summary>True when the text is a correct start of one JSON value that stops before the value is complete (or is blank).</summary>
    private static bool EndsTooEarly(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        var reader = new Utf8JsonReader(bytes, isFinalBlock: false, new JsonReaderState(new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true }));
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

        return !read || reader.CurrentDepth > 0 || bytes.AsSpan((int)reader.BytesConsumed).Trim(" \t\r\n"u8).Length > 0;
    }

    private static int IndexOf(string text, int line, int column)
    {
        var start = 0;
        for (var i = 1; i < line; i++)
        {
            start = text.IndexOf('\n', start) + 1;
        }

        return start + column - 1;
    }

    private static string Shown(string text, int at)
    {
        var c = text[at];
        if (char.IsHighSurrogate(c) && at + 1 < text.Length && char.IsLowSurrogate(text[at + 1]))
        {
            return text.Substring(at, 2);
        }

        return char.IsControl(c) || char.IsSurrogate(c) ? string.Create(CultureInfo.InvariantCulture, $"U+{(int)c:X4}") : c.ToString();
    }
}
