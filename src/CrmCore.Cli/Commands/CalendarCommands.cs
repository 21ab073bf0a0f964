using System.CommandLine;
using CrmCore.Cli.Hosting;

namespace CrmCore.Cli.Commands;

/// <summary><c>crm calendar add|between</c>: business-time arithmetic on a calendar file.</summary>
internal static class CalendarCommands
{
    private const string Package = "CrmCore.Calendars";

    public static Command Create(ICliConsole console)
    {
        var calendar = new Command("calendar", "Business-time arithmetic on a business calendar file.");
        calendar.Add(Add(console));
        calendar.Add(Between(console));
        return calendar;
    }

    private static Command Add(ICliConsole console)
    {
        var command = new Command("add", "Print the local date-time that is a business duration or a number of working days after --from.");
        command.Add(new Argument<string>("calendar") { Description = "The calendar file (JSON)." });
        command.Add(new Option<string>("--from") { Description = "Start, local date-time such as 2026-09-30T16:00.", Required = true });
        command.Add(new Option<string>("--business") { Description = "Business duration such as 4h, 90m or 1:30." });
        command.Add(new Option<int?>("--working-days") { Description = "Number of working days." });
        command.SetCliAction(console, (context, _) => throw context.NotAvailable("crm calendar add", Package));
        return command;
    }

    private static Command Between(ICliConsole console)
    {
        var command = new Command("between", "Print the business time between two local date-times.");
        command.Add(new Argument<string>("calendar") { Description = "The calendar file (JSON)." });
        command.Add(new Option<string>("--from") { Description = "Start, local date-time.", Required = true });
        command.Add(new Option<string>("--to") { Description = "End, local date-time.", Required = true });
        command.SetCliAction(console, (context, _) => throw context.NotAvailable("crm calendar between", Package));
        return command;
    }
}
