using System.Globalization;
using CrmCore.Metrics;

namespace CrmCore.Tests.Metrics;

public sealed class ReportTargetsJsonLanguageTests
{
    [Theory]
    [InlineData("[1]", "t.json:1:1: the targets must be a JSON object.", "t.json:1:1: 目标必须是 JSON 对象。")]
    [InlineData("{\"minNps\": 10, \"minNps\": 20}", "t.json:1:16: 'minNps' appears twice.", "t.json:1:16: “minNps”出现了两次。")]
    [InlineData("{\"source\": 3}", "t.json:1:2: 'source' must be a string.", "t.json:1:2: “source”必须是字符串。")]
    [InlineData("{\"speed\": 1}", "t.json:1:2: unknown target 'speed'; known: maxAverageFirstResponseHours, ", "t.json:1:2: 未知目标“speed”；可用的目标：maxAverageFirstResponseHours, ")]
    [InlineData("{\"minnps\": 1}", "t.json:1:2: unknown target 'minnps'; did you mean 'minNps'?", "t.json:1:2: 未知目标“minnps”；是否应为“minNps”？")]
    [InlineData("{\"minNps\": \"高\"}", "t.json:1:2: 'minNps' must be a number or null (0.9 means 90 %), was String.", "t.json:1:2: “minNps”必须是数字或 null（0.9 表示 90%），实际为 String。")]
    [InlineData("{\"maxAverageFirstResponseHours\": 0}", "t.json:1:34: 'maxAverageFirstResponseHours' must be positive, was 0.", "t.json:1:34: “maxAverageFirstResponseHours”必须为正数，实际为 0。")]
    [InlineData("{\"maxAverageFirstResponseHours\": 1e300}", "t.json:1:34: 'maxAverageFirstResponseHours' must be at most 402653183 hours, was 1E+300.", "t.json:1:34: “maxAverageFirstResponseHours”最多为 402653183 小时，实际为 1E+300。")]
    [InlineData("{\"minCsatAverage\": 6}", "t.json:1:20: 'minCsatAverage' must be from 1 to 5, was 6.", "t.json:1:20: “minCsatAverage”必须在 1 到 5 之间，实际为 6。")]
    [InlineData("{\"minNps\": 101}", "t.json:1:12: 'minNps' must be from -100 to 100, was 101.", "t.json:1:12: “minNps”必须在 -100 到 100 之间，实际为 101。")]
    [InlineData("{\"maxChurnRate\": 5}", "t.json:1:18: 'maxChurnRate' must be a fraction from 0 to 1 (0.9 means 90 %), was 5.", "t.json:1:18: “maxChurnRate”必须是 0 到 1 之间的比例（0.9 表示 90%），实际为 5。")]
    [InlineData("{\"maxAverageFirstResponseMinutesByChannel\": 10}", "t.json:1:2: 'maxAverageFirstResponseMinutesByChannel' must be an object of channel code to minutes, e.g. { \"OnlineChat\": 10, \"Phone\": 120 }.", "t.json:1:2: “maxAverageFirstResponseMinutesByChannel”必须是从渠道代码到分钟数的对象，例如 { \"OnlineChat\": 10, \"Phone\": 120 }。")]
    [InlineData("{\"maxAverageFirstResponseMinutesByChannel\": {\"Phone\": -1}}", "t.json:1:46: 'maxAverageFirstResponseMinutesByChannel.Phone' must be a positive number of minutes (at most 100000).", "t.json:1:46: “maxAverageFirstResponseMinutesByChannel.Phone”必须是正的分钟数（最多 100000）。")]
    [InlineData("{\"maxAverageFirstResponseMinutesByChannel\": {\"Phone\": 1, \"Phone\": 2}}", "t.json:1:58: 'maxAverageFirstResponseMinutesByChannel.Phone' appears twice.", "t.json:1:58: “maxAverageFirstResponseMinutesByChannel.Phone”出现了两次。")]
    [InlineData("{\"maxAverageFirstResponseMinutesByChannel\": {\"Fax\": 5}}", "t.json:1:46: 'maxAverageFirstResponseMinutesByChannel.Fax': unknown channel; known: Phone, Email, OnlineChat, Visit, WebForm, Sms (a host's own channel code must first be listed in 'hostChannels').", "t.json:1:46: “maxAverageFirstResponseMinutesByChannel.Fax”：未知渠道；可用的渠道：Phone, Email, OnlineChat, Visit, WebForm, Sms（宿主自定义的渠道代码须先列入“hostChannels”）。")]
    [InlineData("{\"maxAverageFirstResponseMinutesByChannel\": {\"Onlinechat\": 10}}", "t.json:1:46: 'maxAverageFirstResponseMinutesByChannel.Onlinechat': unknown channel; did you mean 'OnlineChat'?", "t.json:1:46: “maxAverageFirstResponseMinutesByChannel.Onlinechat”：未知渠道；是否应为“OnlineChat”？")]
    [InlineData("{\"maxAverageFirstResponseMinutesByChannel\": {\"Emal\": 10}}", "t.json:1:46: 'maxAverageFirstResponseMinutesByChannel.Emal': unknown channel; did you mean 'Email'?", "t.json:1:46: “maxAverageFirstResponseMinutesByChannel.Emal”：未知渠道；是否应为“Email”？")]
    [InlineData("{\"minNps\": 10 \"maxChurnRate\": 0.1}", "t.json:1:15: Not valid JSON: ", "t.json:1:15: 不是有效的 JSON：")]
    [InlineData("{\"minNps\": 10", "The JSON ends too early", "JSON 提前结束")]
    [InlineData("{\"source\": [[[[1]]]]}", "t.json:1:", "t.json:1:")]
    public void Parse_EachProblem_IsInEnglishOrChineseByTheCulturePassed(string json, string english, string chinese)
    {
        var en = Error(json, "en-US");
        var zh = Error(json, "zh-Hans");

        Assert.Contains(english, en, StringComparison.Ordinal);
        Assert.Contains(chinese, zh, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_TooLongOrTooDeep_IsInTheCulturePassed()
    {
        var large = new string(' ', ReportTargetsJson.MaxLength + 1);
        const string deep = "{\"source\": [[[[[[1]]]]]]}";

        Assert.Equal($"t.json:1:1: the targets file has {large.Length} characters; at most {ReportTargetsJson.MaxLength} are read.", Error(large, "en"));
        Assert.Equal($"t.json:1:1: 目标文件有 {large.Length} 个字符；最多读取 {ReportTargetsJson.MaxLength} 个。", Error(large, "zh-Hans"));
        var tooDeep = deep.IndexOf('[', StringComparison.Ordinal) + 4; // the root object is level 1: the 4th '[' opens level 5
        Assert.EndsWith($"t.json:1:{tooDeep}: Nested too deeply: objects and arrays may be nested at most 4 levels.", Error(deep, "en"), StringComparison.Ordinal);
        Assert.EndsWith($"t.json:1:{tooDeep}: 嵌套过深：对象和数组最多可嵌套 4 层。", Error(deep, "zh-Hans"), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Positions_CountChineseTextAsOneColumnACharacter()
    {
        const string json = "{\"source\": \"文档〇〇三目标\", \"minResolutionRate\": 95}";
        var column = json.IndexOf("95", StringComparison.Ordinal) + 1;

        Assert.Equal($"t.json:1:{column}: “minResolutionRate”必须是 0 到 1 之间的比例（0.9 表示 90%），实际为 95。", Error(json, "zh-Hans"));
    }

    [Fact]
    public void Parse_Positions_CountAnEmojiAsTwoColumnsAsAStringIndexDoes()
    {
        const string json = "{\"source\": \"😀文档〇〇三\", \"minResolutionRate\": 95}";
        var column = json.IndexOf("95", StringComparison.Ordinal) + 1;

        Assert.Equal($"t.json:1:{column}: “minResolutionRate”必须是 0 到 1 之间的比例（0.9 表示 90%），实际为 95。", Error(json, "zh-Hans"));
    }

    /// <summary>The loader and <see cref="ReportTargets.Validate(CultureInfo?)"/> read one table of ranges: each accepts exactly the
    /// values the other accepts, for every ranged target.</summary>
    [Theory]
    [InlineData("maxAverageFirstResponseHours")]
    [InlineData("minFirstResponseWithinTarget")]
    [InlineData("minFirstContactResolution")]
    [InlineData("minResolutionRate")]
    [InlineData("maxRepeatContactRate")]
    [InlineData("maxSlaBreachRate")]
    [InlineData("minCsatAverage")]
    [InlineData("minNps")]
    [InlineData("maxChurnRate")]
    public void Parse_AcceptsAValueExactlyWhenValidateDoes(string key)
    {
        double[] values = [-101, -100, -1, -0.5, 0, 0.5, 1, 1.5, 4.5, 5, 5.5, 100, 101];
        var accepted = 0;
        foreach (var value in values)
        {
            var json = string.Create(CultureInfo.InvariantCulture, $"{{\"{key}\": {value}}}");
            ReportTargets? parsed = null;
            var error = Record.Exception(() => parsed = ReportTargetsJson.Parse(json, "t.json", CultureInfo.InvariantCulture));
            var direct = Direct(key, value);

            Assert.Equal(direct.Validate(CultureInfo.InvariantCulture).Count == 0, error is null);
            if (parsed is not null)
            {
                accepted++;
                Assert.Empty(parsed.Validate(CultureInfo.InvariantCulture));
            }
        }

        Assert.InRange(accepted, 1, values.Length - 1);
    }

    [Fact]
    public void Validate_SpeaksTheCulturePassedOrTheCurrentUiCulture()
    {
        var targets = new ReportTargets { MinCsatAverage = 6, MaxAverageFirstResponse = NodaTime.Duration.FromHours(-1) };
        const string english = "Targets: 'MinCsatAverage' must be from 1 to 5, was 6.";
        const string chinese = "目标：“MinCsatAverage”必须在 1 到 5 之间，实际为 6。";

        Assert.Equal(["Targets: 'MaxAverageFirstResponse.TotalHours' must be positive, was -1.", english], targets.Validate(CultureInfo.GetCultureInfo("en-US")));
        Assert.Equal(chinese, targets.Validate(CultureInfo.GetCultureInfo("zh-CN"))[1]);
        var before = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-Hans");
            Assert.Equal(chinese, targets.Validate()[1]);
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en-GB");
            Assert.Equal(english, targets.Validate()[1]);
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }

    private static ReportTargets Direct(string key, double value)
    {
        var targets = new ReportTargets();
        switch (key)
        {
            case "maxAverageFirstResponseHours": targets.MaxAverageFirstResponse = NodaTime.Duration.FromHours(value); break;
            case "minFirstResponseWithinTarget": targets.MinFirstResponseWithinTarget = value; break;
            case "minFirstContactResolution": targets.MinFirstContactResolution = value; break;
            case "minResolutionRate": targets.MinResolutionRate = value; break;
            case "maxRepeatContactRate": targets.MaxRepeatContactRate = value; break;
            case "maxSlaBreachRate": targets.MaxSlaBreachRate = value; break;
            case "minCsatAverage": targets.MinCsatAverage = value; break;
            case "minNps": targets.MinNps = value; break;
            case "maxChurnRate": targets.MaxChurnRate = value; break;
            default: throw new ArgumentOutOfRangeException(nameof(key), key, null);
        }

        return targets;
    }

    [Fact]
    public void Parse_SyntaxError_IsAtItsCharacterColumnAfterChineseText()
    {
        const string json = "{\"source\": \"文档〇〇三目标\" \"minNps\": 10}";
        var column = json.IndexOf("\"minNps\"", StringComparison.Ordinal) + 1;

        Assert.StartsWith($"t.json:1:{column}: 不是有效的 JSON：", Error(json, "zh-Hans"), StringComparison.Ordinal);
    }

    private static string Error(string json, string culture) =>
        Assert.Throws<FormatException>(() => ReportTargetsJson.Parse(json, "t.json", CultureInfo.GetCultureInfo(culture))).Message;
}
