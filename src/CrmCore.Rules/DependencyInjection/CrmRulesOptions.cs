namespace CrmCore.Rules;

/// <summary>Options of <c>AddCrmRules</c>. Validated once, when registered.</summary>
public sealed class CrmRulesOptions
{
    /// <summary>Rule files to load at start; when empty, the embedded <see cref="DefaultRulePack"/> is loaded. Default empty.</summary>
    public IList<string> RuleFiles { get; } = [];

    /// <summary>With the default pack: use the doc 003 tiering file instead of doc 001. Default false.</summary>
    public bool UseDoc003Tiering { get; set; }

    /// <summary>Load options (expression size bounds). Default <see cref="RuleLoadOptions.Default"/>.</summary>
    public RuleLoadOptions LoadOptions { get; set; } = RuleLoadOptions.Default;

    /// <summary>Which executor runs the rules behind the service desk's ports: <see cref="Desk.RuleBackend.Compiled"/> (default) or
    /// <see cref="Desk.RuleBackend.RulesEngine"/>. Loading, validation and sandboxing are the same for both.</summary>
    public Desk.RuleBackend Backend { get; set; } = Desk.RuleBackend.Compiled;
}
