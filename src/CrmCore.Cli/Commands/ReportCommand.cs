using System.CommandLine;
using System.Text;
using CrmCore.Churn;
using CrmCore.Completeness;
using CrmCore.Cli.Hosting;
using CrmCore.Cli.Input;
using CrmCore.Cli.Localization;
using CrmCore.Cli.Reports;
using CrmCore.Cli.Rules;
using CrmCore.Knowledge;
using CrmCore.Metrics;
using CrmCore.Reporting;
using CrmCore.Satisfaction;
using NodaTime;
using NodaTime.Text;

namespace CrmCore.Cli.Commands;

/// <summary>
/// <c>crm report --tickets --surveys --month [--customers [--rules]] [--store] [--targets] [--calendar]... [--html] [--xlsx]</c>: the monthly service-quality
/// report. Tickets of the month before <c>--month</c>, when the files hold any, give the month-over-month comparison. With
/// <c>--rules</c> and <c>--customers</c> the customers' churn risk is scored at the end of the month and the high band listed. With
/// <c>--store</c> the stored customer records are checked for completeness (document 002's KPI, <see cref="CompletenessCheck"/>). The
/// negative-feedback themes are words (<see cref="WordThemeExtractor"/>). Each <c>--calendar</c> is a business calendar the month's SLA clocks
/// ran on: the report warns about each one whose holiday data does not cover the whole month (<see cref="MonthlyReport.CalendarGaps"/>).
/// </summary>
internal static class ReportCommand
{
    public static Command Create(ICliConsole console)
    {
        var command = new Command("report", "The monthly service-quality report, as text, and as HTML with charts.");
        var tickets = CliOptions.DataFile("--tickets", "Tickets file (.csv, .json or .jsonl).", required: true);
        var surveys = CliOptions.DataFile("--surveys", "Surveys file (.csv, .json or .jsonl).", required: false);
        var customers = CliOptions.DataFile("--customers", "Customers file: tiers and regions for slices, and the churn rate.", required: false);
        var month = new Option<YearMonth>("--month")
        {
            Description = "The month, yyyy-MM.",
            Required = true,
            HelpName = "yyyy-MM",
            CustomParser = r => YearMonthPattern.Iso.Parse(r.Tokens[0].Value) is { Success: true } parsed
                ? parsed.Value
                : CliOptions.Fail<YearMonth>(r, $"'{r.Tokens[0].Value}' is not a month such as 2026-02."),
        };
        var rules = new Option<string>("--rules")
        {
            Description = "Rule file or folder: score each customer's churn risk at the end of the month (needs --customers).",
            HelpName = "file",
        };
        var store = new Option<string>("--store")
        {
            Description = "Desk store whose customer records are checked for completeness (document 002's KPI): sqlite:PATH or postgresql:CONNECTION-STRING.",
            HelpName = "store",
        };
        var html = new Option<string>("--html") { Description = "Also write the HTML report (inline SVG charts, prints on A4) to this file.", HelpName = "file" };
        var xlsx = new Option<string>("--xlsx") { Description = "Also write the KPI tables as an Excel workbook (.xlsx) to this file.", HelpName = "file" };
        var targets = new Option<string>("--targets")
        {
            Description = "Targets file (JSON, e.g. samples/data/targets/document-003.json); default document 001's targets.",
            HelpName = "file",
        };
        var calendars = new Option<string[]>("--calendar")
        {
            Description = "Business calendar file the month's SLA clocks ran on (repeat for each named calendar): the report warns when its holiday data does not cover the month.",
            HelpName = "file",
            AllowMultipleArgumentsPerToken = false,
        };
        var zone = CliOptions.Zone("IANA time zone that decides which month a ticket belongs to (default Asia/Shanghai).");
        var format = CliOptions.InputFormat();
        var strict = CliOptions.Strict();
        command.Add(tickets);
        command.Add(surveys);
        command.Add(customers);
        command.Add(month);
        command.Add(rules);
        command.Add(store);
        command.Add(html);
        command.Add(xlsx);
        command.Add(targets);
        command.Add(calendars);
        command.Add(zone);
        command.Add(format);
        command.Add(strict);
        EncodingOption.AddTo(command);
        EscalationOption.AddTo(command, rules);
        command.Validators.Add(r =>
        {
            if (r.GetResult(rules) is not null && r.GetResult(customers) is null)
            {
                r.AddError("--rules needs --customers.");
            }
        });
        command.SetCliAction(console, (context, parse) =>
        {
            // Neither report may replace a file the command reads (the folders of --html and --xlsx are created when missing).
            OutputPaths.CheckClashes(
                context,
                [
                    OutputPaths.Input("--tickets", parse.GetValue(tickets)),
                    OutputPaths.Input("--surveys", parse.GetValue(surveys)),
                    OutputPaths.Input("--customers", parse.GetValue(customers)),
                    OutputPaths.Input("--targets", parse.GetValue(targets)),
                    OutputPaths.Input("--rules", parse.GetValue(rules)),
                    OutputPaths.Input(EscalationOption.Name, context.EscalationFile),
                    .. (parse.GetValue(calendars) ?? []).Select(path => OutputPaths.Input("--calendar", path)),
                    .. OutputPaths.StoreFiles(parse.GetValue(store)),
                ],
                [("--html", parse.GetValue(html)), ("--xlsx", parse.GetValue(xlsx))]);
            var businessCalendars = LoadCalendars(context, parse.GetValue(calendars) ?? []);
            var completeness = parse.GetValue(store) is { } storeSpec ? CheckCompleteness(context, storeSpec) : null;
            var reportTargets = parse.GetValue(targets) is { } targetsPath ? LoadTargets(context, targetsPath) : ReportTargets.Document001();
            var rulesPath = parse.GetValue(rules);
            var ruleSet = rulesPath is null ? null : RuleFiles.Load(context, rulesPath);
            var inputFormat = parse.GetValue(format);
            var isStrict = parse.GetValue(strict);
            var ticketsPath = parse.GetRequiredValue(tickets);
            var ticketRows = context.Load(ticketsPath, InputSchemas.Tickets, inputFormat, isStrict);
            var clean = ticketRows.IsClean;
            var surveysPath = parse.GetValue(surveys);
            var surveyRows = surveysPath is null || (isStrict && !clean) ? null : context.Load(surveysPath, InputSchemas.Surveys, inputFormat, isStrict);
            clean &= surveyRows?.IsClean ?? true;
            var customersPath = parse.GetValue(customers);
            var customerRows = customersPath is null || (isStrict && !clean) ? null : context.Load(customersPath, InputSchemas.Customers, inputFormat, isStrict);
            clean &= customerRows?.IsClean ?? true;
            if (isStrict && !clean)
            {
                return ExitCodes.InvalidInput;
            }

            var timeZone = parse.GetRequiredValue(zone);
            var mapped = MetricsMapper.Map(ticketsPath, ticketRows.Rows, surveysPath, surveyRows?.Rows ?? [], customerRows?.Rows ?? [], context.Language.Culture, timeZone);
            foreach (var problem in mapped.Problems)
            {
                var path = problem.Path.Length == 0 ? customersPath : problem.Path;
                context.Error.WriteLine(context.T(Messages.ReportRowUnusable, path, problem.Line, problem.Id, problem.Reason.In(context.Language)));
            }

            var reportMonth = parse.GetRequiredValue(month);
            var monthEnd = reportMonth.PlusMonths(1).OnDayOfMonth(1).AtStartOfDayInZone(timeZone).ToInstant();
            IReadOnlyList<ChurnAssessment>? churn = null;
            var failures = 0;
            if (ruleSet is not null && customersPath is not null && customerRows is not null)
            {
                var (assessments, failed) = ReportChurn.Assess(ruleSet, context.Console.Clock, monthEnd, timeZone, customersPath, customerRows.Rows);
                RulesTestCommand.ReportFailures(context, failed);

                churn = assessments;
                failures = failed.Count;
            }

            var options = new MetricsOptions { TimeZone = timeZone, Targets = reportTargets };
            var input = mapped.Input with { AsOf = monthEnd };
            // Themes are words from the knowledge package's Chinese/English segmentation (响应慢, 没解决), not character n-grams.
            var satisfaction = new SatisfactionOptions();
            using var segmenter = new TextSegmenter();
            var report = new MonthlyReportBuilder(options, satisfaction, new WordThemeExtractor(segmenter, satisfaction.Themes)).Build(input, reportMonth, churn, new ReportSupplements { Completeness = completeness, Calendars = businessCalendars });
            context.Out.Write(report.ToText(context.Language.Culture));
            if (completeness is null)
            {
                // The report itself only says the check was not made; how to make it is the CLI's to tell.
                context.Error.WriteLine(context.T(Messages.ReportCompletenessNotChecked));
            }

            if (parse.GetValue(html) is { } htmlPath)
            {
                var full = context.ResolvePath(htmlPath);
                Directory.CreateDirectory(Path.GetDirectoryName(full)!);
                File.WriteAllText(full, report.ToHtml(context.Language.Culture), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
                context.Error.WriteLine(context.T(Messages.HtmlWritten, htmlPath));
            }

            if (parse.GetValue(xlsx) is { } xlsxPath)
            {
                var full = context.ResolvePath(xlsxPath);
                Directory.CreateDirectory(Path.GetDirectoryName(full)!);
                using (var stream = File.Create(full))
                {
                    report.WriteXlsx(stream, context.Language.Culture);
                }

                context.Error.WriteLine(context.T(Messages.XlsxWritten, xlsxPath));
            }

            return clean && mapped.Problems.Count == 0 && failures == 0 ? ExitCodes.Success : ExitCodes.InvalidInput;
        });
        return command;
    }

    /// <summary>Checks the completeness of every customer record in a desk store; a store that is missing or cannot be read stops the command.</summary>
    private static CompletenessReport CheckCompleteness(CliContext context, string spec)
    {
        if (spec == "memory")
        {
            throw new CliException(context.T(Messages.ReportStoreMemory));
        }

        if (spec.StartsWith("sqlite:", StringComparison.Ordinal) && !File.Exists(context.ResolvePath(spec["sqlite:".Length..])))
        {
            throw new CliException(context.T(Messages.ReportStoreMissing, spec["sqlite:".Length..]));
        }

        try
        {
            using var opened = ImportCommand.OpenStore(spec, context, StoreAccess.ReadOnly);
            return CompletenessCheck.Check(opened.Customers.ListAsync().ToBlockingEnumerable());
        }
        catch (ArgumentException error)
        {
            throw new CliException(error.Message);
        }
    }

    /// <summary>Loads the <c>--calendar</c> files (a bad one stops the command, naming it); one file given twice, and two files of one
    /// calendar name, are usage errors, as the report names each calendar it warns about.</summary>
    private static List<CrmCore.Calendars.BusinessCalendar> LoadCalendars(CliContext context, string[] paths)
    {
        var loaded = new List<(string Path, CrmCore.Calendars.BusinessCalendar Calendar)>();
        foreach (var path in paths)
        {
            // One file given twice is said as such, not as two files holding one calendar.
            if (loaded.Any(l => OutputPaths.SameFile(context, l.Path, path)))
            {
                throw new CliException(context.T(Messages.ReportCalendarGivenTwice, path), ExitCodes.Usage);
            }

            var calendar = CalendarCommands.Load(context, path);
            if (loaded.FirstOrDefault(l => l.Calendar.Name == calendar.Name) is { Path: { } first })
            {
                throw new CliException(context.T(Messages.ReportCalendarTwice, first, path, calendar.Name), ExitCodes.Usage);
            }

            loaded.Add((path, calendar));
        }

        return [.. loaded.Select(l => l.Calendar)];
    }

    /// <summary>Reads a targets file (bounded to <see cref="ReportTargetsJson.MaxLength"/> bytes); a bad one stops the command.</summary>
    private static ReportTargets LoadTargets(CliContext context, string path)
    {
        var text = context.ReadText(path, ReportTargetsJson.MaxLength);
        try
        {
            return ReportTargetsJson.Parse(text, path);
        }
        catch (FormatException e)
        {
            throw new CliException(context.T(Messages.TargetsInvalid, path, e.Message));
        }
    }
}
