using CrmCore.Rules.Reference;

namespace CrmCore.Rules.Tests.Reference;

public class RulesEngineReferenceEvaluatorTests
{
    [Fact]
    public async Task EvaluateCustomerAsync_OutputExpressionThrows_KeepsOriginalAsInnerException()
    {
        var json = "[{\"WorkflowName\":\"ChurnRisk\",\"Rules\":[{\"RuleName\":\"r\",\"SuccessEvent\":\"x\",\"Expression\":\"true\",\"Actions\":{\"OnSuccess\":{\"Name\":\"OutputExpression\",\"Context\":{\"Expression\":\"customer.AnnualRevenue / customer.OpenTicketCount\"}}}}]}]";
        var set = RuleLoader.Load("f.json", json).GetRuleSetOrThrow();

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => new RulesEngineReferenceEvaluator(set).EvaluateCustomerAsync(TestFacts.Customer(100)));

        Assert.Contains("ChurnRisk › r", e.Message, StringComparison.Ordinal);
        Assert.NotNull(e.InnerException);
    }
}
