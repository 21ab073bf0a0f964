namespace CrmCore.Rules.Diagnostics;

/// <summary>The stable diagnostic codes of the rule loader. Codes never change meaning; new ones are appended.</summary>
public static class RuleDiagnosticCodes
{
    /// <summary>The file is not valid JSON (or not UTF-8).</summary>
    public const string InvalidJson = "CRM001";

    /// <summary>A value has the wrong JSON type (for example a number where a string is expected).</summary>
    public const string WrongValueType = "CRM002";

    /// <summary>A key is unknown or mis-cased; the message suggests the closest known key.</summary>
    public const string UnknownKey = "CRM003";

    /// <summary>A key RulesEngine removed or ignores (such as <c>ErrorType</c>); a warning.</summary>
    public const string RemovedKey = "CRM004";

    /// <summary>An enum value (<c>Operator</c>, <c>RuleExpressionType</c>, action name) is not one of the exact allowed spellings.</summary>
    public const string InvalidEnumValue = "CRM005";

    /// <summary>A required key is missing or empty.</summary>
    public const string MissingRequired = "CRM006";

    /// <summary>Two workflows in the same rule set have the same name.</summary>
    public const string DuplicateWorkflowName = "CRM007";

    /// <summary>Two rules in the same workflow have the same name.</summary>
    public const string DuplicateRuleName = "CRM008";

    /// <summary><c>WorkflowsToInject</c> (workflow references) are not supported; inline the rules.</summary>
    public const string WorkflowReferenceNotSupported = "CRM009";

    /// <summary>The workflow name does not map to a known kind (Tiering, Tagging, Priority, Routing, ChurnRisk, Escalation).</summary>
    public const string UnknownWorkflowKind = "CRM010";

    /// <summary>An action other than <c>OutputExpression</c> is used.</summary>
    public const string UnsupportedAction = "CRM011";

    /// <summary>A rule does not follow its workflow kind's convention (for example a tiering rule without <c>SuccessEvent</c>).</summary>
    public const string ConventionViolation = "CRM012";

    /// <summary>More than one workflow of a kind that allows only one per rule set (Tiering, Routing).</summary>
    public const string DuplicateKind = "CRM013";

    /// <summary>More distinct tags than the compiled tag mask holds (64).</summary>
    public const string TooManyTags = "CRM014";

    /// <summary>An enum given as a number instead of its name; a warning.</summary>
    public const string NumericEnumValue = "CRM015";

    /// <summary>The same key appears twice in one JSON object.</summary>
    public const string DuplicateKey = "CRM016";

    /// <summary>A member in an expression is written in another case than declared (it works, as in RulesEngine); a warning.</summary>
    public const string MisCasedMember = "CRM017";

    /// <summary>An expression does not compile; the message is the parser's, with the position inside the expression.</summary>
    public const string ExpressionError = "CRM020";

    /// <summary>An expression has the wrong result type (a rule must be boolean, points numeric).</summary>
    public const string ExpressionResultType = "CRM021";

    /// <summary>A global or local parameter name is duplicated or collides with a fact name.</summary>
    public const string DuplicateParameter = "CRM022";

    /// <summary>An expression reaches something outside the sandbox (a type, member or method not on the allow list).</summary>
    public const string SandboxViolation = "CRM030";

    /// <summary>An expression uses a sequence generator such as <c>Enumerable.Range</c> or <c>Enumerable.Repeat</c>.</summary>
    public const string GeneratorNotAllowed = "CRM031";

    /// <summary>An expression exceeds the size bound (text length or node count).</summary>
    public const string ExpressionTooLarge = "CRM032";

    /// <summary>A Priority rule reads a time-dependent fact (the priority queue adds its own SLA term).</summary>
    public const string TimeDependentFactInPriority = "CRM033";

    /// <summary>A Routing rule reads a time-dependent fact (a ticket is routed once, when it is placed).</summary>
    public const string TimeDependentFactInRouting = "CRM034";

    /// <summary>An Escalation rule reads a time-dependent fact: it chooses a ladder, and the ladder's steps measure the time.</summary>
    public const string TimeDependentFactInEscalation = "CRM035";

    /// <summary>A file could not be read.</summary>
    public const string FileUnreadable = "CRM040";

    /// <summary>The file is not valid text in the expected encoding (UTF-8 unless another is given); the message names the encoding it seems to be in.</summary>
    public const string InvalidEncoding = "CRM041";

    /// <summary>The file is larger than <see cref="RuleLoadOptions.MaxFileBytes"/>.</summary>
    public const string FileTooLarge = "CRM042";

    /// <summary>A value of a Shared workflow reads a fact; shared values are the same for every customer and ticket.</summary>
    public const string SharedValueReadsFacts = "CRM050";

    /// <summary>An expression names a fact (or parameter) that does not exist; the message suggests the closest name.</summary>
    public const string UnknownFact = "CRM051";

    /// <summary>A Routing rule's result (<c>SuccessEvent</c>) names a team that is not registered in the host; found by <see cref="CrmCore.Rules.Integration.RoutingNamesCheck"/>.</summary>
    public const string UnknownRoutingTeam = "CRM060";

    /// <summary>A Routing rule's <c>Skill</c> is held by no registered agent (compared case-insensitively); found by <see cref="CrmCore.Rules.Integration.RoutingNamesCheck"/>.</summary>
    public const string UnheldRoutingSkill = "CRM061";

    /// <summary>An Escalation rule's <c>Properties.Ladder</c> names no ladder of the escalation policy in force
    /// (<see cref="RuleLoadOptions.EscalationLadders"/>); the message suggests the closest name.</summary>
    public const string UnknownEscalationLadder = "CRM062";

    /// <summary>A rule can never hold: its expression is <c>false</c>, its conditions joined by <c>&amp;&amp;</c> contradict each
    /// other, or it compares a fact outside its documented range; a warning.</summary>
    public const string RuleNeverHolds = "CRM070";

    /// <summary>A rule of a first-match workflow (Tiering, Routing) comes after a rule that always holds, so it is never evaluated; a warning.</summary>
    public const string RuleShadowed = "CRM071";

    /// <summary>Every rule of a workflow is disabled, so the workflow never gives a result; a warning.</summary>
    public const string WorkflowAllDisabled = "CRM072";
}
