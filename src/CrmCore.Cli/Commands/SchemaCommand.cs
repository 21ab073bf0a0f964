using System.CommandLine;
using System.Text.Json;
using CrmCore.Cli.Hosting;
using CrmCore.Cli.Input;
using CrmCore.Cli.Output;

namespace CrmCore.Cli.Commands;

/// <summary><c>crm schema rules|calendar|customers|tickets|surveys</c>: prints a JSON Schema.</summary>
internal static class SchemaCommand
{
    public static Command Create(ICliConsole console)
    {
        var command = new Command("schema", "Print the JSON Schema of a file kind.");
        var kind = new Argument<string>("kind") { Description = "rules, calendar, customers, tickets or surveys." };
        kind.AcceptOnlyFromAmong("rules", "calendar", "customers", "tickets", "surveys");
        command.Add(kind);
        command.SetCliAction(console, (context, parse) =>
        {
            var text = parse.GetValue(kind) switch
            {
                "customers" => Print(InputJsonSchema.Build(InputSchemas.Customers)),
                "tickets" => Print(InputJsonSchema.Build(InputSchemas.Tickets)),
                "surveys" => Print(InputJsonSchema.Build(InputSchemas.Surveys)),
                "rules" => CrmCore.Rules.Schema.RuleFileSchema.Json.TrimEnd(),
                "calendar" => CrmCore.Calendars.CalendarJson.SchemaText.TrimEnd(),
                var other => throw new InvalidOperationException($"Unexpected schema kind '{other}'."),
            };
            context.Out.WriteLine(text);
            return ExitCodes.Success;
        });
        return command;
    }

    private static string Print(System.Text.Json.Nodes.JsonNode node) =>
        node.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = ResultWriter.JsonOptions.Encoder });
}
