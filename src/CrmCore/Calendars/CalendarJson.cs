using System.Collections.Immutable;
using System.Text.Json;
using NodaTime;
using NodaTime.Text;

namespace CrmCore.Calendars;

/// <summary>
/// Loads business calendars from the CrmCore calendar JSON format (documented in <c>docs/calendars.md</c>, schema in <see cref="SchemaText"/>).
/// Holiday schedules can be imported from files in the iCalendar or chinese-days formats through a caller-supplied resolver, so the
/// library itself does no I/O. Thread-safe (stateless).
/// </summary>
public static class CalendarJson
{
    private static readonly string[] DayNames = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
    private static readonly Lazy<string> Schema = new(() => EmbeddedText.Read("Calendars.calendar.schema.json"));

    /// <summary>The JSON Schema (draft 2020-12) of the calendar format, read from the embedded resource.</summary>
    public static string SchemaText => Schema.Value;

    /// <summary>Loads and builds a calendar. Never throws for bad input: every problem is listed with its JSON path.</summary>
    /// <param name="json">The calendar JSON text.</param>
    /// <param name="resolveImport">Returns the text of an imported holiday file given its <c>source</c>, or null when it does not exist.
    /// Default: null, and then a calendar with <c>imports</c> is reported as a problem.</param>
    /// <returns>The calendar or the problems.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    public static LoadResult<BusinessCalendar> Load(string json, Func<string, string?>? resolveImport = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        var problems = new List<LoadProblem>();
        var doc = JsonFields.ParseObject(json, "A calendar", problems);
        if (doc is null)
        {
            return new LoadResult<BusinessCalendar>(null, [.. problems]);
        }

        using (doc)
        {
            var definition = Read(doc.RootElement, resolveImport, problems);
            if (problems.Count > 0 || definition is null)
            {
                return new LoadResult<BusinessCalendar>(null, [.. problems]);
            }

            try
            {
                return new LoadResult<BusinessCalendar>(BusinessCalendar.Build(definition), []);
            }
            catch (ArgumentException ex)
            {
                return new LoadResult<BusinessCalendar>(null, [new LoadProblem("$", ex.Message)]);
            }
        }
    }

    private static BusinessCalendarDefinition? Read(JsonElement root, Func<string, string?>? resolveImport, List<LoadProblem> problems)
    {
        JsonFields.CheckKnown(root, "$", problems, "$schema", "name", "timeZone", "alwaysOpen", "week", "makeUpDayHours", "holidays", "makeUpDays", "imports", "horizon", "holidayCoverage");

        var name = JsonFields.RequiredString(root, "name", "$", problems);
        var zoneId = JsonFields.RequiredString(root, "timeZone", "$", problems);
        if (zoneId is not null && DateTimeZoneProviders.Tzdb.GetZoneOrNull(zoneId) is null)
        {
            problems.Add(new LoadProblem("$.timeZone", $"'{zoneId}' is not an IANA time zone id (for example Asia/Shanghai)."));
        }

        var alwaysOpen = root.TryGetProperty("alwaysOpen", out var ao) && ao.ValueKind == JsonValueKind.True;
        if (root.TryGetProperty("alwaysOpen", out ao) && ao.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            problems.Add(new LoadProblem("$.alwaysOpen", "Expected true or false."));
        }

        var week = alwaysOpen ? WeeklySchedule.AlwaysOpen : ReadWeek(root, problems);
        if (alwaysOpen && root.TryGetProperty("week", out _))
        {
            problems.Add(new LoadProblem("$.week", "A calendar that is always open cannot also list weekly hours."));
        }

        var makeUpHours = root.TryGetProperty("makeUpDayHours", out var mh) ? ReadSlots(mh, "$.makeUpDayHours", problems) : [];
        var holidays = new Dictionary<LocalDate, Holiday>();
        var makeUps = new Dictionary<LocalDate, MakeUpWorkingDay>();
        ReadHolidays(root, holidays, problems);
        ReadMakeUpDays(root, makeUps, problems);
        ReadImports(root, resolveImport, holidays, makeUps, problems);

        var definition = new BusinessCalendarDefinition
        {
            Name = name ?? string.Empty,
            TimeZoneId = zoneId ?? string.Empty,
            Week = week ?? WeeklySchedule.AlwaysOpen,
            MakeUpDayHours = makeUpHours,
            Holidays = [.. holidays.Values.OrderBy(h => h.Date)],
            MakeUpDays = [.. makeUps.Values.OrderBy(m => m.Date)],
        };

        if (root.TryGetProperty("horizon", out var horizon))
        {
            if (horizon.ValueKind != JsonValueKind.Object)
            {
                problems.Add(new LoadProblem("$.horizon", "Expected an object with 'from' and 'to' dates."));
            }
            else
            {
                var from = JsonFields.ReadDate(horizon, "from", "$.horizon", problems) ?? definition.HorizonStart;
                var to = JsonFields.ReadDate(horizon, "to", "$.horizon", problems) ?? definition.HorizonEnd;
                if (to < from)
                {
                    problems.Add(new LoadProblem("$.horizon", "'to' must not be before 'from'."));
                }

                definition = definition with { HorizonStart = from, HorizonEnd = to };
            }
        }

        if (root.TryGetProperty("holidayCoverage", out var coverage))
        {
            if (coverage.ValueKind != JsonValueKind.Object)
            {
                problems.Add(new LoadProblem("$.holidayCoverage", "Expected an object with 'from' and 'to' dates."));
            }
            else
            {
                JsonFields.CheckKnown(coverage, "$.holidayCoverage", problems, "from", "to");
                var from = JsonFields.ReadDate(coverage, "from", "$.holidayCoverage", problems);
                var to = JsonFields.ReadDate(coverage, "to", "$.holidayCoverage", problems);
                if (from is { } first && to is { } last)
                {
                    if (last < first)
                    {
                        problems.Add(new LoadProblem("$.holidayCoverage", "'to' must not be before 'from'."));
                    }
                    else
                    {
                        definition = definition with { HolidayCoverage = new DateInterval(first, last) };
                    }
                }
            }
        }

        return definition;
    }

    private static WeeklySchedule? ReadWeek(JsonElement root, List<LoadProblem> problems)
    {
        if (!root.TryGetProperty("week", out var week))
        {
            problems.Add(new LoadProblem("$", "The 'week' object is missing (or set 'alwaysOpen': true)."));
            return null;
        }

        if (week.ValueKind != JsonValueKind.Object)
        {
            problems.Add(new LoadProblem("$.week", "Expected an object with days 'monday' … 'sunday' mapping to slot lists."));
            return null;
        }

        var days = new Dictionary<IsoDayOfWeek, IEnumerable<OpeningSlot>>();
        foreach (var property in week.EnumerateObject())
        {
            var index = Array.IndexOf(DayNames, property.Name);
            if (index < 0)
            {
                problems.Add(new LoadProblem($"$.week.{property.Name}", "Unknown day; use monday … sunday."));
                continue;
            }

            days[(IsoDayOfWeek)(index + 1)] = ReadSlots(property.Value, $"$.week.{property.Name}", problems);
        }

        return WeeklySchedule.Create(days);
    }

    private static ImmutableArray<OpeningSlot> ReadSlots(JsonElement element, string path, List<LoadProblem> problems)
    {
        if (element.ValueKind != JsonValueKind.Array)
        {
            problems.Add(new LoadProblem(path, "Expected an array of slots such as \"09:00-12:00\"."));
            return [];
        }

        var slots = new List<OpeningSlot>();
        var i = 0;
        foreach (var item in element.EnumerateArray())
        {
            var itemPath = $"{path}[{i++}]";
            var text = item.ValueKind == JsonValueKind.String ? item.GetString() : null;
            var parts = text?.Split('-', StringSplitOptions.TrimEntries);
            if (parts is not { Length: 2 })
            {
                problems.Add(new LoadProblem(itemPath, "Expected a slot \"HH:mm-HH:mm\" (end may be 24:00)."));
                continue;
            }

            if (!OpeningSlot.TryParse(parts[0], parts[1], out var slot, out var error))
            {
                problems.Add(new LoadProblem(itemPath, error!));
                continue;
            }

            slots.Add(slot);
        }

        var sorted = WeeklySchedule.Sort(slots, out var overlap);
        if (overlap is not null)
        {
            problems.Add(new LoadProblem(path, $"{overlap} A day's slots must not overlap."));
            return [];
        }

        return sorted;
    }

    private static void ReadHolidays(JsonElement root, Dictionary<LocalDate, Holiday> holidays, List<LoadProblem> problems) =>
        ReadDatedEntries(root, "holidays", "openHours", holidays, (d, name, hours) => new Holiday(d, name, hours), problems);

    private static void ReadMakeUpDays(JsonElement root, Dictionary<LocalDate, MakeUpWorkingDay> makeUps, List<LoadProblem> problems) =>
        ReadDatedEntries(root, "makeUpDays", "hours", makeUps, (d, name, hours) => new MakeUpWorkingDay(d, name, hours), problems);

    private static void ReadDatedEntries<T>(
        JsonElement root, string member, string hoursMember, Dictionary<LocalDate, T> into, Func<LocalDate, string, ImmutableArray<OpeningSlot>, T> create, List<LoadProblem> problems)
    {
        foreach (var (item, path) in JsonFields.Items(root, member, "$", problems))
        {
            JsonFields.CheckKnown(item, path, problems, "date", "name", hoursMember);
            var date = JsonFields.ReadDate(item, "date", path, problems);
            var name = JsonFields.OptionalString(item, "name", path, problems);
            var hours = item.TryGetProperty(hoursMember, out var h) ? ReadSlots(h, $"{path}.{hoursMember}", problems) : [];
            if (date is { } d && !into.TryAdd(d, create(d, name, hours)))
            {
                problems.Add(new LoadProblem($"{path}.date", $"{d:yyyy-MM-dd} is listed twice."));
            }
        }
    }

    private static void ReadImports(
        JsonElement root, Func<string, string?>? resolveImport, Dictionary<LocalDate, Holiday> holidays, Dictionary<LocalDate, MakeUpWorkingDay> makeUps, List<LoadProblem> problems)
    {
        // Dates listed explicitly in the calendar win over imported ones; imported dates must not clash with each other.
        var explicitDates = holidays.Keys.Concat(makeUps.Keys).ToHashSet();
        foreach (var (item, path) in JsonFields.Items(root, "imports", "$", problems))
        {
            var source = JsonFields.RequiredString(item, "source", path, problems);
            var format = JsonFields.RequiredString(item, "format", path, problems);
            if (source is null || format is null)
            {
                continue;
            }

            if (format is not ("ical" or "chinese-days"))
            {
                problems.Add(new LoadProblem($"{path}.format", $"Unknown format '{format}'; use 'ical' or 'chinese-days'."));
                continue;
            }

            if (resolveImport is null)
            {
                problems.Add(new LoadProblem($"{path}.source", "The calendar imports files, but no import resolver was given to the loader."));
                continue;
            }

            var text = resolveImport(source);
            if (text is null)
            {
                problems.Add(new LoadProblem($"{path}.source", $"'{source}' was not found."));
                continue;
            }

            var imported = format == "ical" ? IcsHolidayReader.Read(text) : ChineseDaysHolidayReader.Read(text);
            problems.AddRange(imported.Problems.Select(p => new LoadProblem($"{path} ({source}) {p.Path}", p.Message)));
            foreach (var h in imported.Holidays.Where(h => !explicitDates.Contains(h.Date)))
            {
                if (makeUps.ContainsKey(h.Date) || !holidays.TryAdd(h.Date, h))
                {
                    problems.Add(new LoadProblem($"{path}.source", $"{h.Date:yyyy-MM-dd} from '{source}' is already listed by another import."));
                }
            }

            foreach (var m in imported.MakeUpDays.Where(m => !explicitDates.Contains(m.Date)))
            {
                if (holidays.ContainsKey(m.Date) || !makeUps.TryAdd(m.Date, m))
                {
                    problems.Add(new LoadProblem($"{path}.source", $"{m.Date:yyyy-MM-dd} from '{source}' is already listed by another import."));
                }
            }
        }
    }
}
