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
    public void IsSpecial_IsWhiteSpaceControlOrFullWidth_ForEveryCharacter()
    {
        var wrong = new List<int>();
        for (var i = 0; i <= char.MaxValue; i++)
        {
            var c = (char)i;
            var expected = char.IsWhiteSpace(c) || char.IsControl(c) || TextNormalizer.ToHalfWidth(c) != c;
            if (TextNormalizer.IsSpecial(c) != expected)
            {
                wrong.Add(i);
            }
        }

        Assert.Empty(wrong);
    }

    [Property(MaxTest = 3000)]
    public Property Clean_IsTheRebuild()
    {
        var pieces = Gen.Elements(
            "上海", "某某", "a", "Z", "1", " ", "  ", "\t", "\n", "\r\n", "\u3000", "\u00A0", "\u0085", "\u2003", "\u200B", "\u1680", "\u180E",
            "\u202F", "ＡＢＣ", "１２３", "＠", "\uFF5E", "\uFF5F", "\u0001", "\u007F", "-", "'", "🙂", "Σ");
        return Prop.ForAll(Gen.ListOf(pieces).Select(p => string.Concat(p)).ToArbitrary(), value =>
            TextNormalizer.Clean(value) == Rebuild(value));
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

    /// <summary>Clean as defined, written another way: half-width first, then every run of white space and control characters (regex
    /// <c>\s</c> is <c>char.IsWhiteSpace</c>'s set) as one space, trimmed; null when nothing is left.</summary>
    private static string? Rebuild(string value)
    {
        var half = string.Concat(value.Select(TextNormalizer.ToHalfWidth));
        var clean = Runs.Replace(half, " ").Trim(' ');
        return clean.Length == 0 ? null : clean;
    }
}
