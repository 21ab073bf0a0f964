using System.CommandLine;

namespace CrmCore.Cli.Hosting;

/// <summary>
/// <c>--escalation</c>: an escalation policy file (JSON, the format of <c>CrmCore.Escalation.EscalationPolicyJson</c>) whose ladders
/// the Escalation rules may name in <c>Properties.Ladder</c>. Without it the ladders of documents 001 and 003 are the known ones.
/// A rule naming any other ladder gets CRM062. Only the commands that load rule files take it (<see cref="AddTo"/>); any other
/// command refuses it as an unrecognized argument.
/// </summary>
internal static class EscalationOption
{
    /// <summary>The option's name.</summary>
    public const string Name = "--escalation";

    /// <summary>The usage error of a command whose rule files are optional, when <c>--escalation</c> comes without them.</summary>
    public const string NeedsRules = "--escalation needs --rules.";

    /// <summary>
    /// Gives <c>--escalation</c> to a command that loads rule files (its own instance, because a run localises the help texts of
    /// its own tree). When the rules are an option of the command (<paramref name="rules"/>), <c>--escalation</c> without it is a
    /// usage error rather than a file silently not read.
    /// </summary>
    public static void AddTo(Command command, Option<string>? rules = null)
    {
        var option = new Option<string?>(Name)
        {
            Description = "Escalation policy file (JSON) whose ladders Escalation rules may choose (default: the ladders of documents 001 and 003); a rule naming another ladder is CRM062.",
            HelpName = "file",
        };
        command.Add(option);
        if (rules is not null)
        {
            command.Validators.Add(r =>
            {
                if (r.GetResult(option) is not null && r.GetResult(rules) is null)
                {
                    r.AddError(NeedsRules);
                }
            });
        }
    }
}
