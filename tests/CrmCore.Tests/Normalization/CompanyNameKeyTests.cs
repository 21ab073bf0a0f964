using System.Text;
using CrmCore.Normalization;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CrmCore.Tests.Normalization;

/// <summary>
/// <see cref="CompanyNameNormalizer.Key"/> was rewritten to run in one pass without allocating per token; these tests hold it to the
/// straightforward version it replaced (kept here as the reference), so no name gets another key.
/// </summary>
public class CompanyNameKeyTests
{
    private static readonly string[] Suffixes = ["股份有限公司", "有限责任公司", "有限公司", "集团公司", "集团", "公司"];

    private static readonly HashSet<string> LatinSuffixes = new(StringComparer.Ordinal)
    {
        "co", "ltd", "inc", "limited", "corp", "corporation", "company", "llc", "gmbh", "group", "plc",
    };

    [Property(MaxTest = 2000)]
    public Property Key_IsTheReferenceKey()
    {
        var pieces = Gen.Elements(
            "上海", "某某", "制造", "有限公司", "股份有限公司", "集团", "公司", "（中国）", "(", ")", "【", "】", "[", "]", "）", " ", ",", ".",
            "Co.", "Ltd", "LTD.", "Inc", "GROUP", "Acme", "ＡＢＣ", "１２３", "7", "Σ", "ΣΑΣ", "İ", "Ǆ", "Ⅻ", "🙂", "𐐀", "𠮷", "\uD842", "［", "］", "\u3000", "\t", "-", "&");
        return Prop.ForAll(Gen.ListOf(pieces).Select(p => string.Concat(p)).ToArbitrary(), name =>
            CompanyNameNormalizer.Key(name) == Reference(name));
    }

    [Fact]
    public void IsLetterOrDigit_IsTheUnicodeAnswer_ForEveryCharacter()
    {
        var wrong = new List<int>();
        for (var i = 0; i <= char.MaxValue; i++)
        {
            if (CompanyNameNormalizer.IsLetterOrDigit((char)i) != char.IsLetterOrDigit((char)i))
            {
                wrong.Add(i);
            }
        }

        Assert.Empty(wrong);
    }

    [Theory]
    [InlineData("上海某某制造有限公司", "上海某某制造")]
    [InlineData("Acme Co., Ltd.", "acme")]
    [InlineData("某某（中国）集团有限公司", "某某")]
    [InlineData("ＡＢＣ 科技股份有限公司", "abc科技")]
    [InlineData("公司", "公司")]
    [InlineData("   ", "")]
    public void Key_KnownNames(string name, string expected) => Assert.Equal(expected, CompanyNameNormalizer.Key(name));

    [Fact]
    public void Key_LongName_UsesTheSameRules()
    {
        var name = string.Concat(Enumerable.Repeat("上海某某 Ltd（分部）", 60)) + "有限公司";
        Assert.Equal(Reference(name), CompanyNameNormalizer.Key(name));
    }

    /// <summary>The key as the first version computed it: lower-case the cleaned text, split into tokens, drop Latin then Chinese suffixes.</summary>
    private static string Reference(string name)
    {
        var clean = TextNormalizer.Fold(name);
        if (clean is null)
        {
            return string.Empty;
        }

        var tokens = new List<string>();
        var builder = new StringBuilder();
        var depth = 0;
        foreach (var rune in clean.ToLowerInvariant().EnumerateRunes())
        {
            var c = rune.IsBmp ? (char)rune.Value : '\0';
            switch (c)
            {
                case '(' or '（' or '[' or '【':
                    depth++;
                    Flush();
                    continue;
                case ')' or '）' or ']' or '】':
                    depth = Math.Max(0, depth - 1);
                    continue;
            }

            if (depth == 0 && Rune.IsLetterOrDigit(rune))
            {
                builder.Append(rune.ToString());
            }
            else
            {
                Flush();
            }
        }

        Flush();
        while (tokens.Count > 1 && LatinSuffixes.Contains(tokens[^1]))
        {
            tokens.RemoveAt(tokens.Count - 1);
        }

        var key = string.Concat(tokens);
        for (var changed = true; changed;)
        {
            changed = false;
            foreach (var suffix in Suffixes)
            {
                if (key.Length > suffix.Length && key.EndsWith(suffix, StringComparison.Ordinal))
                {
                    key = key[..^suffix.Length];
                    changed = true;
                }
            }
        }

        return key;

        void Flush()
        {
            if (builder.Length > 0)
            {
                tokens.Add(builder.ToString());
                builder.Clear();
            }
        }
    }
}
