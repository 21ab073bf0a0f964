using System.CommandLine;
using CrmCore.Cli.Hosting;

namespace CrmCore.Cli.Commands;

/// <summary><c>crm rules validate|test|explain|diff</c>.</summary>
internal static class RulesCommands
{
    private const string Package = "CrmCore.Rules";

    public static Command Create(ICliConsole console)
    {
        var rules = new Command("rules", "Validate, try, explain and compare rule files.");
        rules.Add(Validate(console));
        rules.Add(Test(console));
        rules.Add(Explain(console));
        rules.Add(Diff(console));
        return rules;
    }

    private static Command Validate(ICliConsole console)
    {
        var command = new Command("validate", "Check rule files and print every problem as path:line:col: error CRMnnn: message [rule Name].");
        var files = new Argument<string[]>("files") { Description = "Rule files to check.", Arity = ArgumentArity.OneOrMore };
        var format = new Option<string>("--format") { Description = "Diagnostics format: text or json.", DefaultValueFactory = _ => "text", HelpName = "text|json" };
        format.AcceptOnlyFromAmong("text", "json");
        var warnAsError = new Option<bool>("--warnaserror") { Description = "Fail (exit code 1) on warnings too." };
        command.Add(files);
        command.Add(format);
        command.Add(warnAsError);
        command.SetCliAction(console, (context, _) => throw context.NotAvailable("crm rules validate", Package));
        return command;
    }

    private static Command Test(ICliConsole console)
    {
        var command = new Command("test", "Dry run: tier, tags, priority, route and churn risk for each item, and which rules fired.");
        command.Add(new Argument<string>("rules") { Description = "The rule file." });
        AddData(command, withTickets: true);
        command.Add(CliOptions.Now());
        command.Add(CliOptions.Output());
        command.SetCliAction(console, (context, _) => throw context.NotAvailable("crm rules test", Package));
        return command;
    }

    private static Command Explain(ICliConsole console)
    {
        var command = new Command("explain", "Clause-level explanation of the rules for one customer.");
        command.Add(new Argument<string>("rules") { Description = "The rule file." });
        AddData(command, withTickets: true);
        command.Add(new Option<string>("--id") { Description = "The customer id to explain.", Required = true });
        command.Add(CliOptions.Now());
        command.Add(CliOptions.Output());
        command.SetCliAction(console, (context, _) => throw context.NotAvailable("crm rules explain", Package));
        return command;
    }

    private static Command Diff(ICliConsole console)
    {
        var command = new Command("diff", "Impact of publishing a new rule version: movements per tier, tag, priority band and route.");
        command.Add(new Argument<string>("old") { Description = "The rule file in use." });
        command.Add(new Argument<string>("new") { Description = "The candidate rule file." });
        AddData(command, withTickets: true);
        command.Add(CliOptions.Now());
        command.Add(CliOptions.Output());
        command.SetCliAction(console, (context, _) => throw context.NotAvailable("crm rules diff", Package));
        return command;
    }

    private static void AddData(Command command, bool withTickets)
    {
        command.Add(CliOptions.DataFile("--customers", "Customers file (.csv, .json or .jsonl).", required: true));
        if (withTickets)
        {
            command.Add(CliOptions.DataFile("--tickets", "Tickets file (.csv, .json or .jsonl).", required: false));
        }

        command.Add(CliOptions.InputFormat());
        command.Add(CliOptions.Strict());
    }
}
