using CrmCore.Churn;
using CrmCore.Cli.Input;
using CrmCore.Cli.Rules;
using CrmCore.Customers;
using CrmCore.Rules;
using NodaTime;

namespace CrmCore.Cli.Reports;

/// <summary>
/// Scores each customer's churn risk for the report: the rule set's ChurnRisk reasons become <see cref="ChurnFactor"/>s,
/// scored by a <see cref="ChurnScorer"/> with default options and an empty in-memory history, all at one instant.
/// </summary>
internal static class ReportChurn
{
    /// <summary>Evaluates the customers; a customer the rules fail on is returned as a failure, not scored.</summary>
    public static (IReadOnlyList<ChurnAssessment> Assessments, IReadOnlyList<EvaluationFailure> Failures) Assess(
        RuleSet rules,
        IClock clock,
        Instant at,
        DateTimeZone zone,
        string customersPath,
        IReadOnlyList<SourceRow<CustomerRow>> customers)
    {
        var run = new DryRun(rules, at, zone, PriorityBands.Default).Run(customersPath, customers, null, []);
        var scorer = new ChurnScorer(new ChurnOptions(), clock, new InMemoryChurnHistory());
        var assessments = run.Customers
            .Select(c => scorer.Evaluate(new CustomerId(c.Row.Id), Factors(c.Evaluation), at))
            .ToList();
        return (assessments, run.Failures);
    }

    /// <summary>Turns the rules' churn reasons into scorer factors, named by their rule.</summary>
    public static IReadOnlyList<ChurnFactor> Factors(CustomerEvaluation evaluation) =>
        evaluation.ChurnRiskReasons.Select(r => new ChurnFactor(r.Rule, (double)r.Points, r.Reason, r.ReasonZhHans)).ToList();
}
