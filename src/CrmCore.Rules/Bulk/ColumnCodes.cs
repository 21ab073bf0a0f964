using NodaTime;

namespace CrmCore.Rules.Bulk;

/// <summary>
/// The integer codes the columns keep in place of <c>decimal</c> amounts and dates, so that the vectorised kernel compares plain integers.
/// A code is monotone and exact at every multiple of the unit: an amount <c>x</c> in units (fen for money, hundredths for CSAT) is
/// <c>2·floor(x)</c> when <c>x</c> is whole and <c>2·floor(x) + 1</c> otherwise, so for any literal <c>c</c> that is a whole number of
/// units, <c>x op c</c> holds exactly when <c>code(x) op 2c</c> holds, for every comparison operator. Amounts beyond the code's range
/// get a code beyond every literal the kernel accepts.
/// </summary>
internal static class ColumnCodes
{
    /// <summary>The largest whole number of fen a money literal may have for the vectorised kernel (2^60).</summary>
    public const long MaxFen = 1L << 60;

    /// <summary>The largest whole number of hundredths a CSAT literal may have for the vectorised kernel (2^28).</summary>
    public const int MaxCsatHundredths = 1 << 28;

    /// <summary>The year offset that makes every ISO year NodaTime supports give a positive month key.</summary>
    private const int YearOffset = 10_000;

    /// <summary>The money code of an amount in CNY, and the decimal scale to rebuild it with (0–2), or 3 when the code is not exact.</summary>
    public static long Money(decimal amount, out int scale)
    {
        scale = amount.Scale;
        if (scale <= 2 && Math.Abs(amount) <= MaxFen / 100)
        {
            return 2 * (long)(amount * 100m);
        }

        scale = 3;
        return Monotone(amount, 100m, MaxFen);
    }

    /// <summary>The amount a money code with an exact scale (0–2) stands for, with that scale.</summary>
    public static decimal DecodeMoney(long code, int scale)
    {
        var mantissa = (code >> 1) / (scale == 2 ? 1 : scale == 1 ? 10 : 100);
        var abs = (ulong)Math.Abs(mantissa);
        return new decimal((int)(uint)abs, (int)(uint)(abs >> 32), 0, mantissa < 0, (byte)scale);
    }

    /// <summary>The code of a money literal; false when it is not a whole number of fen within ±2^60.</summary>
    public static bool TryMoneyLiteral(decimal literal, out long code)
    {
        code = 0;
        if (Math.Abs(literal) > MaxFen / 100)
        {
            return false;
        }

        var fen = literal * 100m;
        if (fen != decimal.Truncate(fen))
        {
            return false;
        }

        code = 2 * (long)fen;
        return true;
    }

    /// <summary>The CSAT code of an average (hundredths).</summary>
    public static int Csat(decimal average) => (int)Monotone(average, 100m, MaxCsatHundredths);

    /// <summary>The code of a CSAT literal; false when it is not a whole number of hundredths within ±2^28.</summary>
    public static bool TryCsatLiteral(decimal literal, out int code)
    {
        code = 0;
        if (Math.Abs(literal) > MaxCsatHundredths / 100)
        {
            return false;
        }

        var hundredths = literal * 100m;
        if (hundredths != decimal.Truncate(hundredths))
        {
            return false;
        }

        code = 2 * (int)hundredths;
        return true;
    }

    /// <summary>
    /// A date as <c>(month number · 32) + day</c>, where the month number counts months from January of year −10,000. Whole months from
    /// <c>from</c> to <c>to</c> (<see cref="Facts.FactMath.WholeMonths"/>) are then <c>max(0, (key(to) − key(from)) &gt;&gt; 5)</c>:
    /// the day difference lies in [−30, 30], so the arithmetic shift takes one month off exactly when the day of <c>to</c> is before that of <c>from</c>.
    /// </summary>
    public static int MonthKey(LocalDate date) => (((((date.Year + YearOffset) * 12) + date.Month - 1)) << 5) | date.Day;

    /// <summary>The date of a month key.</summary>
    public static LocalDate FromMonthKey(int key)
    {
        var month = key >> 5;
        return new LocalDate((month / 12) - YearOffset, (month % 12) + 1, key & 31);
    }

    /// <summary>Whole months between two month keys, as <see cref="Facts.FactMath.WholeMonths"/>.</summary>
    public static int WholeMonths(int fromKey, int toKey) => Math.Max(0, (toKey - fromKey) >> 5);

    /// <summary>A day number (days since 1970-01-01) back to a date.</summary>
    public static LocalDate FromDayNumber(int days) => new LocalDate(1970, 1, 1).PlusDays(days);

    private static long Monotone(decimal x, decimal unit, long max)
    {
        if (Math.Abs(x) > max / unit)
        {
            return x > 0 ? (2 * max) + 1 : -((2 * max) + 1);
        }

        var scaled = x * unit;
        var floor = decimal.Floor(scaled);
        return (2 * (long)floor) + (scaled != floor ? 1 : 0);
    }
}
