using System.Globalization;
using CrmCore.Normalization;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CrmCore.Tests.Normalization;

/// <summary>
/// <see cref="AmountNormalizer.TryParse"/> reads whole numbers of up to 18 digits without the general number parser; these properties hold
/// that path to what <c>decimal.Parse</c> gives for the same digits (value and scale), with separators and units.
/// </summary>
public class AmountFormsPropertyTests
{
    [Property(MaxTest = 2000)]
    public Property WholeNumbers_AreWhatDecimalParseGives()
    {
        var gen = from digits in Gen.Choose(1, 20)
                  from seed in Gen.ArrayOf(Gen.Choose(0, 9))
                  from unit in Gen.Elements(string.Empty, "万", "亿", "元", "万元")
                  from grouped in Gen.Elements(false, true)
                  select (Text: string.Concat(seed.Take(digits)), Unit: unit, Grouped: grouped);
        return Prop.ForAll(gen.Where(g => g.Text.Length > 0).ToArbitrary(), g =>
        {
            var text = g.Grouped ? Group(g.Text) : g.Text;
            var multiplier = g.Unit.StartsWith('万') ? 10_000m : g.Unit == "亿" ? 100_000_000m : 1m;
            var expected = decimal.Parse(g.Text, NumberStyles.None, CultureInfo.InvariantCulture) * multiplier;
            return AmountNormalizer.TryParse(text + g.Unit, out var amount) && amount == expected && amount.Scale == expected.Scale;
        });
    }

    [Theory]
    [InlineData("1,250,000", "1250000")]
    [InlineData("50万", "500000")]
    [InlineData("-3", "-3")]
    [InlineData("1.50", "1.50")]
    [InlineData("007", "7")]
    public void KnownAmounts_KeepValueAndScale(string text, string expected)
    {
        Assert.True(AmountNormalizer.TryParse(text, out var amount));
        var want = decimal.Parse(expected, NumberStyles.Number, CultureInfo.InvariantCulture);
        Assert.Equal(want, amount);
        Assert.Equal(want.Scale, amount.Scale);
    }

    private static string Group(string digits)
    {
        var first = digits.Length % 3 == 0 ? 3 : digits.Length % 3;
        var parts = new List<string> { digits[..first] };
        for (var i = first; i < digits.Length; i += 3)
        {
            parts.Add(digits.Substring(i, 3));
        }

        return string.Join(',', parts);
    }
}
