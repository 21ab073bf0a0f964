namespace CrmCore.Rules.Desk;

/// <summary>Which executor runs the rule pack behind the desk's ports. The files are loaded, validated, sandboxed and bounded by
/// CrmCore's loader either way; only the execution differs.</summary>
public enum RuleBackend
{
    /// <summary>CrmCore's compiled evaluator (the default): fast, same results as RulesEngine on every supported rule.</summary>
    Compiled = 0,

    /// <summary>Microsoft RulesEngine's own <c>ExecuteAllRulesAsync</c>, for hosts that want RulesEngine's behaviour exactly. Slower.</summary>
    RulesEngine = 1,
}
