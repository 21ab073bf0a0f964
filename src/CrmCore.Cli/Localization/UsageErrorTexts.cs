using System.Text.RegularExpressions;

namespace CrmCore.Cli.Localization;

/// <summary>
/// Simplified Chinese for the command-line errors <c>crm</c>'s own option parsers report (a bad <c>--now</c>, <c>--month</c>,
/// <c>--bands</c>...) and for those of System.CommandLine its satellite assembly leaves in English (a missing required option), matched
/// on their English templates (placeholders <c>{0}</c> to <c>{3}</c>) so the values the user typed are kept. System.CommandLine's
/// conversion errors, which name .NET types, are reworded in both languages. Thread-safe.
/// </summary>
internal static class UsageErrorTexts
{
    private static readonly (string English, string Chinese)[] Templates =
    [
        ("'{0}' is not a local date-time such as 2026-09-30T16:00.", "“{0}”不是本地日期时间，格式如 2026-09-30T16:00。"),
        ("'{0}' is not a positive business duration such as 4h, 90m, 1:30 or PT4H.", "“{0}”不是正的工作时长，格式如 4h、90m、1:30 或 PT4H。"),
        ("Give exactly one of --business or --working-days.", "请只给出 --business 或 --working-days 之一。"),
        ("'{0}' is not an output format: use table, json or csv.", "“{0}”不是输出格式：请使用 table、json 或 csv。"),
        ("'{0}' is not an input format: use csv, json or jsonl.", "“{0}”不是输入格式：请使用 csv、json 或 jsonl。"),
        ("'{0}' is not an ISO instant such as 2026-03-01T09:00:00Z.", "“{0}”不是 ISO 时刻，格式如 2026-03-01T09:00:00Z。"),
        ("'{0}' is not an IANA time zone such as Asia/Shanghai.", "“{0}”不是 IANA 时区，例如 Asia/Shanghai。"),
        ("Give at least one of --customers, --tickets or --surveys.", "请至少给出 --customers、--tickets 或 --surveys 之一。"),
        ("'{0}' is not a month such as 2026-02.", "“{0}”不是月份，格式如 2026-02。"),
        ("--rules needs --customers.", "--rules 需要同时给出 --customers。"),
        (Hosting.EscalationOption.NeedsRules, "--escalation 需要同时给出 --rules。"),
        (Hosting.GlobalOptions.UnknownLanguage, "“{0}”不是可用的语言：请使用 en（英文）或 zh-Hans（简体中文），或 en-GB、zh、zh-CN 等区域名称。"),
        ("'{0}' is not a list of descending thresholds such as 60,30.", "“{0}”不是从高到低的阈值列表，例如 60,30。"),
        (Hosting.NumberOptions.NotANumber, "{0}：“{1}”不是数字。"),
        (Hosting.NumberOptions.NotAWholeNumber, "{0}：“{1}”不是整数。"),
        (Hosting.NumberOptions.OutOfRange, "{0} 必须在 {1} 到 {2} 之间，而不是 {3}。"),
        (Hosting.NumberOptions.TooSmall, "{0} 必须大于或等于 {1}，而不是 {2}。"),
        ("Option '{0}' is required.", "缺少必需的选项 {0}。"),
        ("Required argument '{0}' missing for command: '{1}'.", "命令“{1}”缺少必需的参数 {0}。"),
        ("Required argument missing for option: '{0}'.", "选项 {0} 缺少值。"),
        ("Option '{0}' expects a single argument but {1} were provided.", "选项 {0} 只接受一个值，但给出了 {1} 个。"),
        ("Unrecognized command or argument '{0}'.", "无法识别的命令或参数“{0}”。"),
        ("Argument '{0}' not recognized. Must be one of:{1}", "无法识别的值“{0}”。必须是以下之一：{1}"),
        (NotValidForOption, "“{0}”不是选项 {1} 的有效值。"),
        (NotValidForArgument, "“{0}”不是命令 {1} 的参数的有效值。"),
        (NotValid, "“{0}”不是有效的值。"),
        ("Required command was not provided.", "未提供必需的命令。"),
        (Hosting.EncodingOption.UnknownEncoding, "“{0}”不是可用的编码：请使用 utf-8、gb18030（也用于 gbk）、utf-16 或 utf-16be。"),

        // System.CommandLine's own Chinese texts, with their doubled stops, ASCII stops and quotes in quotes mended (their wording kept).
        ("未提供必需的命令。.", "未提供必需的命令。"),
        ("未识别命令或参数“'{0}'”.", "未识别命令或参数“{0}”。"),
        ("未识别参数“'{0}'”。必须为一个: {1}", "未识别参数“{0}”。必须是以下之一：{1}"),
        ("命令 '{1}' 缺少所需参数 '{0}'。", "命令“{1}”缺少必需的参数 {0}。"),
        ("选项缺少所需参数: '{0}'.", "选项 {0} 缺少值。"),
        ("文件不存在: '{0}'.", "文件不存在：“{0}”。"),
        ("目录不存在: '{0}'.", "目录不存在：“{0}”。"),
        ("文件或目录不存在: '{0}'.", "文件或目录不存在：“{0}”。"),
        ("路径中不允许的字符: '{0}'.", "路径中有不允许的字符：“{0}”。"),
        ("读取响应文件“'{0}'”时出错: {1}", "读取响应文件“{0}”时出错：{1}"),
        ("“'{0}'”找不到响应文件.", "找不到响应文件“{0}”。"),
    ];

    private const string NotValidForOption = "'{0}' is not a valid value for {1}.";
    private const string NotValidForArgument = "'{0}' is not a valid value for the argument of {1}.";
    private const string NotValid = "'{0}' is not a valid value.";

    /// <summary>System.CommandLine's conversion errors (which name .NET types such as System.Nullable`1[System.Double]), reworded.</summary>
    private static readonly (string Template, string Reworded)[] Conversions =
    [
        ("Cannot parse argument '{0}' for option '{1}' as expected type '{2}'. Did you mean one of the following?{3}", NotValidForOption),
        ("Cannot parse argument '{0}' for option '{1}' as expected type '{2}'.", NotValidForOption),
        ("Cannot parse argument '{0}' for command '{1}' as expected type '{2}'. Did you mean one of the following?{3}", NotValidForArgument),
        ("Cannot parse argument '{0}' for command '{1}' as expected type '{2}'.", NotValidForArgument),
        ("Cannot parse argument '{0}' as expected type '{1}'.", NotValid),
    ];

    private static readonly (Regex Pattern, string Chinese)[] Compiled = Templates.Select(t => (Pattern(t.English), t.Chinese)).ToArray();

    private static readonly (Regex Pattern, string Reworded)[] CompiledConversions = Conversions.Select(t => (Pattern(t.Template), t.Reworded)).ToArray();

    /// <summary>The message in the language: Chinese when there is a translation, else as given (a conversion error reworded).</summary>
    public static string In(string message, CliLanguage language)
    {
        foreach (var (pattern, reworded) in CompiledConversions)
        {
            if (pattern.Match(message) is { Success: true } m)
            {
                message = Fill(reworded, m);
                break;
            }
        }

        if (!language.IsChinese)
        {
            return message;
        }

        foreach (var (pattern, chinese) in Compiled)
        {
            if (pattern.Match(message) is { Success: true } m)
            {
                return Fill(chinese, m);
            }
        }

        return message;
    }

    private static Regex Pattern(string template)
    {
        var pattern = Regex.Escape(template);
        for (var i = 0; i <= 3; i++)
        {
            pattern = pattern.Replace("\\{" + i + "}", "(?<v" + i + ">.*?)", StringComparison.Ordinal);
        }

        return new Regex("^" + pattern + "$", RegexOptions.Singleline, TimeSpan.FromSeconds(1));
    }

    private static string Fill(string template, Match match)
    {
        for (var i = 0; i <= 3; i++)
        {
            template = template.Replace("{" + i + "}", match.Groups["v" + i].Value, StringComparison.Ordinal);
        }

        return template;
    }
}
