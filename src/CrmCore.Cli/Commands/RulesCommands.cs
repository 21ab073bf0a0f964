using System.CommandLine;
using CrmCore.Cli.Hosting;

namespace CrmCore.Cli.Commands;

/// <summary><c>crm rules validate|test|explain|diff|export-default</c>.</summary>
internal static class RulesCommands
{
    public static Command Create(ICliConsole console)
    {
        var rules = new Command("rules", "Validate, try, explain and compare rule files.");
        rules.Add(RulesValidateCommand.Create(console));
        rules.Add(RulesTestCommand.Create(console));
        rules.Add(RulesExplainCommand.Create(console));
        rules.Add(RulesDiffCommand.Create(console));
        rules.Add(RulesExportDefaultCommand.Create(console));
        return rules;
    }

    /// <summary>The positional rules argument: a rule file or a folder of them.</summary>
    public static Argument<string> RulesArgument(string name = "rules", string description = "A rule file, or a folder whose *.json files form one rule set.") =>
        new(name) { Description = description };
}
