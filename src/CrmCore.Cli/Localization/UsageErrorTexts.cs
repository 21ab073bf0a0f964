using System.Text.RegularExpressions;

namespace CrmCore.Cli.Localization;

/// <summary>
/// Simplified Chinese for the command-line errors <c>crm</c>'s own option parsers report (a bad <c>--now</c>, <c>--month</c>,
/// <c>--bands</c>...), matched on their English templates so the value the user typed is kept. Thread-safe.
/// </summary>
internal static class UsageErrorTexts
{
    private static readonly (string English, string Chinese)[] Templates =
    [
        ("'{0}' is not a local date-time such as 2026-09-30T16:00.", "“{0}”不是本地日期时间，格式如 2026-09-30T16:00。"),
        ("'{0}' is not a positive business duration such as 4h, 90m, 1:30 or PT4H.", "“{0}”不是正的工作时长，格式如 4h、90m、1:30 或 PT4H。"),
        ("--working-days must be 0 or more.", "--working-days 必须大于或等于 0。"),
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
        ("--sample must be 0 or more.", "--sample 必须大于或等于 0。"),
    ];

    private static readonly (Regex Pattern, string Chinese)[] Compiled = Templates
        .Select(t => (new Regex("^" + Regex.Escape(t.English).Replace(@"\{0}", "(?<v>.*?)", StringComparison.Ordinal) + "$", RegexOptions.Singleline, TimeSpan.FromSeconds(1)), t.Chinese))
        .ToArray();

    /// <summary>The message in the language: Chinese when there is a translation, else as given.</summary>
    public static string In(string message, CliLanguage language)
    {
        if (!language.IsChinese)
        {
            return message;
        }

        foreach (var (pattern, chinese) in Compiled)
        {
            var m = pattern.Match(message);
            if (m.Success)
            {
                return chinese.Replace("{0}", m.Groups["v"].Value, StringComparison.Ordinal);
            }
        }

        return message;
    }
}
