using System.CommandLine;
using CrmCore.Cli.Hosting;

namespace CrmCore.Cli.Commands;

/// <summary><c>crm report --tickets --surveys --month [--html]</c>: the monthly service-quality report.</summary>
internal static class ReportCommand
{
    public static Command Create(ICliConsole console)
    {
        var command = new Command("report", "The monthly service-quality report, as text or HTML with charts.");
        command.Add(CliOptions.DataFile("--tickets", "Tickets file (.csv, .json or .jsonl).", required: true));
        command.Add(CliOptions.DataFile("--surveys", "Surveys file (.csv, .json or .jsonl).", required: false));
        command.Add(new Option<string>("--month") { Description = "The month, yyyy-MM.", Required = true });
        command.Add(new Option<string>("--html") { Description = "Also write an HTML report with charts to this file.", HelpName = "file" });
        command.Add(CliOptions.InputFormat());
        command.Add(CliOptions.Strict());
        command.SetCliAction(console, (context, _) => throw context.NotAvailable("crm report", "CrmCore.Metrics"));
        return command;
    }
}
