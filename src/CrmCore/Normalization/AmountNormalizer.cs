using System.Runtime.CompilerServices;
using System.Globalization;

namespace CrmCore.Normalization;

/// <summary>
/// Reads amounts of money as analysts type them: thousands separators (<c>1,250,000</c>, also full-width), currency marks
/// (<c>¥</c>, <c>￥</c>, <c>元</c>, <c>RMB</c>, <c>CNY</c>), and the units 万 (ten thousand) and 亿 (a hundred million):
/// <c>50万</c>, <c>50万元</c>, <c>1.2亿</c>. A leading minus sign is kept. No I/O; thread-safe (stateless).
/// </summary>
public static class AmountNormalizer
{
    /// <summary>Parses an amount.</summary>
    /// <param name="text">The raw text.</param>
    /// <param name="amount">The amount in units (yuan) when the text is one.</param>
    /// <returns>True when the text is an amount.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryParse(string? text, out decimal amount)
    {
        amount = 0;
        var clean = TextNormalizer.Fold(text);
        if (clean is null)
        {
            return false;
        }

        Span<char> digits = stackalloc char[Math.Min(clean.Length, 64)];
        if (clean.Length > 64)
        {
            return false;
        }

        var length = 0;
        decimal multiplier = 1;
        var unitSeen = false;
        for (var i = 0; i < clean.Length; i++)
        {
            var c = clean[i];
            switch (c)
            {
                case >= '0' and <= '9' or '.' or '-' when !unitSeen:
                    digits[length++] = c;
                    break;
                case ',' or ' ' or '\'' or '_' when !unitSeen:
                    break;
                case '¥' or '￥' or '$' when length == 0:
                    break;
                case '万' when !unitSeen:
                    multiplier = 10_000m;
                    unitSeen = true;
                    break;
                case '亿' when !unitSeen:
                    multiplier = 100_000_000m;
                    unitSeen = true;
                    break;
                case '元' when i == clean.Length - 1:
                    break;
                default:
                    var rest = clean.AsSpan(i);
                    if (rest.Equals("RMB", StringComparison.OrdinalIgnoreCase) || rest.Equals("CNY", StringComparison.OrdinalIgnoreCase))
                    {
                        i = clean.Length;
                        break;
                    }

                    return false;
            }
        }

        if (length is > 0 and <= 18 && !digits[..length].ContainsAnyExceptInRange('0', '9'))
        {
            // Whole numbers (most amounts) without the general number parser: the same value and scale it gives.
            long whole = 0;
            foreach (var d in digits[..length])
            {
                whole = (whole * 10) + (d - '0');
            }

            amount = whole * multiplier;
            return true;
        }

        if (length == 0 || !decimal.TryParse(digits[..length], NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            return false;
        }

        try
        {
            amount = value * multiplier;
            return true;
        }
        catch (OverflowException)
        {
            return false;
        }
    }
}
