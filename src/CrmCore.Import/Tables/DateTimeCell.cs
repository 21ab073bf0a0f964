using System.Globalization;
using CrmCore.Normalization;
using NodaTime;
using NodaTime.Text;

namespace CrmCore.Import.Tables;

/// <summary>
/// Reads a date and time as analysts type it: ISO with an offset (<c>2026-02-01T10:13:00+08:00</c>) or <c>Z</c>; a date in any form
/// <see cref="DateNormalizer"/> accepts followed by a time (<c>2026/3/1 14:00</c>, <c>2026年3月1日 9:30:15</c>); a date alone (its start);
/// an Excel serial with a fraction of a day. Times without an offset are local to the given zone. Thread-safe (stateless).
/// </summary>
internal static class DateTimeCell
{
    private static readonly OffsetDateTimePattern[] OffsetPatterns =
    [
        OffsetDateTimePattern.GeneralIso,
        OffsetDateTimePattern.ExtendedIso,
    ];

    /// <summary>Parses a date and time.</summary>
    public static bool TryParse(string text, DateTimeZone zone, out Instant at)
    {
        at = default;
        var clean = TextNormalizer.Fold(text);
        if (clean is null)
        {
            return false;
        }

        foreach (var pattern in OffsetPatterns)
        {
            if (pattern.Parse(clean) is { Success: true } parsed)
            {
                at = parsed.Value.ToInstant();
                return true;
            }
        }

        if (InstantPattern.ExtendedIso.Parse(clean) is { Success: true } instant)
        {
            at = instant.Value;
            return true;
        }

        if (clean.Length <= 20 && double.TryParse(clean, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var serial)
            && DateNormalizer.TryFromExcelSerial(serial, out var serialDate))
        {
            var seconds = (long)Math.Round((serial - Math.Floor(serial)) * 86_400);
            at = zone.AtLeniently(serialDate.AtMidnight().PlusSeconds(seconds)).ToInstant();
            return true;
        }

        var (datePart, time) = SplitTime(clean.Replace('T', ' '));
        if (time is null && datePart.Length != clean.Length)
        {
            return false;
        }

        if (!DateNormalizer.TryParse(datePart, out var date))
        {
            return false;
        }

        at = zone.AtLeniently(date + (time ?? LocalTime.Midnight)).ToInstant();
        return true;
    }

    /// <summary>The date part and the time at the end (<c>H:mm</c> or <c>H:mm:ss</c>, also with a full-width colon), if any.</summary>
    private static (string Date, LocalTime? Time) SplitTime(string text)
    {
        var space = text.LastIndexOf(' ');
        if (space <= 0)
        {
            return (text, null);
        }

        var tail = text[(space + 1)..].Replace('：', ':');
        var parts = tail.Split(':');
        if (parts.Length is < 2 or > 3 || !parts.All(p => p.Length is >= 1 and <= 2 && p.All(char.IsAsciiDigit)))
        {
            return (text, null);
        }

        var hour = int.Parse(parts[0], CultureInfo.InvariantCulture);
        var minute = int.Parse(parts[1], CultureInfo.InvariantCulture);
        var second = parts.Length == 3 ? int.Parse(parts[2], CultureInfo.InvariantCulture) : 0;
        if (hour > 23 || minute > 59 || second > 59)
        {
            return (string.Empty, null);
        }

        return (text[..space].TrimEnd(), new LocalTime(hour, minute, second));
    }
}
