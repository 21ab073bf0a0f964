using System.Globalization;

namespace CrmCore.Rules.Diagnostics;

/// <summary>
/// Short titles of the diagnostic codes in English and Simplified Chinese, for tools that show diagnostics to analysts
/// (the full <see cref="RuleDiagnostic.Message"/> is English). Thread-safe.
/// </summary>
public static class RuleDiagnosticTitles
{
    private static readonly Dictionary<string, (string En, string Zh)> Titles = new(StringComparer.Ordinal)
    {
        [RuleDiagnosticCodes.InvalidJson] = ("Invalid JSON", "JSON 格式错误"),
        [RuleDiagnosticCodes.WrongValueType] = ("Wrong value type", "值类型错误"),
        [RuleDiagnosticCodes.UnknownKey] = ("Unknown or mis-cased key", "未知或大小写错误的字段"),
        [RuleDiagnosticCodes.RemovedKey] = ("Field no longer used", "字段已废弃"),
        [RuleDiagnosticCodes.InvalidEnumValue] = ("Invalid value", "取值无效"),
        [RuleDiagnosticCodes.MissingRequired] = ("Required field missing", "缺少必填字段"),
        [RuleDiagnosticCodes.DuplicateWorkflowName] = ("Duplicate workflow name", "工作流名称重复"),
        [RuleDiagnosticCodes.DuplicateRuleName] = ("Duplicate rule name", "规则名称重复"),
        [RuleDiagnosticCodes.WorkflowReferenceNotSupported] = ("Workflow references not supported", "不支持引用其他工作流"),
        [RuleDiagnosticCodes.UnknownWorkflowKind] = ("Unknown workflow kind", "未知的工作流类型"),
        [RuleDiagnosticCodes.UnsupportedAction] = ("Unsupported action", "不支持的动作"),
        [RuleDiagnosticCodes.ConventionViolation] = ("Rule convention not followed", "规则不符合约定"),
        [RuleDiagnosticCodes.DuplicateKind] = ("Only one workflow of this kind allowed", "此类工作流只能有一个"),
        [RuleDiagnosticCodes.TooManyTags] = ("Too many tags", "标签数量过多"),
        [RuleDiagnosticCodes.NumericEnumValue] = ("Value given as a number", "取值应使用名称而非数字"),
        [RuleDiagnosticCodes.DuplicateKey] = ("Duplicate key", "字段重复"),
        [RuleDiagnosticCodes.MisCasedMember] = ("Member written in another case", "成员名称大小写不一致"),
        [RuleDiagnosticCodes.ExpressionError] = ("Expression does not compile", "表达式无法编译"),
        [RuleDiagnosticCodes.ExpressionResultType] = ("Wrong expression result type", "表达式结果类型错误"),
        [RuleDiagnosticCodes.DuplicateParameter] = ("Duplicate parameter name", "参数名称重复"),
        [RuleDiagnosticCodes.SandboxViolation] = ("Not allowed in rules (sandbox)", "规则中不允许使用（沙箱限制）"),
        [RuleDiagnosticCodes.GeneratorNotAllowed] = ("Sequence generators not allowed", "不允许使用序列生成器"),
        [RuleDiagnosticCodes.ExpressionTooLarge] = ("Expression too large", "表达式过大"),
        [RuleDiagnosticCodes.TimeDependentFactInPriority] = ("Priority rule reads a time-dependent fact", "优先级规则不能读取随时间变化的事实"),
        [RuleDiagnosticCodes.TimeDependentFactInRouting] = ("Routing rule reads a time-dependent fact", "路由规则不能读取随时间变化的事实"),
        [RuleDiagnosticCodes.TimeDependentFactInEscalation] = ("Escalation rule reads a time-dependent fact", "升级规则不能读取随时间变化的事实"),
        [RuleDiagnosticCodes.FileUnreadable] = ("File cannot be read", "文件无法读取"),
        [RuleDiagnosticCodes.InvalidEncoding] = ("Not valid text in the expected encoding", "文件编码不符（应为 UTF-8）"),
        [RuleDiagnosticCodes.FileTooLarge] = ("File too large", "文件过大"),
        [RuleDiagnosticCodes.SharedValueReadsFacts] = ("Shared value reads a fact", "共享值不能读取事实"),
        [RuleDiagnosticCodes.UnknownFact] = ("Unknown fact or name", "未知的事实或名称"),
        [RuleDiagnosticCodes.UnknownRoutingTeam] = ("Routing names an unregistered team", "路由结果指向未注册的团队"),
        [RuleDiagnosticCodes.UnheldRoutingSkill] = ("Routing asks for a skill no agent holds", "路由要求的技能没有任何坐席具备"),
        [RuleDiagnosticCodes.UnknownEscalationLadder] = ("Escalation names a ladder that does not exist", "升级规则指向不存在的升级路径"),
        [RuleDiagnosticCodes.RuleNeverHolds] = ("Rule can never hold", "规则永远不会成立"),
        [RuleDiagnosticCodes.RuleShadowed] = ("Rule is never reached", "规则永远不会被评估"),
        [RuleDiagnosticCodes.WorkflowAllDisabled] = ("Every rule of the workflow is disabled", "工作流的所有规则都已停用"),
    };

    /// <summary>All codes that have a title.</summary>
    public static IReadOnlyCollection<string> Codes => Titles.Keys;

    /// <summary>The title of a code: Chinese for zh-Hans (and zh, zh-CN, zh-SG; see <see cref="CrmCore.Localization.TextCultures"/>),
    /// English otherwise.</summary>
    /// <param name="code">A code from <see cref="RuleDiagnosticCodes"/>.</param>
    /// <param name="culture">The culture; the current UI culture when null.</param>
    /// <returns>The title, or the code itself when unknown.</returns>
    public static string Get(string code, CultureInfo? culture = null)
    {
        ArgumentNullException.ThrowIfNull(code);
        if (!Titles.TryGetValue(code, out var t))
        {
            return code;
        }

        return CrmCore.Localization.TextCultures.IsSimplifiedChinese(culture) ? t.Zh : t.En;
    }
}
