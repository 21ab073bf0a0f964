using CrmCore.Rules.Diagnostics;

namespace CrmCore.Rules.Reload;

/// <summary>Raised when a reload failed; the previous version stays in service. Immutable.</summary>
public sealed class RuleSetReloadFailedEventArgs : EventArgs
{
    /// <summary>Creates the event data.</summary>
    /// <param name="diagnostics">Every problem found.</param>
    /// <param name="current">The version still in service, or null when none ever loaded.</param>
    public RuleSetReloadFailedEventArgs(IReadOnlyList<RuleDiagnostic> diagnostics, RuleSetVersion? current)
    {
        Diagnostics = diagnostics;
        Current = current;
    }

    /// <summary>Every problem found (errors and warnings).</summary>
    public IReadOnlyList<RuleDiagnostic> Diagnostics { get; }

    /// <summary>The version still in service, or null.</summary>
    public RuleSetVersion? Current { get; }
}
