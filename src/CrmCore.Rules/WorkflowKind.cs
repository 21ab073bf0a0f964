namespace CrmCore.Rules;

/// <summary>
/// What a workflow decides, read from its <c>WorkflowName</c>: the name is the kind (<c>Tiering</c>) or the kind followed by a dot
/// and any suffix (<c>Tagging.Activity</c>). Case-sensitive. Workflows run in a fixed order whatever the file order: Shared values
/// first, then Tiering, Tagging and ChurnRisk on a customer, then Priority, Routing and Escalation on a ticket.
/// </summary>
public enum WorkflowKind
{
    /// <summary>Rules over <c>customer</c> tried in order; the first that holds wins; its <c>SuccessEvent</c> is the tier name.</summary>
    Tiering = 0,

    /// <summary>Rules over <c>customer</c>; every rule that holds adds the tag named by its <c>SuccessEvent</c>.</summary>
    Tagging = 1,

    /// <summary>Rules over <c>ticket</c>; every rule that holds adds points (<c>Properties.Points</c> or an OutputExpression) with its <c>SuccessEvent</c> as the reason.</summary>
    Priority = 2,

    /// <summary>Rules over <c>ticket</c> tried in order; the first that holds gives the target group (<c>SuccessEvent</c>) and optional <c>Properties.Skill</c>.</summary>
    Routing = 3,

    /// <summary>Rules over <c>customer</c>; every rule that holds adds risk points with its <c>SuccessEvent</c> as the reason.</summary>
    ChurnRisk = 4,

    /// <summary>Rules over <c>ticket</c>; every rule that holds chooses an escalation ladder (<c>Properties.Ladder</c>, the name of a ladder of the escalation policy); the ladder's steps hold the levels, targets and business times. May not read time-dependent facts.</summary>
    Escalation = 5,

    /// <summary>Any workflow when the loader runs with <see cref="RuleLoadOptions.CustomInputs"/>: validated and compiled, not evaluated by CrmCore.</summary>
    Custom = 6,

    /// <summary>
    /// Shared named values: the workflow's <c>GlobalParams</c> are visible to every other workflow of the rule set (for example a
    /// tier threshold used by Tiering and by a Tagging rule). It has no rules; its values may not read facts. Compiled first.
    /// </summary>
    Shared = 7,
}
