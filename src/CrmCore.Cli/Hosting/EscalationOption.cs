using System.CommandLine;

namespace CrmCore.Cli.Hosting;

/// <summary>
/// <c>--escalation</c>: an escalation policy file (JSON, the format of <c>CrmCore.Escalation.EscalationPolicyJson</c>) whose ladders
/// the Escalation rules may name in <c>Properties.Ladder</c>. Without it the ladders of documents 001 and 003 are the known ones.
/// A rule naming any other ladder gets CRM062.
/// </summary>
internal static class EscalationOption
{
    /// <summary>Gets the recursive option.</summary>
    public static Option<string?> Option { get; } = new("--escalation")
    {
        Description = "Escalation policy file (JSON) whose ladders Escalation rules may choose (default: the ladders of documents 001 and 003); a rule naming another ladder is CRM062.",
        Recursive = true,
        HelpName = "file",
    };
}
