using System.CommandLine;
using CrmCore.Cli.Hosting;
using CrmCore.Cli.Localization;
using CrmCore.Rules;

namespace CrmCore.Cli.Commands;

/// <summary>
/// <c>crm rules export-default DIR [--doc003] [--force]</c>: writes the embedded default pack (documents 001 and 003) to a folder
/// that loads as one rule set, so an analyst starts from the real policies. Existing files are kept unless <c>--force</c>, which
/// also removes the other tiering file of the pack (a rule set holds one Tiering workflow), so the folder still loads.
/// </summary>
internal static class RulesExportDefaultCommand
{
    public static Command Create(ICliConsole console)
    {
        var command = new Command("export-default", "Write the embedded default rule pack (documents 001 and 003) to a folder, as the starting point for your own rules.");
        var folder = new Argument<string>("folder") { Description = "The folder to write the rule files to (created when missing)." };
        var doc003 = new Option<bool>("--doc003") { Description = "Use the document 003 tiering (高价值/潜力/普通) instead of document 001 (A/B/Potential/C)." };
        var force = new Option<bool>("--force") { Description = "Replace rule files that already exist in the folder, and remove the pack's other tiering file (a rule set holds one)." };
        command.Add(folder);
        command.Add(doc003);
        command.Add(force);
        command.SetCliAction(console, (context, parse) =>
        {
            var target = context.ResolvePath(parse.GetRequiredValue(folder));
            var useDoc003 = parse.GetValue(doc003);
            var sources = DefaultRulePack.Sources(useDoc003);
            var names = sources.Select(s => s.Name["pack:".Length..]).ToList();
            var tiering = useDoc003 ? DefaultRulePack.TieringDoc003 : DefaultRulePack.Tiering;
            var otherTiering = useDoc003 ? DefaultRulePack.Tiering : DefaultRulePack.TieringDoc003;
            var replaced = File.Exists(Path.Combine(target, otherTiering));
            var existing = names.Where(n => File.Exists(Path.Combine(target, n))).Concat(replaced ? new[] { otherTiering } : []).ToList();
            if (existing.Count > 0 && !parse.GetValue(force))
            {
                throw new CliException(context.T(Messages.ExportExists, string.Join(", ", existing)));
            }

            if (replaced)
            {
                // The other tiering file would make a second Tiering workflow (CRM013): the folder would no longer load.
                var shown = Path.Combine(parse.GetRequiredValue(folder), otherTiering);
                try
                {
                    File.Delete(Path.Combine(target, otherTiering));
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    throw new CliException(OutputPaths.Explain(context, e, Messages.ExportCannotRemove, shown));
                }

                context.Out.WriteLine(context.T(Messages.ExportRemovedTiering, shown, tiering));
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
