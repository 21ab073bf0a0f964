using CrmCore.Normalization;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CrmCore.Tests.Normalization;

/// <summary>The one edit distance every "did you mean" hint uses (rule keys, routing groups, report channels, contact-policy holidays).</summary>
public sealed class EditDistanceTests
{
    private static readonly Arbitrary<string> Words = Arb.From(Gen.Elements('a', 'b', 'c', 'X').ArrayOf().Select(cs => new string(cs)));

    [Property(MaxTest = 200)]
    public Property Levenshtein_IsAMetricBoundedByTheLengths() => Prop.ForAll(Words, Words, (a, b) =>
    {
        var d = EditDistance.Levenshtein(a, b);
        return d == EditDistance.Levenshtein(b, a)
            && (d == 0) == (a == b)
            && d >= Math.Abs(a.Length - b.Length)
            && d <= Math.Max(a.Length, b.Length);
    });

    [Property(MaxTest = 200)]
    public Property Levenshtein_OneInsertedCharacter_IsOne() => Prop.ForAll(Words, Words, Arb.From(Gen.Elements('a', 'Z')), (a, b, c) =>
        EditDistance.Levenshtein(a + b, a + c + b) == 1 && EditDistance.Levenshtein(a + c + b, a + b) == 1);

    [Theory]
    [InlineData("", "", 0)]
    [InlineData("", "abc", 3)]
    [InlineData("abc", "", 3)]
    [InlineData("OnlineChat", "OnlineChat", 0)]
    [InlineData("ONLINECHAT", "ONLINCHAT", 1)]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("Spring Festval", "Spring Festival", 1)]
    [InlineData("春节", "春晚", 1)]
    [InlineData("flaw", "lawn", 2)]
    [InlineData("Expresion", "Expression", 1)]
    [InlineData("RuleNmae", "RuleName", 2)]
    public void Levenshtein_CountsInsertionsDeletionsAndSubstitutions(string a, string b, int distance)
    {
        Assert.Equal(distance, EditDistance.Levenshtein(a, b));
        Assert.Equal(distance, EditDistance.Levenshtein(b, a));
    }

    [Fact]
    public void Levenshtein_OfTextsLongerThanTheStackBuffer_IsTheSame()
    {
        var a = new string('a', 300);
        var b = new string('a', 150) + "b" + new string('a', 149) + "c";

        Assert.Equal(2, EditDistance.Levenshtein(a, b));
    }
}
