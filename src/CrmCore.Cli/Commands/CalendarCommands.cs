using System.CommandLine;
using CrmCore.Calendars;
using CrmCore.Cli.Hosting;
using CrmCore.Cli.Localization;
using NodaTime;
using NodaTime.Text;

namespace CrmCore.Cli.Commands;

/// <summary><c>crm calendar add|between</c>: business-time arithmetic on a calendar file.</summary>
internal static class CalendarCommands
{
    private static readonly LocalDateTimePattern OutputPattern = LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm");

    public static Command Create(ICliConsole console)
    {
        var calendar = new Command("calendar", "Business-time arithmetic on a business calendar file.");
        calendar.Add(Add(console));
        calendar.Add(Between(console));
        return calendar;
    }

    /// <summary>Loads a calendar file; imports are resolved next to it and read like it (strictly, in <c>--encoding</c>), and an error in
    /// one names it relative to the calendar as given (<c>cals/holidays.json</c> for <c>cals/main.json</c>'s import of <c>holidays.json</c>). Problems end
    /// the command with exit code 1. Arithmetic that reads dates past the calendar's holiday data prints one warning per year to
    /// standard error (the answer still goes to standard output).</summary>
    public static BusinessCalendar Load(CliContext context, string path)
    {
        var json = context.ReadText(path, CliContext.MaxJsonFileBytes);
        // An import is named in errors as the user would write it: relative to the including file as that was given (an absolute
        // import stays absolute), never as the resolved full path.
        var directory = Path.GetDirectoryName(path) ?? string.Empty;
        var result = CalendarJson.Load(json, source =>
        {
            var file = Path.Combine(directory, source);
            return File.Exists(context.ResolvePath(file)) ? context.ReadText(file, CliContext.MaxJsonFileBytes) : null;
        });
        if (result.Value is { } loaded)
        {
            var warnedYears = new HashSet<int>();
            loaded.HolidayCoverageExceeded += (_, e) =>
            {
                lock (warnedYears)
                {
                    if (warnedYears.Add(e.Date.Year))
                    {
                        context.Error.WriteLine($"{path}: {context.T(Messages.WarningPrefix)}: {e.Message(context.Language.Culture)}");
                    }
                }
            };
            return loaded;
        }

        foreach (var problem in result.Problems)
        {
            context.WriteProblem(path, problem);
        }

        throw new CliException(context.T(Messages.CalendarInvalid, path, result.Problems.Length));
    }

    private static Command Add(ICliConsole console)
    {
        var command = new Command("add", "Print the local date-time that is a business duration or a number of working days after --from.");
        var file = new Argument<string>("calendar") { Description = "The calendar file (JSON)." };
        var from = LocalDateTimeOption("--from", "Start, local date-time in the calendar's zone, e.g. 2026-09-30T16:00.");
        var business = new Option<Duration?>("--business")
        {
            Description = "Business time to add: 4h, 90m, 1h30m, 1:30 or PT4H.",
            HelpName = "duration",
            CustomParser = r => LocalTimeParser.BusinessDuration(r.Tokens[0].Value) ?? CliOptions.Fail<Duration?>(r, $"'{r.Tokens[0].Value}' is not a positive business duration such as 4h, 90m, 1:30 or PT4H."),
        };
        var days = new Option<int?>("--working-days") { Description = "Number of working days to add (0 or more).", HelpName = "n" }.AtLeast(0);
        command.Add(file);
        command.Add(from);
        command.Add(business);
        command.Add(days);
        EncodingOption.AddTo(command);
        command.Validators.Add(r =>
        {
            if ((r.GetResult(business) is null) == (r.GetResult(days) is null))
            {
                r.AddError("Give exactly one of --business or --working-days.");
            }
        });
        command.SetCliAction(console, (context, parse) =>
        {
            var calendar = Load(context, parse.GetRequiredValue(file));
            var start = calendar.Zone.AtLeniently(parse.GetRequiredValue(from)).ToInstant();
            try
            {
                var due = parse.GetValue(business) is { } duration
                    ? calendar.Add(start, duration)
                    : calendar.AddWorkingDays(start, parse.GetValue(days)!.Value);
                context.Out.WriteLine(OutputPattern.Format(due.InZone(calendar.Zone).LocalDateTime));
                return ExitCodes.Success;
            }
            catch (CalendarHorizonException ex)
            {
                throw new CliException(ex.LocalizedMessage(context.Language.Culture));
            }
        });
        return command;
    }

    private static Command Between(ICliConsole console)
    {
        var command = new Command("between", "Print the business time between two local date-times (negative when --to is earlier).");
        var file = new Argument<string>("calendar") { Description = "The calendar file (JSON)." };
        var from = LocalDateTimeOption("--from", "Start, local date-time in the calendar's zone.");
        var to = LocalDateTimeOption("--to", "End, local date-time in the calendar's zone.");
        command.Add(file);
        command.Add(from);
        command.Add(to);
        EncodingOption.AddTo(command);
        command.SetCliAction(console, (context, parse) =>
        {
            var calendar = Load(context, parse.GetRequiredValue(file));
            var start = calendar.Zone.AtLeniently(parse.GetRequiredValue(from)).ToInstant();
            var end = calendar.Zone.AtLeniently(parse.GetRequiredValue(to)).ToInstant();
            try
            {
                context.Out.WriteLine(FormatDuration(calendar.BusinessTimeBetween(start, end)));
                return ExitCodes.Success;
            }
            catch (CalendarHorizonException ex)
            {
                throw new CliException(ex.LocalizedMessage(context.Language.Culture));
            }
        });
        return command;
    }

    /// <summary>
    /// Formats a business duration as <c>6h30m</c> (the form <c>--business</c> accepts): the whole minutes of its size, computed
    /// exactly from its nanoseconds and rounded toward zero (seconds and less are dropped, so 366 days less a nanosecond is
    /// <c>8783h59m</c>; a double of the minutes rounded it up to <c>8784h</c>), after a minus sign when it is negative by at least a
    /// whole minute (less than a minute backwards is <c>0m</c>, never <c>-0m</c>).
    /// </summary>
    public static string FormatDuration(Duration duration)
    {
        var total = (long)(Int128.Abs(duration.ToInt128Nanoseconds()) / NodaConstants.NanosecondsPerMinute);
        var sign = duration < Duration.Zero && total > 0 ? "-" : string.Empty;
        var hours = total / 60;
        var minutes = total % 60;
        return hours == 0
            ? FormattableString.Invariant($"{sign}{minutes}m")
            : minutes == 0 ? FormattableString.Invariant($"{sign}{hours}h") : FormattableString.Invariant($"{sign}{hours}h{minutes}m");
    }

    private static Option<LocalDateTime> LocalDateTimeOption(string name, string description) => new(name)
    {
        Description = description,
        Required = true,
        HelpName = "yyyy-MM-ddTHH:mm",
        CustomParser = r => LocalTimeParser.LocalDateTime(r.Tokens[0].Value)
            ?? CliOptions.Fail<LocalDateTime>(r, $"'{r.Tokens[0].Value}' is not a local date-time such as 2026-09-30T16:00."),
    };
}
