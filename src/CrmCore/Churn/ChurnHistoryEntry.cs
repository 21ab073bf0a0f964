using NodaTime;

namespace CrmCore.Churn;

/// <summary>What <see cref="IChurnHistory"/> remembers of a customer's last evaluation. Immutable.</summary>
/// <param name="EvaluatedAt">When the evaluation was made.</param>
/// <param name="Score">Its score, 0–100.</param>
/// <param name="Band">Its band.</param>
public sealed record ChurnHistoryEntry(Instant EvaluatedAt, int Score, ChurnBand Band);
