using System.CommandLine;
using System.Globalization;
using CrmCore.Calendars;
using CrmCore.Churn;
using CrmCore.Cli.Hosting;
using CrmCore.Cli.Input;
using CrmCore.Cli.Localization;
using CrmCore.Cli.Output;
using CrmCore.Cli.Reports;
using CrmCore.Cli.Rules;
using CrmCore.Customers;
using CrmCore.Localization;
using CrmCore.Relationships;
using NodaTime;
using NodaTime.Text;

namespace CrmCore.Cli.Commands;

/// <summary>
/// <c>crm plan --customers FILE --date yyyy-MM-dd [--days N] [--overdue-days N] [--policy doc001|doc003|FILE] [--calendar FILE] [--rules FILE]</c>:
/// the contact plan (客户沟通计划表) entries that are overdue, due on a date, and coming in the next days, for every customer of a file,
/// from a contact policy on a business calendar. The file holds no record of contacts made, so every entry due before the date is
/// overdue: the ones that stay due until done (silent-customer care, churn follow-ups) are always listed, the ones that lapse (cadence,
/// birthday, holiday, contract expiry: the next occasion replaces them) only when due within <c>--overdue-days</c>. Customers who asked
/// not to be contacted get no entries.
/// </summary>
internal static class PlanCommand
{
    public static Command Create(ICliConsole console)
    {
        var command = new Command("plan", "List the contact plan entries overdue, due on a date and coming in the next days, for the customers of a file.");
        var customers = CliOptions.DataFile("--customers", "Customers file (.csv, .json or .jsonl): tier, account manager, first cooperation, contract end, do-not-contact.", required: true);
        var date = new Option<LocalDate>("--date")
        {
            Description = "The date to list, yyyy-MM-dd (in the calendar's time zone).",
            Required = true,
            HelpName = "yyyy-MM-dd",
            CustomParser = r => LocalDatePattern.Iso.Parse(r.Tokens[0].Value) is { Success: true } parsed
                ? parsed.Value
                : CliOptions.Fail<LocalDate>(r, $"'{r.Tokens[0].Value}' is not a date such as 2026-03-10."),
        };
        var days = new Option<int>("--days")
        {
            Description = "How many days to list from --date, 1 to 366 (default 1: the date only).",
            DefaultValueFactory = _ => 1,
            HelpName = "N",
        }.Range(1, 366);
        var overdueDays = new Option<int>("--overdue-days")
        {
            Description = "How many days before --date to look back for overdue entries that lapse (cadence, birthday, holiday, contract expiry), 0 to 366 (default 7); silent-customer care and churn follow-ups stay overdue until done and are always listed.",
            DefaultValueFactory = _ => 7,
            HelpName = "N",
        }.Range(0, 366);
        var policy = new Option<string>("--policy")
        {
            Description = "Contact policy: doc001 (default), doc003, or a policy JSON file.",
            DefaultValueFactory = _ => "doc001",
            HelpName = "doc001|doc003|file",
        };
        var calendar = new Option<string>("--calendar")
        {
            Description = "Business calendar file (e.g. samples/data/calendars/cn-standard.json): working days and holidays; default open every day in --zone.",
            HelpName = "file",
        };
        var rules = new Option<string>("--rules")
        {
            Description = "Rule file or folder: tier the customers (instead of the file's Tier column) and plan churn follow-ups.",
            HelpName = "file",
        };
        var zone = CliOptions.Zone("IANA time zone when no --calendar is given (default Asia/Shanghai).");
        var format = CliOptions.InputFormat();
        var strict = CliOptions.Strict();
        var output = CliOptions.Output();
        command.Add(customers);
        command.Add(date);
        command.Add(days);
        command.Add(overdueDays);
        command.Add(policy);
        command.Add(calendar);
        command.Add(rules);
        command.Add(zone);
        command.Add(format);
        command.Add(strict);
        command.Add(output);
        EncodingOption.AddTo(command);
        EscalationOption.AddTo(command, rules);
        command.SetCliAction(console, (context, parse) =>
        {
            var policyName = parse.GetRequiredValue(policy);
            var (contactPolicy, policyJson) = LoadPolicy(context, policyName);
            var calendarPath = parse.GetValue(calendar);
            var businessCalendar = calendarPath is not null
                ? CalendarCommands.Load(context, calendarPath)
                : OpenEveryDay(parse.GetRequiredValue(zone));
            var ruleSet = parse.GetValue(rules) is { } rulesPath ? RuleFiles.Load(context, rulesPath) : null;
            var customersPath = parse.GetRequiredValue(customers);
            var isStrict = parse.GetValue(strict);
            var rows = context.Load(customersPath, InputSchemas.Customers, parse.GetValue(format), isStrict);
            if (isStrict && !rows.IsClean)
            {
                return ExitCodes.InvalidInput;
            }

            var day = parse.GetRequiredValue(date);
            var from = day.PlusDays(-parse.GetValue(overdueDays));
            var to = day.PlusDays(parse.GetValue(days) - 1);
            var at = day.AtStartOfDayInZone(businessCalendar.Zone).ToInstant();
            var (tiers, churn, failures) = Classify(context, ruleSet, at, businessCalendar.Zone, customersPath, rows.Rows);
            var customerTiers = rows.Rows.Select(r => tiers.GetValueOrDefault(r.Row.Id, r.Row.Tier)).ToList();
            WarnAboutPolicy(context, policyName, policyJson, contactPolicy, businessCalendar, customerTiers, ruleSet is not null);
            var planner = new ContactPlanner(contactPolicy, businessCalendar, context.Language.Culture);
            // A due date outside the calendar (silent since before its horizon) is kept and listed; the user is told why it was not checked.
            planner.DueDateUnchecked += (_, e) =>
                context.Error.WriteLine($"{calendarPath}: {context.T(Messages.WarningPrefix)}: {e.Message(context.Language.Culture)}");
            // A customer with neither a last interaction nor a first cooperation date cannot be told silent or not: warned about at its line.
            var line = 0;
            planner.SilenceUnknown += (_, e) =>
                context.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{customersPath}:{line}: {context.T(Messages.WarningPrefix)}: {e.Message(context.Language.Culture)}"));
            var book = new ContactPlanBook(planner);
            var optedOut = 0;
            for (var i = 0; i < rows.Rows.Count; i++)
            {
                var row = rows.Rows[i].Row;
                line = rows.Rows[i].Line;
                var subject = new PlanSubject
                {
                    Customer = new CustomerId(row.Id),
                    Tier = customerTiers[i],
                    AccountManager = string.IsNullOrWhiteSpace(row.AccountManager) ? null : new Agents.AgentId(row.AccountManager),
                    CadenceAnchor = row.FirstCooperation ?? day,
                    DoNotContact = row.DoNotContact == true,
                    ContractEndsOn = row.ContractEnd,
                    LastInteractionAt = row.LastInteraction,
                    FirstContactOn = row.FirstCooperation,
                    Churn = churn.GetValueOrDefault(row.Id),
                };
                optedOut += subject.DoNotContact ? 1 : 0;
                try
                {
                    book.ScheduleAsync(subject, from, to).GetAwaiter().GetResult();
                }
                catch (CalendarHorizonException e)
                {
                    throw new CliException($"{calendarPath}: {e.LocalizedMessage(context.Language.Culture)}");
                }
            }

            var names = rows.Rows.GroupBy(r => r.Row.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Row.Name, StringComparer.Ordinal);
            var entries = book.ListAsync(ContactPlanQuery.All).GetAwaiter().GetResult()
                .Select(e => (Entry: e, State: e.DueOn < day ? 0 : e.DueOn == day ? 1 : 2))
                .Where(x => (x.Entry.DueOn >= from || StaysDueUntilDone(x.Entry.Kind)) && x.Entry.DueOn <= to)
                .OrderBy(x => x.State).ThenBy(x => x.Entry.DueOn).ThenBy(x => x.Entry.Customer.Value, StringComparer.Ordinal).ThenBy(x => x.Entry.Id.Value, StringComparer.Ordinal)
                .ToList();
            var culture = context.Language.Culture;
            var table = new ResultTable([
                new("state", Messages.ColumnState), new("dueOn", Messages.ColumnDueOn), new("customer", Messages.ColumnCustomer), new("name", Messages.ColumnName),
                new("kind", Messages.ColumnKind), new("channel", Messages.ColumnChannel), new("owner", Messages.ColumnOwner), new("purpose", Messages.ColumnPurpose),
            ]);
            Msg[] states = [Messages.PlanStateOverdue, Messages.PlanStateDue, Messages.PlanStateUpcoming];
            foreach (var (entry, state) in entries)
            {
                table.Add(
                    context.T(states[state]), LocalDatePattern.Iso.Format(entry.DueOn), entry.Customer.Value, names.GetValueOrDefault(entry.Customer.Value),
                    DisplayNames.Of(entry.Kind, culture), DisplayNames.Of(entry.Channel, culture), entry.Owner?.Value, entry.Purpose);
            }

            var outputFormat = parse.GetValue(output);
            ResultWriter.Write(context, table, outputFormat);
            var summary = context.T(
                Messages.PlanSummary, entries.Count, day, entries.Count(x => x.State == 0), parse.GetValue(overdueDays), entries.Count(x => x.State == 1), entries.Count(x => x.State == 2), optedOut);
            (outputFormat == OutputFormat.Table ? context.Out : context.Error).WriteLine(summary);
            return rows.IsClean && failures == 0 ? ExitCodes.Success : ExitCodes.InvalidInput;
        });
        return command;
    }

    /// <summary>
    /// Whether an entry of <paramref name="kind"/> stays due until it is done, so it is listed as overdue whatever <c>--overdue-days</c>:
    /// silent-customer care (the silence lasts until someone gets in touch), a churn follow-up (the score stays high), a manual entry.
    /// The other kinds lapse: the next cadence contact, birthday, holiday or contract warning replaces them.
    /// </summary>
    internal static bool StaysDueUntilDone(PlanKind kind) => kind is PlanKind.SilentCare or PlanKind.ChurnFollowUp or PlanKind.Manual;

    private static (Dictionary<string, string?> Tiers, Dictionary<string, ChurnAssessment> Churn, int Failures) Classify(
        CliContext context, CrmCore.Rules.RuleSet? rules, Instant at, DateTimeZone zone, string path, IReadOnlyList<SourceRow<CustomerRow>> rows)
    {
        if (rules is null)
        {
            return ([], [], 0);
        }

        var run = new DryRun(rules, at, zone, PriorityBands.Default).Run(path, rows, null, []);
        RulesTestCommand.ReportFailures(context, run);
        var (assessments, _) = ReportChurn.Assess(rules, context.Console.Clock, at, zone, path, rows);
        return (
            run.Customers.GroupBy(c => c.Row.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Evaluation.Tier ?? g.First().Row.Tier, StringComparer.Ordinal),
            assessments.GroupBy(a => a.Customer.Value, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal),
            run.Failures.Count);
    }

    private static BusinessCalendar OpenEveryDay(DateTimeZone zone) => BusinessCalendar.Build(new BusinessCalendarDefinition
    {
        Name = "open-every-day",
        TimeZoneId = zone.Id,
        Week = WeeklySchedule.AlwaysOpen,
    });

    /// <summary>
    /// Warns, on standard error, about the parts of the policy that plan nothing for these customers on this calendar: a care holiday
    /// the calendar does not have (at its line:col in a policy file, with the closest name), a cadence tier no customer has, and the
    /// customers without a tier (with the hint to give <c>--rules</c> when none was given).
    /// </summary>
    private static void WarnAboutPolicy(
        CliContext context, string policyName, string? policyJson, ContactPolicy policy, BusinessCalendar calendar, IReadOnlyList<string?> tiers, bool rulesGiven)
    {
        var untiered = tiers.Count(string.IsNullOrWhiteSpace);
        // With no tier at all, one warning says so; a warning per cadence tier would only repeat it.
        var checkedTiers = untiered == tiers.Count ? null : tiers;
        var warnings = policyJson is null ? policy.Check(calendar, checkedTiers) : ContactPolicyJson.Check(policyJson, calendar, checkedTiers);
        var culture = context.Language.Culture;
        foreach (var warning in warnings)
        {
            context.Error.WriteLine(warning.Line > 0
                ? string.Create(CultureInfo.InvariantCulture, $"{policyName}:{warning.Line}:{warning.Column}: {context.T(Messages.WarningPrefix)}: {warning.MessageIn(culture)}")
                : $"{policyName}: {context.T(Messages.WarningPrefix)} {warning.Path}: {warning.MessageIn(culture)}");
        }

        if (untiered > 0 && policy.Cadences.Length > 0)
        {
            context.Error.WriteLine($"{context.T(Messages.WarningPrefix)}: {context.T(rulesGiven ? Messages.PlanNoTierAfterRules : Messages.PlanNoTier, untiered, tiers.Count)}");
        }
    }

    private static (ContactPolicy Policy, string? Json) LoadPolicy(CliContext context, string value)
    {
        switch (value.ToUpperInvariant())
        {
            case "DOC001":
                return (ContactPolicy.Document001, null);
            case "DOC003":
                return (ContactPolicy.Document003, null);
        }

        var json = context.ReadText(value, ContactPolicyJson.MaxLength);
        var result = ContactPolicyJson.Load(json);
        if (result.Value is { } loaded)
        {
            return (loaded, json);
        }

        foreach (var problem in result.Problems)
        {
            context.WriteProblem(value, problem);
        }

        throw new CliException(context.T(Messages.PolicyInvalid, value, result.Problems.Length));
    }
}
