using CrmCore.Churn;

namespace CrmCore.Desk;

/// <summary>
/// A port of the desk: the churn-risk factors of a customer, scored by <see cref="ChurnScorer"/> when the desk assesses churn
/// (<see cref="ServiceDesk.AssessChurnAsync"/> and the daily assessment of <see cref="ServiceDesk.AdvanceAsync"/>). <c>AddCrmRules()</c>
/// puts the rule pack's ChurnRisk workflow here; the default, <see cref="Document001ChurnFactors"/>, is document 001's policy in plain
/// C#. Implementations must be thread-safe.
/// </summary>
public interface IChurnFactorSource
{
    /// <summary>Lists the factors that apply to a customer now.</summary>
    /// <param name="customer">The customer, its activity and background.</param>
    /// <returns>The factors (points and reasons); empty when none applies.</returns>
    IReadOnlyList<ChurnFactor> Factors(CustomerView customer);
}
