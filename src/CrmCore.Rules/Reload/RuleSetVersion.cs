namespace CrmCore.Rules.Reload;

/// <summary>One published version of the rules: the compiled set, a sequence number and the content hash. Immutable.</summary>
/// <param name="RuleSet">The compiled rule set.</param>
/// <param name="Number">1 for the first successful load, incremented on every successful reload.</param>
/// <param name="ContentHash">Lower-case hex SHA-256 of the sources.</param>
/// <param name="Sources">The source names, in load order.</param>
public sealed record RuleSetVersion(RuleSet RuleSet, int Number, string ContentHash, IReadOnlyList<string> Sources);
