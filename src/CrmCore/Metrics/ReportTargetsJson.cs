using System.Globalization;
using System.Text;
using System.Text.Json;
using CrmCore.Calendars;
using CrmCore.Decoding;
using CrmCore.Localization;

namespace CrmCore.Metrics;

/// <summary>
/// Reads <see cref="ReportTargets"/> from JSON, for example <c>{"source": "document 003", "minResolutionRate": 0.95}</c>. Keys
/// (camelCase): <c>source</c>, <c>maxAverageFirstResponseHours</c>, <c>minFirstResponseWithinTarget</c>,
/// <c>minFirstContactResolution</c>, <c>minResolutionRate</c>, <c>maxRepeatContactRate</c>, <c>maxSlaBreachRate</c>,
/// <c>minCsatAverage</c>, <c>minNps</c>, <c>maxChurnRate</c>, and <c>$comment</c>. A missing or null target is off. Rates are
/// fractions from 0 to 1. Problems are reported as <c>source:line:col: problem</c>, in English or Simplified Chinese by the culture
/// passed (Strings.resx). Thread-safe.
/// </summary>
public static class ReportTargetsJson
{
    /// <summary>The largest targets text accepted, in characters (64 KiB): a targets file is a handful of numbers.</summary>
    public const int MaxLength = 64 * 1024;

    /// <summary>The deepest nesting of objects and arrays read.</summary>
    private const int MaxDepth = 4;

    /// <summary>The ranged targets by their key in a targets file.</summary>
    private static readonly Dictionary<string, ReportTargetsRanges.Range> Ranges =
        ReportTargetsRanges.All.ToDictionary(r => r.JsonKey, StringComparer.Ordinal);

    /// <summary>Parses targets; every target the text does not name is off.</summary>
    /// <param name="json">The JSON text, at most <see cref="MaxLength"/> characters.</param>
    /// <param name="source">The file name (or other origin) used in error messages.</param>
    /// <param name="culture">The language of the error messages: Simplified Chinese for zh-Hans (zh, zh-CN), English otherwise; default
    /// <see cref="CultureInfo.CurrentUICulture"/>.</param>
    /// <returns>The targets, validated.</returns>
    /// <exception cref="FormatException">The text is not valid targets JSON; the message lists every problem as
    /// <c>source:line:col: problem</c>.</exception>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static ReportTargets Parse(string json, string source, CultureInfo? culture = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(source);
        if (json.Length > MaxLength)
        {
            throw new FormatException($"{source}:1:1: {Strings.Format("Targets_TooLong", culture, json.Length, MaxLength)}");
        }

        var bytes = Encoding.UTF8.GetBytes(json);
        var problems = new List<string>();
        var targets = new ReportTargets { Source = Path.GetFileNameWithoutExtension(source) };
        foreach (var range in ReportTargetsRanges.All)
        {
            range.Set(targets, null);
        }

        var lines = new LineIndex(bytes);
        string Where(long offset)
        {
            var (line, column) = lines.Position(offset);
            return string.Create(CultureInfo.InvariantCulture, $"{source}:{line}:{column}");
        }

        try
        {
            var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, MaxDepth = MaxDepth });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw new FormatException($"{Where(reader.TokenStartIndex)}: {Strings.Format("Targets_NotObject", culture)}");
            }

            var seen = new HashSet<string>(StringComparer.Ordinal);
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var at = Where(reader.TokenStartIndex);
                var key = reader.GetString()!;
                reader.Read();
                if (!seen.Add(key))
                {
                    problems.Add($"{at}: {Strings.Format("Json_Twice", culture, key)}");
                }

                if (key == "$comment" || key == "source")
                {
                    if (reader.TokenType != JsonTokenType.String)
                    {
                        problems.Add($"{at}: {Strings.Format("Json_NotString", culture, key)}");
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
                    ReadChannelTargets(ref reader, targets, at, problems, culture);
                    continue;
                }

                if (!Ranges.TryGetValue(key, out var range))
                {
                    var hint = Ranges.Keys.FirstOrDefault(k => string.Equals(k, key, StringComparison.OrdinalIgnoreCase));
                    problems.Add($"{at}: " + (hint is null
                        ? Strings.Format("Targets_Unknown", culture, key, string.Join(", ", Ranges.Keys))
                        : Strings.Format("Targets_UnknownHint", culture, key, hint)));
                    reader.Skip();
                    continue;
                }

                switch (reader.TokenType)
                {
                    case JsonTokenType.Null:
                        range.Set(targets, null);
                        break;
                    case JsonTokenType.Number:
                        var value = reader.GetDouble();
                        if (range.Problem(key, value, culture) is { } outOfRange)
                        {
                            problems.Add($"{Where(reader.TokenStartIndex)}: {outOfRange}");
                            break;
                        }

                        range.Set(targets, value);
                        break;
                    default:
                        problems.Add($"{at}: {Strings.Format("Targets_NotNumber", culture, key, reader.TokenType)}");
                        reader.Skip();
                        break;
                }
            }
        }
        catch (JsonException e)
        {
            var syntax = JsonFields.SyntaxProblem(lines, e);
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"{source}:{syntax.Line}:{syntax.Column}: {syntax.MessageIn(culture)}"));
        }

        // Every value was checked against its range (ReportTargetsRanges, what ReportTargets.Validate checks) where it was read.

        return problems.Count == 0 ? targets : throw new FormatException(string.Join(Environment.NewLine, problems));
    }

    /// <summary>The key of the per-channel first-response targets: an object of channel code to minutes.</summary>
    private const string ChannelKey = "maxAverageFirstResponseMinutesByChannel";

    private static void ReadChannelTargets(ref Utf8JsonReader reader, ReportTargets targets, string at, List<string> problems, CultureInfo? culture)
    {
        targets.MaxAverageFirstResponseByChannel.Clear();
        if (reader.TokenType == JsonTokenType.Null)
        {
            return;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            problems.Add($"{at}: {Strings.Format("Targets_ChannelsNotObject", culture, ChannelKey)}");
            reader.Skip();
            return;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var channel = reader.GetString()!;
            reader.Read();
            if (reader.TokenType != JsonTokenType.Number || reader.GetDouble() is not (> 0 and <= 100_000) || string.IsNullOrWhiteSpace(channel))
            {
                problems.Add($"{at}: {Strings.Format("Targets_ChannelMinutes", culture, ChannelKey, channel)}");
                reader.Skip();
                continue;
            }

            if (!targets.MaxAverageFirstResponseByChannel.TryAdd(channel.Trim(), NodaTime.Duration.FromMinutes(reader.GetDouble())))
            {
                problems.Add($"{at}: {Strings.Format("Targets_ChannelTwice", culture, ChannelKey, channel)}");
            }
        }
    }

    /// <summary>Reads one of the shipped targets files embedded in this assembly.</summary>
    internal static ReportTargets Shipped(string file)
    {
        using var stream = typeof(ReportTargetsJson).Assembly.GetManifestResourceStream("CrmCore.Metrics.Targets." + file)
            ?? throw new InvalidOperationException($"The shipped targets file {file} is missing from the assembly.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return Parse(reader.ReadToEnd(), file);
    }
}
