using CrmCore.Rules.Diagnostics;

namespace CrmCore.Rules;

/// <summary>
/// The outcome of loading rule files: the rule set when there is no error, and every diagnostic found (errors and warnings),
/// in file order. Immutable and thread-safe.
/// </summary>
public sealed class RuleLoadResult
{
    internal RuleLoadResult(RuleSet? ruleSet, IReadOnlyList<RuleDiagnostic> diagnostics, string contentHash)
    {
        RuleSet = ruleSet;
        Diagnostics = diagnostics;
        ContentHash = contentHash;
    }

    /// <summary>Whether the files loaded (no error; warnings allowed).</summary>
    public bool Success => RuleSet is not null;

    /// <summary>The compiled rule set; null when there is at least one error.</summary>
    public RuleSet? RuleSet { get; }

    /// <summary>Every problem found, errors and warnings.</summary>
    public IReadOnlyList<RuleDiagnostic> Diagnostics { get; }

    /// <summary>The errors only.</summary>
    public IEnumerable<RuleDiagnostic> Errors => Diagnostics.Where(d => d.IsError);

    /// <summary>The warnings only.</summary>
    public IEnumerable<RuleDiagnostic> Warnings => Diagnostics.Where(d => !d.IsError);

    /// <summary>Lower-case hex SHA-256 of the sources' bytes (names and contents, in order).</summary>
    public string ContentHash { get; }

    /// <summary>Returns the rule set or throws when loading failed.</summary>
    /// <returns>The rule set.</returns>
    /// <exception cref="CrmException">Loading failed; the message lists every error (code <c>CRM-RULES-LOAD</c>).</exception>
    public RuleSet GetRuleSetOrThrow() => RuleSet ?? throw CrmException.Worded(
        "CRM-RULES-LOAD", "Error_RulesNotLoaded", culture => [string.Concat(Errors.Select(e => Environment.NewLine + "  " + (e with { Message = e.MessageIn(culture) })))]);
}
