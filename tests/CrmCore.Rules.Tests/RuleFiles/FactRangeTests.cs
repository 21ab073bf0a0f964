using CrmCore.Rules.Diagnostics;
using CrmCore.Rules.Facts;

namespace CrmCore.Rules.Tests.RuleFiles;

/// <summary>
/// Wave 17 (rules17 item 2): the input facts whose domain implies a range (employees and the complaint, consultation, open-ticket,
/// reopen and escalation counts are never negative, a CSAT average is 1 to 5, a failure rate is never negative; every whole-number
/// fact fits an <see cref="int"/>) declare it; a rule comparing one of them with an impossible value gets CRM070, and the inputs
/// refuse a value outside the range, so the warning is never wrong.
/// </summary>
public sealed class FactRangeTests
{
    [Theory]
    [InlineData("customer.Employees < 0", "`customer.Employees` is never below 0, so `< 0` is never met.")]
    [InlineData("customer.ComplaintsLast60Days <= -1", "`customer.ComplaintsLast60Days` is never below 0, so `<= -1` is never met.")]
    [InlineData("customer.ComplaintsPrev60Days < 0", "`customer.ComplaintsPrev60Days` is never below 0, so `< 0` is never met.")]
    [InlineData("customer.ConsultationsLast60Days == -3", "`customer.ConsultationsLast60Days` is never below 0, so `== -3` is never met.")]
    [InlineData("customer.ConsultationsPrev60Days < 0", "`customer.ConsultationsPrev60Days` is never below 0, so `< 0` is never met.")]
    [InlineData("customer.UnresolvedComplaints < 0", "`customer.UnresolvedComplaints` is never below 0, so `< 0` is never met.")]
    [InlineData("-2 >= customer.OpenTicketCount", "`customer.OpenTicketCount` is never below 0, so `<= -2` is never met.")]
    [InlineData("customer.CsatAverage > 5", "`customer.CsatAverage` is never above 5, so `> 5` is never met.")]
    [InlineData("customer.CsatAverage < 1", "`customer.CsatAverage` is never below 1, so `< 1` is never met.")]
    [InlineData("customer.CsatAverage == 50", "`customer.CsatAverage` is never above 5, so `== 50` is never met.")]
    [InlineData("customer.Employees > 2147483647", "`customer.Employees` is never above 2147483647, so `> 2147483647` is never met.")]
    [InlineData("customer.DaysToContractEnd < -3000000000", "`customer.DaysToContractEnd` is never below -2147483648, so `< -3000000000` is never met.")]
    public void Load_CustomerFactComparedOutsideItsRange_IsCrm070(string expression, string because)
    {
        var result = RuleLoader.Load("r.json", TestFacts.Workflow("Tagging", ("R", expression, "t")));

        var d = Assert.Single(result.Diagnostics, d => d.Code == RuleDiagnosticCodes.RuleNeverHolds);
        Assert.Equal(RuleSeverity.Warning, d.Severity);
        Assert.Equal("This rule can never hold: " + because, d.Message);
        Assert.Contains("永远不会满足", d.MessageZhHans, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ticket.ReopenCount < 0", "`ticket.ReopenCount` 从不小于 0，所以 `< 0` 永远不会满足。")]
    [InlineData("ticket.EscalationLevel < 0", "`ticket.EscalationLevel` 从不小于 0，所以 `< 0` 永远不会满足。")]
    [InlineData("ticket.AssetModelFailureRate < 0", "`ticket.AssetModelFailureRate` 从不小于 0，所以 `< 0` 永远不会满足。")]
    [InlineData("ticket.EscalationLevel > 2147483647", "`ticket.EscalationLevel` 从不大于 2147483647，所以 `> 2147483647` 永远不会满足。")]
    public void Load_TicketFactComparedOutsideItsRange_IsCrm070InChinese(string expression, string chinese)
    {
        var result = RuleLoader.Load("r.json", TestFacts.Workflow("Routing", ("R", expression, "TechnicalSupport")));

        var d = Assert.Single(result.Diagnostics, d => d.Code == RuleDiagnosticCodes.RuleNeverHolds);
        Assert.Equal(chinese, d.MessageZhHans);
    }

    [Theory]
    [InlineData("customer.Employees <= 0")]
    [InlineData("customer.Employees > 100000000")]
    [InlineData("customer.CsatAverage >= 5")]
    [InlineData("customer.CsatAverage <= 1")]
    [InlineData("customer.CsatAverage < 3.5m")]
    [InlineData("customer.ComplaintsLast60Days == 0")]
    [InlineData("customer.Employees < 0 || customer.Employees > 10")]
    [InlineData("customer.DaysToContractEnd < -30")]
    [InlineData("customer.AnnualRevenue < 0")]
    public void Load_ComparisonInsideTheRange_HasNoCrm070(string expression)
    {
        var result = RuleLoader.Load("r.json", TestFacts.Workflow("Tagging", ("R", expression, "t")));

        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        Assert.DoesNotContain(result.Diagnostics, d => d.Code == RuleDiagnosticCodes.RuleNeverHolds);
    }

    [Fact]
    public void Load_TwoComparisonsOutsideTheRange_IsTheContradiction()
    {
        var result = RuleLoader.Load("r.json", TestFacts.Workflow("Tagging", ("R", "customer.CsatAverage > 4 && customer.CsatAverage > 6", "t")));

        var d = Assert.Single(result.Diagnostics, d => d.Code == RuleDiagnosticCodes.RuleNeverHolds);
        Assert.Contains("joined by `&&` leave no value", d.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(nameof(CustomerFactsInput.Employees))]
    [InlineData(nameof(CustomerFactsInput.ComplaintsLast60Days))]
    [InlineData(nameof(CustomerFactsInput.ComplaintsPrev60Days))]
    [InlineData(nameof(CustomerFactsInput.ConsultationsLast60Days))]
    [InlineData(nameof(CustomerFactsInput.ConsultationsPrev60Days))]
    [InlineData(nameof(CustomerFactsInput.UnresolvedComplaints))]
    [InlineData(nameof(CustomerFactsInput.OpenTicketCount))]
    public void CustomerFactsInput_NegativeCount_Throws(string property)
    {
        var set = typeof(CustomerFactsInput).GetProperty(property)!;

        var e = Assert.Throws<System.Reflection.TargetInvocationException>(() => set.SetValue(new CustomerFactsInput(), -1));

        var inner = Assert.IsType<ArgumentOutOfRangeException>(e.InnerException);
        Assert.Equal(property, inner.ParamName);
        Assert.Equal(-1, inner.ActualValue);
    }

    [Theory]
    [InlineData(0.99)]
    [InlineData(5.01)]
    [InlineData(-1)]
    public void CustomerFactsInput_CsatOutsideOneToFive_Throws(double csat)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new CustomerFactsInput { CsatAverage = (decimal)csat });

        Assert.Equal(nameof(CustomerFactsInput.CsatAverage), e.ParamName);
    }

    [Fact]
    public void FactsInputs_ValuesAtTheEndsOfTheirRanges_AreKept()
    {
        var customer = new CustomerFactsInput { Employees = 0, OpenTicketCount = int.MaxValue, CsatAverage = 1m };
        var full = customer with { CsatAverage = 5m };
        var none = customer with { CsatAverage = null };
        var ticket = new TicketFactsInput { RaisedAt = NodaTime.Instant.FromUnixTimeSeconds(0), ReopenCount = 0, EscalationLevel = 3, AssetModelFailureRate = 0m };

        Assert.Equal((0, int.MaxValue, 1m, 5m, (decimal?)null), (customer.Employees, customer.OpenTicketCount, customer.CsatAverage, full.CsatAverage, none.CsatAverage));
        Assert.Equal((0, 3, 0m), (ticket.ReopenCount, ticket.EscalationLevel, ticket.AssetModelFailureRate));
    }

    [Theory]
    [InlineData("ReopenCount")]
    [InlineData("EscalationLevel")]
    public void TicketFactsInput_NegativeCount_Throws(string property)
    {
        var set = typeof(TicketFactsInput).GetProperty(property)!;
        var input = new TicketFactsInput { RaisedAt = NodaTime.Instant.FromUnixTimeSeconds(0) };

        var e = Assert.Throws<System.Reflection.TargetInvocationException>(() => set.SetValue(input, -1));

        Assert.Equal(property, Assert.IsType<ArgumentOutOfRangeException>(e.InnerException).ParamName);
    }

    [Fact]
    public void TicketFactsInput_NegativeFailureRate_Throws()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new TicketFactsInput { RaisedAt = NodaTime.Instant.FromUnixTimeSeconds(0), AssetModelFailureRate = -0.5m });

        Assert.Equal(nameof(TicketFactsInput.AssetModelFailureRate), e.ParamName);
    }
}
