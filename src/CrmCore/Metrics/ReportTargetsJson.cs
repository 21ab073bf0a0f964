using CrmCore.Normalization;
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
/// <c>minCsatAverage</c>, <c>minNps</c>, <c>maxChurnRate</c>, <c>maxAverageFirstResponseMinutesByChannel</c> (channel code to minutes),
/// <c>hostChannels</c> (the host's own channel codes those targets may name, anywhere in the file), and <c>$comment</c>. A missing or null target is off. Rates are
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

        // The host's own channel codes are known before any per-channel target is checked, wherever the file lists them.
        var hostChannels = HostChannelsIn(bytes);
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
                    ReadChannelTargets(ref reader, targets, hostChannels, at, Where, problems, culture);
                    continue;
                }

                if (key == HostChannelsKey)
                {
                    ReadHostChannels(ref reader, targets, at, Where, problems, culture);
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

    /// <summary>
    /// The channel codes a per-channel target may name: the well-known <see cref="Tickets.Channel"/> values, spelled exactly (a ticket's
    /// channel is compared ordinally by code, so <c>Onlinechat</c> would never match a ticket).
    /// </summary>
    internal static IReadOnlyList<string> KnownChannels { get; } =
    [
        Tickets.Channel.Phone.Code, Tickets.Channel.Email.Code, Tickets.Channel.OnlineChat.Code,
        Tickets.Channel.Visit.Code, Tickets.Channel.WebForm.Code, Tickets.Channel.Sms.Code,
    ];

    /// <summary>The key of the host's own channel codes: an array of strings.</summary>
    private const string HostChannelsKey = "hostChannels";

    /// <summary>
    /// The problem with a per-channel target's channel code, or null when it is a well-known code or one of <paramref name="hostChannels"/>,
    /// spelled exactly; an unknown code's message lists the codes known and names <paramref name="hostKey"/>, where a host's own are declared.
    /// </summary>
    internal static string? ChannelProblem(string channel, IReadOnlyCollection<string> hostChannels, string hostKey, CultureInfo? culture)
    {
        if (KnownChannels.Contains(channel, StringComparer.Ordinal) || hostChannels.Contains(channel, StringComparer.Ordinal))
        {
            return null;
        }

        var known = KnownChannels.Concat(hostChannels.Where(h => !KnownChannels.Contains(h, StringComparer.Ordinal)).Order(StringComparer.Ordinal)).ToList();
        var hint = known.FirstOrDefault(k => string.Equals(k, channel.Trim(), StringComparison.OrdinalIgnoreCase)) ?? ClosestChannel(channel, known);
        return hint is null
            ? Strings.Format("Targets_ChannelUnknown", culture, ChannelKey, channel, string.Join(", ", known), hostKey)
            : Strings.Format("Targets_ChannelUnknownHint", culture, ChannelKey, channel, hint);
    }

    /// <summary>The problem with a host's own channel code, or null when it can name a channel: not blank, and not a well-known code in
    /// another case (<c>phone</c> would never match a ticket of <c>Phone</c>).</summary>
    internal static string? HostChannelProblem(string channel, string hostKey, CultureInfo? culture)
    {
        if (string.IsNullOrWhiteSpace(channel) || channel.Trim().Length != channel.Length)
        {
            return Strings.Format("Targets_HostChannelBlank", culture, hostKey, channel);
        }

        return KnownChannels.FirstOrDefault(k => !string.Equals(k, channel, StringComparison.Ordinal) && string.Equals(k, channel, StringComparison.OrdinalIgnoreCase)) is { } known
            ? Strings.Format("Targets_HostChannelCase", culture, hostKey, channel, known)
            : null;
    }

    /// <summary>The strings of the top-level <c>hostChannels</c> array, read ahead of the rest; empty when there is none or the text is not
    /// JSON (the main reading reports every problem, these included).</summary>
    private static HashSet<string> HostChannelsIn(byte[] bytes)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, MaxDepth = MaxDepth });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return found;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var key = reader.GetString();
                reader.Read();
                if (key == HostChannelsKey && reader.TokenType == JsonTokenType.StartArray)
                {
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    {
                        if (reader.TokenType == JsonTokenType.String && reader.GetString() is { } code && HostChannelProblem(code, HostChannelsKey, null) is null)
                        {
                            found.Add(code);
                        }
                        else
                        {
                            reader.Skip();
                        }
                    }
                }
                else
                {
                    reader.Skip();
                }
            }
        }
        catch (JsonException)
        {
            // Reported with its position by the main reading.
        }

        return found;
    }

    private static void ReadHostChannels(ref Utf8JsonReader reader, ReportTargets targets, string at, Func<long, string> where, List<string> problems, CultureInfo? culture)
    {
        targets.HostChannels.Clear();
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            problems.Add($"{at}: {Strings.Format("Targets_HostChannelsNotArray", culture, HostChannelsKey)}");
            reader.Skip();
            return;
        }

        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var codeAt = where(reader.TokenStartIndex);
            if (reader.TokenType != JsonTokenType.String)
            {
                problems.Add($"{codeAt}: {Strings.Format("Targets_HostChannelsNotArray", culture, HostChannelsKey)}");
                reader.Skip();
                continue;
            }

            var code = reader.GetString()!;
            if (HostChannelProblem(code, HostChannelsKey, culture) is { } problem)
            {
                problems.Add($"{codeAt}: {problem}");
            }
            else if (!targets.HostChannels.Add(code))
            {
                problems.Add($"{codeAt}: {Strings.Format("Targets_ChannelTwice", culture, HostChannelsKey, code)}");
            }
        }
    }

    /// <summary>The known channel code nearest to a misspelt one (Levenshtein distance at most a third of its length, at least 1).</summary>
    private static string? ClosestChannel(string channel, IReadOnlyList<string> known)
    {
        var upper = channel.Trim().ToUpperInvariant();
        var best = known.Select(k => (Code: k, Distance: EditDistance.Levenshtein(upper, k.ToUpperInvariant()))).MinBy(k => k.Distance);
        return best.Distance <= Math.Max(1, upper.Length / 3) ? best.Code : null;
    }


    private static void ReadChannelTargets(
        ref Utf8JsonReader reader, ReportTargets targets, IReadOnlyCollection<string> hostChannels, string at, Func<long, string> where, List<string> problems, CultureInfo? culture)
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
            var channelAt = where(reader.TokenStartIndex);
            var channel = reader.GetString()!;
            reader.Read();
            if (ChannelProblem(channel, hostChannels, HostChannelsKey, culture) is { } unknown)
            {
                problems.Add($"{channelAt}: {unknown}");
                reader.Skip();
                continue;
            }

            if (reader.TokenType != JsonTokenType.Number || reader.GetDouble() is not (> 0 and <= 100_000))
            {
                problems.Add($"{channelAt}: {Strings.Format("Targets_ChannelMinutes", culture, ChannelKey, channel)}");
                reader.Skip();
                continue;
            }

            if (!targets.MaxAverageFirstResponseByChannel.TryAdd(channel, NodaTime.Duration.FromMinutes(reader.GetDouble())))
            {
                problems.Add($"{channelAt}: {Strings.Format("Targets_ChannelTwice", culture, ChannelKey, channel)}");
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
