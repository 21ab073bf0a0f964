using System.Globalization;
using CrmCore.Cli.Localization;

namespace CrmCore.Cli.Tests.Localization;

public sealed class CliLanguageTests
{
    [Theory]
    [InlineData("zh-CN", true)]
    [InlineData("zh-Hans", true)]
    [InlineData("zh-TW", true)]
    [InlineData("zh", true)]
    [InlineData("en-US", false)]
    [InlineData("de-DE", false)]
    [InlineData("", false)]
    public void FromCulture_ChineseCulturesGiveChinese(string culture, bool chinese)
    {
        Assert.Equal(chinese, CliLanguage.FromCulture(CultureInfo.GetCultureInfo(culture)).IsChinese);
    }

    [Theory]
    [InlineData(new[] { "rules", "--lang", "zh-Hans" }, "zh-Hans")]
    [InlineData(new[] { "--lang=en", "rules" }, "en")]
    [InlineData(new[] { "rules", "--lang", "fr" }, "zh-Hans")]
    [InlineData(new[] { "--", "--lang", "en" }, "zh-Hans")]
    public void FromArguments_FindsLangBeforeParsing(string[] args, string expected)
    {
        Assert.Equal(expected, CliLanguage.FromArguments(args, CultureInfo.GetCultureInfo("zh-CN")).Name);
    }
}
