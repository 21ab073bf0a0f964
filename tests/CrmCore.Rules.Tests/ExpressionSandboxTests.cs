using CrmCore.Rules.Diagnostics;

namespace CrmCore.Rules.Tests;

public class ExpressionSandboxTests
{
    [Theory]
    [InlineData("\"\".GetType().Assembly.Location != null", "GetType")]
    [InlineData("customer.GetType().Assembly != null", "GetType")]
    [InlineData("System.IO.File.Exists(\"x\")", "System.IO.File")]
    [InlineData("Environment.Exit(0)", "Environment")]
    [InlineData("Enumerable.Range(0, 300000000).Sum() > 0", "Enumerable.Range")]
    [InlineData("Enumerable.Repeat(1, 300000000).Sum() > 0", "Enumerable.Repeat")]
    [InlineData("customer.ToString() == \"x\"", "ToString")]
    [InlineData("customer.Tags.GetEnumerator().MoveNext()", "GetEnumerator")]
    [InlineData("customer.Industry.Equals(\"x\")", "Equals")]
    [InlineData("DateTime.Now.Year > 2000", "DateTime")]
    [InlineData("Type.GetType(\"System.IO.File\") != null", "Type")]
    [InlineData("Activator.CreateInstance(null) != null", "Activator")]
    [InlineData("AppDomain.CurrentDomain != null", "AppDomain")]
    [InlineData("Convert.ToInt32(customer.Industry) > 0", "ToInt32")]
    [InlineData("customer.Industry.Replace(\"a\", \"b\") == \"\"", "Replace")]
    [InlineData("new CrmCore.Rules.Facts.TagSet() != null", "new")]
    public void Load_Escape_RejectedAtLoadWithClearMessage(string expression, string mentioned)
    {
        var result = RuleLoader.Load("f.json", TestFacts.Workflow("Tagging", ("evil", expression, "t")));

        Assert.False(result.Success);
        var e = Assert.Single(result.Errors);
        Assert.Contains(e.Code, new[] { RuleDiagnosticCodes.SandboxViolation, RuleDiagnosticCodes.GeneratorNotAllowed, RuleDiagnosticCodes.ExpressionError });
        Assert.Contains(mentioned, e.Message, StringComparison.Ordinal);
        Assert.Equal("evil", e.RuleName);
        Assert.DoesNotContain("   at ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_RangeGenerator_GetsGeneratorCode()
    {
        var e = Assert.Single(RuleLoader.Load("f.json", TestFacts.Workflow("Tagging", ("evil", "Enumerable.Range(0, 300000000).Sum() > 0", "t"))).Errors);
        Assert.Equal(RuleDiagnosticCodes.GeneratorNotAllowed, e.Code);
    }

    [Theory]
    [InlineData("customer.Tags.Contains(\"VIP\")")]
    [InlineData("customer.Tags.Any(t => t.StartsWith(\"V\"))")]
    [InlineData("customer.Tags.All(t => t.Length > 1)")]
    [InlineData("customer.Tags.Count() > 0 && customer.Tags.Count > 0")]
    [InlineData("customer.Industry.ToUpper().Trim().EndsWith(\"X\") || customer.Region.ToLower().Contains(\"x\")")]
    [InlineData("string.IsNullOrEmpty(customer.Region)")]
    [InlineData("Math.Max(customer.ComplaintsLast60Days, 1) > 0 && Math.Abs(customer.AnnualRevenue) >= 0")]
    [InlineData("customer.CsatAverage < 3.5")]
    [InlineData("customer.DaysToContractEnd <= 30 and customer.DaysToContractEnd >= 0")]
    public void Load_AllowedExpression_Compiles(string expression)
    {
        var result = RuleLoader.Load("f.json", TestFacts.Workflow("Tagging", ("ok", expression, "t")));
        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
    }

    [Fact]
    public void Load_AggregateOverNonFactSource_Rejected()
    {
        var result = RuleLoader.Load("f.json", TestFacts.Workflow("Tagging", ("x", "\"abc\".Any(c => c == 'a')", "t")));
        Assert.False(result.Success);
    }

    [Fact]
    public void Load_TooLongExpression_Rejected()
    {
        var expr = string.Join(" || ", Enumerable.Repeat("customer.AnnualRevenue > 1", 60));
        var e = Assert.Single(RuleLoader.Load("f.json", TestFacts.Workflow("Tagging", ("big", expr, "t"))).Errors);
        Assert.Equal(RuleDiagnosticCodes.ExpressionTooLarge, e.Code);
    }

    [Fact]
    public void Load_TooManyNodes_Rejected()
    {
        var expr = string.Join("+", Enumerable.Repeat("1", 200)) + " > 0";
        var result = RuleLoader.Load("f.json", TestFacts.Workflow("Tagging", ("big", expr, "t")), RuleLoadOptions.Default with { MaxExpressionNodes = 100 });
        Assert.Contains(result.Errors, e => e.Code == RuleDiagnosticCodes.ExpressionTooLarge);
    }
}
