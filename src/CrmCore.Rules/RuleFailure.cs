using System.Globalization;
using CrmCore.Rules.Loading;

namespace CrmCore.Rules;

/// <summary>
/// A rule that failed at run time: its condition or its points threw (a division by zero, an overflow...), or its points would
/// overflow the item's total. Such a rule counts as failed and not held for that item: it is not among the fired rules, gives
/// no tier, tag, route, ladder or reason, and no points, so that one bad item never aborts a batch; this record makes the
/// failure visible. Immutable.
/// </summary>
/// <param name="Workflow">The workflow name.</param>
/// <param name="Rule">The rule name.</param>
/// <param name="ExceptionType">The full name of the exception's type (for example <c>System.DivideByZeroException</c>), for logs.</param>
/// <param name="Message">The exception's message (from .NET, usually English), for logs; show <see cref="Describe"/> to users.</param>
public sealed record RuleFailure(string Workflow, string Rule, string ExceptionType, string Message)
{
    /// <summary>What went wrong. Default <see cref="RuleFailureCause.Other"/>.</summary>
    public RuleFailureCause Cause { get; init; }

    /// <summary>Which part of the rule failed. Default <see cref="RuleFailureStage.Condition"/>.</summary>
    public RuleFailureStage Stage { get; init; }

    /// <summary>The rule file of the failed expression (as the rule source was named), or null when unknown. Default null.</summary>
    public string? File { get; init; }

    /// <summary>The 1-based line of the failed expression in <see cref="File"/>; 0 when unknown. Default 0.</summary>
    public int Line { get; init; }

    /// <summary>The 1-based column of the failed expression in <see cref="File"/>; 0 when unknown. Default 0.</summary>
    public int Column { get; init; }

    /// <summary>Describes an exception thrown by a rule's condition (no file position).</summary>
    /// <param name="workflow">The workflow name.</param>
    /// <param name="rule">The rule name.</param>
    /// <param name="exception">The exception the rule threw.</param>
    /// <returns>The failure, with its <see cref="Cause"/> taken from the exception.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static RuleFailure From(string workflow, string rule, Exception exception)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(exception);
        return new RuleFailure(workflow, rule, exception.GetType().FullName ?? exception.GetType().Name, exception.Message)
        {
            Cause = CauseOf(exception),
        };
    }

    /// <summary>
    /// The failure in plain words for users, in English or Simplified Chinese, with no .NET type names: the rule file's
    /// position, the rule and the cause, for example
    /// <c>prio.json:3:104: rule Priority/Urgent: its points (OutputExpression) are too large or too small for a number; the rule counts as failed (not held; its outcome is not used)</c>.
    /// </summary>
    /// <param name="culture">zh-Hans (zh, zh-CN, zh-SG) gives Chinese; any other culture English. Null uses the current UI culture.</param>
    /// <returns>The text.</returns>
    public string Describe(CultureInfo? culture = null) => DescribeIn(IsChinese(culture));

    /// <summary>
    /// <see cref="Describe"/> in the language asked for by itself, not through a culture: where .NET makes no culture by name (invariant
    /// globalization mode with predefined cultures only) <see cref="CrmCore.Localization.TextCultures.SimplifiedChinese"/> is the invariant
    /// culture, which reads English, yet the Chinese text must still be had.
    /// </summary>
    /// <param name="chinese">True for Simplified Chinese, false for English.</param>
    /// <returns>The text.</returns>
    internal string DescribeIn(bool chinese)
    {
        var where = File is null ? string.Empty : Line > 0 ? string.Create(CultureInfo.InvariantCulture, $"{File}:{Line}:{Column}: ") : File + ": ";
        return chinese
            ? $"{where}规则 {Workflow}/{Rule}：{CauseIn(true)}；该规则视为执行失败（不成立，其结果不采用）"
            : $"{where}rule {Workflow}/{Rule}: {CauseIn(false)}; the rule counts as failed (not held; its outcome is not used)";
    }

    /// <summary>The cause alone in plain words (what <see cref="Describe"/> says after the rule's name), in English or Simplified Chinese.</summary>
    /// <param name="culture">zh-Hans (zh, zh-CN, zh-SG) gives Chinese; any other culture English. Null uses the current UI culture.</param>
    /// <returns>The text, for example <c>its Expression divides by zero</c>.</returns>
    public string CauseText(CultureInfo? culture = null) => CauseIn(IsChinese(culture));

    private static bool IsChinese(CultureInfo? culture) => CrmCore.Localization.TextCultures.IsSimplifiedChinese(culture ?? CultureInfo.CurrentUICulture);

    private string CauseIn(bool zh)
    {
        return (Stage, Cause) switch
        {
            (RuleFailureStage.PointsTotal, _) => zh ? "加上其分数后总分超出数值范围" : "its points would make the item's total too large or too small for a number",
            (RuleFailureStage.Points, RuleFailureCause.Overflow) => zh ? "其分数（OutputExpression）超出数值范围" : "its points (OutputExpression) are too large or too small for a number",
            (RuleFailureStage.Points, RuleFailureCause.DivisionByZero) => zh ? "其分数（OutputExpression）除以零" : "its points (OutputExpression) divide by zero",
            (RuleFailureStage.Points, RuleFailureCause.MissingValue) => zh ? "其分数（OutputExpression）用到了缺失的值" : "its points (OutputExpression) use a missing value",
            (RuleFailureStage.Points, _) => zh ? "其分数（OutputExpression）计算出错（可能是某个函数的参数无效）" : "its points (OutputExpression) failed (perhaps a function was given an invalid argument)",
            (_, RuleFailureCause.Overflow) => zh ? "其条件（Expression）计算溢出：数值超出其类型的范围" : "its condition (Expression) overflows: a value is too large or too small for its number type",
            (_, RuleFailureCause.DivisionByZero) => zh ? "其条件（Expression）除以零" : "its condition (Expression) divides by zero",
            (_, RuleFailureCause.MissingValue) => zh ? "其条件（Expression）用到了缺失的值" : "its condition (Expression) uses a missing value",
            _ => zh ? "其条件（Expression）执行出错（可能是某个函数的参数无效）" : "its condition (Expression) failed (perhaps a function was given an invalid argument)",
        };
    }

    /// <summary>A failure of a loaded rule, with the position of the part that failed.</summary>
    internal static RuleFailure From(string workflow, RuleDefinition rule, RuleFailureStage stage, Exception exception)
    {
        var where = stage switch
        {
            RuleFailureStage.Points => rule.OnSuccess?.Where ?? rule.Where,
            RuleFailureStage.Condition => rule.ExpressionWhere ?? rule.Where,
            _ => rule.Where,
        };
        return From(workflow, rule.Name, exception) with { Stage = stage, File = where.File, Line = where.Line, Column = where.Column };
    }

    private static RuleFailureCause CauseOf(Exception exception) => exception switch
    {
        OverflowException => RuleFailureCause.Overflow,
        DivideByZeroException => RuleFailureCause.DivisionByZero,
        NullReferenceException => RuleFailureCause.MissingValue,
        // Nullable<T>.Value of an empty value (a missing fact), as compiled rule expressions read it.
        InvalidOperationException when IsEmptyNullable(exception) => RuleFailureCause.MissingValue,
        _ => RuleFailureCause.Other,
    };

    private static bool IsEmptyNullable(Exception exception) =>
        exception.Message.StartsWith("Nullable object must have a value", StringComparison.Ordinal)
        || (exception.StackTrace?.Contains("System.Nullable`1.get_Value", StringComparison.Ordinal) ?? false);
}
