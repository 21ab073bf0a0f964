namespace CrmCore.Rules.Explain;

/// <summary>A fact a clause read and its value. Immutable.</summary>
/// <param name="Name">The fact's name, such as <c>customer.AnnualRevenue</c>.</param>
/// <param name="Value">The value, formatted with the invariant culture (null when the fact is null).</param>
public sealed record FactValue(string Name, string? Value);
