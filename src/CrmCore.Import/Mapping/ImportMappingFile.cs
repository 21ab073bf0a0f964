using System.Globalization;
using System.Text.Json;
using CrmCore.Calendars;
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
/// and at most 1 MiB; unknown properties, unknown fields, values that are not text, duplicate keys and a value map's target that is not a
/// value of a field with a closed list (tickets' 紧急程度 and 状态, plans' 沟通方式, 完成状态 and 计划类型) are errors naming the file, the line:column (in
/// characters) of the offending token and the fix, in English or Simplified Chinese by the culture passed. A value map is laid over the
/// built-in one value by value (<see cref="ImportMapping{TField}.With"/>). Thread-safe (stateless).
/// </summary>
public static class ImportMappingFile
{
    /// <summary>The largest mapping file accepted: 1 MiB.</summary>
    public const int MaxBytes = 1 << 20;

    private static readonly string[] KnownProperties = ["columns", "constants", "values"];

    /// <summary>Reads a mapping file and lays it over a built-in mapping (for example <see cref="ImportMappings.Tickets"/>); errors are in
    /// the language of <see cref="CultureInfo.CurrentUICulture"/>.</summary>
    /// <typeparam name="TField">The entity's field enum.</typeparam>
    /// <param name="path">The file.</param>
    /// <param name="builtIn">The mapping the file extends.</param>
    /// <returns>The combined mapping.</returns>
    /// <exception cref="ImportFileException">The file is missing, a folder, unreadable, too large, not UTF-8 or not a valid mapping; the
    /// message names the file and, in the culture's language, the problem.</exception>
    public static ImportMapping<TField> Load<TField>(string path, ImportMapping<TField> builtIn)
        where TField : struct, Enum => Load(path, builtIn, null);

    /// <summary>Reads a mapping file and lays it over a built-in mapping (for example <see cref="ImportMappings.Tickets"/>).</summary>
    /// <typeparam name="TField">The entity's field enum.</typeparam>
    /// <param name="path">The file.</param>
    /// <param name="builtIn">The mapping the file extends.</param>
    /// <param name="culture">The language of the error messages: Simplified Chinese for zh-Hans, English otherwise; default
    /// <see cref="CultureInfo.CurrentUICulture"/>.</param>
    /// <returns>The combined mapping.</returns>
    /// <exception cref="ImportFileException">The file is missing, a folder, unreadable, too large, not UTF-8 or not a valid mapping; the
    /// message names the file and, in the culture's language, the problem.</exception>
    public static ImportMapping<TField> Load<TField>(string path, ImportMapping<TField> builtIn, CultureInfo? culture)
        where TField : struct, Enum
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(builtIn);
        byte[] bytes;
        try
        {
            if (Directory.Exists(path))
            {
                throw new ImportFileException(path, 0, 0, ImportStrings.Get("Error_MappingIsFolder", culture));
            }

            var info = new FileInfo(path);
            if (info.Exists && info.Length > MaxBytes)
            {
                throw new ImportFileException(path, 0, 0, ImportStrings.Format("Error_MappingTooLarge", culture, MaxBytes));
            }

            bytes = File.ReadAllBytes(path);
        }
        catch (IOException e)
        {
            throw ReadError(path, e, culture);
        }
        catch (UnauthorizedAccessException e)
        {
            throw ReadError(path, e, culture);
        }

        var decoded = StrictTextDecoder.Decode(bytes);
        if (decoded.Problem is { } problem)
        {
            throw new ImportFileException(path, problem.Line, problem.Column, DecodeError(problem, bytes, culture));
        }

        return builtIn.With(Parse(decoded.Text!, path, culture, builtIn));
    }

    /// <summary>Parses mapping JSON (without laying it over the built-in mapping); errors are in the language of
    /// <see cref="CultureInfo.CurrentUICulture"/>.</summary>
    /// <typeparam name="TField">The entity's field enum.</typeparam>
    /// <param name="json">The JSON text.</param>
    /// <param name="source">The file name used in errors.</param>
    /// <returns>The mapping the text describes.</returns>
    /// <exception cref="ImportFileException">The text is not a valid mapping; the exception names the first problem and its line:col.</exception>
    public static ImportMapping<TField> Parse<TField>(string json, string source)
        where TField : struct, Enum => Parse<TField>(json, source, null);

    /// <summary>Parses mapping JSON (without laying it over the built-in mapping).</summary>
    /// <typeparam name="TField">The entity's field enum.</typeparam>
    /// <param name="json">The JSON text.</param>
    /// <param name="source">The file name used in errors.</param>
    /// <param name="culture">The language of the error messages: Simplified Chinese for zh-Hans, English otherwise; default
    /// <see cref="CultureInfo.CurrentUICulture"/>.</param>
    /// <returns>The mapping the text describes.</returns>
    /// <exception cref="ImportFileException">The text is not a valid mapping; the exception names the first problem and its line:col.</exception>
    public static ImportMapping<TField> Parse<TField>(string json, string source, CultureInfo? culture)
        where TField : struct, Enum => Parse(json, source, culture, ImportMappings.For<TField>());

    /// <summary>Parses mapping JSON whose value maps will be laid over <paramref name="beneath"/>: a target of a field with a closed
    /// list of values (<see cref="FieldChoices"/>) must be one of them, or a value <paramref name="beneath"/> maps to one (特急 → 紧急 is
    /// read as 特急 → Urgent).</summary>
    private static ImportMapping<TField> Parse<TField>(string json, string source, CultureInfo? culture, ImportMapping<TField>? beneath)
        where TField : struct, Enum
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(source);
        var text = new Text(LineIndex.Of(json), source, culture);
        var columns = new List<KeyValuePair<string, TField>>();
        var constants = new List<KeyValuePair<TField, string>>();
        var values = new List<KeyValuePair<TField, IReadOnlyDictionary<string, string>>>();
        var reader = new Utf8JsonReader(text.Bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, MaxDepth = 16 });
        try
        {
            if (!reader.Read())
            {
                throw new JsonException(null, null, 0, 0);
            }

            if (reader.TokenType == JsonTokenType.Null)
            {
                throw text.Error(reader.TokenStartIndex, "Error_MappingNull");
            }

            if (reader.TokenType != JsonTokenType.StartObject)
            {
                throw text.Error(reader.TokenStartIndex, "Error_MappingNotObject");
            }

            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var at = reader.TokenStartIndex;
                var name = reader.GetString()!;
                var known = KnownProperties.FirstOrDefault(k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase))
                    ?? throw text.Error(at, "Error_MappingUnknownProperty", name, string.Join(", ", KnownProperties.Select(k => $"\"{k}\"")));
                if (!seen.Add(known))
                {
                    throw text.Error(at, "Error_MappingRepeated", name);
                }

                reader.Read();
                if (reader.TokenType == JsonTokenType.Null)
                {
                    continue;
                }

                switch (known)
                {
                    case "columns":
                        foreach (var (header, _, field, fieldAt) in ReadStrings(ref reader, text, known))
                        {
                            columns.Add(new(header, Field<TField>(field, text, fieldAt)));
                        }

                        break;
                    case "constants":
                        foreach (var (field, fieldAt, value, _) in ReadStrings(ref reader, text, known))
                        {
                            constants.Add(new(Field<TField>(field, text, fieldAt), value));
                        }

                        break;
                    default:
                        ExpectObject(ref reader, text, known);
                        var fields = new HashSet<string>(StringComparer.Ordinal);
                        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                        {
                            var fieldAt = reader.TokenStartIndex;
                            var field = reader.GetString()!;
                            if (!fields.Add(field))
                            {
                                throw text.Error(fieldAt, "Error_MappingDuplicateKey", field, known);
                            }

                            reader.Read();
                            var entries = ReadStrings(ref reader, text, $"{known}.{field}");
                            var target = Field<TField>(field, text, fieldAt);
                            var map = new Dictionary<string, string>(StringComparer.Ordinal);

                            // Cells are matched by the key's cleaned, lower-cased form (VIP and vip, ＶＩＰ and VIP are one key): two keys
                            // with one form would make a cell's value depend on which came last, so the second is an error at that key.
                            var forms = new Dictionary<string, string>(StringComparer.Ordinal);
                            foreach (var (from, fromAt, to, toAt) in entries)
                            {
                                if (!forms.TryAdd(ImportMapping<TField>.ValueKey(from), from))
                                {
                                    throw text.Error(fromAt, "Error_MappingSameValue", from, forms[ImportMapping<TField>.ValueKey(from)], $"{known}.{field}");
                                }

                                map[from] = Target(target, field, from, to, toAt, text, beneath);
                            }

                            values.Add(new(target, map));
                        }

                        break;
                }
            }

            reader.Read(); // anything after the object is a syntax error the reader reports
        }
        catch (JsonException e)
        {
            var syntax = JsonFields.SyntaxProblem(text.Lines, e);
            throw new ImportFileException(source, syntax.Line, syntax.Column, ImportStrings.Format("Error_MappingSyntax", culture, syntax.MessageIn(culture ?? CultureInfo.CurrentUICulture)), e);
        }

        return new ImportMapping<TField>(columns, constants, values);
    }

    /// <summary>Why a mapping file could not be read, in the culture's language, naming the file: missing, access denied, or the
    /// system's own reason for anything else.</summary>
    /// <param name="path">The file.</param>
    /// <param name="error">What reading it threw (an <see cref="IOException"/> or <see cref="UnauthorizedAccessException"/>).</param>
    /// <param name="culture">The language; null for <see cref="CultureInfo.CurrentUICulture"/>.</param>
    /// <returns>The exception to throw, with <paramref name="error"/> as its inner exception.</returns>
    internal static ImportFileException ReadError(string path, Exception error, CultureInfo? culture) => new(
        path,
        0,
        0,
        error switch
        {
            FileNotFoundException or DirectoryNotFoundException => ImportStrings.Get("Error_MappingMissing", culture),
            UnauthorizedAccessException => ImportStrings.Get("Error_MappingAccessDenied", culture),
            _ => ImportStrings.Format("Error_MappingUnreadable", culture, error.Message),
        },
        error);

    /// <summary>Why a mapping file's bytes are not UTF-8 text, in the culture's language: the encoding they look like, or the first
    /// byte that is not UTF-8. A mapping file is always read as UTF-8, so the remedy is to save it as UTF-8.</summary>
    /// <param name="problem">What <see cref="StrictTextDecoder"/> found.</param>
    /// <param name="bytes">The file's bytes.</param>
    /// <param name="culture">The language; null for <see cref="CultureInfo.CurrentUICulture"/>.</param>
    /// <returns>The reason.</returns>
    internal static string DecodeError(TextDecodingProblem problem, ReadOnlySpan<byte> bytes, CultureInfo? culture) => problem.LikelyEncoding switch
    {
        { } likely when likely.StartsWith("utf-16", StringComparison.OrdinalIgnoreCase) => ImportStrings.Get("Error_MappingLooksUtf16", culture),
        { } likely when likely.StartsWith("gb", StringComparison.OrdinalIgnoreCase) => ImportStrings.Get("Error_MappingLooksGbk", culture),
        _ when problem.ByteOffset >= 0 && problem.ByteOffset < bytes.Length =>
            ImportStrings.Format("Error_MappingNotUtf8Byte", culture, bytes[(int)problem.ByteOffset].ToString("X2", CultureInfo.InvariantCulture)),
        _ => ImportStrings.Get("Error_MappingNotUtf8", culture),
    };

    /// <summary>Reads an object of string to string at the reader (its start token), refusing other values and repeated keys.</summary>
    private static List<(string Key, long KeyAt, string Value, long ValueAt)> ReadStrings(ref Utf8JsonReader reader, Text text, string what)
    {
        ExpectObject(ref reader, text, what);
        var result = new List<(string, long, string, long)>();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var keyAt = reader.TokenStartIndex;
            var key = reader.GetString()!;
            if (!keys.Add(key))
            {
                throw text.Error(keyAt, "Error_MappingDuplicateKey", key, what);
            }

            reader.Read();
            if (reader.TokenType != JsonTokenType.String)
            {
                throw text.Error(reader.TokenStartIndex, "Error_MappingNotString", key, what);
            }

            result.Add((key, keyAt, reader.GetString()!, reader.TokenStartIndex));
        }

        return result;
    }

    private static void ExpectObject(ref Utf8JsonReader reader, Text text, string what)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw text.Error(reader.TokenStartIndex, "Error_MappingNotAnObject", what);
        }
    }

    private static TField Field<TField>(string name, Text text, long at)
        where TField : struct, Enum =>
        Enum.TryParse<TField>(name?.Trim(), ignoreCase: true, out var field) && Enum.IsDefined(field) && !int.TryParse(name, out _)
            ? field
            : throw text.Error(at, "Error_MappingUnknownField", name, EntityName<TField>(), string.Join(", ", Enum.GetNames<TField>()), EntityName<TField>(text.Culture));

    /// <summary>The value a value map's entry maps to: any text for a field with open values; for a score, a whole number in its range;
    /// for a field with a closed list, one of its names, or a value the mapping beneath maps to one (then that name); anything else is an
    /// error at the target naming the allowed values.</summary>
    private static string Target<TField>(TField field, string fieldName, string from, string to, long at, Text text, ImportMapping<TField>? beneath)
        where TField : struct, Enum
    {
        if (FieldChoices.ScoreOf(field) is { } range)
        {
            return FieldChoices.TryWhole(to, range.Min, range.Max, out _)
                ? to
                : throw text.Error(at, "Error_MappingValueOutOfRange", to, from, fieldName, range.Min, range.Max);
        }

        if (FieldChoices.Of(field) is not { } type || FieldChoices.NameOf(type, to) is not null)
        {
            return to;
        }

        var builtIn = beneath?.Values.GetValueOrDefault(field);
        if (builtIn is not null && builtIn.TryGetValue(ImportMapping<TField>.ValueKey(to), out var named) && FieldChoices.NameOf(type, named) is { } name)
        {
            return name;
        }

        throw text.Error(at, "Error_MappingUnknownValue", to, from, fieldName, FieldChoices.Targets(type, builtIn, text.Culture));
    }

    /// <summary>The entity a field enum belongs to, for messages: <c>CustomerField</c> → <c>customer</c>.</summary>
    private static string EntityName<TField>()
        where TField : struct, Enum
    {
        var name = typeof(TField).Name;
        return (name.EndsWith("Field", StringComparison.Ordinal) ? name[..^5] : name).ToLowerInvariant();
    }

    /// <summary>The entity's name in the culture (the <c>Entity_customers</c> resource, 客户 in zh-Hans), English when there is none.</summary>
    private static string EntityName<TField>(CultureInfo? culture)
        where TField : struct, Enum
    {
        var key = "Entity_" + EntityName<TField>() + "s";
        var said = ImportStrings.Get(key, culture);
        return said == key ? EntityName<TField>() : said;
    }

    /// <summary>The text being parsed (its UTF-8 bytes and their lines), its name and the culture of its messages.</summary>
    private sealed record Text(LineIndex Lines, string Source, CultureInfo? Culture)
    {
        /// <summary>The text's UTF-8 bytes, as the reader reads them.</summary>
        public ReadOnlySpan<byte> Bytes => Lines.Utf8;

        /// <summary>An error at the token starting at byte <paramref name="at"/>, with its 1-based line and character column.</summary>
        public ImportFileException Error(long at, string key, params object?[] args)
        {
            var (line, column) = Lines.Position(at);
            return new ImportFileException(Source, line, column, ImportStrings.Format(key, Culture, args));
        }
    }
}
