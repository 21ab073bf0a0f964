using System.CommandLine;
using CrmCore.Cli.Hosting;
using CrmCore.Cli.Localization;
using CrmCore.Rules;

namespace CrmCore.Cli.Commands;

/// <summary>
/// <c>crm rules export-default DIR [--doc003] [--force]</c>: writes the embedded default pack (documents 001 and 003) to a folder
/// that loads as one rule set, so an analyst starts from the real policies. Existing files are kept unless <c>--force</c>.
/// </summary>
internal static class RulesExportDefaultCommand
{
    public static Command Create(ICliConsole console)
    {
        var command = new Command("export-default", "Write the embedded default rule pack (documents 001 and 003) to a folder, as the starting point for your own rules.");
        var folder = new Argument<string>("folder") { Description = "The folder to write the rule files to (created when missing)." };
        var doc003 = new Option<bool>("--doc003") { Description = "Use the document 003 tiering (高价值/潜力/普通) instead of document 001 (A/B/Potential/C)." };
        var force = new Option<bool>("--force") { Description = "Replace rule files that already exist in the folder." };
        command.Add(folder);
        command.Add(doc003);
        command.Add(force);
        command.SetCliAction(console, (context, parse) =>
        {
            var target = context.ResolvePath(parse.GetRequiredValue(folder));
            var sources = DefaultRulePack.Sources(parse.GetValue(doc003));
            var names = sources.Select(s => s.Name["pack:".Length..]).ToList();
            var existing = names.Where(n => File.Exists(Path.Combine(target, n))).ToList();
            if (existing.Count > 0 && !parse.GetValue(force))
            {
                throw new CliException(context.T(Messages.ExportExists, string.Join(", ", existing)));
            }

            Directory.CreateDirectory(target);
            for (var i = 0; i < sources.Count; i++)
            {
                File.WriteAllBytes(Path.Combine(target, names[i]), sources[i].Content.ToArray());
                context.Out.WriteLine(Path.Combine(parse.GetRequiredValue(folder), names[i]));
            }

            context.Out.WriteLine(context.T(Messages.ExportDone, names.Count, parse.GetRequiredValue(folder)));
            return ExitCodes.Success;
        });
        return command;
    }
}
