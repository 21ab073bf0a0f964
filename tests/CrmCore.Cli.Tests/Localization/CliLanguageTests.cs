using System.Globalization;
using CrmCore.Cli.Localization;
using CrmCore.Cli.Tests.Infrastructure;

namespace CrmCore.Cli.Tests.Localization;

public sealed class CliLanguageTests
{
    // Simplified Chinese cultures speak zh-Hans; Traditional Chinese ones have no texts of their own and stay on English, like any other.
    [Theory]
    [InlineData("zh", true)]
    [InlineData("zh-CN", true)]
    [InlineData("zh-SG", true)]
    [InlineData("zh-Hans", true)]
    [InlineData("zh-Hans-CN", true)]
    [InlineData("zh-Hans-HK", true)]
    [InlineData("zh-TW", false)]
    [InlineData("zh-HK", false)]
    [InlineData("zh-MO", false)]
    [InlineData("zh-Hant", false)]
    [InlineData("zh-Hant-TW", false)]
    [InlineData("en-US", false)]
    [InlineData("de-DE", false)]
    [InlineData("", false)]
    public void FromCulture_SimplifiedChineseCulturesGiveChinese(string culture, bool chinese)
    {
        Assert.Equal(chinese, CliLanguage.FromCulture(CultureInfo.GetCultureInfo(culture)).IsChinese);
    }

    // Without --lang, the UI culture picks the language of crm's own messages and of the library's texts it prints.
    [Theory]
    [InlineData("zh", true)]
    [InlineData("zh-CN", true)]
    [InlineData("zh-SG", true)]
    [InlineData("zh-Hans", true)]
    [InlineData("zh-Hans-HK", true)]
    [InlineData("zh-TW", false)]
    [InlineData("zh-HK", false)]
    [InlineData("zh-Hant", false)]
    [InlineData("en-US", false)]
    public void Run_UiCulture_PicksTheLanguageOfMessagesAndLibraryTexts(string culture, bool chinese)
    {
        using var dir = new TempDirectory();
        var file = dir.Write("bad.json", "{\"name\": \"x\", \"timeZone\": \"Mars/Olympus\", \"week\": {}}");
        var console = new TestConsole { UiCulture = CultureInfo.GetCultureInfo(culture) };

        var missing = Crm.Run(console, "calendar", "between", "no-such-calendar.json", "--from", "2026-03-02T09:00", "--to", "2026-03-02T10:00");
        var bad = Crm.Run(new TestConsole { UiCulture = console.UiCulture }, "calendar", "between", file, "--from", "2026-03-02T09:00", "--to", "2026-03-02T10:00");

        Assert.Equal(1, missing.ExitCode);
        Assert.Contains(chinese ? "错误: 找不到文件“no-such-calendar.json”" : "error: file 'no-such-calendar.json' was not found", missing.Error, StringComparison.Ordinal);
        Assert.Equal(1, bad.ExitCode);
        Assert.Contains(chinese ? "“Mars/Olympus”不是 IANA 时区标识" : "'Mars/Olympus' is not an IANA time zone id", bad.Error, StringComparison.Ordinal);
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
