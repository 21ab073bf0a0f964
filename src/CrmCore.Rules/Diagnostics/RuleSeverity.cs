namespace CrmCore.Rules.Diagnostics;

/// <summary>How serious a <see cref="RuleDiagnostic"/> is.</summary>
public enum RuleSeverity
{
    /// <summary>The file loads, but something deserves attention (for example a field RulesEngine removed).</summary>
    Warning = 0,

    /// <summary>The file does not load; the previous rule set (if any) stays in service.</summary>
    Error = 1,
}
