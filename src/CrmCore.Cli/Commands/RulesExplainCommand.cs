using System.CommandLine;
using System.Globalization;
using CrmCore.Cli.Hosting;
using CrmCore.Cli.Localization;
using CrmCore.Cli.Output;
using CrmCore.Cli.Rules;
using CrmCore.Rules.Explain;

namespace CrmCore.Cli.Commands;

/// <summary><c>crm rules explain &lt;rules&gt; --customers &lt;file&gt; --id &lt;id&gt;</c>: clause-level explanation for one item.</summary>
internal static class RulesExplainCommand
{
    public static Command Create(ICliConsole console)
    {
        var command = new Command("explain", "Clause-level explanation for one customer (or, with --tickets, one ticket): every rule, every clause, every fact read.");
        var rules = RulesCommands.RulesArgument();
        command.Add(rules);
        var options = RuleRunOptions.AddTo(command, withTickets: true, bands: true);
        var id = new Option<string>("--id") { Description = "The customer or ticket id to explain.", Required = true };
        var output = CliOptions.Output();
        command.Add(id);
        command.Add(output);
        command.SetCliAction(console, (context, parse) =>
        {
            var set = RuleFiles.Load(context, parse.GetRequiredValue(rules));
            var data = options.Load(context, parse);
            if (data.Stopped)
            {
                return ExitCodes.InvalidInput;
            }

            var run = options.DryRun(context, parse, set);
            var wanted = parse.GetRequiredValue(id);
            string heading;
            string summary;
            RuleExplanation explanation;
            IReadOnlyList<EvaluationFailure> failures;
            var customer = data.Customers.FirstOrDefault(c => c.Row.Id == wanted);
            if (customer is not null)
            {
                var outcome = run.Evaluate(customer);
                failures = DryRun.RuleFailures(data.CustomersPath, customer.Line, customer.Row.Id, outcome.Evaluation.Failures).ToList();
                RulesTestCommand.ReportFailures(context, failures);
                explanation = run.ExplainCustomer(customer.Row);
                heading = context.T(Messages.ExplainCustomer, customer.Row.Id, customer.Row.Name);
                summary = context.T(
                    Messages.ExplainCustomerSummary,
                    outcome.Evaluation.Tier ?? context.T(Messages.None),
                    outcome.Evaluation.Tags.Count == 0 ? context.T(Messages.None) : string.Join(", ", outcome.Evaluation.Tags),
                    outcome.Evaluation.ChurnRiskPoints.ToString(CultureInfo.InvariantCulture));
            }
            else if (data.Tickets.FirstOrDefault(t => t.Row.Id == wanted) is { } ticket)
            {
                var result = run.Run(data.CustomersPath, data.Customers, data.TicketsPath, [ticket]);
                RulesTestCommand.ReportFailures(context, result);
                failures = result.Failures;
                var owner = result.Customers.FirstOrDefault(c => c.Row.Id == ticket.Row.CustomerId);
                explanation = run.ExplainTicket(ticket.Row, owner);
                heading = context.T(Messages.ExplainTicket, ticket.Row.Id, ticket.Row.CustomerId);
                var evaluated = result.Tickets.Single();
                summary = context.T(
                    Messages.ExplainTicketSummary,
                    evaluated.Evaluation.PriorityPoints.ToString(CultureInfo.InvariantCulture),
                    evaluated.Band,
                    evaluated.Evaluation.RoutingTarget ?? context.T(Messages.None));
            }
            else
            {
                throw new CliException(context.T(Messages.IdNotFound, wanted));
            }

            Write(context, parse.GetValue(output), heading, summary, explanation);
            return data.Clean && failures.Count == 0 ? ExitCodes.Success : ExitCodes.InvalidInput;
        });
        return command;
    }

    private static void Write(CliContext context, OutputFormat format, string heading, string summary, RuleExplanation explanation)
    {
        if (format == OutputFormat.Table)
        {
            context.Out.WriteLine(heading);
            context.Out.WriteLine(summary);
            context.Out.WriteLine();
            context.Out.Write(TerminalText.EscapeLines(explanation.ToText(context.Language.Culture)));
            return;
        }

        var table = new ResultTable([
            new("workflow", Messages.ColumnWorkflow),
            new("rule", Messages.ColumnRule),
            new("outcome", Messages.ColumnEvent),
            new("evaluated", Messages.ColumnEvaluated),
            new("held", Messages.ColumnHeld),
            new("clause", Messages.ColumnClause),
            new("value", Messages.ColumnValue),
            new("facts", Messages.ColumnFacts),
            new("failure", Messages.ColumnFailure),
        ]);
        foreach (var rule in explanation.Rules)
        {
            var culture = context.Language.Culture;
            var failure = rule.Failure?.CauseText(culture);
            if (rule.Clauses.Count == 0)
            {
                table.Add(rule.Workflow, rule.Rule, rule.OutcomeIn(culture), rule.Evaluated, rule.Held, null, null, Array.Empty<string>(), failure);
            }

            foreach (var clause in rule.Clauses)
            {
                var facts = clause.Facts.Select(f => $"{f.Name}={f.ValueIn(culture)}{(f.Source is null ? string.Empty : $" ({f.Source})")}").ToArray();
                table.Add(rule.Workflow, rule.Rule, rule.OutcomeIn(culture), rule.Evaluated, rule.Held, clause.TextIn(culture), clause.Value, facts, failure);
            }
        }

        ResultWriter.Write(context, table, format);
    }
}
