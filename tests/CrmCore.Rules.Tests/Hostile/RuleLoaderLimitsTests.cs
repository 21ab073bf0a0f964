using System.Text;
using System.Text.Json;
using CrmCore.Rules.Diagnostics;
using CrmCore.Rules.Facts;

namespace CrmCore.Rules.Tests.Hostile;

/// <summary>Cost is bounded by the file: limits count after inlining, nesting is bounded, deep trees never recurse unguarded.</summary>
public class RuleLoaderLimitsTests
{
    private static string TaggingWithParams(IEnumerable<(string Name, string Expr)> globals, string expression)
        => "[{\"WorkflowName\":\"Tagging\",\"GlobalParams\":[" + string.Join(",", globals.Select(g => "{\"Name\":\"" + g.Name + "\",\"Expression\":" + JsonSerializer.Serialize(g.Expr) + "}"))
            + "],\"Rules\":[{\"RuleName\":\"r\",\"SuccessEvent\":\"t\",\"Expression\":" + JsonSerializer.Serialize(expression) + "}]}]";

    [Fact]
    public void Load_ParametersThatDoubleEachOther_AreRejectedAfterInliningInBoundedTime()
    {
        // p0 = revenue; p(i) = p(i-1) + p(i-1): 40 parameters are a tree of 2^40 nodes once inlined.
        var globals = new List<(string, string)> { ("p0", "customer.AnnualRevenue") };
        for (var i = 1; i < 40; i++)
        {
            globals.Add(($"p{i}", $"p{i - 1} + p{i - 1}"));
        }

        var result = RuleLoader.Load("double.json", TaggingWithParams(globals, "p39 > 0"));

        Assert.False(result.Success);
        var d = result.Errors.First(e => e.Code == RuleDiagnosticCodes.ExpressionTooLarge);
        Assert.Contains("parameters put in", d.Message, StringComparison.Ordinal);
        Assert.True(d.Line > 0);
    }

    [Fact]
    public void Load_ParametersThatStayWithinTheLimitWhenInlined_Load()
    {
        var globals = new List<(string, string)> { ("p0", "customer.AnnualRevenue") };
        for (var i = 1; i < 4; i++)
        {
            globals.Add(($"p{i}", $"p{i - 1} + p{i - 1}"));
        }

        var result = RuleLoader.Load("ok.json", TaggingWithParams(globals, "p3 > 80"));

        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        Assert.Equal(["t"], result.RuleSet!.EvaluateCustomer(TestFacts.Customer(revenue: 11)).Tags);
    }

    [Fact]
    public void Load_MoreParametersThanTheBound_IsCrm032()
    {
        var globals = Enumerable.Range(0, 70).Select(i => ($"p{i}", "1")).ToList();

        var result = RuleLoader.Load("many.json", TaggingWithParams(globals, "true"));

        Assert.Contains(result.Errors, e => e.Code == RuleDiagnosticCodes.ExpressionTooLarge && e.Message.Contains("Too many parameters", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_LongLinearChainOfParameters_LoadsWhenWithinTheBound()
    {
        var globals = new List<(string, string)> { ("p0", "customer.Employees") };
        for (var i = 1; i < 60; i++)
        {
            globals.Add(($"p{i}", $"p{i - 1}"));
        }

        var result = RuleLoader.Load("chain.json", TaggingWithParams(globals, "p59 > 5"));

        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
    }

    [Theory]
    [InlineData(2, true)]
    [InlineData(3, false)]
    public void Load_NestedLambdasOverCollections_AreBounded(int levels, bool accepted)
    {
        var expr = "1";
        for (var i = 0; i < levels; i++)
        {
            expr = $"customer.Tags.Sum(t{i} => {expr})";
        }

        var result = RuleLoader.Load("lambda.json", TestFacts.Workflow("Tagging", ("r", expr + " > 0", "t")));

        Assert.Equal(accepted, result.Success);
        if (!accepted)
        {
            Assert.Contains(result.Errors, e => e.Code == RuleDiagnosticCodes.ExpressionTooLarge && e.Message.Contains("lambdas", StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData("(", ")")]
    [InlineData("!", "")]
    [InlineData("-", "")]
    public void Load_DeeplyNestedText_IsRejectedBeforeParsing(string open, string close)
    {
        var n = 400;
        var inner = open == "!" ? "true" : "1";
        var expr = string.Concat(Enumerable.Repeat(open, n)) + inner + string.Concat(Enumerable.Repeat(close, n));
        if (open != "!")
        {
            expr += " > 0";
        }

        var result = RuleLoader.Load("deep.json", TestFacts.Workflow("Tagging", ("r", expr, "t")), RuleLoadOptions.Default with { MaxExpressionLength = 2000 });

        var d = Assert.Single(result.Errors);
        Assert.Equal(RuleDiagnosticCodes.ExpressionTooLarge, d.Code);
        Assert.NotNull(d.ExpressionPosition);
    }

    [Fact]
    public void Load_ManyNestedRulesCombined_IsBoundedAndExplainWorks()
    {
        // 200 sibling child rules joined by AndAlso make a left-deep body; within the limits it loads and explains.
        var children = string.Join(",", Enumerable.Range(0, 60).Select(i => "{\"RuleName\":\"c" + i + "\",\"Expression\":\"customer.Employees > " + i + "\"}"));
        var json = "[{\"WorkflowName\":\"Tagging\",\"Rules\":[{\"RuleName\":\"r\",\"SuccessEvent\":\"t\",\"Operator\":\"And\",\"Rules\":[" + children + "]}]}]";

        var result = RuleLoader.Load("wide.json", json);

        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        var facts = TestFacts.Customer(new CustomerFactsInput { Employees = 100 });
        var explanation = result.RuleSet!.ExplainCustomer(facts);
        Assert.NotEmpty(explanation.ToString()!);
        Assert.Equal(["t"], result.RuleSet.EvaluateCustomer(facts).Tags);
    }

    [Fact]
    public void Load_TooManyNestedRulesCombined_IsCrm032()
    {
        var children = string.Join(",", Enumerable.Range(0, 300).Select(i => "{\"RuleName\":\"c" + i + "\",\"Expression\":\"customer.Employees > " + i + "\"}"));
        var json = "[{\"WorkflowName\":\"Tagging\",\"Rules\":[{\"RuleName\":\"r\",\"SuccessEvent\":\"t\",\"Operator\":\"And\",\"Rules\":[" + children + "]}]}]";

        var result = RuleLoader.Load("wide.json", json);

        Assert.Contains(result.Errors, e => e.Code == RuleDiagnosticCodes.ExpressionTooLarge && e.RuleName == "r");
    }

    [Fact]
    public void Load_FileLargerThanTheMaximum_IsCrm042WithoutReadingIt()
    {
        var json = TestFacts.Workflow("Tagging", ("r", "true", "t")) + new string(' ', 2000);

        var result = RuleLoader.Load("big.json", json, RuleLoadOptions.Default with { MaxFileBytes = 1000 });

        var d = Assert.Single(result.Errors);
        Assert.Equal(RuleDiagnosticCodes.FileTooLarge, d.Code);
        Assert.Equal(1, d.Line);
    }

    [Fact]
    public void Load_OneLineFile_PositionsAreExactAtTheEnd()
    {
        // A single-line file: the column of a late problem counts characters (linear lookup keeps this cheap).
        var rules = string.Join(",", Enumerable.Range(0, 300).Select(i => "{\"RuleName\":\"r" + i + "\",\"SuccessEvent\":\"标签\",\"Expression\":\"true\"}"));
        var json = "[{\"WorkflowName\":\"Tagging\",\"Rules\":[" + rules + ",{\"RuleName\":\"bad\",\"SuccessEvent\":\"t\",\"Expresion\":\"true\"}]}]";

        var result = RuleLoader.Load("line.json", json, RuleLoadOptions.Default with { MaxFileBytes = 1024 * 1024 });

        var d = Assert.Single(result.Errors, e => e.Code == RuleDiagnosticCodes.UnknownKey);
        Assert.Equal(1, d.Line);
        Assert.Equal(json.IndexOf("\"Expresion\"", StringComparison.Ordinal) + 1, d.Column);
    }

    [Fact]
    public void JsonNodeReader_OneLineWithHalfAMillionTokens_LocatesInLinearTime()
    {
        // Quadratic lookup would take minutes here (each token rescanning the line from its start).
        var json = "[\"首\"," + string.Join(",", Enumerable.Repeat("1", 500_000)) + "]";

        var root = Loading.JsonNodeReader.Read(Encoding.UTF8.GetBytes(json));

        Assert.Equal(json.Length - 1, root.Items[^1].Column);
        Assert.Equal(1, root.Items[^1].Line);
    }

    [Fact]
    public void Evaluate_IntegerOverflow_IsARuleFailureNotAWrappedValue()
    {
        var result = RuleLoader.Load("ovf.json", TestFacts.Workflow("Tagging", ("r", "customer.Employees * 1000000 > 0", "t")));
        Assert.True(result.Success, string.Join("\n", result.Diagnostics));

        var evaluation = result.RuleSet!.EvaluateCustomer(TestFacts.Customer(new CustomerFactsInput { Employees = 1_000_000 }));

        Assert.Empty(evaluation.Tags);
        var failure = Assert.Single(evaluation.Failures);
        Assert.Equal("r", failure.Rule);
    }

    [Fact]
    public void DryRun_PointsSumOverflowingDecimal_FailsThatRuleForThatCustomerOnly()
    {
        const string json = """
            [{"WorkflowName":"ChurnRisk","Rules":[
              {"RuleName":"a","SuccessEvent":"a","Properties":{"Points":70000000000000000000000000000},"Expression":"customer.Employees > 5"},
              {"RuleName":"b","SuccessEvent":"b","Properties":{"Points":70000000000000000000000000000},"Expression":"true"}]}]
            """;
        var set = RuleLoader.Load("sum.json", json).GetRuleSetOrThrow();

        var results = set.DryRun([TestFacts.Customer(new CustomerFactsInput { Employees = 10 }), TestFacts.Customer(new CustomerFactsInput { Employees = 1 })]);

        Assert.Equal(2, results.Count);
        Assert.Equal("b", Assert.Single(results[0].Failures).Rule);
        Assert.Equal(70000000000000000000000000000m, results[0].ChurnRiskPoints);
        Assert.Empty(results[1].Failures);
        Assert.Equal(70000000000000000000000000000m, results[1].ChurnRiskPoints);
    }

    [Fact]
    public void Load_WorstCaseFileAtTheMaximumSize_IsValidatedAndEvaluated()
    {
        // Documents the worst case measured by ValidateBenchmarks: here only that it completes, with a result, never a throw.
        var json = WorstCaseFile.Build(RuleLoadOptions.Default.MaxFileBytes);
        Assert.True(Encoding.UTF8.GetByteCount(json) <= RuleLoadOptions.Default.MaxFileBytes);

        var result = RuleLoader.Load("worst.json", json);

        Assert.True(result.Success, string.Join("\n", result.Diagnostics.Take(3)));
        var evaluation = result.RuleSet!.EvaluateCustomer(TestFacts.Customer(revenue: 10));
        Assert.NotNull(result.RuleSet.ExplainCustomer(TestFacts.Customer(revenue: 10)));
        Assert.NotEmpty(evaluation.Tags);
    }
}
