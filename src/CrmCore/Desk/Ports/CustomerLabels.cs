namespace CrmCore.Desk;

/// <summary>What an <see cref="ICustomerClassifier"/> decided: a tier and the tags. Immutable.</summary>
/// <param name="Tier">The tier, or null to keep the recorded tier.</param>
/// <param name="Tags">Every tag the customer should carry (others are removed), in order.</param>
public sealed record CustomerLabels(string? Tier, IReadOnlyList<string> Tags);
