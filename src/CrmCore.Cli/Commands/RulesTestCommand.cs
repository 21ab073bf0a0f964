using System.CommandLine;
using CrmCore.Cli.Hosting;
using CrmCore.Cli.Localization;
using CrmCore.Cli.Output;
using CrmCore.Cli.Rules;
using CrmCore.Rules.Desk;

namespace CrmCore.Cli.Commands;

/// <summary><c>crm rules test &lt;rules&gt; --customers &lt;file&gt; [--tickets &lt;file&gt;] [--now ...]</c>: the dry run.</summary>
internal static class RulesTestCommand
{
    public static Command Create(ICliConsole console)
    {
        var command = new Command("test", "Dry run: tier, tags, priority, route and churn risk for each item, and which rules fired.");
        var rules = RulesCommands.RulesArgument();
        command.Add(rules);
        var options = RuleRunOptions.AddTo(command, withTickets: true, bands: true);
        var output = CliOptions.Output();
        command.Add(output);
        command.SetCliAction(console, (context, parse) =>
        {
            var set = RuleFiles.Load(context, parse.GetRequiredValue(rules));
            var data = options.Load(context, parse);
            if (data.Stopped)
            {
                return ExitCodes.InvalidInput;
            }

            var result = options.DryRun(context, parse, set).Run(data.CustomersPath, data.Customers, data.TicketsPath, data.Tickets);
            ReportFailures(context, result);
            var format = parse.GetValue(output);
            ResultWriter.WriteSections(context, Sections(result, context.Language, format), format);
            var unrouted = result.Tickets.Count(t => string.IsNullOrWhiteSpace(t.Evaluation.RoutingTarget));
            if (unrouted > 0)
            {
                // Not an error: the desk sends them to the fallback group. Counted on standard error so JSON and CSV output stay clean.
                context.Error.WriteLine(context.T(Messages.UnroutedSummary, unrouted, result.Tickets.Count, RulesDeskPorts.DefaultFallbackGroup));
            }

            return data.Clean && result.Failures.Count == 0 ? ExitCodes.Success : ExitCodes.InvalidInput;
        });
        return command;
    }

    /// <summary>Prints items the rules failed on, in compiler style.</summary>
    public static void ReportFailures(CliContext context, DryRunResult result)
    {
        ReportFailures(context, result.Failures);
    }

    /// <summary>Prints failures in compiler style (file text escaped) and, when there are any, their count.</summary>
    public static void ReportFailures(CliContext context, IReadOnlyList<EvaluationFailure> failures)
    {
        foreach (var failure in failures)
        {
            context.Error.WriteLine(TerminalText.Escape(context.T(Messages.EvaluationFailed, failure.Path, failure.Line, failure.Id, failure.In(context.Language.Culture))));
        }

        if (failures.Count > 0)
        {
            context.Error.WriteLine(context.T(Messages.RuleFailuresSummary, failures.Count));
        }
    }

    /// <summary>
    /// Builds the customers and tickets tables; churn reasons in the language (the pack's <c>ReasonZhHans</c> in Chinese). A ticket no
    /// Routing rule held shows the fallback group: in the table with the localised "(fallback)" label; in JSON and CSV, which programs
    /// read, as the plain group name with <c>fallback</c> true.
    /// </summary>
    public static IReadOnlyList<ResultSection> Sections(DryRunResult result, CliLanguage language, OutputFormat format)
    {
        var customers = new ResultTable([
            new("id", Messages.ColumnId),
            new("name", Messages.ColumnName),
            new("tier", Messages.ColumnTier),
            new("tags", Messages.ColumnTags),
            new("churnRisk", Messages.ColumnChurnRisk),
            new("churnReasons", Messages.ColumnReasons),
            new("fired", Messages.ColumnFired),
            new("failed", Messages.ColumnFailed),
        ]);
        foreach (var c in result.Customers)
        {
            var e = c.Evaluation;
            customers.Add(c.Row.Id, c.Row.Name, e.Tier, e.Tags, e.ChurnRiskPoints, e.ChurnRiskReasons.Select(r => language.IsChinese ? r.ReasonZhHans ?? r.Reason : r.Reason).ToArray(), Fired(e.FiredRules), Failed(e.Failures));
        }

        var machine = format != OutputFormat.Table;
        List<ResultColumn> ticketColumns = [
            new("id", Messages.ColumnId),
            new("customer", Messages.ColumnCustomer),
            new("priority", Messages.ColumnPriority),
            new("band", Messages.ColumnBand),
            new("route", Messages.ColumnRoute),
            new("skill", Messages.ColumnSkill),
            new("ladders", Messages.ColumnLadders),
            new("fired", Messages.ColumnFired),
            new("failed", Messages.ColumnFailed),
        ];
        if (machine)
        {
            ticketColumns.Insert(5, new("fallback", Messages.ColumnFallback));
        }

        var tickets = new ResultTable(ticketColumns);
        foreach (var t in result.Tickets)
        {
            var e = t.Evaluation;
            // No Routing rule held: show the group the desk would use, marked as the fallback (in words only in the table).
            var fallback = string.IsNullOrWhiteSpace(e.RoutingTarget);
            if (machine)
            {
                var route = fallback ? RulesDeskPorts.DefaultFallbackGroup : e.RoutingTarget;
                tickets.Add(t.Row.Id, t.Row.CustomerId, e.PriorityPoints, t.Band, route, fallback, e.RoutingSkill, e.Ladders.ToArray(), Fired(e.FiredRules), Failed(e.Failures));
            }
            else
            {
                var route = fallback
                    ? string.Format(language.Culture, Messages.FallbackRoute.In(language), RulesDeskPorts.DefaultFallbackGroup)
                    : e.RoutingTarget;
                tickets.Add(t.Row.Id, t.Row.CustomerId, e.PriorityPoints, t.Band, route, e.RoutingSkill, e.Ladders.ToArray(), Fired(e.FiredRules), Failed(e.Failures));
            }
        }

        return [new("customers", Messages.SectionCustomers, customers), new("tickets", Messages.SectionTickets, tickets)];
    }

    /// <summary>Names fired rules as <c>Workflow/Rule</c>.</summary>
    public static string[] Fired(IEnumerable<CrmCore.Rules.FiredRule> fired) => fired.Select(f => f.Workflow + "/" + f.Rule).ToArray();

    /// <summary>Names the rules that failed at run time as <c>Workflow/Rule</c> (each once; they are not among the fired rules).</summary>
    public static string[] Failed(IEnumerable<CrmCore.Rules.RuleFailure> failures) => failures.Select(f => f.Workflow + "/" + f.Rule).Distinct(StringComparer.Ordinal).ToArray();
}
