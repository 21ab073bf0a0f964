using System.CommandLine;
using CrmCore.Cli.Hosting;
using CrmCore.Cli.Localization;
using CrmCore.Cli.Rules;
using CrmCore.Rules;
using CrmCore.Rules.Diagnostics;
using CrmCore.Rules.Integration;

namespace CrmCore.Cli.Commands;

/// <summary><c>crm rules validate &lt;file&gt;... [--format text|json] [--warnaserror] [--teams file]</c>.</summary>
internal static class RulesValidateCommand
{
    public static Command Create(ICliConsole console)
    {
        var command = new Command("validate", "Check rule sets (each argument is a file, or a folder loaded as one set) and print every problem as path:line:col: error CRMnnn: message [rule Name].");
        var files = new Argument<string[]>("files") { Description = "Rule files, or folders whose *.json files form one set.", Arity = ArgumentArity.OneOrMore };
        var format = new Option<string>("--format") { Description = "Diagnostics format: text or json.", DefaultValueFactory = _ => "text", HelpName = "text|json" };
        format.AcceptOnlyFromAmong("text", "json");
        var warnAsError = new Option<bool>("--warnaserror") { Description = "Fail (exit code 1) on warnings too." };
        command.Add(files);
        command.Add(format);
        var teams = new Option<string?>("--teams") { Description = "Teams file (JSON: {\"teams\": [names], \"agents\": [{\"team\": name, \"skills\": [codes]}]}): also warn (CRM060, CRM061) about Routing results naming no listed team and skills no listed agent holds.", HelpName = "file" };
        command.Add(warnAsError);
        command.Add(teams);
        EncodingOption.AddTo(command);
        EscalationOption.AddTo(command);
        command.SetCliAction(console, (context, parse) =>
        {
            var arguments = parse.GetRequiredValue(files);
            var diagnostics = new List<RuleDiagnostic>();
            (IReadOnlyList<CrmCore.Agents.TeamId> Teams, IReadOnlyList<CrmCore.Agents.Agent> Agents)? registered = parse.GetValue(teams) is { } teamsFile ? TeamsFile.Read(context, teamsFile) : null;
            var fileCount = 0;
            var loaded = true;
            foreach (var argument in arguments)
            {
                IReadOnlyList<RuleSource> sources;
                try
                {
                    sources = RuleFiles.Read(context, [argument]);
                }
                catch (CliException ex)
                {
                    // A missing or unreadable argument is one more problem, with its code and counted in the summary, in text as in
                    // JSON; the other arguments are still validated. The message is already in the chosen language.
                    fileCount++;
                    loaded = false;
                    diagnostics.Add(new RuleDiagnostic { Code = RuleDiagnosticCodes.FileUnreadable, Severity = RuleSeverity.Error, Message = ex.Message, MessageZhHans = ex.Message, File = argument });
                    continue;
                }

                if (sources.Count == 0)
                {
                    // A folder without *.json files: the problem is the folder, so it is named (not an empty file name at 1:1).
                    fileCount++;
                    loaded = false;
                    diagnostics.Add(new RuleDiagnostic
                    {
                        Code = RuleDiagnosticCodes.MissingRequired,
                        Severity = RuleSeverity.Error,
                        Message = Messages.RulesFolderEmpty.En,
                        MessageZhHans = Messages.RulesFolderEmpty.Zh,
                        File = argument,
                    });
                    continue;
                }

                fileCount += sources.Count;
                var result = RuleLoader.Load(sources, RuleFiles.Options(context));
                loaded &= result.Success;
                var order = sources.Select(s => s.Name).ToList();
                var found = result.Diagnostics.ToList();
                if (registered is not null && result.RuleSet is { } set)
                {
                    found.AddRange(RoutingNamesCheck.Check(set, registered.Value.Teams, registered.Value.Agents));
                }

                diagnostics.AddRange(found.OrderBy(d => order.IndexOf(d.File)).ThenBy(d => d.Line).ThenBy(d => d.Column));
            }

            var errors = diagnostics.Count(d => d.IsError);
            var warnings = diagnostics.Count - errors;
            if (parse.GetValue(format) == "json")
            {
                context.Out.WriteLine(DiagnosticFormatter.ToJson(diagnostics, context.Language));
            }
            else
            {
                foreach (var diagnostic in diagnostics)
                {
                    context.Out.WriteLine(DiagnosticFormatter.Format(diagnostic, context.Language));
                }

                context.Out.WriteLine(context.T(Messages.ValidateSummary, fileCount, errors, warnings));
            }

            var failed = errors > 0 || !loaded || (warnings > 0 && parse.GetValue(warnAsError));
            return failed ? ExitCodes.InvalidInput : ExitCodes.Success;
        });
        return command;
    }
}
