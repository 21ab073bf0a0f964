using System.CommandLine;
using CrmCore.Cli.Hosting;

namespace CrmCore.Cli.Commands;

/// <summary><c>crm tag &lt;rules&gt; --customers &lt;in&gt; --out &lt;out&gt;</c>: bulk tagging.</summary>
internal static class TagCommand
{
    public static Command Create(ICliConsole console)
    {
        var command = new Command("tag", "Tag every customer of a file and write the result; shows progress on a terminal.");
        command.Add(new Argument<string>("rules") { Description = "The rule file." });
        command.Add(CliOptions.DataFile("--customers", "Customers file (.csv, .json or .jsonl).", required: true));
        command.Add(CliOptions.DataFile("--out", "Output file (.csv, .json or .jsonl).", required: true));
        command.Add(CliOptions.InputFormat());
        command.Add(CliOptions.Strict());
        command.Add(CliOptions.Now());
        command.SetCliAction(console, (context, _) => throw context.NotAvailable("crm tag", "CrmCore.Rules"));
        return command;
    }
}
