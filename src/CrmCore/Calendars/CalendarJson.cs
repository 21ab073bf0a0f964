using System.Globalization;
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
        var doc = JsonFields.ParseObject(json, "Load_Calendar_NotObject", problems);
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
            problems.Add(LoadProblem.Of("$.timeZone", "Load_CalendarJson_1", zoneId));
        }

        var alwaysOpen = root.TryGetProperty("alwaysOpen", out var ao) && ao.ValueKind == JsonValueKind.True;
        if (root.TryGetProperty("alwaysOpen", out ao) && ao.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            problems.Add(LoadProblem.Of("$.alwaysOpen", "Load_CalendarJson_2"));
        }

        var week = alwaysOpen ? WeeklySchedule.AlwaysOpen : ReadWeek(root, problems);
        if (alwaysOpen && root.TryGetProperty("week", out _))
        {
            problems.Add(LoadProblem.Of("$.week", "Load_CalendarJson_3"));
        }

        var makeUpHours = root.TryGetProperty("makeUpDayHours", out var mh) ? ReadSlots(mh, "$.makeUpDayHours", problems) : [];
        var holidays = new Dictionary<LocalDate, Holiday>();
        var makeUps = new Dictionary<LocalDate, MakeUpWorkingDay>();
        ReadHolidays(root, holidays, problems);
        ReadMakeUpDays(root, makeUps, problems, holidays);
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
                problems.Add(LoadProblem.Of("$.horizon", "Load_CalendarJson_4"));
            }
            else
            {
                var from = JsonFields.ReadDate(horizon, "from", "$.horizon", problems) ?? definition.HorizonStart;
                var to = JsonFields.ReadDate(horizon, "to", "$.horizon", problems) ?? definition.HorizonEnd;
                if (to < from)
                {
                    problems.Add(LoadProblem.Of("$.horizon", "Load_CalendarJson_5"));
                }

                definition = definition with { HorizonStart = from, HorizonEnd = to };
            }
        }

        if (root.TryGetProperty("holidayCoverage", out var coverage))
        {
            if (coverage.ValueKind != JsonValueKind.Object)
            {
                problems.Add(LoadProblem.Of("$.holidayCoverage", "Load_CalendarJson_4"));
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
                        problems.Add(LoadProblem.Of("$.holidayCoverage", "Load_CalendarJson_5"));
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
            problems.Add(LoadProblem.Of("$", "Load_CalendarJson_6"));
            return null;
        }

        if (week.ValueKind != JsonValueKind.Object)
        {
            problems.Add(LoadProblem.Of("$.week", "Load_CalendarJson_7"));
            return null;
        }

        var days = new Dictionary<IsoDayOfWeek, IEnumerable<OpeningSlot>>();
        foreach (var property in week.EnumerateObject())
        {
            var index = Array.IndexOf(DayNames, property.Name);
            if (index < 0)
            {
                problems.Add(LoadProblem.Of($"$.week.{property.Name}", "Load_CalendarJson_8"));
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
            problems.Add(LoadProblem.Of(path, "Load_CalendarJson_9"));
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
                problems.Add(LoadProblem.Of(itemPath, "Load_CalendarJson_10"));
                continue;
            }

            if (!OpeningSlot.TryParse(parts[0], parts[1], itemPath, out var slot, out var error))
            {
                problems.Add(error!.Value);
                continue;
            }

            slots.Add(slot);
        }

        var sorted = WeeklySchedule.Sort(slots, out var overlap);
        if (overlap is { } pair)
        {
            problems.Add(LoadProblem.Of(path, "Load_CalendarJson_11", pair.First, pair.Second));
            return [];
        }

        return sorted;
    }

    private static void ReadHolidays(JsonElement root, Dictionary<LocalDate, Holiday> holidays, List<LoadProblem> problems) =>
        ReadDatedEntries(root, "holidays", "openHours", holidays, (d, name, hours) => new Holiday(d, name, hours), problems, taken: null);

    private static void ReadMakeUpDays(JsonElement root, Dictionary<LocalDate, MakeUpWorkingDay> makeUps, List<LoadProblem> problems, Dictionary<LocalDate, Holiday> holidays) =>
        ReadDatedEntries(root, "makeUpDays", "hours", makeUps, (d, name, hours) => new MakeUpWorkingDay(d, name, hours), problems, holidays);

    private static void ReadDatedEntries<T>(
        JsonElement root, string member, string hoursMember, Dictionary<LocalDate, T> into, Func<LocalDate, string, ImmutableArray<OpeningSlot>, T> create, List<LoadProblem> problems,
        Dictionary<LocalDate, Holiday>? taken)
    {
        foreach (var (item, path) in JsonFields.Items(root, member, "$", problems))
        {
            JsonFields.CheckKnown(item, path, problems, "date", "name", hoursMember);
            var date = JsonFields.ReadDate(item, "date", path, problems);
            var name = JsonFields.OptionalString(item, "name", path, problems);
            var hours = item.TryGetProperty(hoursMember, out var h) ? ReadSlots(h, $"{path}.{hoursMember}", problems) : [];
            if (date is { } d && taken is not null && taken.ContainsKey(d))
            {
                problems.Add(LoadProblem.Of($"{path}.date", "Load_CalendarJson_HolidayAndMakeUp", d));
            }
            else if (date is { } day && !into.TryAdd(day, create(day, name, hours)))
            {
                problems.Add(LoadProblem.Of($"{path}.date", "Load_CalendarJson_12", day));
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
                problems.Add(LoadProblem.Of($"{path}.format", "Load_CalendarJson_13", format));
                continue;
            }

            if (resolveImport is null)
            {
                problems.Add(LoadProblem.Of($"{path}.source", "Load_CalendarJson_14"));
                continue;
            }

            var text = resolveImport(source);
            if (text is null)
            {
                problems.Add(LoadProblem.Of($"{path}.source", "Load_CalendarJson_15", source));
                continue;
            }

            var imported = format == "ical" ? IcsHolidayReader.Read(text) : ChineseDaysHolidayReader.Read(text);
            // The import's own line:col belongs to the imported file, so it goes into the path next to that file's name.
            problems.AddRange(imported.Problems.Select(p => p.Line > 0
                ? p with { Path = string.Create(CultureInfo.InvariantCulture, $"{path} ({source}:{p.Line}:{p.Column})"), Line = 0, Column = 0 }
                : p with { Path = $"{path} ({source}) {p.Path}" }));
            foreach (var h in imported.Holidays.Where(h => !explicitDates.Contains(h.Date)))
            {
                if (makeUps.ContainsKey(h.Date) || !holidays.TryAdd(h.Date, h))
                {
                    problems.Add(LoadProblem.Of($"{path}.source", "Load_CalendarJson_16", h.Date, source));
                }
            }

            foreach (var m in imported.MakeUpDays.Where(m => !explicitDates.Contains(m.Date)))
            {
                if (holidays.ContainsKey(m.Date) || !makeUps.TryAdd(m.Date, m))
                {
                    problems.Add(LoadProblem.Of($"{path}.source", "Load_CalendarJson_16", m.Date, source));
                }
            }
        }
    }
}
