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
    [InlineData(new[] { "--lang:zh-cn", "rules" }, "zh-Hans")]
    [InlineData(new[] { "rules", "--lang", "fr" }, "en")]
    [InlineData(new[] { "rules", "--lang", "klingon" }, "zh-Hans")]
    [InlineData(new[] { "--", "--lang", "en" }, "zh-Hans")]
    public void FromArguments_FindsLangBeforeParsing(string[] args, string expected)
    {
        Assert.Equal(expected, CliLanguage.FromArguments(args, CultureInfo.GetCultureInfo("zh-CN")).Name);
    }

    // Any culture name .NET knows, in any case, read as the library reads a culture: the Simplified Chinese ones give zh-Hans.
    [Theory]
    [InlineData("zh", true)]
    [InlineData("zh-cn", true)]
    [InlineData("ZH-Hans", true)]
    [InlineData("zh-sg", true)]
    [InlineData("zh-Hans-HK", true)]
    [InlineData("en", false)]
    [InlineData("EN", false)]
    [InlineData("en-GB", false)]
    [InlineData("en-us", false)]
    public void Run_LangCultureName_MapsThroughTextCultures_WithoutANote(string lang, bool chinese)
    {
        // The UI culture says the other language, so only --lang can have chosen the one seen.
        var console = new TestConsole { UiCulture = CultureInfo.GetCultureInfo(chinese ? "en-US" : "zh-CN") };

        var run = Crm.Run(console, "calendar", "between", "no-such-calendar.json", "--from", "2026-03-02T09:00", "--to", "2026-03-02T10:00", "--lang", lang);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(chinese ? "错误: 找不到文件“no-such-calendar.json”" : "error: file 'no-such-calendar.json' was not found", run.Error.TrimEnd());
    }

    // A Traditional Chinese culture has no texts of its own: crm speaks English, and says so in one line, in the UI culture's language.
    [Theory]
    [InlineData("zh-TW", "en-US", "note: --lang zh-TW is Traditional Chinese, which crm has no texts for; messages are in English")]
    [InlineData("zh-hk", "en-US", "note: --lang zh-HK is Traditional Chinese, which crm has no texts for; messages are in English")]
    [InlineData("zh-Hant", "zh-CN", "注意：--lang zh-Hant 是繁体中文，crm 没有繁体中文文本；消息使用英文")]
    [InlineData("ZH-MO", "zh-Hans", "注意：--lang zh-MO 是繁体中文，crm 没有繁体中文文本；消息使用英文")]
    [InlineData("fr", "en-US", "note: crm has no texts in the language of --lang fr; messages are in English")]
    [InlineData("de-DE", "zh-CN", "注意：crm 没有 --lang de-DE 所指语言的文本；消息使用英文")]
    public void Run_LangWithoutTextsOfItsOwn_SpeaksEnglish_WithAOneLineNote(string lang, string ui, string note)
    {
        var console = new TestConsole { UiCulture = CultureInfo.GetCultureInfo(ui) };

        var run = Crm.Run(console, "calendar", "between", "no-such-calendar.json", "--from", "2026-03-02T09:00", "--to", "2026-03-02T10:00", "--lang", lang);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal([note, "error: file 'no-such-calendar.json' was not found"], run.Error.TrimEnd().Split(Environment.NewLine));
    }

    [Fact]
    public void Run_LangTraditionalChinese_HelpIsInEnglish_AndTheNoteIsOnStandardErrorOnly()
    {
        var run = Crm.Run("--help", "--lang", "zh-TW");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Language of messages and report labels", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("note:", run.Out, StringComparison.Ordinal);
        Assert.StartsWith("note: --lang zh-TW is Traditional Chinese", run.Error, StringComparison.Ordinal);
    }

    // A name .NET knows no culture by is refused, saying what is accepted, in the UI culture's language (the only one known then).
    [Theory]
    [InlineData("klingon", "en-US", "error: 'klingon' is not a language: use en (English) or zh-Hans (Simplified Chinese), or a culture name such as en-GB, zh or zh-CN.")]
    [InlineData("en-XX", "en-US", "error: 'en-XX' is not a language: use en (English) or zh-Hans (Simplified Chinese), or a culture name such as en-GB, zh or zh-CN.")]
    [InlineData("", "en-US", "error: '' is not a language: use en (English) or zh-Hans (Simplified Chinese), or a culture name such as en-GB, zh or zh-CN.")]
    [InlineData("chinese", "zh-CN", "错误: “chinese”不是可用的语言：请使用 en（英文）或 zh-Hans（简体中文），或 en-GB、zh、zh-CN 等区域名称。")]
    public void Run_LangUnknown_IsAUsageError_ListingWhatIsAccepted(string lang, string ui, string error)
    {
        var console = new TestConsole { UiCulture = CultureInfo.GetCultureInfo(ui) };

        var run = Crm.Run(console, "schema", "customers", "--lang", lang);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(string.Empty, run.Out);
        Assert.Equal(error, run.Error.Split(Environment.NewLine)[0]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("klingon")]
    [InlineData("iv")]
    [InlineData(null)]
    public void CultureOf_UnknownOrEmptyName_IsNone(string? name)
    {
        Assert.Null(CliLanguage.CultureOf(name));
        Assert.Null(CliLanguage.FromName(name));
    }
}
