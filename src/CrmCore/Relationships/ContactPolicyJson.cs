using System.Collections.Immutable;
using System.Text.Json;
using CrmCore.Calendars;
using CrmCore.Churn;
using NodaTime;
using NodaTime.Text;

namespace CrmCore.Relationships;

/// <summary>
/// Loads a <see cref="ContactPolicy"/> from JSON (format in <c>docs/relationships.md</c>; the shipped files are
/// <c>src/CrmCore/Relationships/Defaults/contact-policy-doc001.json</c> and <c>-doc003.json</c>). Never throws for bad input: every
/// problem is listed with its JSON path and its 1-based line and column in the text. Thread-safe (stateless).
/// </summary>
public static class ContactPolicyJson
{
    /// <summary>The largest policy text accepted, in characters (1 MiB): a policy is a few kilobytes.</summary>
    public const int MaxLength = 1 << 20;

    private static readonly string[] ChannelNames = ["call", "visit", "email", "sms", "care-message", "supervisor-call"];
    private static readonly string[] ShiftNames = ["next-working-day", "previous-working-day", "keep"];
    private static readonly string[] BandNames = ["low", "medium", "high"];

    /// <summary>Loads a policy.</summary>
    /// <param name="json">The policy JSON text.</param>
    /// <returns>The policy, or every problem with its JSON path and (except for a text over <see cref="MaxLength"/>) its line and column.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    public static LoadResult<ContactPolicy> Load(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var problems = new List<LoadProblem>();
        if (json.Length > MaxLength)
        {
            return new LoadResult<ContactPolicy>(null, [LoadProblem.Of("$", "Load_ContactPolicy_TooLong", json.Length, MaxLength)]);
        }

        using var doc = JsonFields.Parse(json, problems);
        if (doc is null)
        {
            return new LoadResult<ContactPolicy>(null, [.. problems]);
        }

        if (doc.RootElement.ValueKind != JsonValueKind.Object)
        {
            problems.Add(LoadProblem.Of("$", "Load_ContactPolicy_NotObject"));
            return new LoadResult<ContactPolicy>(null, Placed(json, problems));
        }

        var root = doc.RootElement;
        JsonFields.CheckKnown(root, "$", problems, "$schema", "name", "source", "dueOnHoliday", "cadences", "care", "contractExpiry", "churnFollowUp", "silentCare");
        var name = JsonFields.RequiredString(root, "name", "$", problems);
        JsonFields.OptionalString(root, "source", "$", problems);
        var shift = Enum(root, "dueOnHoliday", "$", ShiftNames, problems) is { } s ? (HolidayShift)s : HolidayShift.NextWorkingDay;

        var cadences = new List<ContactCadence>();
        foreach (var (item, path) in JsonFields.Items(root, "cadences", "$", problems))
        {
            JsonFields.CheckKnown(item, path, problems, "tiers", "channel", "every", "purpose");
            var tiers = JsonFields.StringArray(item, "tiers", path, problems);
            if (tiers is null || tiers.Count == 0)
            {
                problems.Add(LoadProblem.Of($"{path}.tiers", "Load_ContactPolicy_Tiers"));
            }

            var channel = RequiredEnum(item, "channel", path, ChannelNames, problems);
            var every = ReadPeriod(item, "every", path, allowYears: true, problems);
            var purpose = JsonFields.RequiredString(item, "purpose", path, problems);
            if (tiers is { Count: > 0 } && channel is { } c && every is { } e && purpose is not null)
            {
                cadences.Add(new ContactCadence([.. tiers.Select(t => t.Trim())], (ContactChannel)c, e, purpose));
            }
        }

        var policy = new ContactPolicy
        {
            Name = name ?? string.Empty,
            Cadences = [.. cadences],
            DueOnHoliday = shift,
            Care = ReadCare(root, problems),
            ContractExpiry = ReadContractExpiry(root, problems),
            ChurnFollowUp = ReadChurn(root, problems),
            SilentCare = ReadSilent(root, problems),
        };
        return problems.Count > 0 ? new LoadResult<ContactPolicy>(null, Placed(json, problems)) : new LoadResult<ContactPolicy>(policy, []);
    }

    /// <summary>
    /// Loads a policy and finds the parts of it that would plan nothing on <paramref name="calendar"/> for customers of
    /// <paramref name="tiers"/> (see <see cref="ContactPolicy.Check"/>), each with the line and column of the JSON value in
    /// <paramref name="json"/>.
    /// </summary>
    /// <param name="json">The policy JSON text.</param>
    /// <param name="calendar">The calendar the policy plans on.</param>
    /// <param name="tiers">The tiers of the customers planned (null or blank for a customer with none); null to leave cadences unchecked.</param>
    /// <returns>The warnings; the load problems instead when <paramref name="json"/> is not a valid policy.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> or <paramref name="calendar"/> is null.</exception>
    public static ImmutableArray<LoadProblem> Check(string json, BusinessCalendar calendar, IEnumerable<string?>? tiers = null)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var loaded = Load(json);
        if (!loaded.Success)
        {
            return loaded.Problems;
        }

        var positions = JsonFields.Positions(json);
        return [.. loaded.Value.Check(calendar, tiers).Select(p => p.At(positions))];
    }

    /// <summary>
    /// The problems of a well-formed policy text, each at the 1-based line and column of its value (a missing member at its object's),
    /// as the calendar loader places a syntax error, so a user finds every one in the file.
    /// </summary>
    private static ImmutableArray<LoadProblem> Placed(string json, List<LoadProblem> problems)
    {
        var positions = JsonFields.Positions(json);
        return [.. problems.Select(p => p.Line > 0 ? p : Locate(p, positions))];
    }

    private static LoadProblem Locate(LoadProblem problem, IReadOnlyDictionary<string, (int Line, int Column)> positions)
    {
        // The value itself, else the nearest enclosing value that is there ($.cadences[0].tiers when absent: $.cadences[0]).
        for (var path = problem.Path; path.Length > 0; path = path[..Math.Max(0, path.LastIndexOfAny(['.', '[']))])
        {
            if (positions.TryGetValue(path, out var at))
            {
                return problem with { Line = at.Line, Column = at.Column };
            }
        }

        return problem;
    }

    private static CareSettings? ReadCare(JsonElement root, List<LoadProblem> problems)
    {
        if (Section(root, "care", problems) is not { } care)
        {
            return null;
        }

        const string path = "$.care";
        JsonFields.CheckKnown(care, path, problems, "leadDays", "birthdays", "holidays", "channel", "dueOnHoliday");
        var lead = Integer(care, "leadDays", path, 0, 60, problems);
        var birthdays = true;
        if (care.TryGetProperty("birthdays", out var b))
        {
            if (b.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                problems.Add(LoadProblem.Of($"{path}.birthdays", "Load_ContactPolicy_Boolean"));
            }

            birthdays = b.ValueKind == JsonValueKind.True;
        }

        var holidays = JsonFields.StringArray(care, "holidays", path, problems) ?? [];
        var channel = RequiredEnum(care, "channel", path, ChannelNames, problems);
        var shift = Enum(care, "dueOnHoliday", path, ShiftNames, problems) is { } s ? (HolidayShift)s : HolidayShift.PreviousWorkingDay;
        return lead is { } l && channel is { } c ? new CareSettings(l, birthdays, [.. holidays], (ContactChannel)c, shift) : null;
    }

    private static ContractExpirySettings? ReadContractExpiry(JsonElement root, List<LoadProblem> problems)
    {
        if (Section(root, "contractExpiry", problems) is not { } section)
        {
            return null;
        }

        const string path = "$.contractExpiry";
        JsonFields.CheckKnown(section, path, problems, "leadDays", "channel");
        var lead = Integer(section, "leadDays", path, 1, 366, problems);
        var channel = RequiredEnum(section, "channel", path, ChannelNames, problems);
        return lead is { } l && channel is { } c ? new ContractExpirySettings(l, (ContactChannel)c) : null;
    }

    private static ChurnFollowUpSettings? ReadChurn(JsonElement root, List<LoadProblem> problems)
    {
        if (Section(root, "churnFollowUp", problems) is not { } section)
        {
            return null;
        }

        const string path = "$.churnFollowUp";
        JsonFields.CheckKnown(section, path, problems, "band", "within", "channel");
        var band = RequiredEnum(section, "band", path, BandNames, problems);
        var within = JsonFields.IsoDuration(section, "within", path, problems);
        if (within is null && !section.TryGetProperty("within", out _))
        {
            problems.Add(LoadProblem.Of(path, "Load_ContactPolicy_WithinMissing"));
        }
        else if (within == Duration.Zero)
        {
            problems.Add(LoadProblem.Of($"{path}.within", "Load_ContactPolicy_Positive"));
        }

        var channel = RequiredEnum(section, "channel", path, ChannelNames, problems);
        return band is { } b && within is { } w && channel is { } c ? new ChurnFollowUpSettings((ChurnBand)b, w, (ContactChannel)c) : null;
    }

    private static SilentCareSettings? ReadSilent(JsonElement root, List<LoadProblem> problems)
    {
        if (Section(root, "silentCare", problems) is not { } section)
        {
            return null;
        }

        const string path = "$.silentCare";
        JsonFields.CheckKnown(section, path, problems, "after", "channel");
        var after = ReadPeriod(section, "after", path, allowYears: false, problems);
        var channel = RequiredEnum(section, "channel", path, ChannelNames, problems);
        return after is { } a && channel is { } c ? new SilentCareSettings(a, (ContactChannel)c) : null;
    }

    private static JsonElement? Section(JsonElement root, string member, List<LoadProblem> problems)
    {
        if (!root.TryGetProperty(member, out var section) || section.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (section.ValueKind != JsonValueKind.Object)
        {
            problems.Add(LoadProblem.Of($"$.{member}", "Load_ContactPolicy_Section"));
            return null;
        }

        return section;
    }

    private static int? Integer(JsonElement parent, string member, string path, int min, int max, List<LoadProblem> problems)
    {
        if (!parent.TryGetProperty(member, out var value))
        {
            problems.Add(LoadProblem.Of(path, "Load_ContactPolicy_Missing", member));
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var n) || n < min || n > max)
        {
            problems.Add(LoadProblem.Of($"{path}.{member}", "Load_ContactPolicy_Integer", min, max));
            return null;
        }

        return n;
    }

    private static int? RequiredEnum(JsonElement parent, string member, string path, string[] names, List<LoadProblem> problems)
    {
        if (!parent.TryGetProperty(member, out _))
        {
            problems.Add(LoadProblem.Of(path, "Load_ContactPolicy_ChoiceMissing", member, string.Join(", ", names)));
            return null;
        }

        return Enum(parent, member, path, names, problems);
    }

    private static int? Enum(JsonElement parent, string member, string path, string[] names, List<LoadProblem> problems)
    {
        if (!parent.TryGetProperty(member, out var value))
        {
            return null;
        }

        var text = value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        var index = text is null ? -1 : Array.IndexOf(names, text);
        if (index < 0)
        {
            problems.Add(LoadProblem.Of($"{path}.{member}", "Load_ContactPolicy_ChoiceUnknown", value.ToString(), string.Join(", ", names)));
            return null;
        }

        return index;
    }

    private static Period? ReadPeriod(JsonElement parent, string member, string path, bool allowYears, List<LoadProblem> problems)
    {
        var text = JsonFields.RequiredString(parent, member, path, problems);
        if (text is null)
        {
            return null;
        }

        var parsed = PeriodPattern.Roundtrip.Parse(text);
        var units = parsed.Success ? new[] { parsed.Value.Years, parsed.Value.Months, parsed.Value.Weeks, parsed.Value.Days } : [];
        var valid = parsed.Success && parsed.Value.HasDateComponent && !parsed.Value.HasTimeComponent
            && units.Count(u => u != 0) == 1 && units.All(u => u >= 0) && (allowYears || parsed.Value.Years == 0);
        if (!valid)
        {
            problems.Add(LoadProblem.Of($"{path}.{member}", "Load_ContactPolicy_Period", text));
            return null;
        }

        return parsed.Value;
    }
}
