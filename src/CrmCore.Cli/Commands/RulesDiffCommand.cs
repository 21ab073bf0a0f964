using System.CommandLine;
using CrmCore.Cli.Hosting;
using CrmCore.Cli.Localization;
using CrmCore.Cli.Output;
using CrmCore.Cli.Rules;
using CrmCore.Rules;

namespace CrmCore.Cli.Commands;

/// <summary>
/// <c>crm rules diff &lt;old&gt; &lt;new&gt; --customers &lt;file&gt; [--tickets &lt;file&gt;]</c>: the impact of publishing a new
/// rule version, as counts per tier, tag, priority band and route, the moves between them, and a sample of changed items
/// with the rules that caused each change.
/// </summary>
internal static class RulesDiffCommand
{
    public static Command Create(ICliConsole console)
    {
        var command = new Command("diff", "Impact of publishing a new rule version: counts moved per tier, tag, priority band and route, and a sample of changed items with the reason.");
        var oldRules = RulesCommands.RulesArgument("old", "The rule file or folder in use.");
        var newRules = RulesCommands.RulesArgument("new", "The candidate rule file or folder.");
        command.Add(oldRules);
        command.Add(newRules);
        var options = RuleRunOptions.AddTo(command, withTickets: true, bands: true);
        var sample = new Option<int>("--sample") { Description = "How many changed items to list (default 10).", DefaultValueFactory = _ => 10, HelpName = "n" }.AtLeast(0);
        var output = CliOptions.Output();
        command.Add(sample);
        command.Add(output);
        command.SetCliAction(console, (context, parse) =>
        {
            var before = RuleFiles.Load(context, parse.GetRequiredValue(oldRules));
            var after = RuleFiles.Load(context, parse.GetRequiredValue(newRules));
            var data = options.Load(context, parse);
            if (data.Stopped)
            {
                return ExitCodes.InvalidInput;
            }

            var oldRun = options.DryRun(context, parse, before).Run(data.CustomersPath, data.Customers, data.TicketsPath, data.Tickets);
            var newRun = options.DryRun(context, parse, after).Run(data.CustomersPath, data.Customers, data.TicketsPath, data.Tickets);
            RulesTestCommand.ReportFailures(context, newRun);
            RulesTestCommand.ReportFailures(context, oldRun);
            var diff = RuleSetDiff.Compare(oldRun, newRun);
            var format = parse.GetValue(output);
            if (format == OutputFormat.Table)
            {
                context.Out.WriteLine(context.T(Messages.DiffSummary, diff.ChangedCustomers, diff.CustomerCount, diff.ChangedTickets, diff.TicketCount));
            }

            ResultWriter.WriteSections(context, Sections(context, diff, parse.GetValue(sample), format), format);
            var failed = !data.Clean || oldRun.Failures.Count > 0 || newRun.Failures.Count > 0;
            return failed ? ExitCodes.InvalidInput : ExitCodes.Success;
        });
        return command;
    }

    private static IReadOnlyList<ResultSection> Sections(CliContext context, RuleSetDiff diff, int sample, OutputFormat format)
    {
        ResultTable Counts(IEnumerable<RuleSetDiff.Count> counts)
        {
            var table = new ResultTable([new("value", Messages.ColumnValue), new("old", Messages.ColumnOld), new("new", Messages.ColumnNew), new("change", Messages.ColumnChange)]);
            foreach (var c in counts)
            {
                table.Add(c.Value, c.Old, c.New, c.New - c.Old);
            }

            return table;
        }

        var tags = new ResultTable([
            new("value", Messages.ColumnTags), new("old", Messages.ColumnOld), new("new", Messages.ColumnNew),
            new("gained", Messages.ColumnGained), new("lost", Messages.ColumnLost),
        ]);
        foreach (var t in diff.Tags)
        {
            tags.Add(t.Tag, t.Old, t.New, t.Gained, t.Lost);
        }

        var moves = new ResultTable([
            new("dimension", Messages.ColumnDimension), new("from", Messages.ColumnFrom), new("to", Messages.ColumnTo), new("count", Messages.ColumnCount),
        ]);
        foreach (var m in diff.Moves)
        {
            // The table speaks the user's language; JSON and CSV are read by programs and keep the stable name (tier, band, route).
            moves.Add(format == OutputFormat.Table ? context.T(m.Dimension) : m.Dimension.En, m.From, m.To, m.Count);
        }

        var changes = new ResultTable([
            new("id", Messages.ColumnId), new("name", Messages.ColumnName), new("changes", Messages.ColumnWhat), new("reasons", Messages.ColumnWhy),
        ]);
        foreach (var change in diff.Changes.Take(sample))
        {
            changes.Add(change.Id, change.Name, change.Changes.Select(c => c.In(context.Language)).ToArray(), change.Reasons.Select(r => r.In(context.Language)).ToArray());
        }

        return
        [
            new("tiers", Messages.SectionTiers, Counts(diff.Tiers)),
            new("tags", Messages.SectionTags, tags),
            new("bands", Messages.SectionBands, Counts(diff.Bands)),
            new("routes", Messages.SectionRoutes, Counts(diff.Routes)),
            new("moves", Messages.SectionMoves, moves),
            new("changes", Messages.SectionChanged, changes),
        ];
    }
}
