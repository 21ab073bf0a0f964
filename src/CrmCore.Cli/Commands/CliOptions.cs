using System.CommandLine;
using CrmCore.Cli.Input;
using CrmCore.Cli.Output;
using NodaTime;
using NodaTime.Text;

namespace CrmCore.Cli.Commands;

/// <summary>Factories for the options several commands share (each command gets its own instances).</summary>
internal static class CliOptions
{
    /// <summary><c>--output table|json|csv</c>, default table.</summary>
    public static Option<OutputFormat> Output()
    {
        var option = new Option<OutputFormat>("--output", "-o")
        {
            Description = "Output format: table, json or csv.",
            DefaultValueFactory = _ => OutputFormat.Table,
            HelpName = "table|json|csv",
            CustomParser = r => r.Tokens[0].Value.ToUpperInvariant() switch
            {
                "TABLE" => OutputFormat.Table,
                "JSON" => OutputFormat.Json,
                "CSV" => OutputFormat.Csv,
                _ => Fail<OutputFormat>(r, $"'{r.Tokens[0].Value}' is not an output format: use table, json or csv."),
            },
        };
        return option;
    }

    /// <summary><c>--format csv|json|jsonl</c>: input format when the extension does not say.</summary>
    public static Option<InputFormat?> InputFormat()
    {
        return new Option<InputFormat?>("--format")
        {
            Description = "Format of the data files when their extension does not tell: csv, json or jsonl.",
            HelpName = "csv|json|jsonl",
            CustomParser = r => r.Tokens[0].Value.ToUpperInvariant() switch
            {
                "CSV" => Input.InputFormat.Csv,
                "JSON" => Input.InputFormat.Json,
                "JSONL" or "NDJSON" => Input.InputFormat.JsonLines,
                _ => Fail<InputFormat?>(r, $"'{r.Tokens[0].Value}' is not an input format: use csv, json or jsonl."),
            },
        };
    }

    /// <summary><c>--strict</c>: stop at the first bad row.</summary>
    public static Option<bool> Strict() => new("--strict")
    {
        Description = "Stop at the first bad row instead of reporting them all and going on with the good ones.",
    };

    /// <summary>A data file option such as <c>--customers</c>.</summary>
    public static Option<string> DataFile(string name, string description, bool required) => new(name)
    {
        Description = description,
        Required = required,
        HelpName = "file",
    };

    /// <summary><c>--now</c>: the evaluation instant, ISO (<c>2026-03-01T00:00:00Z</c> or with offset).</summary>
    public static Option<Instant?> Now() => new("--now")
    {
        Description = "The instant rules treat as now, e.g. 2026-03-01T09:00:00+08:00 (default: the system clock).",
        HelpName = "ISO instant",
        CustomParser = r =>
        {
            var text = r.Tokens[0].Value;
            var odt = OffsetDateTimePattern.ExtendedIso.Parse(text);
            if (odt.Success)
            {
                return odt.Value.ToInstant();
            }

            var instant = InstantPattern.ExtendedIso.Parse(text);
            return instant.Success ? instant.Value : Fail<Instant?>(r, $"'{text}' is not an ISO instant such as 2026-03-01T09:00:00Z.");
        },
    };

    /// <summary><c>--zone</c>: an IANA time zone, default Asia/Shanghai.</summary>
    public static Option<DateTimeZone> Zone(string description) => new("--zone")
    {
        Description = description,
        HelpName = "zone",
        DefaultValueFactory = _ => DateTimeZoneProviders.Tzdb["Asia/Shanghai"],
        CustomParser = r => DateTimeZoneProviders.Tzdb.GetZoneOrNull(r.Tokens[0].Value)
            ?? Fail<DateTimeZone>(r, $"'{r.Tokens[0].Value}' is not an IANA time zone such as Asia/Shanghai."),
    };

    /// <summary>Reports a parse error on an option value (the run ends with exit code 2) and returns a placeholder.</summary>
    public static T Fail<T>(System.CommandLine.Parsing.ArgumentResult result, string message)
    {
        result.AddError(message);
        return default!;
    }
}
