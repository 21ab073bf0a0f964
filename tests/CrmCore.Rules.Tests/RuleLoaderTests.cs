using System.Text;
using CrmCore.Rules.Diagnostics;

namespace CrmCore.Rules.Tests;

public class RuleLoaderTests
{
    [Fact]
    public void Load_MisCasedKey_ErrorWithSuggestionAndPosition()
    {
        const string json = "[\n  {\n    \"WorkflowName\": \"Tagging\",\n    \"Rules\": [\n      { \"RuleName\": \"r\", \"SuccessEvent\": \"t\", \"expression\": \"true\" }\n    ]\n  }\n]";
        var result = RuleLoader.Load("tags.json", json);

        Assert.False(result.Success);
        var d = Assert.Single(result.Errors, e => e.Code == RuleDiagnosticCodes.UnknownKey);
        Assert.Equal("Expression", d.Suggestion);
        Assert.Contains("did you mean `Expression`", d.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(5, d.Line);
        Assert.Equal(47, d.Column);
        Assert.Equal("tags.json", d.File);
        Assert.Equal("$[0].Rules[0].expression", d.JsonPath);
        Assert.Equal("r", d.RuleName);
        Assert.Equal("Tagging", d.WorkflowName);
    }

    [Fact]
    public void Load_ErrorTypeKey_Warning()
    {
        const string json = "[{\"WorkflowName\":\"Tagging\",\"Rules\":[{\"RuleName\":\"r\",\"SuccessEvent\":\"t\",\"ErrorType\":\"Error\",\"Expression\":\"true\"}]}]";
        var result = RuleLoader.Load("f.json", json);

        Assert.True(result.Success);
        var w = Assert.Single(result.Warnings);
        Assert.Equal(RuleDiagnosticCodes.RemovedKey, w.Code);
        Assert.Equal(RuleSeverity.Warning, w.Severity);
    }

    [Theory]
    [InlineData("or")]
    [InlineData("AND")]
    [InlineData("Xor")]
    public void Load_WrongOperator_Error(string op)
    {
        var json = "[{\"WorkflowName\":\"Tagging\",\"Rules\":[{\"RuleName\":\"r\",\"SuccessEvent\":\"t\",\"Operator\":\"" + op + "\",\"Rules\":[{\"RuleName\":\"a\",\"Expression\":\"true\"}]}]}]";
        var result = RuleLoader.Load("f.json", json);

        Assert.Contains(result.Errors, e => e.Code == RuleDiagnosticCodes.InvalidEnumValue && e.Message.Contains(op, StringComparison.Ordinal));
    }

    [Fact]
    public void Load_WrongRuleExpressionType_Error()
    {
        var json = "[{\"WorkflowName\":\"Tagging\",\"Rules\":[{\"RuleName\":\"r\",\"SuccessEvent\":\"t\",\"RuleExpressionType\":\"lambdaexpression\",\"Expression\":\"true\"}]}]";
        Assert.Contains(RuleLoader.Load("f.json", json).Errors, e => e.Code == RuleDiagnosticCodes.InvalidEnumValue);
    }

    [Fact]
    public void Load_DuplicateNames_ErrorsForRuleAndWorkflow()
    {
        var wf = "{\"WorkflowName\":\"Tagging\",\"Rules\":[{\"RuleName\":\"r\",\"SuccessEvent\":\"t\",\"Expression\":\"true\"},{\"RuleName\":\"r\",\"SuccessEvent\":\"u\",\"Expression\":\"true\"}]}";
        var result = RuleLoader.Load("f.json", "[" + wf + "," + wf + "]");

        Assert.Contains(result.Errors, e => e.Code == RuleDiagnosticCodes.DuplicateWorkflowName);
        Assert.Contains(result.Errors, e => e.Code == RuleDiagnosticCodes.DuplicateRuleName);
    }

    [Fact]
    public void Load_SeveralProblems_AllReported()
    {
        var json = "[{\"WorkflowName\":\"Tagging\",\"Rules\":[{\"RuleName\":\"a\",\"SuccessEvent\":\"t\",\"Expression\":\"customer.Nope > 1\"},{\"RuleName\":\"b\",\"SuccessEvent\":\"u\",\"Expresion\":\"true\"},{\"RuleName\":\"c\",\"SuccessEvent\":\"v\",\"Expression\":\"customer.AnnualRevenue >\"}]}]";
        var result = RuleLoader.Load("f.json", json);

        Assert.True(result.Errors.Count() >= 3);
        Assert.Contains(result.Errors, e => e.RuleName == "a" && e.Code == RuleDiagnosticCodes.UnknownFact && e.ExpressionPosition == 9);
        Assert.Contains(result.Errors, e => e.RuleName == "b" && e.Code == RuleDiagnosticCodes.UnknownKey && e.Suggestion == "Expression");
        Assert.Contains(result.Errors, e => e.RuleName == "c" && e.Code == RuleDiagnosticCodes.ExpressionError);
    }

    [Fact]
    public void Load_InvalidJson_ReportsLine()
    {
        var result = RuleLoader.Load("f.json", "[\n{\"WorkflowName\": \"Tagging\",,}\n]");

        var e = Assert.Single(result.Errors);
        Assert.Equal(RuleDiagnosticCodes.InvalidJson, e.Code);
        Assert.Equal(2, e.Line);
    }

    [Fact]
    public void Load_InvalidJsonAfterChineseText_ColumnCountsCharacters()
    {
        // "客户标签" is 4 characters but 12 UTF-8 bytes; the stray comma is the 28th character of line 2.
        const string Line2 = "{\"WorkflowName\": \"客户标签\",,}";
        var result = RuleLoader.Load("f.json", "\uFEFF[\n" + Line2 + "\n]");

        var e = Assert.Single(result.Errors);
        Assert.Equal(RuleDiagnosticCodes.InvalidJson, e.Code);
        Assert.Equal(2, e.Line);
        Assert.Equal(Line2.IndexOf(",,", StringComparison.Ordinal) + 2, e.Column);
    }

    [Theory]
    [InlineData("ChurnRisk", "42", false)]
    [InlineData("Priority", "\"\"", false)]
    [InlineData("Priority", "\"重大问题\"", true)]
    public void Load_ReasonZhHans_MustBeNonEmptyString(string workflow, string value, bool valid)
    {
        var json = "[{\"WorkflowName\":\"" + workflow + "\",\"Rules\":[{\"RuleName\":\"r\",\"SuccessEvent\":\"x\",\"Properties\":{\"Points\":1,\"ReasonZhHans\":" + value + "},\"Expression\":\"true\"}]}]";

        var result = RuleLoader.Load("f.json", json);

        Assert.Equal(valid, result.Success);
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void Load_WorkflowsToInject_ClearError()
    {
        var json = "[{\"WorkflowName\":\"Tagging\",\"WorkflowsToInject\":[\"Other\"],\"Rules\":[{\"RuleName\":\"a\",\"SuccessEvent\":\"t\",\"Expression\":\"true\"}]}]";
        var e = Assert.Single(RuleLoader.Load("f.json", json).Errors);
        Assert.Equal(RuleDiagnosticCodes.WorkflowReferenceNotSupported, e.Code);
    }

    [Fact]
    public void Load_UnknownWorkflowKind_SuggestsKind()
    {
        var result = RuleLoader.Load("f.json", TestFacts.Workflow("Taging", ("a", "true", "t")));
        var e = Assert.Single(result.Errors);
        Assert.Equal(RuleDiagnosticCodes.UnknownWorkflowKind, e.Code);
        Assert.Equal("Tagging", e.Suggestion);
    }

    [Fact]
    public void Load_ChineseNamesWithBom_WorkEndToEnd()
    {
        var json = TestFacts.Workflow("Tagging.中文", ("高频咨询规则", "customer.ConsultationsLast60Days >= 5 && customer.Industry == \"制造业\"", "高频咨询"));
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(json)).ToArray();
        var set = RuleLoader.Load([RuleSource.FromBytes("标签.json", bytes)]).GetRuleSetOrThrow();

        var c = TestFacts.Customer(new Facts.CustomerFactsInput { ConsultationsLast60Days = 6, Industry = "制造业", LastInteractionAt = TestFacts.Now });
        Assert.Equal(["高频咨询"], set.EvaluateCustomer(c).Tags);
        Assert.Equal(["高频咨询"], set.Tags.NamesOf(set.Classify(c).TagMask));
    }

    [Fact]
    public void Load_SameBytes_SameSha256Hash()
    {
        var json = TestFacts.Workflow("Tagging", ("a", "true", "t"));
        var a = RuleLoader.Load("a.json", json);
        var b = RuleLoader.Load("b.json", json);
        var expected = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(json)));

        Assert.Equal(expected, a.ContentHash);
        Assert.Equal(a.ContentHash, b.ContentHash);
        Assert.Equal(a.ContentHash, a.RuleSet!.ContentHash);
    }

    [Fact]
    public void Load_PriorityReadingTimeDependentFact_Rejected()
    {
        var json = "[{\"WorkflowName\":\"Priority\",\"Rules\":[{\"RuleName\":\"old\",\"SuccessEvent\":\"old ticket\",\"Properties\":{\"Points\":10},\"Expression\":\"ticket.AgeMinutes > 60\"}]}]";
        var e = Assert.Single(RuleLoader.Load("f.json", json).Errors);
        Assert.Equal(RuleDiagnosticCodes.TimeDependentFactInPriority, e.Code);
        Assert.Contains("AgeMinutes", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_LocalAndGlobalParams_CompiledAndInlined()
    {
        var json = "[{\"WorkflowName\":\"Tiering\",\"GlobalParams\":[{\"Name\":\"big\",\"Expression\":\"500000\"}],\"Rules\":[{\"RuleName\":\"A\",\"SuccessEvent\":\"A\",\"LocalParams\":[{\"Name\":\"rev\",\"Expression\":\"customer.AnnualRevenue\"}],\"Expression\":\"rev >= big\"}]}]";
        var set = RuleLoader.Load("f.json", json).GetRuleSetOrThrow();

        Assert.Equal("A", set.EvaluateCustomer(TestFacts.Customer(600000)).Tier);
        Assert.Null(set.EvaluateCustomer(TestFacts.Customer(1)).Tier);
    }

    [Fact]
    public void Load_BadLocalParam_ReportedAtItsPath()
    {
        var json = "[{\"WorkflowName\":\"Tagging\",\"Rules\":[{\"RuleName\":\"r\",\"SuccessEvent\":\"t\",\"LocalParams\":[{\"Name\":\"x\",\"Expression\":\"customer.Revenue\"}],\"Expression\":\"x > 1\"}]}]";
        var e = Assert.Single(RuleLoader.Load("f.json", json).Errors);
        Assert.Equal("$[0].Rules[0].LocalParams[0].Expression", e.JsonPath);
        Assert.Equal(9, e.ExpressionPosition);
    }

    [Fact]
    public void GetRuleSetOrThrow_Failure_ThrowsCrmExceptionListingErrors()
    {
        var result = RuleLoader.Load("f.json", "{}");
        var ex = Assert.Throws<CrmException>(result.GetRuleSetOrThrow);
        Assert.Equal("CRM-RULES-LOAD", ex.Code);
        Assert.Contains("CRM006", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MisCasedFactName_WorksWithWarning()
    {
        var result = RuleLoader.Load("f.json", TestFacts.Workflow("Tagging", ("r", "customer.annualRevenue > 1 AND customer.Tier == \"A\"", "t")));

        Assert.True(result.Success);
        var w = Assert.Single(result.Warnings);
        Assert.Equal(RuleDiagnosticCodes.MisCasedMember, w.Code);
        Assert.Equal("AnnualRevenue", w.Suggestion);
    }
}

public class RunTimeFailureTests
{
    [Fact]
    public void Evaluate_DivisionByZero_RuleDoesNotHoldAndNothingThrows()
    {
        var json = TestFacts.Workflow("Tagging", ("ratio", "customer.AnnualRevenue / customer.OpenTicketCount > 5", "busy"), ("ok", "true", "ok"));
        var set = RuleLoader.Load("f.json", json).GetRuleSetOrThrow();
        var facts = TestFacts.Customer(100);
        var raised = new List<RuleFailure>();
        set.RuleFailed += (_, e) => raised.Add(e.Failure);

        var evaluation = set.EvaluateCustomer(facts);
        Assert.Equal(["ok"], evaluation.Tags);
        var failure = Assert.Single(evaluation.Failures);
        Assert.Equal(("Tagging", "ratio", typeof(DivideByZeroException).FullName), (failure.Workflow, failure.Rule, failure.ExceptionType));
        Assert.False(string.IsNullOrEmpty(failure.Message));

        Assert.Equal(["ok"], set.Tags.NamesOf(set.Classify(facts).TagMask));
        var trace = set.ExplainCustomer(facts).Rules[0];
        Assert.False(trace.Held);
        Assert.Equal(failure, trace.Failure);

        Assert.Equal(3, set.FailureCount);
        Assert.Equal([failure, failure, failure], raised);
        var clean = TestFacts.Customer(new Facts.CustomerFactsInput { AnnualRevenue = 100, OpenTicketCount = 2, LastInteractionAt = TestFacts.Now });
        Assert.Empty(set.EvaluateCustomer(clean).Failures);
        set.Classify(clean);
        Assert.Equal(3, set.FailureCount);
    }

    [Fact]
    public void Evaluate_OutputExpressionThrows_RuleFailedNotHeldNoReasonNoPoints()
    {
        var json = "[{\"WorkflowName\":\"ChurnRisk\",\"Rules\":[{\"RuleName\":\"r\",\"SuccessEvent\":\"x\",\"Expression\":\"true\",\"Actions\":{\"OnSuccess\":{\"Name\":\"OutputExpression\",\"Context\":{\"Expression\":\"customer.AnnualRevenue / customer.OpenTicketCount\"}}}}]}]";
        var set = RuleLoader.Load("f.json", json).GetRuleSetOrThrow();

        var evaluation = set.EvaluateCustomer(TestFacts.Customer(100));
        Assert.Empty(evaluation.ChurnRiskReasons);
        Assert.Empty(evaluation.FiredRules);
        Assert.Equal(0m, evaluation.ChurnRiskPoints);
        var failure = Assert.Single(evaluation.Failures);
        Assert.Equal(("r", RuleFailureStage.Points), (failure.Rule, failure.Stage));
        Assert.False(Assert.Single(set.ExplainCustomer(TestFacts.Customer(100)).Rules).Held);
        Assert.Equal(50m, set.EvaluateCustomer(TestFacts.Customer(new Facts.CustomerFactsInput { AnnualRevenue = 100, OpenTicketCount = 2, LastInteractionAt = TestFacts.Now })).ChurnRiskPoints);
    }

    [Fact]
    public void Load_DeeplyNestedParentheses_ReportedNotCrashed()
    {
        var expr = new string('(', 480) + "true" + new string(')', 480);
        var result = RuleLoader.Load("f.json", TestFacts.Workflow("Tagging", ("deep", expr, "t")));

        // Nesting beyond RuleLoadOptions.MaxExpressionDepth is refused before the (recursive) parser sees it.
        var d = Assert.Single(result.Errors);
        Assert.Equal(Diagnostics.RuleDiagnosticCodes.ExpressionTooLarge, d.Code);
        Assert.Equal("deep", d.RuleName);
        Assert.True(d.Line > 0 && d.ExpressionPosition is not null);
    }

    [Fact]
    public void Load_EscalationLadderNotAName_Error()
    {
        var json = "[{\"WorkflowName\":\"Escalation\",\"Rules\":[{\"RuleName\":\"r\",\"SuccessEvent\":\"x\",\"Properties\":{\"Ladder\":1e20},\"Expression\":\"true\"}]}]";
        Assert.Contains(RuleLoader.Load("f.json", json).Errors, e => e.Code == Diagnostics.RuleDiagnosticCodes.WrongValueType);
    }
}
