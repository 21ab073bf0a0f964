using System.Text.RegularExpressions;
using CrmCore.Normalization;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CrmCore.Tests.Normalization;

/// <summary>
/// <see cref="TextNormalizer.Clean"/> decides whether a value is already clean with a few comparisons per character instead of two Unicode
/// category look-ups; these tests hold that shortcut to the definition (every one of the 65,536 characters) and the whole of
/// <c>Clean</c> to the plain rebuild it skips.
/// </summary>
public class TextCleanTests
{
    private static readonly Regex Runs = new(@"[\s\p{Cc}]+", RegexOptions.None, TimeSpan.FromSeconds(1));

    [Fact]
    public void IsSpecial_IsWhiteSpaceControlOrFullWidthLetterOrDigit_ForEveryCharacter()
    {
        var wrong = new List<int>();
        for (var i = 0; i <= char.MaxValue; i++)
        {
            var c = (char)i;
            var expected = char.IsWhiteSpace(c) || char.IsControl(c) || (c is >= '\uFF01' and <= '\uFF5E' && char.IsAsciiLetterOrDigit(TextNormalizer.ToHalfWidth(c)));
            if (TextNormalizer.IsSpecial(c) != expected)
            {
                wrong.Add(i);
            }
        }

        Assert.Empty(wrong);
    }

    [Fact]
    public void IsFoldSpecial_IsWhiteSpaceControlOrFullWidth_ForEveryCharacter()
    {
        var wrong = new List<int>();
        for (var i = 0; i <= char.MaxValue; i++)
        {
            var c = (char)i;
            var expected = char.IsWhiteSpace(c) || char.IsControl(c) || TextNormalizer.ToHalfWidth(c) != c;
            if (TextNormalizer.IsFoldSpecial(c) != expected)
            {
                wrong.Add(i);
            }
        }

        Assert.Empty(wrong);
    }

    [Property(MaxTest = 3000)]
    public Property Clean_IsTheRebuild() => Prop.ForAll(Texts(), value => TextNormalizer.Clean(value) == Rebuild(value, fold: false));

    [Property(MaxTest = 3000)]
    public Property Fold_IsTheRebuild() => Prop.ForAll(Texts(), value => TextNormalizer.Fold(value) == Rebuild(value, fold: true));

    [Theory]
    [InlineData("a（b）", true, false)]
    [InlineData("a，b", true, false)]
    [InlineData("a,b", true, true)]
    [InlineData("ａ,b", false, false)]
    public void CleanAndFold_ReturnTheSameInstance_OnlyWhenNothingChanges(string value, bool clean, bool fold)
    {
        Assert.Equal(clean, ReferenceEquals(value, TextNormalizer.Clean(value)));
        Assert.Equal(fold, ReferenceEquals(value, TextNormalizer.Fold(value)));
    }

    [Theory]
    [InlineData("a b", true)]
    [InlineData("a  b", false)]
    [InlineData(" a", false)]
    [InlineData("a ", false)]
    [InlineData("a\u00A0b", false)]
    [InlineData("上海某某１号", false)]
    [InlineData("上海某某1号", true)]
    public void Clean_ReturnsTheSameInstance_OnlyWhenNothingChanges(string value, bool same) =>
        Assert.Equal(same, ReferenceEquals(value, TextNormalizer.Clean(value)));

    private static Arbitrary<string> Texts()
    {
        var pieces = Gen.Elements(
            "上海", "某某", "a", "Z", "1", " ", "  ", "\t", "\n", "\r\n", "\u3000", "\u00A0", "\u0085", "\u2003", "\u200B", "\u1680", "\u180E",
            "\u202F", "ＡＢＣ", "ｘｙｚ", "１２３", "＠", "（", "）", "，", "！", "\uFF0F", "\uFF20", "\uFF3B", "\uFF40", "\uFF5B", "\uFF5E", "\uFF5F",
            "\u0001", "\u007F", "-", "'", "🙂", "Σ");
        return Gen.ListOf(pieces).Select(p => string.Concat(p)).ToArbitrary();
    }

    /// <summary>Clean (or Fold) as defined, written another way: half-width first (only the full-width letters and digits, and the
    /// ideographic space, unless folding), then every run of white space and control characters (regex <c>\s</c> is
    /// <c>char.IsWhiteSpace</c>'s set) as one space, trimmed; null when nothing is left.</summary>
    private static string? Rebuild(string value, bool fold)
    {
        var half = string.Concat(value.Select(c => c is '\u3000' ? ' '
            : c is >= '\uFF01' and <= '\uFF5E' && (fold || char.IsAsciiLetterOrDigit((char)(c - 0xFEE0))) ? (char)(c - 0xFEE0) : c));
        var clean = Runs.Replace(half, " ").Trim(' ');
        return clean.Length == 0 ? null : clean;
    }
}
