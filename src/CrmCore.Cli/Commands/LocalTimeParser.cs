using NodaTime;
using NodaTime.Text;

namespace CrmCore.Cli.Commands;

/// <summary>Parses the local date-times and business durations that <c>crm calendar</c> accepts.</summary>
internal static class LocalTimeParser
{
    private static readonly LocalDateTimePattern[] DateTimePatterns =
    [
        LocalDateTimePattern.ExtendedIso,
        LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd HH':'mm"),
        LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm"),
    ];

    /// <summary>Parses <c>2026-09-30T16:00</c>, <c>2026-09-30 16:00</c> or <c>2026-09-30T16:00:00</c>; a bare date means 00:00.</summary>
    public static LocalDateTime? LocalDateTime(string text)
    {
        var t = text.Trim();
        foreach (var pattern in DateTimePatterns)
        {
            var result = pattern.Parse(t);
            if (result.Success)
            {
                return result.Value;
            }
        }

        var date = LocalDatePattern.Iso.Parse(t);
        return date.Success ? date.Value.AtMidnight() : null;
    }

    /// <summary>
    /// Parses a business duration: <c>4h</c>, <c>90m</c>, <c>1h30m</c>, <c>2d</c> (days of 24 business hours, rarely wanted),
    /// <c>1:30</c> (hours:minutes) or ISO <c>PT4H</c>. Negative and zero-length durations are rejected.
    /// </summary>
    public static Duration? BusinessDuration(string text)
    {
        var t = text.Trim();
        if (t.Length == 0)
        {
            return null;
        }

        if (t.StartsWith('P') || t.StartsWith('p'))
        {
            var iso = PeriodPattern.NormalizingIso.Parse(t.ToUpperInvariant());
            return iso.Success && !iso.Value.HasDateComponent ? Positive(iso.Value.ToDuration()) : null;
        }

        var colon = t.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0)
        {
            return int.TryParse(t[..colon], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var h)
                && int.TryParse(t[(colon + 1)..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var m)
                && m < 60
                ? Positive(Duration.FromHours(h) + Duration.FromMinutes(m))
                : null;
        }

        var total = Duration.Zero;
        var number = 0L;
        var digits = 0;
        foreach (var ch in t.ToLowerInvariant())
        {
            if (ch is >= '0' and <= '9')
            {
                number = checked((number * 10) + (ch - '0'));
                digits++;
                if (digits > 9)
                {
                    return null;
                }

                continue;
            }

            if (digits == 0)
            {
                return null;
            }

            total += ch switch
            {
                'd' => Duration.FromDays(number),
                'h' => Duration.FromHours(number),
                'm' => Duration.FromMinutes(number),
                's' => Duration.FromSeconds(number),
                _ => Duration.MinValue,
            };
            if (total < Duration.Zero)
            {
                return null;
            }

            number = 0;
            digits = 0;
        }

        return digits == 0 ? Positive(total) : null;
    }

    private static Duration? Positive(Duration d) => d > Duration.Zero ? d : null;
}
