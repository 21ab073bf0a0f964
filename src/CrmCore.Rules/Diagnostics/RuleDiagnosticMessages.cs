using System.Globalization;
using System.Text.RegularExpressions;

namespace CrmCore.Rules.Diagnostics;

/// <summary>
/// The full text of a diagnostic in English or Simplified Chinese. Expression problems carry their Chinese text
/// (<see cref="RuleDiagnostic.MessageZhHans"/>); the loader's and compiler's messages are translated here from their English
/// templates, keeping the names and values they quote. A message without a translation comes back in English (tools then show
/// the code's Chinese title in front). Thread-safe.
/// </summary>
public static partial class RuleDiagnosticMessages
{
    /// <summary>English templates (<c>{0}</c>, <c>{1}</c>... stand for quoted names and values) and their Chinese text.</summary>
    private static readonly (string English, string Chinese)[] Templates =
    [
        ("`{0}` is not a key of {1} (keys are case-sensitive). Did you mean `{2}`?", "`{0}` 不是{1}的字段（字段区分大小写）。您是不是想写 `{2}`？"),
        ("`{0}` is not a key of {1} (keys are case-sensitive). Known keys of {2}: {3}.", "`{0}` 不是{1}的字段（字段区分大小写）。可用字段：{3}。"),
        ("`{0}` is not a key of an OutputExpression context. Did you mean `{1}`?", "`{0}` 不是 OutputExpression 上下文的字段。您是不是想写 `{1}`？"),
        ("`{0}` is not a key of an OutputExpression context.{1}", "`{0}` 不是 OutputExpression 上下文的字段。"),
        ("`{0}` is no longer read by RulesEngine and is ignored; remove it.", "RulesEngine 已不再读取 `{0}`，它会被忽略；请删除。"),
        ("`{0}` is obsolete in RulesEngine 6; remove it.", "`{0}` 在 RulesEngine 6 中已废弃；请删除。"),
        ("`{0}` appears twice in the same object.", "`{0}` 在同一个对象中出现了两次。"),
        ("The rule name `{0}` is used twice in this workflow; rule names must be unique.", "规则名称 `{0}` 在此工作流中使用了两次；规则名称必须唯一。"),
        ("The workflow name `{0}` is used twice in this rule set; workflow names must be unique.", "工作流名称 `{0}` 在此规则集中使用了两次；工作流名称必须唯一。"),
        ("A rule set holds one {0} workflow; `{1}` is already one. Load the alternative file instead of adding it.", "一个规则集只能有一个 {0} 工作流，`{1}` 已经是；请改为加载另一个文件，而不是同时加入。"),
        ("A workflow needs a `Rules` array.", "工作流需要一个 `Rules` 数组。"),
        ("A workflow needs a non-empty `WorkflowName`.", "工作流需要非空的 `WorkflowName`。"),
        ("`Rules` is empty; a workflow needs at least one rule.", "`Rules` 为空；工作流至少需要一条规则。"),
        ("A rule needs a non-empty `RuleName`.", "规则需要非空的 `RuleName`。"),
        ("A rule needs a non-empty `Expression` (or nested `Rules` with an `Operator`).", "规则需要非空的 `Expression`（或带 `Operator` 的嵌套 `Rules`）。"),
        ("A rule has either an `Expression` or nested `Rules` with an `Operator`, not both.", "规则只能有 `Expression` 或带 `Operator` 的嵌套 `Rules` 之一，不能两者都有。"),
        ("An entry of `{0}` needs a non-empty `Name` and `Expression`.", "`{0}` 的每一项都需要非空的 `Name` 和 `Expression`。"),
        ("A {0} rule needs a `SuccessEvent`: {1}.", "{0} 规则需要 `SuccessEvent`：{1}。"),
        ("A {0} rule gives points: set `Properties.Points` or an `Actions.OnSuccess` OutputExpression.", "{0} 规则会给出分数：请设置 `Properties.Points` 或 `Actions.OnSuccess` 的 OutputExpression。"),
        ("This rule needs `Properties.{0}` ({1}).", "此规则需要 `Properties.{0}`（{1}）。"),
        ("`Properties.{0}` is not read by {1} workflows. Did you mean `{2}`?", "{1} 工作流不读取 `Properties.{0}`。您是不是想写 `{2}`？"),
        ("`Properties.{0}` is not read by {1} workflows.", "{1} 工作流不读取 `Properties.{0}`。"),
        ("`Properties.{0}` must be {1}.", "`Properties.{0}` 必须是{1}。"),
        ("`Properties.Points` must be a number.", "`Properties.Points` 必须是数字。"),
        ("`OnFailure` actions are not used by CrmCore workflows; remove it.", "CrmCore 工作流不使用 `OnFailure` 动作；请删除。"),
        ("The rule set gives {0} distinct tags; at most {1} are supported.", "规则集给出了 {0} 个不同的标签；最多支持 {1} 个。"),
        ("An OutputExpression gives points in Priority and ChurnRisk workflows and must be a number; here it is `{0}` in a {1} workflow.", "OutputExpression 在 Priority 和 ChurnRisk 工作流中给出分数，必须是数字；这里是 {1} 工作流中的 `{0}`。"),
        ("The parameter name `{0}` is already used by a fact or another parameter.", "参数名称 `{0}` 已被某个事实或其他参数使用。"),
        ("{0} rules may not read time-dependent facts ({1}): {2}. Time-based actions belong to the escalation ladders (choose one with an Escalation rule's `Properties.Ladder`).", "{0} 规则不能读取随时间变化的事实（{1}）。基于时间的动作属于升级路径（在 Escalation（升级）规则中用 `Properties.Ladder` 选择路径）。"),
        ("`Properties.{0}` restates the escalation ladder: an Escalation rule only chooses a ladder (`Properties.Ladder`); levels, targets and times are the ladder's steps. Remove it.", "`Properties.{0}` 重复了升级路径的内容：升级规则只选择路径（`Properties.Ladder`），级别、对象和时限属于路径的各个步骤。请删除。"),
        ("`{0}` is not a ladder of the escalation policy (known ladders: {1}). Did you mean `{2}`?", "`{0}` 不是当前升级策略中的路径（已有路径：{1}）。您是不是想写 `{2}`？"),
        ("`{0}` is not a ladder of the escalation policy (known ladders: {1}).", "`{0}` 不是当前升级策略中的路径（已有路径：{1}）。"),
        ("`{0}` is not a ladder of the escalation policy: it has no ladders.", "`{0}` 不是当前升级策略中的路径：该策略没有任何路径。"),
        ("`{0}` does not name a workflow kind. A workflow name is a kind (Tiering, Tagging, Priority, Routing, ChurnRisk, Escalation), optionally followed by `.` and a suffix. Did you mean `{1}`?", "`{0}` 不是工作流类型。工作流名称是一个类型（Tiering、Tagging、Priority、Routing、ChurnRisk、Escalation），后面可以加 `.` 和后缀。您是不是想写 `{1}`？"),
        ("`{0}` does not name a workflow kind. A workflow name is a kind (Tiering, Tagging, Priority, Routing, ChurnRisk, Escalation), optionally followed by `.` and a suffix.", "`{0}` 不是工作流类型。工作流名称是一个类型（Tiering、Tagging、Priority、Routing、ChurnRisk、Escalation），后面可以加 `.` 和后缀。"),
        ("A Shared workflow holds only `GlobalParams` (named values for every workflow); move this rule to a Tiering, Tagging, ChurnRisk, Priority, Routing or Escalation workflow.", "Shared 工作流只包含 `GlobalParams`（供所有工作流使用的命名值）；请把此规则移到 Tiering、Tagging、ChurnRisk、Priority、Routing 或 Escalation 工作流中。"),
        ("The shared value `{0}` reads `{1}`; a shared value is the same for every customer and ticket, so it may use numbers, text and other shared values only. Put fact reads in the rule that uses it.", "共享值 `{0}` 读取了 `{1}`；共享值对所有客户和工单都相同，只能使用数字、文本和其他共享值。请在使用它的规则中读取事实。"),
        ("`Operator` \"{0}\" is not valid; use exactly one of {1}. Did you mean \"{2}\"?", "`Operator` \"{0}\" 无效；只能使用 {1} 之一。您是不是想写 \"{2}\"？"),
        ("`Operator` \"{0}\" is not valid; use exactly one of {1}.", "`Operator` \"{0}\" 无效；只能使用 {1} 之一。"),
        ("`RuleExpressionType` \"{0}\" is not valid; the only value is \"LambdaExpression\" (exact spelling).", "`RuleExpressionType` \"{0}\" 无效；唯一可用的值是 \"LambdaExpression\"（拼写须完全一致）。"),
        ("Action `{0}` is not supported; CrmCore rules use only \"OutputExpression\" (exact spelling) with a `Context.Expression`.", "不支持动作 `{0}`；CrmCore 规则只使用带 `Context.Expression` 的 \"OutputExpression\"（拼写须完全一致）。"),
        ("An \"OutputExpression\" action needs a `Context` object with an `Expression`.", "\"OutputExpression\" 动作需要一个带 `Expression` 的 `Context` 对象。"),
        ("An \"OutputExpression\" action needs a non-empty string `Context.Expression`.", "\"OutputExpression\" 动作需要非空字符串 `Context.Expression`。"),
        ("A rule file must be an array of workflows (or one workflow object), not {0}.", "规则文件必须是工作流数组（或单个工作流对象），而不是{0}。"),
        ("A workflow must be an object, not {0}.", "工作流必须是对象，而不是{0}。"),
        ("A rule must be an object, not {0}.", "规则必须是对象，而不是{0}。"),
        ("An action must be an object, not {0}.", "动作必须是对象，而不是{0}。"),
        ("An entry of `{0}` must be an object, not {1}.", "`{0}` 的每一项必须是对象，而不是{1}。"),
        ("`Actions` must be an object, not {0}.", "`Actions` 必须是对象，而不是{0}。"),
        ("`Properties` must be an object, not {0}.", "`Properties` 必须是对象，而不是{0}。"),
        ("`Rules` must be an array, not {0}.", "`Rules` 必须是数组，而不是{0}。"),
        ("`Enabled` must be true or false, not {0}.", "`Enabled` 必须是 true 或 false，而不是{0}。"),
        ("`{0}` must be a string, not {1}.", "`{0}` 必须是字符串，而不是{1}。"),
        ("`{0}` expressions are not allowed in CrmCore rules; use fact properties, operators and the documented functions. Expression: `{1}`.", "CrmCore 规则中不允许使用 `{0}` 表达式；请使用事实属性、运算符和文档列出的函数。表达式：`{1}`。"),
        ("A constant of type `{0}` is not allowed. Expression: `{1}`.", "不允许使用 `{0}` 类型的常量。表达式：`{1}`。"),
        ("`{0}` is not a known fact or parameter. Expression: `{1}`.", "`{0}` 不是已知的事实或参数。表达式：`{1}`。"),
        ("`{0}` is not allowed in CrmCore rules: only fact properties, `string.Length`, tag `Count` and `Math` constants can be read.{1} Expression: `{2}`.", "CrmCore 规则中不允许读取 `{0}`：只能读取事实属性、`string.Length`、标签的 `Count` 和 `Math` 常量。{1}表达式：`{2}`。"),
        ("`Enumerable.{0}` generates sequences and is not allowed; aggregate over the facts' own collections only. Expression: `{1}`.", "`Enumerable.{0}` 会生成序列，不允许使用；只能对事实自身的集合做汇总。表达式：`{1}`。"),
        ("`{0}` may only aggregate over a fact collection such as `customer.Tags`. Expression: `{1}`.", "`{0}` 只能用于事实的集合（例如 `customer.Tags`）。表达式：`{1}`。"),
        ("Method `{0}` is not allowed in CrmCore rules.{1} Allowed: string Contains/StartsWith/EndsWith/ToUpper/ToLower/Trim/Length/IsNullOrEmpty, Any/All/Count/Sum/Max/Min/Contains over fact collections, Math.*.{2} Expression: `{3}`.", "CrmCore 规则中不允许调用方法 `{0}`。{1}允许的有：字符串的 Contains/StartsWith/EndsWith/ToUpper/ToLower/Trim/Length/IsNullOrEmpty，事实集合上的 Any/All/Count/Sum/Max/Min/Contains，以及 Math.*。{2}表达式：`{3}`。"),
        ("Converting `{0}` to `{1}` is not allowed. Expression: `{2}`.", "不允许把 `{0}` 转换为 `{1}`。表达式：`{2}`。"),
        ("Operator method `{0}` is not allowed. Expression: `{1}`.", "不允许使用运算符方法 `{0}`。表达式：`{1}`。"),
        ("The expression is {0} characters long; the limit is {1}. Split it into parameters or rules.", "表达式长 {0} 个字符，上限为 {1}。请拆分为参数或多条规则。"),
        ("The expression has {0} nodes; the limit is {1}. Split it into parameters or rules.", "表达式有 {0} 个节点，上限为 {1}。请拆分为参数或多条规则。"),
        ("Not allowed in CrmCore rules (sandbox): {0} (at position {1} of the expression, near `{2}`)", "CrmCore 规则中不允许（沙箱限制）：{0}（表达式第 {1} 个位置，`{2}` 处）"),
    ];

    private static readonly Dictionary<string, string> Words = new(StringComparer.Ordinal)
    {
        ["an object"] = "对象",
        ["an array"] = "数组",
        ["a string"] = "字符串",
        ["a number"] = "数字",
        ["a boolean"] = "布尔值",
        ["a value"] = "值",
        ["a workflow"] = "工作流",
        ["a rule"] = "规则",
        ["the tier name"] = "等级名称",
        ["the tag name"] = "标签名称",
        ["the target service group"] = "目标服务组",
        ["the reason shown to users"] = "展示给用户的原因",
        ["a non-empty string"] = "非空字符串",
        ["the name of an escalation ladder"] = "升级路径名称",
        [" Time comes from facts computed with the injected clock (for example `customer.DaysSinceLastInteraction`)."] = "时间请使用按注入时钟计算的事实（例如 `customer.DaysSinceLastInteraction`）。",
        [" Reflection (`GetType`, `System.Type`, `System.Reflection`) is never allowed."] = "任何时候都不允许使用反射（`GetType`、`System.Type`、`System.Reflection`）。",
        [" Facts have properties only; their methods cannot be called."] = "事实只有属性，不能调用其方法。",
    };

    private static readonly (Regex Pattern, string Chinese)[] Compiled = Templates.Select(t => (ToRegex(t.English), t.Chinese)).ToArray();

    /// <summary>The diagnostic's message in a culture: Simplified Chinese for zh-Hans (zh, zh-CN, zh-SG) when there is a translation.</summary>
    /// <param name="diagnostic">The diagnostic.</param>
    /// <param name="culture">The culture; the current UI culture when null.</param>
    /// <returns>The message.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="diagnostic"/> is null.</exception>
    public static string Get(RuleDiagnostic diagnostic, CultureInfo? culture = null)
    {
        ArgumentNullException.ThrowIfNull(diagnostic);
        if (!Explain.ExplainLabels.IsChinese(culture ?? CultureInfo.CurrentUICulture))
        {
            return diagnostic.Message;
        }

        return diagnostic.MessageZhHans ?? TryTranslate(diagnostic.Message) ?? diagnostic.Message;
    }

    /// <summary>The Chinese text of an English loader or compiler message; null when it has no translation.</summary>
    /// <param name="english">The English message.</param>
    /// <returns>The Chinese message or null.</returns>
    public static string? TryTranslate(string english)
    {
        ArgumentNullException.ThrowIfNull(english);
        foreach (var (pattern, chinese) in Compiled)
        {
            var m = pattern.Match(english);
            if (m.Success)
            {
                return PlaceHolder().Replace(chinese, p =>
                {
                    var value = m.Groups["p" + p.Groups[1].Value].Value;
                    return Words.GetValueOrDefault(value, value);
                });
            }
        }

        return null;
    }

    private static Regex ToRegex(string template)
    {
        var parts = PlaceHolder().Split(template);
        var pattern = new System.Text.StringBuilder("^");
        for (var i = 0; i < parts.Length; i++)
        {
            pattern.Append(i % 2 == 0 ? Regex.Escape(parts[i]) : $"(?<p{parts[i]}>.*?)");
        }

        return new Regex(pattern.Append('$').ToString(), RegexOptions.Singleline | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }

    [GeneratedRegex(@"\{(\d)\}")]
    private static partial Regex PlaceHolder();
}
