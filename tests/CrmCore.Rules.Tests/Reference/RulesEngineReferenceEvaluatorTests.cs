using CrmCore.Rules.Facts;
using CrmCore.Rules.Reference;
using CrmCore.Tickets;

namespace CrmCore.Rules.Tests.Reference;

public class RulesEngineReferenceEvaluatorTests
{
    private static readonly TicketFacts Ticket = TicketFacts.From(new TicketFactsInput { Urgency = Urgency.Urgent, ReopenCount = 0 }, TestFacts.Now);

    [Fact]
    public async Task EvaluateCustomerAsync_OutputExpressionThrows_RuleFailedNotHeldAsOnTheCompiledPath()
    {
        var json = "[{\"WorkflowName\":\"ChurnRisk\",\"Rules\":[{\"RuleName\":\"r\",\"SuccessEvent\":\"x\",\"Expression\":\"true\",\"Actions\":{\"OnSuccess\":{\"Name\":\"OutputExpression\",\"Context\":{\"Expression\":\"customer.AnnualRevenue / customer.OpenTicketCount\"}}}}," +
                   "{\"RuleName\":\"s\",\"SuccessEvent\":\"y\",\"Expression\":\"true\",\"Properties\":{\"Points\":3}}]}]";
        var set = RuleLoader.Load("f.json", json).GetRuleSetOrThrow();
        var raised = new List<RuleFailedEventArgs>();
        set.RuleFailed += (_, e) => raised.Add(e);

        var reference = await new RulesEngineReferenceEvaluator(set).EvaluateCustomerAsync(TestFacts.Customer(100));
        var compiled = set.EvaluateCustomer(TestFacts.Customer(100));

        var failure = Assert.Single(reference.Failures);
        Assert.Equal(Assert.Single(compiled.Failures), failure);
        Assert.Equal(("ChurnRisk", "r", RuleFailureStage.Points, RuleFailureCause.DivisionByZero), (failure.Workflow, failure.Rule, failure.Stage, failure.Cause));
        Assert.Equal(compiled.ChurnRiskPoints, reference.ChurnRiskPoints);
        Assert.Equal(["s"], reference.FiredRules.Select(f => f.Rule));
        Assert.Equal(2, raised.Count);
        Assert.IsType<DivideByZeroException>(raised[0].Exception);
    }

    [Fact]
    public async Task EvaluateTicketAsync_ConditionThrows_RuleFailedNotHeldWithTheCompiledCauseAndPosition()
    {
        var json = "[{\"WorkflowName\":\"Priority\",\"Rules\":[\n{\"RuleName\":\"Boom\",\"SuccessEvent\":\"b\",\"Properties\":{\"Points\":7},\"Expression\":\"100 / ticket.ReopenCount > 1\"},\n" +
                   "{\"RuleName\":\"Fault\",\"SuccessEvent\":\"f\",\"Properties\":{\"Points\":15},\"Expression\":\"true\"}]}]";
        var set = RuleLoader.Load("p.json", json).GetRuleSetOrThrow();

        var reference = await new RulesEngineReferenceEvaluator(set).EvaluateTicketAsync(Ticket);
        var compiled = set.EvaluateTicket(Ticket);

        var failure = Assert.Single(reference.Failures);
        Assert.Equal(Assert.Single(compiled.Failures), failure);
        Assert.Equal(("Boom", RuleFailureStage.Condition, RuleFailureCause.DivisionByZero, "p.json", 2), (failure.Rule, failure.Stage, failure.Cause, failure.File, failure.Line));
        Assert.Equal(15m, reference.PriorityPoints);
        Assert.Equal(compiled.PriorityPoints, reference.PriorityPoints);
        Assert.Equal(2, set.FailureCount);
    }
}
