namespace CrmCore.Storage;

/// <summary>What a published document is.</summary>
public enum PublicationKind
{
    /// <summary>A rule set (RulesEngine workflow JSON).</summary>
    RuleSet = 1,

    /// <summary>A business calendar (calendar JSON).</summary>
    Calendar = 2,
}
