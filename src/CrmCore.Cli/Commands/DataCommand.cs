using System.CommandLine;
using CrmCore.Cli.Hosting;
using CrmCore.Cli.Input;
using CrmCore.Cli.Localization;
using CrmCore.Cli.Output;

namespace CrmCore.Cli.Commands;

/// <summary><c>crm data check</c>: reads data files and reports every bad row, without running rules.</summary>
internal static class DataCommand
{
    public static Command Create(ICliConsole console)
    {
        var data = new Command("data", "Work with customers, tickets and surveys files.");
        var check = new Command("check", "Read data files and report every bad row with its line and reason.");
        var customers = CliOptions.DataFile("--customers", "Customers file.", required: false);
        var tickets = CliOptions.DataFile("--tickets", "Tickets file.", required: false);
        var surveys = CliOptions.DataFile("--surveys", "Surveys file.", required: false);
        var format = CliOptions.InputFormat();
        var strict = CliOptions.Strict();
        var output = CliOptions.Output();
        check.Add(customers);
        check.Add(tickets);
        check.Add(surveys);
        check.Add(format);
        check.Add(strict);
        check.Add(output);
        EncodingOption.AddTo(check);
        check.Validators.Add(r =>
        {
            if (r.GetResult(customers) is null && r.GetResult(tickets) is null && r.GetResult(surveys) is null)
            {
                r.AddError("Give at least one of --customers, --tickets or --surveys.");
            }
        });
        check.SetCliAction(console, (context, parse) =>
        {
            var table = new ResultTable([
                new("file", Messages.ColumnFile),
                new("kind", Messages.ColumnKind),
                new("rows", Messages.ColumnRows),
                new("rejected", Messages.ColumnRejected),
                new("problems", Messages.ColumnProblems),
            ]);
            var clean = true;
            var outputFormat = parse.GetValue(output);
            void Check<TRow>(string? path, RowSchema<TRow> schema, Msg kind)
            {
                if (path is null)
                {
                    return;
                }

                var result = context.Load(path, schema, parse.GetValue(format), parse.GetValue(strict));
                clean &= result.IsClean;
                // The table speaks the user's language; JSON and CSV are read by programs and keep the schema's name.
                table.Add(path, outputFormat == OutputFormat.Table ? context.T(kind) : schema.Name, result.Rows.Count, result.RejectedRows, result.Problems.Count);
            }

            Check(parse.GetValue(customers), InputSchemas.Customers, Messages.KindCustomers);
            Check(parse.GetValue(tickets), InputSchemas.Tickets, Messages.KindTickets);
            Check(parse.GetValue(surveys), InputSchemas.Surveys, Messages.KindSurveys);
            ResultWriter.Write(context, table, outputFormat);
            return clean ? ExitCodes.Success : ExitCodes.InvalidInput;
        });
        data.Add(check);
        return data;
    }
}
