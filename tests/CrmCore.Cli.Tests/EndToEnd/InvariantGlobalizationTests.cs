using CrmCore.Cli.Tests.Infrastructure;

namespace CrmCore.Cli.Tests.EndToEnd;

/// <summary>
/// The built crm as a real process in .NET's invariant globalization mode (hosts and containers without ICU): it never crashes, serves
/// zh-Hans texts when asked for by <c>--lang</c> or by LANG / LC_ALL, and says in one note what it cannot do. Slow: keep these few.
/// </summary>
public sealed class InvariantGlobalizationTests
{
    private const string Invariant = "DOTNET_SYSTEM_GLOBALIZATION_INVARIANT";
    private const string PredefinedOnly = "DOTNET_SYSTEM_GLOBALIZATION_PREDEFINED_CULTURES_ONLY";
    private const string NotFoundEn = "error: file 'no-such-calendar.json' was not found";
    private const string NotFoundZh = "错误: 找不到文件“no-such-calendar.json”";

    private static readonly string[] Between = ["calendar", "between", "no-such-calendar.json", "--from", "2026-03-02T09:00", "--to", "2026-03-02T10:00"];

    public static TheoryData<string?, string, string?, string[]> Languages() => new()
    {
        // --lang, LANG, LC_ALL, standard error
        { null, "C.UTF-8", null, [NotFoundEn] },
        { null, "zh_CN.UTF-8", null, [NotFoundZh] },
        { null, "C.UTF-8", "zh_CN.UTF-8", [NotFoundZh] },
        { null, "zh_CN.UTF-8", "C", [NotFoundEn] },
        { "zh-Hans", "C.UTF-8", null, [NotFoundZh] },
        { "zh-Hans-HK", "C.UTF-8", null, [NotFoundZh] },
        { "en", "zh_CN.UTF-8", null, [NotFoundEn] },
        { "zh-TW", "zh_CN.UTF-8", null, ["注意：--lang zh-TW 是繁体中文，crm 没有繁体中文文本；消息使用英文", NotFoundEn] },
        {
            "klingon", "C.UTF-8", null,
            ["note: .NET runs here without culture data (invariant globalization mode), so --lang klingon cannot be checked; crm has no texts in its language; messages are in English", NotFoundEn]
        },
    };

    [Theory]
    [MemberData(nameof(Languages))]
    public void Run_InvariantGlobalization_SpeaksTheLanguageAskedFor(string? lang, string posixLang, string? lcAll, string[] error)
    {
        string[] args = lang is null ? Between : [.. Between, "--lang", lang];

        var run = Crm.RunProcess(new Dictionary<string, string?> { [Invariant] = "1", ["LANG"] = posixLang, ["LC_ALL"] = lcAll }, args);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Equal(error, run.Error.TrimEnd().Split('\n'));
        Assert.Empty(run.Out);
    }

    // Predefined cultures only, forced by the environment over crm's runtime configuration: .NET makes no culture by name, and crm
    // speaks both languages all the same (its languages are the library's own cultures, known by name; TextCultures).
    [Theory]
    [InlineData("zh-Hans", "C.UTF-8", NotFoundZh)]
    [InlineData("en", "zh_CN.UTF-8", NotFoundEn)]
    [InlineData(null, "zh_CN.UTF-8", NotFoundZh)]
    [InlineData(null, "C.UTF-8", NotFoundEn)]
    public void Run_InvariantGlobalizationWithPredefinedCulturesOnly_SpeaksTheLanguageAskedFor(string? lang, string posixLang, string error)
    {
        string[] args = lang is null ? Between : [.. Between, "--lang", lang];

        var run = Crm.RunProcess(new Dictionary<string, string?> { [Invariant] = "1", [PredefinedOnly] = "1", ["LANG"] = posixLang }, args);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Equal(error, run.Error.TrimEnd());
        Assert.Empty(run.Out);
    }

    // The library's own texts come from its zh-Hans satellite assemblies, with cultures made by name (crm's runtime configuration) and
    // with predefined cultures only (forced by the environment): a calendar's load problem and a rule file's diagnostic (MessageZhHans).
    [Theory]
    [InlineData("0")]
    [InlineData("1")]
    public void Run_InvariantGlobalization_LibraryTextsInChinese(string predefinedOnly)
    {
        using var dir = new TempDirectory();
        var file = dir.Write("bad.json", "{\"name\": \"x\", \"timeZone\": \"Mars/Olympus\", \"week\": {}}");
        var rules = dir.Write("rules.json", "[{\"WorkflowName\": \"Tagging\", \"Rules\": [],}]");
        var environment = new Dictionary<string, string?> { [Invariant] = "1", [PredefinedOnly] = predefinedOnly };

        var run = Crm.RunProcess(environment, "calendar", "between", file, "--from", "2026-03-02T09:00", "--to", "2026-03-02T10:00", "--lang", "zh-Hans");
        var validate = Crm.RunProcess(environment, "rules", "validate", rules, "--lang", "zh-Hans");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("错误 $.timeZone: “Mars/Olympus”不是 IANA 时区标识（例如 Asia/Shanghai）。", run.Error, StringComparison.Ordinal);
        Assert.True(validate.ExitCode == 1, validate.ToString());
        Assert.Contains("`}` 前面不能有逗号（多余的逗号）；请删除它。", validate.Out + validate.Error, StringComparison.Ordinal);
    }

    // Numbers, percentages and dates in the monthly report (text and HTML) are written the same with and without culture data, and
    // in the asked language also with predefined cultures only.
    [Theory]
    [InlineData("en", "0.93 h ≤ 2 h", "resolution rate 87.2% < 90%")]
    [InlineData("zh-Hans", "0.93 小时 ≤ 2 小时", "问题解决率 87.2% < 90%")]
    public void Report_InvariantGlobalization_SameNumbersAndDates(string lang, string hours, string rate)
    {
        using var dir = new TempDirectory();
        CrmRun Report(string html, string? invariant, string? predefinedOnly = null) => Crm.RunProcess(
            new Dictionary<string, string?> { [Invariant] = invariant, [PredefinedOnly] = predefinedOnly, ["LANG"] = "zh_CN.UTF-8" },
            "report", "--tickets", "samples/data/tickets.csv", "--surveys", "samples/data/surveys.csv", "--month", "2026-02",
            "--html", dir.File(html), "--lang", lang);

        var withData = Report("with.html", invariant: null);
        var without = Report("without.html", invariant: "1");
        var predefined = Report("predefined.html", invariant: "1", predefinedOnly: "1");

        Assert.True(withData.ExitCode == 0, withData.ToString());
        Assert.True(without.ExitCode == 0, without.ToString());
        Assert.Equal(withData.Error.Replace("with.html", "without.html", StringComparison.Ordinal), without.Error);
        Assert.Equal(withData.Out.Replace("with.html", "without.html", StringComparison.Ordinal), without.Out);
        Assert.Contains(hours, without.Out, StringComparison.Ordinal);
        Assert.Contains(rate, without.Out, StringComparison.Ordinal);
        Assert.Contains("+55.6", without.Out, StringComparison.Ordinal);
        Assert.Equal(File.ReadAllText(dir.File("with.html")), File.ReadAllText(dir.File("without.html")));
        // Predefined cultures only: the same labels and numbers (the complaint phrases differ there: SmartCn cannot start and they fall
        // back to character pairs, as documented).
        Assert.True(predefined.ExitCode == 0, predefined.ToString());
        Assert.Contains(hours, predefined.Out, StringComparison.Ordinal);
        Assert.Contains(rate, predefined.Out, StringComparison.Ordinal);
        Assert.Contains("+55.6", predefined.Out, StringComparison.Ordinal);
    }
}
