using System.Runtime.CompilerServices;
using System.Buffers;
using System.Globalization;
using NodaTime;

namespace CrmCore.Normalization;

/// <summary>
/// Reads dates as analysts type them: <c>2026-03-01</c>, <c>2026/3/1</c>, <c>2026.3.1</c>, <c>2026年3月1日</c>, <c>20260301</c>, any of
/// them followed by a time of day (ignored), full-width digits, and Excel serial dates (<c>46082</c>, days since 1899-12-30, the
/// 1900 date system) between 1 and 2958465. No I/O; thread-safe (stateless).
/// </summary>
public static class DateNormalizer
{
    private static readonly LocalDate ExcelEpoch = new(1899, 12, 30);
    private static readonly SearchValues<char> SerialChars = SearchValues.Create("0123456789.");

    /// <summary>Parses a date.</summary>
    /// <param name="text">The raw text.</param>
    /// <param name="date">The date when the text is one.</param>
    /// <returns>True when the text is a date in one of the accepted forms.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryParse(string? text, out LocalDate date)
    {
        date = default;
        var clean = TextNormalizer.Fold(text);
        if (clean is null)
        {
            return false;
        }

        if (clean.Length >= 8 && !clean.AsSpan(0, 8).ContainsAnyExceptInRange('0', '9') && (clean.Length == 8 || clean[8] is ' ' or 'T'))
        {
            var year = Number(clean.AsSpan(0, 4));
            var month = Number(clean.AsSpan(4, 2));
            var day = Number(clean.AsSpan(6, 2));
            return TryBuild(year, month, day, out date) && OnlyTimeAfter(clean.AsSpan(8));
        }

        // A serial number is digits and at most a point; the typed forms (2026/3/1, 2026年3月1日) never parse as one, so they skip the try.
        if (clean.Length <= 12 && !clean.AsSpan().ContainsAnyExcept(SerialChars)
            && double.TryParse(clean, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var serial))
        {
            return TryFromExcelSerial(serial, out date);
        }

        // Split into the numbers the text holds; the first three are year, month and day.
        Span<int> parts = stackalloc int[3];
        var count = 0;
        var i = 0;
        while (i < clean.Length && count < 3)
        {
            if (!char.IsAsciiDigit(clean[i]))
            {
                return false;
            }

            var start = i;
            while (i < clean.Length && char.IsAsciiDigit(clean[i]))
            {
                i++;
            }

            if (i - start > 4)
            {
                return false;
            }

            parts[count++] = Number(clean.AsSpan(start, i - start));
            if (count == 3)
            {
                if (i < clean.Length && clean[i] == '日')
                {
                    i++;
                }

                break;
            }

            if (i >= clean.Length || !IsSeparator(clean[i], count))
            {
                return false;
            }

            i++;
        }

        return count == 3 && parts[0] >= 1000 && TryBuild(parts[0], parts[1], parts[2], out date) && OnlyTimeAfter(clean.AsSpan(i));
    }

    /// <summary>Converts an Excel serial date (1900 date system; the fraction, a time of day, is ignored).</summary>
    /// <param name="serial">The serial number, 1 (1900-01-01) to 2958465 (9999-12-31).</param>
    /// <param name="date">The date.</param>
    /// <returns>True when the number is in range.</returns>
    public static bool TryFromExcelSerial(double serial, out LocalDate date)
    {
        date = default;
        if (double.IsNaN(serial) || serial < 1 || serial >= 2958466)
        {
            return false;
        }

        date = ExcelEpoch.PlusDays((int)Math.Floor(serial));
        return true;
    }

    /// <summary>The Excel serial number of a date (1900 date system), for writers that must store dates as numbers.</summary>
    /// <param name="date">The date.</param>
    /// <returns>Days since 1899-12-30.</returns>
    public static int ToExcelSerial(LocalDate date) => Period.Between(ExcelEpoch, date, PeriodUnits.Days).Days;

    /// <summary>The value of at most four ASCII digits (the caller has checked them).</summary>
    private static int Number(ReadOnlySpan<char> digits)
    {
        var value = 0;
        foreach (var c in digits)
        {
            value = (value * 10) + (c - '0');
        }

        return value;
    }

    private static bool IsSeparator(char c, int partsSoFar) => c switch
    {
        '-' or '/' or '.' => true,
        '年' => partsSoFar == 1,
        '月' => partsSoFar == 2,
        _ => false,
    };

    private static bool OnlyTimeAfter(ReadOnlySpan<char> rest)
    {
        rest = rest.Trim();
        if (rest.IsEmpty)
        {
            return true;
        }

        // "14:00", "14:00:30", "T14:00", "上午 9:30" and the like: anything made of digits, colons, dots, spaces, T, Z and 午.
        foreach (var c in rest)
        {
            if (!(char.IsAsciiDigit(c) || c is ':' or '.' or ' ' or 'T' or 'Z' or '上' or '下' or '午' or '时' or '分' or '秒'))
            {
                return false;
            }
        }

        return true;
    }

    private static bool TryBuild(int year, int month, int day, out LocalDate date)
    {
        date = default;
        if (year is < 1000 or > 9999 || month is < 1 or > 12 || day < 1 || day > CalendarSystem.Iso.GetDaysInMonth(year, month))
        {
            return false;
        }

        date = new LocalDate(year, month, day);
        return true;
    }
}
