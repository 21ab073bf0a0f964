using System.Globalization;
using CrmCore.Localization;
using CrmCore.Rules.Facts;
using CrmCore.Tickets;

namespace CrmCore.Rules.Tests.Execution;

/// <summary>
/// A rule that fails at run time (its condition or points throw, or its points overflow the total) counts as failed and not
/// held everywhere: evaluation, explanation and its plain description (QA 16 item 4).
/// </summary>
public class RuleFailureOutcomeTests
{
    // The QA file: an OutputExpression too large for decimal, a plain one, and one dividing by ReopenCount (0 here).
    private const string Priority = """
        [
          { "WorkflowName": "Priority", "Rules": [
             { "RuleName": "Urgent", "SuccessEvent": "urgent", "Actions": { "OnSuccess": { "Name": "OutputExpression", "Context": { "Expression": "1e30" } } }, "Expression": "ticket.Urgency == \"Urgent\"" },
             { "RuleName": "Neg", "SuccessEvent": "neg", "Actions": { "OnSuccess": { "Name": "OutputExpression", "Context": { "Expression": "-50" } } }, "Expression": "true" },
             { "RuleName": "Div", "SuccessEvent": "div", "Actions": { "OnSuccess": { "Name": "OutputExpression", "Context": { "Expression": "100 / ticket.ReopenCount" } } }, "Expression": "true" }
          ] }
        ]
        """;

    private static readonly TicketFacts UrgentTicket = TicketFacts.From(new TicketFactsInput { Urgency = Urgency.Urgent, ReopenCount = 0 }, TestFacts.Now);

    [Fact]
    public void EvaluateTicket_PointsThrow_RulesFailedNotFiredNoReasons()
    {
        var set = RuleLoader.Load("prio.json", Priority).GetRuleSetOrThrow();

        var evaluation = set.EvaluateTicket(UrgentTicket);

        Assert.Equal(-50m, evaluation.PriorityPoints);
        Assert.Equal(["Neg"], evaluation.FiredRules.Select(f => f.Rule));
        Assert.Equal(["neg"], evaluation.PriorityReasons.Select(r => r.Reason));
        Assert.Equal(
            [("Urgent", RuleFailureStage.Points, RuleFailureCause.Overflow), ("Div", RuleFailureStage.Points, RuleFailureCause.DivisionByZero)],
            evaluation.Failures.Select(f => (f.Rule, f.Stage, f.Cause)));
        var urgent = evaluation.Failures[0];
        Assert.Equal(("prio.json", 3), (urgent.File, urgent.Line));
        Assert.True(urgent.Column > 0);
    }

    [Fact]
    public void ExplainTicket_PointsThrow_ShownFailedNotHeldInBothLanguages()
    {
        var set = RuleLoader.Load("prio.json", Priority).GetRuleSetOrThrow();

        var explanation = set.ExplainTicket(UrgentTicket);

        Assert.Equal(
            [("Urgent", false, true), ("Neg", true, false), ("Div", false, true)],
            explanation.Rules.Select(r => (r.Rule, r.Held, r.Failed)));
        Assert.Equal(RuleFailureCause.DivisionByZero, explanation.Rules[2].Failure!.Cause);
        var en = explanation.ToText(TextCultures.English);
        Assert.Contains("Priority › Urgent (urgent): failed: its points (OutputExpression) are too large or too small for a number (counts as not held)", en, StringComparison.Ordinal);
        Assert.Contains("Priority › Div (div): failed: its points (OutputExpression) divide by zero (counts as not held)", en, StringComparison.Ordinal);
        Assert.Contains("Priority › Neg (neg): held", en, StringComparison.Ordinal);
        var zh = explanation.ToText(TextCultures.SimplifiedChinese);
        Assert.Contains("Priority › Urgent (urgent): 执行失败：其分数（OutputExpression）超出数值范围（视为不成立）", zh, StringComparison.Ordinal);
        Assert.Contains("Priority › Div (div): 执行失败：其分数（OutputExpression）除以零（视为不成立）", zh, StringComparison.Ordinal);
        Assert.DoesNotContain("Urgent (urgent): 成立", zh, StringComparison.Ordinal);
    }

    [Fact]
    public void ExplainCustomer_PointsTotalOverflows_ThatRuleFailed()
    {
        const string json = """
            [{"WorkflowName":"ChurnRisk","Rules":[
              {"RuleName":"a","SuccessEvent":"a","Properties":{"Points":70000000000000000000000000000},"Expression":"true"},
              {"RuleName":"b","SuccessEvent":"b","Properties":{"Points":70000000000000000000000000000},"Expression":"true"}]}]
            """;
        var set = RuleLoader.Load("sum.json", json).GetRuleSetOrThrow();
        var facts = TestFacts.Customer(1);

        var explanation = set.ExplainCustomer(facts);
        var evaluation = set.EvaluateCustomer(facts);

        Assert.Equal([("a", true), ("b", false)], explanation.Rules.Select(r => (r.Rule, r.Held)));
        Assert.Equal(RuleFailureStage.PointsTotal, explanation.Rules[1].Failure!.Stage);
        Assert.Equal(["a"], evaluation.FiredRules.Select(f => f.Rule));
        Assert.Equal(RuleFailureStage.PointsTotal, Assert.Single(evaluation.Failures).Stage);
    }

    [Fact]
    public void Describe_Failures_PlainWordsWithFileRuleAndCauseNoDotNetNames()
    {
        var set = RuleLoader.Load("prio.json", Priority).GetRuleSetOrThrow();
        var failures = set.EvaluateTicket(UrgentTicket).Failures;

        foreach (var culture in new[] { TextCultures.English, TextCultures.SimplifiedChinese })
        {
            foreach (var failure in failures)
            {
                var text = failure.Describe(culture);
                Assert.StartsWith(string.Create(CultureInfo.InvariantCulture, $"prio.json:{failure.Line}:{failure.Column}: "), text, StringComparison.Ordinal);
                Assert.DoesNotContain("Exception", text, StringComparison.Ordinal);
                Assert.DoesNotContain("System.", text, StringComparison.Ordinal);
                Assert.DoesNotContain("Decimal", text, StringComparison.Ordinal);
            }
        }

        Assert.Equal(
            "prio.json:3:" + failures[0].Column + ": rule Priority/Urgent: its points (OutputExpression) are too large or too small for a number; the rule counts as failed (not held; its outcome is not used)",
            failures[0].Describe(TextCultures.English));
        Assert.Equal(
            "prio.json:5:" + failures[1].Column + ": 规则 Priority/Div：其分数（OutputExpression）除以零；该规则视为执行失败（不成立，其结果不采用）",
            failures[1].Describe(TextCultures.SimplifiedChinese));
    }

    [Fact]
    public void Describe_ConditionDividesByZero_NamesTheCondition()
    {
        var set = RuleLoader.Load("t.json", TestFacts.Workflow("Tagging", ("ratio", "customer.AnnualRevenue / customer.OpenTicketCount > 5", "busy"))).GetRuleSetOrThrow();

        var failure = Assert.Single(set.EvaluateCustomer(TestFacts.Customer(100)).Failures);

        Assert.Equal((RuleFailureStage.Condition, RuleFailureCause.DivisionByZero), (failure.Stage, failure.Cause));
        Assert.Contains("rule Tagging/ratio: its condition (Expression) divides by zero", failure.Describe(TextCultures.English), StringComparison.Ordinal);
        Assert.Contains("规则 Tagging/ratio：其条件（Expression）除以零", failure.Describe(TextCultures.SimplifiedChinese), StringComparison.Ordinal);
    }

    [Fact]
    public void Describe_ConditionOtherFailure_GeneralSentenceInBothLanguages_MessageKeptForLogs()
    {
        var set = RuleLoader.Load("t.json", TestFacts.Workflow("Tagging", ("round", "Math.Round(customer.AnnualRevenue, 40) > 1", "r"))).GetRuleSetOrThrow();

        var failure = Assert.Single(set.EvaluateCustomer(TestFacts.Customer(100)).Failures);

        Assert.Equal((RuleFailureStage.Condition, RuleFailureCause.Other), (failure.Stage, failure.Cause));
        Assert.Contains("28 digits", failure.Message, StringComparison.Ordinal);
        var en = failure.Describe(TextCultures.English);
        var zh = failure.Describe(TextCultures.SimplifiedChinese);
        Assert.Contains("rule Tagging/round: its condition (Expression) failed (perhaps a function was given an invalid argument)", en, StringComparison.Ordinal);
        Assert.Contains("规则 Tagging/round：其条件（Expression）执行出错（可能是某个函数的参数无效）", zh, StringComparison.Ordinal);
        Assert.All(new[] { en, zh }, text => Assert.DoesNotContain("digits", text, StringComparison.Ordinal));
        Assert.DoesNotContain("Parameter", zh, StringComparison.Ordinal);
    }

    [Fact]
    public void Describe_PointsOtherFailure_GeneralSentenceWithoutDotNetText()
    {
        var failure = RuleFailure.From("Priority", "P", new ArgumentOutOfRangeException("decimals", "Decimal can only round to between 0 and 28 digits of precision.")) with { Stage = RuleFailureStage.Points };

        Assert.Equal("its points (OutputExpression) failed (perhaps a function was given an invalid argument)", failure.CauseText(TextCultures.English));
        Assert.Equal("其分数（OutputExpression）计算出错（可能是某个函数的参数无效）", failure.CauseText(TextCultures.SimplifiedChinese));
        Assert.Contains("28 digits", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void From_EmptyNullableValue_IsMissingValue()
    {
        int? none = null;
        var thrown = Record.Exception(() => none!.Value);

        var real = RuleFailure.From("Tagging", "R", thrown);
        var made = RuleFailure.From("Tagging", "R", new InvalidOperationException("Nullable object must have a value."));
        var other = RuleFailure.From("Tagging", "R", new InvalidOperationException("Collection was modified."));

        Assert.Equal(RuleFailureCause.MissingValue, real.Cause);
        Assert.Equal(RuleFailureCause.MissingValue, made.Cause);
        Assert.Equal(RuleFailureCause.Other, other.Cause);
        Assert.Equal("其条件（Expression）用到了缺失的值", made.CauseText(TextCultures.SimplifiedChinese));
    }
}
