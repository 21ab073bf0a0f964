using System.Globalization;
using CrmCore.Calendars;
using CrmCore.Localization;
using CrmCore.Tickets;

namespace CrmCore.Rules.Tests;

/// <summary>
/// Without ICU (.NET's invariant globalization mode, as in Alpine images) what is named or documented as zh-Hans stays Chinese: a rule
/// diagnostic's <see cref="Diagnostics.RuleDiagnostic.MessageZhHans"/>, a calendar problem's <see cref="LoadProblem.MessageZhHans"/> and a text asked for in <see cref="TextCultures.SimplifiedChinese"/>
/// (here a status from the library's zh-Hans satellite assembly), both where the host may make cultures by name (the README's setting,
/// <c>PredefinedCulturesOnly</c> off) and with .NET's defaults (predefined cultures only, where no culture can be made by name). A lookup
/// that follows <see cref="CultureInfo.CurrentUICulture"/> reads English there, that culture being the invariant one, until the host sets
/// it to <see cref="TextCultures.SimplifiedChinese"/>. Each case runs this
/// test assembly as a child process (<see cref="ChildProcess"/>): the mode is fixed when a process starts.
/// </summary>
public sealed class InvariantChineseTextTests
{
    [Theory]
    [InlineData("0", "False")] // the README's host setting: cultures made by name allowed
    [InlineData("1", "True")] // .NET's default in invariant mode: predefined cultures only
    public void ZhHansTexts_WithoutIcu_AreChinese(string predefinedOnly, string refused)
    {
        var (exit, output, error) = ChildProcess.Run("zh-texts",
            new() { ["DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"] = "1", ["DOTNET_SYSTEM_GLOBALIZATION_PREDEFINED_CULTURES_ONLY"] = predefinedOnly });

        Assert.True(exit == 0, error + output);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(
            [
                "no culture by name: " + refused,
                "SimplifiedChinese: zh-Hans, read-only True",
                "status in SimplifiedChinese: 待处理",
                "status in English: Pending",
                "status in CurrentUICulture: Pending",
                "status in CurrentUICulture set to SimplifiedChinese: 待处理",
                "MessageZhHans: `}` 前面不能有逗号（多余的逗号）；请删除它。",
                "Message: The file is not valid JSON: a comma before `}` is not allowed (a trailing comma); remove it.",
                "calendar MessageZhHans: “Mars/Olympus”不是 IANA 时区标识（例如 Asia/Shanghai）。",
            ],
            lines);
    }

    /// <summary>The child process of <see cref="ZhHansTexts_WithoutIcu_AreChinese"/>: prints whether .NET refuses cultures by name, then
    /// texts asked for in each language.</summary>
    internal static async Task<int> PrintTextsAsync(TextWriter output)
    {
        var refused = Record.Exception(() => CultureInfo.GetCultureInfo("zh-Hans")) is CultureNotFoundException;
        await output.WriteLineAsync($"no culture by name: {refused}");
        await output.WriteLineAsync($"SimplifiedChinese: {TextCultures.SimplifiedChinese.Name}, read-only {TextCultures.SimplifiedChinese.IsReadOnly}");
        await output.WriteLineAsync("status in SimplifiedChinese: " + DisplayNames.Of(TicketStatus.Pending, TextCultures.SimplifiedChinese));
        await output.WriteLineAsync("status in English: " + DisplayNames.Of(TicketStatus.Pending, TextCultures.English));
        await output.WriteLineAsync("status in CurrentUICulture: " + DisplayNames.Of(TicketStatus.Pending));
        CultureInfo.CurrentUICulture = TextCultures.SimplifiedChinese;
        await output.WriteLineAsync("status in CurrentUICulture set to SimplifiedChinese: " + DisplayNames.Of(TicketStatus.Pending));
        var diagnostic = Assert.Single(RuleLoader.Load("tags.json", "[{\"WorkflowName\": \"Tagging\", \"Rules\": [],}]").Errors);
        await output.WriteLineAsync("MessageZhHans: " + diagnostic.MessageZhHans);
        await output.WriteLineAsync("Message: " + diagnostic.Message);
        var zone = Assert.Single(CalendarJson.Load("{\"name\": \"x\", \"timeZone\": \"Mars/Olympus\", \"week\": {}}").Problems, p => p.Path == "$.timeZone");
        await output.WriteLineAsync("calendar MessageZhHans: " + zone.MessageZhHans);
        return 0;
    }
}
