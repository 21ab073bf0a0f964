using System.Linq.Expressions;
using System.Reflection;
using CrmCore.Rules.Facts;

namespace CrmCore.Rules.Compilation;

/// <summary>
/// The tier computed in the same run, as later workflows (Tagging, ChurnRisk) see it through <c>customer.Tier</c>. Their bodies are
/// rewritten once at load so that every <c>customer.Tier</c> read becomes <see cref="Of"/> over the Tiering chain; the per-customer
/// path, the fused <see cref="RuleSet.Classify"/> delegate, the bulk kernel and explain all evaluate the same tree, so they agree.
/// Thread-safe.
/// </summary>
internal static class ComputedTier
{
    /// <summary>The marker method that every rewritten <c>customer.Tier</c> read calls.</summary>
    public static readonly MethodInfo OfMethod = typeof(ComputedTier).GetMethod(nameof(Of))!;

    /// <summary>The tier after Tiering: the winning rule's tier, or the recorded tier when no tiering rule held.</summary>
    /// <param name="ruleIndex">The index of the first tiering rule that held, -1 when none.</param>
    /// <param name="tiers">The tier (SuccessEvent) of each tiering rule.</param>
    /// <param name="sources">"Workflow › Rule" of each tiering rule (read by explain).</param>
    /// <param name="recorded">The tier recorded on the customer.</param>
    /// <returns>The tier later workflows see.</returns>
    public static string Of(int ruleIndex, string[] tiers, string[] sources, string recorded)
        => ruleIndex >= 0 && ruleIndex < tiers.Length ? tiers[ruleIndex] : recorded;

    /// <summary>
    /// Builds the rewriter for a rule set's tiering rules (in order), or null when there are none. A tiering rule that throws does
    /// not hold here, as in the Tiering workflow itself (its failure is reported there).
    /// </summary>
    public static Func<Expression, Expression>? Rewriter(IReadOnlyList<(string Source, string Tier, Expression Body)> tieringRules, ParameterExpression customer)
    {
        if (tieringRules.Count == 0)
        {
            return null;
        }

        Expression index = Expression.Constant(-1);
        for (var i = tieringRules.Count - 1; i >= 0; i--)
        {
            index = Expression.Condition(RuleSetCompiler.Guard(tieringRules[i].Body), Expression.Constant(i), index);
        }

        var call = Expression.Call(
            OfMethod,
            index,
            Expression.Constant(tieringRules.Select(r => r.Tier).ToArray()),
            Expression.Constant(tieringRules.Select(r => r.Source).ToArray()),
            Expression.Property(customer, nameof(CustomerFacts.RecordedTier)));
        var visitor = new TierReadRewriter(customer, call);
        return visitor.Visit;
    }

    /// <summary>Replaces <c>customer.Tier</c> by the computed-tier call.</summary>
    private sealed class TierReadRewriter(ParameterExpression customer, Expression computed) : ExpressionVisitor
    {
        protected override Expression VisitMember(MemberExpression node)
            => node.Expression == customer && node.Member.Name == nameof(CustomerFacts.Tier) ? computed : base.VisitMember(node);
    }
}
