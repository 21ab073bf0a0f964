using System.Text.RegularExpressions;
using CrmCore.Rules.Diagnostics;
using CrmCore.Rules.Loading;

namespace CrmCore.Rules.Tests;

/// <summary>
/// RulesEngine's own workflow files (Corpus/, see its README). They were written for RulesEngine's test input types, so they
/// are compiled in the loader's custom-input mode against the described types below (<see cref="Input1"/> ...).
/// </summary>
public class CorpusTests
{
    private static readonly string Dir = Path.Combine(AppContext.BaseDirectory, "Corpus");

    private static readonly RuleLoadOptions CorpusOptions = RuleLoadOptions.Default with
    {
        CustomInputs =
        [
            new("input1", typeof(Input1)),
            new("input2", typeof(Input2)),
            new("input3", typeof(Input3)),
        ],
    };

    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var f in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Corpus"), "*.json").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(f));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Parse_EveryCorpusFile_ParsesAsListOfWorkflows(string file)
    {
        var bytes = File.ReadAllBytes(Path.Combine(Dir, file));
        var bag = new DiagnosticBag();
        var workflows = new RuleFileParser(file, bag).Parse(JsonNodeReader.Read(bytes));

        var expected = Regex.Matches(System.Text.Encoding.UTF8.GetString(bytes), "\"WorkflowName\"").Count;
        Assert.Equal(expected, workflows.Count);
        Assert.All(workflows, w => Assert.NotEmpty(w.Rules));
        Assert.DoesNotContain(bag.Items, d => d.Code is RuleDiagnosticCodes.InvalidJson or RuleDiagnosticCodes.WrongValueType or RuleDiagnosticCodes.MissingRequired);
    }

    [Fact]
    public void Load_Rules4_LowercaseLocalParamsIsErrorSuggestingLocalParams()
    {
        var result = RuleLoader.LoadFiles([Path.Combine(Dir, "test_RulesEngine.UnitTest_TestData_rules4.json")], CorpusOptions);

        var errors = result.Errors.Where(e => e.Code == RuleDiagnosticCodes.UnknownKey).ToList();
        Assert.NotEmpty(errors);
        Assert.All(errors, e =>
        {
            Assert.Equal("LocalParams", e.Suggestion);
            Assert.Contains("`localParams`", e.Message, StringComparison.Ordinal);
            Assert.Contains("Did you mean `LocalParams`?", e.Message, StringComparison.Ordinal);
            Assert.True(e.Line > 1);
            Assert.NotNull(e.RuleName);
        });
        Assert.Equal(10, errors[0].Line);
        Assert.Equal("GiveDiscount10", errors[0].RuleName);
    }

    [Fact]
    public void Load_Rules4_ErrorTypeIsWarning()
    {
        var result = RuleLoader.LoadFiles([Path.Combine(Dir, "test_RulesEngine.UnitTest_TestData_rules4.json")], CorpusOptions);

        var w = Assert.Single(result.Warnings.Where(d => d.Code == RuleDiagnosticCodes.RemovedKey).Take(1));
        Assert.Equal(RuleSeverity.Warning, w.Severity);
        Assert.Contains("ErrorType", w.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_Rules3_TypoReportedWithRuleNameAndPosition()
    {
        var result = RuleLoader.LoadFiles([Path.Combine(Dir, "test_RulesEngine.UnitTest_TestData_rules3.json")], CorpusOptions);

        var e = Assert.Single(result.Errors);
        Assert.Equal(RuleDiagnosticCodes.UnknownFact, e.Code);
        Assert.Equal("GiveDiscount10", e.RuleName);
        Assert.Equal("inputWorkflow", e.WorkflowName);
        Assert.Equal(7, e.ExpressionPosition);
        Assert.Contains("couy", e.Message, StringComparison.Ordinal);
        Assert.Equal(10, e.Line);
        Assert.Equal("$.Rules[0].Expression", e.JsonPath);
    }

    [Theory]
    [InlineData("test_RulesEngine.UnitTest_TestData_rules1.json")]
    [InlineData("test_RulesEngine.UnitTest_TestData_rules2.json")]
    [InlineData("demo_DemoApp_Workflows_Discount.json")]
    [InlineData("benchmark_RulesEngineBenchmark_Workflows_Discount.json")]
    public void Load_CorpusFilesMatchingTestInputs_CompileCleanly(string file)
    {
        var result = RuleLoader.LoadFiles([Path.Combine(Dir, file)], CorpusOptions);

        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        Assert.All(result.RuleSet!.Workflows, w => Assert.Equal(WorkflowKind.Custom, w.Value));
    }

    [Theory]
    [InlineData("test_RulesEngine.UnitTest_TestData_rules10.json", "Data")]
    [InlineData("test_RulesEngine.UnitTest_TestData_rules6.json", "Method")]
    [InlineData("test_RulesEngine.UnitTest_TestData_rules11.json", "Parse")]
    public void Load_CorpusEscapes_Rejected(string file, string mentioned)
    {
        var result = RuleLoader.LoadFiles([Path.Combine(Dir, file)], CorpusOptions);

        Assert.Contains(result.Errors, e => e.Message.Contains(mentioned, StringComparison.Ordinal));
    }

    /// <summary>RulesEngine's test customer input.</summary>
    public sealed class Input1
    {
        public string country { get; set; } = string.Empty;

        public int loyaltyFactor { get; set; }

        public int totalPurchasesToDate { get; set; }
    }

    /// <summary>RulesEngine's test order input.</summary>
    public sealed class Input2
    {
        public int totalOrders { get; set; }

        public int noOfVisitsPerMonth { get; set; }
    }

    /// <summary>RulesEngine's test telemetry input.</summary>
    public sealed class Input3
    {
        public int noOfVisitsPerMonth { get; set; }
    }
}
