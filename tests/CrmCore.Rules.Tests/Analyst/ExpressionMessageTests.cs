using CrmCore.Rules.Diagnostics;
using CrmCore.Rules.Facts;

namespace CrmCore.Rules.Tests.Analyst;

/// <summary>Parser problems become plain English and Chinese messages with the position and a hint for what analysts type.</summary>
public class ExpressionMessageTests
{
    private static RuleDiagnostic ErrorFor(string expression)
    {
        var result = RuleLoader.Load("tags.json", TestFacts.Workflow("Tagging", ("R", expression, "t")));
        Assert.False(result.Success, expression);
        return Assert.Single(result.Errors);
    }

    [Theory]
    [InlineData("customer.AnualRevenue >= 500000", "AnnualRevenue", 9, "did you mean `AnnualRevenue`?", "您是不是想写 `AnnualRevenue`？")]
    [InlineData("customer.ComplaintsLast60Day > 0", "ComplaintsLast60Days", 9, "did you mean `ComplaintsLast60Days`?", "您是不是想写 `ComplaintsLast60Days`？")]
    [InlineData("customer.annualrevenu >= 500000", "AnnualRevenue", 9, "did you mean `AnnualRevenue`?", "您是不是想写 `AnnualRevenue`？")]
    public void Load_MisspelledFact_DidYouMeanWithPosition(string expression, string suggestion, int position, string english, string chinese)
    {
        var d = ErrorFor(expression);

        Assert.Equal(RuleDiagnosticCodes.UnknownFact, d.Code);
        Assert.Equal(suggestion, d.Suggestion);
        Assert.Equal(position, d.ExpressionPosition);
        Assert.Contains(english, d.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(chinese, d.MessageZhHans, StringComparison.Ordinal);
        Assert.Contains($"character {position + 1} of the expression", d.Message, StringComparison.Ordinal);
        Assert.Contains($"表达式第 {position + 1} 个字符", d.MessageZhHans, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("customer.AnnualRevenue ≥ 500000", 23, ">=", "write `>=` instead", "请改写为半角的 `>=`")]
    [InlineData("customer.AnnualRevenue ≤ 500000", 23, "<=", "write `<=` instead", "请改写为半角的 `<=`")]
    [InlineData("customer.Industry ＝ \"制造业\"", 18, "==", "write `==` instead", "请改写为半角的 `==`")]
    [InlineData("（customer.AnnualRevenue >= 1) && customer.DoNotContact", 0, "(", "write `(` instead", "请改写为半角的 `(`")]
    [InlineData("customer.Industry == “制造业”", 21, "\"", "write `\"` instead", "请改写为半角的 `\"`")]
    [InlineData("customer.AnnualRevenue >= 50万", 26, "500000", "write the number in full: `500000`", "请写出完整数字：`500000`")]
    [InlineData("customer.AnnualRevenue >= 1.5万", 26, "15000", "`15000`", "`15000`")]
    [InlineData("customer.AnnualRevenue >= 500,000", 26, "500000", "has thousands separators; write `500000`", "含有千位分隔符，请写成 `500000`")]
    [InlineData("customer.AnnualRevenue => 500000", 23, ">=", "`=>` is not an operator; write `>=`", "`=>` 不是运算符，请写成 `>=`")]
    public void Load_WhatAnalystsType_HintWithPosition(string expression, int position, string suggestion, string english, string chinese)
    {
        var d = ErrorFor(expression);

        Assert.Equal(position, d.ExpressionPosition);
        Assert.Equal(suggestion, d.Suggestion);
        Assert.Contains(english, d.Message, StringComparison.Ordinal);
        Assert.Contains(chinese, d.MessageZhHans, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("customer.AnnualRevenue >= true")]
    [InlineData("customer.DoNotContact + 1 > 0")]
    public void Load_BooleanWhereNumberExpected_PlainMessage(string expression)
    {
        var d = ErrorFor(expression);

        Assert.Contains("yes/no (Boolean)", d.Message, StringComparison.Ordinal);
        Assert.Contains("“是/否”（布尔）值", d.MessageZhHans, StringComparison.Ordinal);
        Assert.DoesNotContain("incompatible with operand types", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_DecimalTimesFraction_SuggestsMSuffix()
    {
        var d = ErrorFor("customer.AnnualRevenue >= 500000 * 0.8");

        Assert.Contains("`0.8m`", d.Message, StringComparison.Ordinal);
        Assert.Contains("`0.8m`", d.MessageZhHans, StringComparison.Ordinal);
        var fixedSet = RuleLoader.Load("t.json", TestFacts.Workflow("Tagging", ("R", "customer.AnnualRevenue >= 500000 * 0.8m", "t"))).GetRuleSetOrThrow();
        Assert.Equal(["t"], fixedSet.EvaluateCustomer(TestFacts.Customer(400_000)).Tags);
    }

    [Theory]
    [InlineData("customer.AnnualRevenue >= 500000 and customer.Industry = \"制造业\"")]
    [InlineData("customer.AnnualRevenue >= 500000 AND customer.Industry == \"制造业\"")]
    [InlineData("customer.AnnualRevenue >= 500000 && customer.Industry == \"制造业\"")]
    public void Load_AndOrWordsAndSingleEquals_MeanWhatTheySay(string expression)
    {
        var set = RuleLoader.Load("t.json", TestFacts.Workflow("Tagging", ("R", expression, "t"))).GetRuleSetOrThrow();

        Assert.Equal(["t"], set.EvaluateCustomer(TestFacts.Customer(new CustomerFactsInput { AnnualRevenue = 600_000, Industry = "制造业" })).Tags);
        Assert.Empty(set.EvaluateCustomer(TestFacts.Customer(new CustomerFactsInput { AnnualRevenue = 600_000, Industry = "零售业" })).Tags);
    }

    [Fact]
    public void Load_UnknownWord_SuggestsParameterAndQuotes()
    {
        var d = ErrorFor("customer.Industry == 制造业");

        Assert.Equal(RuleDiagnosticCodes.UnknownFact, d.Code);
        Assert.Equal("\"制造业\"", d.Suggestion);
        Assert.Equal(21, d.ExpressionPosition);
        Assert.Contains("double quotes", d.Message, StringComparison.Ordinal);
        Assert.Contains("英文双引号", d.MessageZhHans, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_NumberInsteadOfCondition_SaysYesNoCondition()
    {
        var d = ErrorFor("customer.AnnualRevenue");

        Assert.Contains("yes/no condition", d.Message, StringComparison.Ordinal);
        Assert.Contains("“是/否”条件", d.MessageZhHans, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_Parentheses_KeptWithOperandValue()
    {
        var set = RuleLoader.Load("t.json", TestFacts.Workflow("Tagging", ("R", "2 * (customer.ComplaintsLast60Days + customer.ConsultationsLast60Days) >= 2", "t"))).GetRuleSetOrThrow();
        var facts = TestFacts.Customer(new CustomerFactsInput { ComplaintsLast60Days = 3, ConsultationsLast60Days = 4 });

        var clause = set.ExplainCustomer(facts).Rules.Single().Clauses.Single();

        Assert.Equal("(2 * (ComplaintsLast60Days 3 + ConsultationsLast60Days 4) = 14) >= 2", clause.Text);
        Assert.True(clause.Value);
    }
}
