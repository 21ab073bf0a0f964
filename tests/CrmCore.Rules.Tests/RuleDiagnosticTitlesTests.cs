using System.Globalization;
using System.Reflection;
using CrmCore.Rules.Diagnostics;

namespace CrmCore.Rules.Tests;

public class RuleDiagnosticTitlesTests
{
    private static IEnumerable<string> AllCodes() => typeof(RuleDiagnosticCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (string)f.GetRawConstantValue()!);

    [Fact]
    public void Get_EveryCode_HasDistinctEnglishAndChineseTitle()
    {
        foreach (var code in AllCodes())
        {
            var en = RuleDiagnosticTitles.Get(code, CultureInfo.InvariantCulture);
            var zh = RuleDiagnosticTitles.Get(code, CultureInfo.GetCultureInfo("zh-Hans"));
            Assert.NotEqual(code, en);
            Assert.NotEqual(en, zh);
        }
    }

    [Fact]
    public void Codes_AreUniqueAndStable()
    {
        var codes = AllCodes().ToList();
        Assert.Equal(codes.Count, codes.Distinct().Count());
        Assert.All(codes, c => Assert.Matches("^CRM0[0-9]{2}$", c));
        Assert.Equal(codes.Order(), RuleDiagnosticTitles.Codes.Order());
    }

    // Simplified Chinese cultures read the Chinese titles and explanation labels; Traditional Chinese ones (no zh-Hant texts) English.
    [Theory]
    [InlineData("zh", true)]
    [InlineData("zh-CN", true)]
    [InlineData("zh-SG", true)]
    [InlineData("zh-Hans-HK", true)]
    [InlineData("zh-TW", false)]
    [InlineData("zh-HK", false)]
    [InlineData("zh-Hant", false)]
    [InlineData("en-US", false)]
    public void Get_CultureName_ChineseForSimplifiedChineseOnly(string name, bool chinese)
    {
        var culture = CultureInfo.GetCultureInfo(name);
        var code = AllCodes().First();
        var expected = RuleDiagnosticTitles.Get(code, CultureInfo.GetCultureInfo(chinese ? "zh-Hans" : "en"));
        Assert.Equal(expected, RuleDiagnosticTitles.Get(code, culture));
        Assert.Equal(chinese, CrmCore.Rules.Explain.ExplainLabels.IsChinese(culture));
    }

    [Fact]
    public void Get_UnknownCode_ReturnsCode() => Assert.Equal("CRM999", RuleDiagnosticTitles.Get("CRM999"));
}
