using System.CommandLine;
using System.Diagnostics;
using System.Text;
using CrmCore.Cli.Hosting;
using CrmCore.Cli.Input;
using CrmCore.Cli.Localization;
using CrmCore.Cli.Rules;
using Spectre.Console;

namespace CrmCore.Cli.Commands;

/// <summary>
/// <c>crm tag &lt;rules&gt; --customers &lt;in&gt; --out &lt;out&gt;</c>: bulk tagging. Writes every customer with its new tier and
/// tags (tags the rules manage are replaced, others kept), shows a progress bar on a terminal and ends with a throughput summary.
/// </summary>
internal static class TagCommand
{
    public static Command Create(ICliConsole console)
    {
        var command = new Command("tag", "Tag every customer of a file and write the result; shows progress on a terminal.");
        var rules = RulesCommands.RulesArgument();
        command.Add(rules);
        var options = RuleRunOptions.AddTo(command, withTickets: false, bands: false);
        var output = CliOptions.DataFile("--out", "Output file; its extension (.csv, .json, .jsonl) gives the format.", required: true);
        command.Add(output);
        command.SetCliAction(console, (context, parse) =>
        {
            var outPath = parse.GetRequiredValue(output);

            // The output may replace the customers file (tagging in place, checked below), never the rules or the escalation policy.
            OutputPaths.CheckClashes(
                context,
                [(StoreMessages.TheRules, parse.GetRequiredValue(rules)), OutputPaths.Input(EscalationOption.Name, context.EscalationFile)],
                [("--out", outPath)]);
            var outFormat = RowReader.FormatFromExtension(outPath) ?? throw new CliException(context.T(Messages.OutFormatUnknown, outPath));
            var set = RuleFiles.Load(context, parse.GetRequiredValue(rules));
            var data = options.Load(context, parse);
            if (data.Stopped)
            {
                return ExitCodes.InvalidInput;
            }

            // Only accepted rows are written: over the input itself that would silently drop the rejected ones.
            // Compared by real path (a linked folder on the way followed), as the clash check above.
            if (!data.Clean && OutputPaths.SameFile(context, outPath, data.CustomersPath))
            {
                throw new CliException(context.T(Messages.TagOutWouldDropRows, outPath));
            }

            var run = options.DryRun(context, parse, set);
            var started = Stopwatch.GetTimestamp();
            var result = Evaluate(context, run, data);
            var elapsed = Stopwatch.GetElapsedTime(started);
            RulesTestCommand.ReportFailures(context, result);

            var byRow = result.Customers.ToDictionary(c => c.Source, c => c, (IEqualityComparer<SourceRow<CustomerRow>>)ReferenceEqualityComparer.Instance);
            var tierChanges = 0;
            var tagChanges = 0;
            var rows = new List<CustomerRow>(data.Customers.Count);
            foreach (var source in data.Customers)
            {
                if (!byRow.TryGetValue(source, out var outcome))
                {
                    rows.Add(source.Row); // the rules failed on it (reported): keep it unchanged
                    continue;
                }

                var tagged = source.Row with { Tier = outcome.Evaluation.Tier ?? source.Row.Tier, Tags = outcome.EffectiveTags };
                tierChanges += tagged.Tier == source.Row.Tier ? 0 : 1;
                tagChanges += tagged.Tags.ToHashSet(StringComparer.Ordinal).SetEquals(source.Row.Tags) ? 0 : 1;
                rows.Add(tagged);
            }

            WriteAtomically(context.ResolvePath(outPath), text => RowWriter.Write(text, outFormat, InputSchemas.Customers, rows));
            var seconds = Math.Max(elapsed.TotalSeconds, 1e-6);
            context.Out.WriteLine(context.T(Messages.TagSummary, rows.Count, elapsed.TotalSeconds, rows.Count / seconds, tierChanges, tagChanges, outPath));
            return data.Clean && result.Failures.Count == 0 ? ExitCodes.Success : ExitCodes.InvalidInput;
        });
        return command;
    }

    private static DryRunResult Evaluate(CliContext context, DryRun run, DataSet data)
    {
        if (context.Console.IsOutputRedirected)
        {
            return run.Run(data.CustomersPath, data.Customers, null, []);
        }

        DryRunResult? result = null;
        new Progress(context.Ansi)
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(progress =>
            {
                var task = progress.AddTask(Markup.Escape(context.T(Messages.TagProgress)), maxValue: Math.Max(1, data.Customers.Count));
                result = run.Run(data.CustomersPath, data.Customers, null, [], step => task.Increment(step));
                task.Value = task.MaxValue;
            });
        return result!;
    }

    /// <summary>Writes to a temporary file next to the target and moves it into place, so a failure never leaves half a file.</summary>
    private static void WriteAtomically(string path, Action<TextWriter> write)
    {
        var directory = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, "." + Path.GetFileName(path) + "." + Guid.NewGuid().ToString("N") + ".tmp");
        try
        {
            using (var writer = new StreamWriter(temporary, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)))
            {
                write(writer);
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
