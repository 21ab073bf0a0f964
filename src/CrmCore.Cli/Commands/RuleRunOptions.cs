using System.CommandLine;
using CrmCore.Cli.Hosting;
using CrmCore.Cli.Input;
using CrmCore.Cli.Output;
using CrmCore.Cli.Rules;
using NodaTime;

namespace CrmCore.Cli.Commands;

/// <summary>The options shared by the commands that run rules over data files (test, explain, diff, tag).</summary>
internal sealed class RuleRunOptions
{
    private RuleRunOptions(bool withTickets, bool ticketsRequired)
    {
        Customers = CliOptions.DataFile("--customers", "Customers file (.csv, .json or .jsonl).", required: true);
        Tickets = withTickets ? CliOptions.DataFile("--tickets", "Tickets file (.csv, .json or .jsonl).", required: ticketsRequired) : null;
        Zone = CliOptions.Zone("IANA time zone for dates such as contract ends (default Asia/Shanghai).");
        Bands = new Option<PriorityBands>("--bands")
        {
            Description = "Priority band thresholds in points, highest first (default 60,30: P1 >= 60, P2 >= 30, P3 below).",
            HelpName = "points,...",
            DefaultValueFactory = _ => PriorityBands.Default,
            CustomParser = r => PriorityBands.Parse(r.Tokens[0].Value) ?? CliOptions.Fail<PriorityBands>(r, $"'{r.Tokens[0].Value}' is not a list of descending thresholds such as 60,30."),
        };
    }

    public Option<string> Customers { get; }

    public Option<string>? Tickets { get; }

    public Option<InputFormat?> Format { get; } = CliOptions.InputFormat();

    public Option<bool> Strict { get; } = CliOptions.Strict();

    public Option<Instant?> Now { get; } = CliOptions.Now();

    public Option<DateTimeZone> Zone { get; }

    public Option<PriorityBands> Bands { get; }

    /// <summary>Creates the options and adds them to a command, with <c>--encoding</c> and <c>--escalation</c> for its rule and data files.</summary>
    public static RuleRunOptions AddTo(Command command, bool withTickets, bool bands)
    {
        var options = new RuleRunOptions(withTickets, ticketsRequired: false);
        command.Add(options.Customers);
        if (options.Tickets is not null)
        {
            command.Add(options.Tickets);
        }

        command.Add(options.Format);
        command.Add(options.Strict);
        command.Add(options.Now);
        command.Add(options.Zone);
        if (bands)
        {
            command.Add(options.Bands);
        }

        EncodingOption.AddTo(command);
        EscalationOption.AddTo(command);

        return options;
    }

    /// <summary>Reads the data files; problems are printed. <see cref="DataSet.Stopped"/> is set when <c>--strict</c> met one.</summary>
    public DataSet Load(CliContext context, ParseResult parse)
    {
        var format = parse.GetValue(Format);
        var strict = parse.GetValue(Strict);
        var customersPath = parse.GetRequiredValue(Customers);
        var customers = context.Load(customersPath, InputSchemas.Customers, format, strict);
        if (strict && !customers.IsClean)
        {
            return new DataSet(customersPath, customers.Rows, null, [], Clean: false, Stopped: true);
        }

        var ticketsPath = Tickets is null ? null : parse.GetValue(Tickets);
        var tickets = ticketsPath is null ? null : context.Load(ticketsPath, InputSchemas.Tickets, format, strict);
        var clean = customers.IsClean && (tickets?.IsClean ?? true);
        return new DataSet(customersPath, customers.Rows, ticketsPath, tickets?.Rows ?? [], clean, Stopped: strict && !clean);
    }

    /// <summary>Creates the evaluator for a rule set with the chosen now, zone and bands.</summary>
    public DryRun DryRun(CliContext context, ParseResult parse, CrmCore.Rules.RuleSet rules) =>
        new(rules, parse.GetValue(Now) ?? context.Console.Clock.GetCurrentInstant(), parse.GetRequiredValue(Zone), parse.GetValue(Bands) ?? PriorityBands.Default);
}

/// <summary>The rows read for a rules run.</summary>
internal sealed record DataSet(
    string CustomersPath,
    IReadOnlyList<SourceRow<CustomerRow>> Customers,
    string? TicketsPath,
    IReadOnlyList<SourceRow<TicketRow>> Tickets,
    bool Clean,
    bool Stopped);
