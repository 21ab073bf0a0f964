using System.Globalization;
using System.Text;
using System.Text.Json;

namespace CrmCore.Metrics;

/// <summary>
/// Reads <see cref="ReportTargets"/> from JSON, for example <c>{"source": "document 003", "minResolutionRate": 0.95}</c>. Keys
/// (camelCase): <c>source</c>, <c>maxAverageFirstResponseHours</c>, <c>minFirstResponseWithinTarget</c>,
/// <c>minFirstContactResolution</c>, <c>minResolutionRate</c>, <c>maxRepeatContactRate</c>, <c>maxSlaBreachRate</c>,
/// <c>minCsatAverage</c>, <c>minNps</c>, <c>maxChurnRate</c>, and <c>$comment</c>. A missing or null target is off. Rates are
/// fractions from 0 to 1. Thread-safe.
/// </summary>
public static class ReportTargetsJson
{
    /// <summary>The largest targets text accepted, in characters (64 KiB): a targets file is a handful of numbers.</summary>
    public const int MaxLength = 64 * 1024;

    private static readonly Dictionary<string, Action<ReportTargets, double?>> Setters = new(StringComparer.Ordinal)
    {
        ["maxAverageFirstResponseHours"] = (t, v) => t.MaxAverageFirstResponse = v is { } h ? NodaTime.Duration.FromHours(h) : null,
        ["minFirstResponseWithinTarget"] = (t, v) => t.MinFirstResponseWithinTarget = v,
        ["minFirstContactResolution"] = (t, v) => t.MinFirstContactResolution = v,
        ["minResolutionRate"] = (t, v) => t.MinResolutionRate = v,
        ["maxRepeatContactRate"] = (t, v) => t.MaxRepeatContactRate = v,
        ["maxSlaBreachRate"] = (t, v) => t.MaxSlaBreachRate = v,
        ["minCsatAverage"] = (t, v) => t.MinCsatAverage = v,
        ["minNps"] = (t, v) => t.MinNps = v,
        ["maxChurnRate"] = (t, v) => t.MaxChurnRate = v,
    };

    /// <summary>Parses targets; every target the text does not name is off.</summary>
    /// <param name="json">The JSON text, at most <see cref="MaxLength"/> characters.</param>
    /// <param name="source">The file name (or other origin) used in error messages.</param>
    /// <returns>The targets, validated.</returns>
    /// <exception cref="FormatException">The text is not valid targets JSON; the message lists every problem as
    /// <c>source:line:col: problem</c>.</exception>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static ReportTargets Parse(string json, string source)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(source);
        if (json.Length > MaxLength)
        {
            throw new FormatException($"{source}:1:1: the targets file has {json.Length} characters; at most {MaxLength} are read.");
        }

        var bytes = Encoding.UTF8.GetBytes(json);
        var problems = new List<string>();
        var targets = new ReportTargets { Source = Path.GetFileNameWithoutExtension(source) };
        foreach (var setter in Setters.Values)
        {
            setter(targets, null);
        }

        string Where(long offset)
        {
            var line = 1;
            var column = 1;
            for (var i = 0; i < offset && i < bytes.Length; i++)
            {
                if (bytes[i] == '\n')
                {
                    line++;
                    column = 1;
                }
                else if ((bytes[i] & 0xC0) != 0x80)
                {
                    column++;
                }
            }

            return string.Create(CultureInfo.InvariantCulture, $"{source}:{line}:{column}");
        }

        try
        {
            var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, MaxDepth = 4 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw new FormatException($"{Where(reader.TokenStartIndex)}: the targets must be a JSON object.");
            }

            var seen = new HashSet<string>(StringComparer.Ordinal);
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var at = Where(reader.TokenStartIndex);
                var key = reader.GetString()!;
                reader.Read();
                if (!seen.Add(key))
                {
                    problems.Add($"{at}: '{key}' appears twice.");
                }

                if (key == "$comment" || key == "source")
                {
                    if (reader.TokenType != JsonTokenType.String)
                    {
                        problems.Add($"{at}: '{key}' must be a string.");
                        reader.Skip();
                    }
                    else if (key == "source")
                    {
                        targets.Source = reader.GetString()!;
                    }

                    continue;
                }

                if (key == ChannelKey)
                {
                    ReadChannelTargets(ref reader, targets, at, problems);
                    continue;
                }

                if (!Setters.TryGetValue(key, out var set))
                {
                    var hint = Setters.Keys.FirstOrDefault(k => string.Equals(k, key, StringComparison.OrdinalIgnoreCase));
                    problems.Add($"{at}: unknown target '{key}'" + (hint is null ? $"; known: {string.Join(", ", Setters.Keys)}." : $"; did you mean '{hint}'?"));
                    reader.Skip();
                    continue;
                }

                switch (reader.TokenType)
                {
                    case JsonTokenType.Null:
                        set(targets, null);
                        break;
                    case JsonTokenType.Number:
                        set(targets, reader.GetDouble());
                        break;
                    default:
                        problems.Add($"{at}: '{key}' must be a number or null (0.9 means 90 %), was {reader.TokenType}.");
                        reader.Skip();
                        break;
                }
            }
        }
        catch (JsonException e)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"{source}:{(e.LineNumber ?? 0) + 1}:{(e.BytePositionInLine ?? 0) + 1}: not valid JSON ({e.Message})"));
        }

        if (problems.Count == 0)
        {
            problems.AddRange(targets.Validate().Select(p => $"{source}: {p}"));
        }

        return problems.Count == 0 ? targets : throw new FormatException(string.Join(Environment.NewLine, problems));
    }

    /// <summary>Reads one of the shipped targets files embedded in this assembly.</summary>
    /// <summary>The key of the per-channel first-response targets: an object of channel code to minutes.</summary>
    private const string ChannelKey = "maxAverageFirstResponseMinutesByChannel";

    private static void ReadChannelTargets(ref Utf8JsonReader reader, ReportTargets targets, string at, List<string> problems)
    {
        targets.MaxAverageFirstResponseByChannel.Clear();
        if (reader.TokenType == JsonTokenType.Null)
        {
            return;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            problems.Add($"{at}: '{ChannelKey}' must be an object of channel code to minutes, e.g. {{ \"OnlineChat\": 10, \"Phone\": 120 }}.");
            reader.Skip();
            return;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var channel = reader.GetString()!;
            reader.Read();
            if (reader.TokenType != JsonTokenType.Number || reader.GetDouble() is not (> 0 and <= 100_000) || string.IsNullOrWhiteSpace(channel))
            {
                problems.Add($"{at}: '{ChannelKey}.{channel}' must be a positive number of minutes (at most 100000).");
                reader.Skip();
                continue;
            }

            if (!targets.MaxAverageFirstResponseByChannel.TryAdd(channel.Trim(), NodaTime.Duration.FromMinutes(reader.GetDouble())))
            {
                problems.Add($"{at}: '{ChannelKey}.{channel}' appears twice.");
            }
        }
    }

    internal static ReportTargets Shipped(string file)
    {
        using var stream = typeof(ReportTargetsJson).Assembly.GetManifestResourceStream("CrmCore.Metrics.Targets." + file)
            ?? throw new InvalidOperationException($"The shipped targets file {file} is missing from the assembly.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return Parse(reader.ReadToEnd(), file);
    }
}
