using System.Text.Json;
using System.Text.Json.Serialization;
using CrmCore.Decoding;
using CrmCore.Import.Localization;

namespace CrmCore.Import.Mapping;

/// <summary>
/// Reads a mapping file, JSON laid over an entity's built-in mapping (<see cref="ImportMappings"/>):
/// <code>
/// {
///   "columns":   { "公司": "Name", "手机号码": "Phone", "备注": "Ignore" },
///   "constants": { "Source": "Referral" },
///   "values":    { "Tier": { "重要客户": "A", "一般客户": "C" }, "Industry": { "制造": "Manufacturing" } }
/// }
/// </code>
/// Field names are the names of the entity's field enum (<see cref="CustomerField"/>, <c>TicketField</c>, <c>PlanField</c> ...), case-insensitive. The file must be strict UTF-8 (see <see cref="StrictTextDecoder"/>)
/// and at most 1 MiB; unknown properties, unknown fields and duplicate keys are errors naming the file, the line:column or the JSON
/// path, and the fix. Thread-safe (stateless).
/// </summary>
public static class ImportMappingFile
{
    /// <summary>The largest mapping file accepted: 1 MiB.</summary>
    public const int MaxBytes = 1 << 20;

    private static readonly string[] KnownProperties = ["columns", "constants", "values"];

    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNameCaseInsensitive = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        AllowDuplicateProperties = false,
    };

    /// <summary>Reads a mapping file and lays it over a built-in mapping (for example <see cref="ImportMappings.Tickets"/>).</summary>
    /// <typeparam name="TField">The entity's field enum.</typeparam>
    /// <param name="path">The file.</param>
    /// <param name="builtIn">The mapping the file extends.</param>
    /// <returns>The combined mapping.</returns>
    /// <exception cref="ImportFileException">The file is missing, too large, not UTF-8 or not a valid mapping.</exception>
    public static ImportMapping<TField> Load<TField>(string path, ImportMapping<TField> builtIn)
        where TField : struct, Enum
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(builtIn);
        byte[] bytes;
        try
        {
            var info = new FileInfo(path);
            if (info.Exists && info.Length > MaxBytes)
            {
                throw new ImportFileException(path, 0, 0, $"the mapping file is larger than {MaxBytes} bytes");
            }

            bytes = File.ReadAllBytes(path);
        }
        catch (IOException e)
        {
            throw new ImportFileException(path, 0, 0, e.Message, e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new ImportFileException(path, 0, 0, e.Message, e);
        }

        var decoded = StrictTextDecoder.Decode(bytes);
        if (decoded.Problem is { } problem)
        {
            throw new ImportFileException(path, problem.Line, problem.Column, problem.Message);
        }

        return builtIn.With(Parse<TField>(decoded.Text!, path));
    }

    /// <summary>Parses mapping JSON (without laying it over the built-in mapping).</summary>
    /// <typeparam name="TField">The entity's field enum.</typeparam>
    /// <param name="json">The JSON text.</param>
    /// <param name="source">The file name used in errors.</param>
    /// <returns>The mapping the text describes.</returns>
    /// <exception cref="ImportFileException">The text is not a valid mapping.</exception>
    public static ImportMapping<TField> Parse<TField>(string json, string source)
        where TField : struct, Enum
    {
        ArgumentNullException.ThrowIfNull(json);
        MappingDocument? document;
        try
        {
            CheckTopLevelProperties(json, source);
            document = JsonSerializer.Deserialize<MappingDocument>(json, Options);
        }
        catch (JsonException e)
        {
            var (line, column) = JsonErrorPosition.Of(json, e.LineNumber, e.BytePositionInLine);
            throw new ImportFileException(source, line, column, $"not a valid mapping file ({e.Path}): {FirstSentence(e.Message)}", e);
        }

        if (document is null)
        {
            throw new ImportFileException(source, 1, 1, "the mapping file is empty (null); write an object with \"columns\", \"constants\" or \"values\"");
        }

        var columns = new List<KeyValuePair<string, TField>>();
        foreach (var (header, field) in document.Columns ?? [])
        {
            columns.Add(new(header, Field<TField>(field, $"$.columns['{header}']", source)));
        }

        var constants = new List<KeyValuePair<TField, string>>();
        foreach (var (field, value) in document.Constants ?? [])
        {
            constants.Add(new(Field<TField>(field, $"$.constants['{field}']", source), value));
        }

        var values = new List<KeyValuePair<TField, IReadOnlyDictionary<string, string>>>();
        foreach (var (field, map) in document.Values ?? [])
        {
            values.Add(new(Field<TField>(field, $"$.values['{field}']", source), map));
        }

        return new ImportMapping<TField>(columns, constants, values);
    }

    private static TField Field<TField>(string name, string path, string source)
        where TField : struct, Enum =>
        Enum.TryParse<TField>(name?.Trim(), ignoreCase: true, out var field) && Enum.IsDefined(field) && !int.TryParse(name, out _)
            ? field
            : throw new ImportFileException(source, 0, 0, $"{path}: '{name}' is not a {EntityName<TField>()} field; use one of {string.Join(", ", Enum.GetNames<TField>())}");

    /// <summary>The entity a field enum belongs to, for messages: <c>CustomerField</c> → <c>customer</c>.</summary>
    private static string EntityName<TField>()
        where TField : struct, Enum
    {
        var name = typeof(TField).Name;
        return (name.EndsWith("Field", StringComparison.Ordinal) ? name[..^5] : name).ToLowerInvariant();
    }

    /// <summary>
    /// Throws for the first top-level property that is not one of <see cref="KnownProperties"/>, naming it, the allowed ones and its
    /// line:col (the serializer's own message names an internal type instead). A syntax error is left to the serializer, which reports it.
    /// </summary>
    private static void CheckTopLevelProperties(string json, string source)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(json);
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType != JsonTokenType.PropertyName || reader.CurrentDepth != 1)
                {
                    continue;
                }

                var name = reader.GetString()!;
                if (KnownProperties.Any(known => string.Equals(known, name, StringComparison.OrdinalIgnoreCase)))
                {
                    continue;
                }

                var before = bytes.AsSpan(0, (int)reader.TokenStartIndex);
                var line = before.Count((byte)'\n');
                var lineStart = before.LastIndexOf((byte)'\n') + 1;
                var (l, c) = JsonErrorPosition.Of(json, line, before.Length - lineStart);
                var known = string.Join(", ", KnownProperties.Select(k => $"\"{k}\""));
                throw new ImportFileException(source, l, c, ImportStrings.Format("Error_MappingUnknownProperty", null, name, known));
            }
        }
        catch (JsonException)
        {
            // Not well-formed JSON: the serializer that runs next reports the syntax error with its position.
        }
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end > 0 ? message[..end] : message;
    }

    private sealed record MappingDocument(
        Dictionary<string, string>? Columns,
        Dictionary<string, string>? Constants,
        Dictionary<string, Dictionary<string, string>>? Values);
}
