using System.Collections.Immutable;
using System.Text.Json;
using CrmCore.Calendars;
using CrmCore.Tickets;

namespace CrmCore.Sla;

/// <summary>
/// Loads SLA policy sets from JSON (format in <c>docs/sla.md</c>) and gives the seed defaults of documents 001 and 003.
/// Thread-safe (stateless).
/// </summary>
public static class SlaPolicyJson
{
    private static readonly Lazy<SlaPolicySet> Seed001 = new(() => Load(EmbeddedText.Read("Sla.Defaults.sla-001.json")).GetValueOrThrow());
    private static readonly Lazy<SlaPolicySet> Seed003 = new(() => Load(EmbeddedText.Read("Sla.Defaults.sla-003.json")).GetValueOrThrow());

    /// <summary>Document 001's policies: urgent/major resolved within 4 business hours, general within 24, first response within
    /// 2 hours, revisit within 2 working days; all on the calendar named <c>default</c>.</summary>
    public static SlaPolicySet Document001 => Seed001.Value;

    /// <summary>Document 003's policies: first response within 10 minutes online and 2 hours by phone, a progress update within
    /// 30 minutes on major issues, revisit within 24 business hours; all on the calendar named <c>default</c>.</summary>
    public static SlaPolicySet Document003 => Seed003.Value;

    /// <summary>The JSON text of a seed policy set (<c>001</c> or <c>003</c>), for printing or as a starting point.</summary>
    /// <param name="document">The document number, <c>001</c> or <c>003</c>.</param>
    /// <returns>The JSON text.</returns>
    /// <exception cref="ArgumentException">Another document number.</exception>
    public static string SeedText(string document) => document switch
    {
        "001" or "003" => EmbeddedText.Read($"Sla.Defaults.sla-{document}.json"),
        _ => throw new ArgumentException("Seed SLA policies exist for documents 001 and 003.", nameof(document)),
    };

    /// <summary>Loads a policy set. Never throws for bad input: every problem is listed with its JSON path.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The policy set or the problems.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    public static LoadResult<SlaPolicySet> Load(string json)
    {
        // A null json is refused by the parser (ArgumentNullException for "json").
        var problems = new List<LoadProblem>();
        using var doc = JsonFields.ParseObject(json, "Load_SlaPolicy_NotObject", problems);
        if (doc is null)
        {
            return new LoadResult<SlaPolicySet>(null, [.. problems]);
        }

        var root = doc.RootElement;
        JsonFields.CheckKnown(root, "$", problems, "$schema", "name", "description", "policies", "default");
        var name = JsonFields.RequiredString(root, "name", "$", problems);
        var rules = new List<SlaPolicyRule>();
        foreach (var (item, path) in JsonFields.Items(root, "policies", "$", problems))
        {
            var condition = TicketCriteriaJson.Read(item, path, problems);
            if (ReadPolicy(item, path, problems, "when") is { } policy)
            {
                rules.Add(new SlaPolicyRule(condition, policy));
            }
        }

        SlaPolicy? fallback = null;
        if (!root.TryGetProperty("default", out var def) || def.ValueKind != JsonValueKind.Object)
        {
            problems.Add(LoadProblem.Of("$.default", "Load_SlaPolicyJson_39"));
        }
        else
        {
            fallback = ReadPolicy(def, "$.default", problems);
        }

        var set = problems.Count == 0 ? new SlaPolicySet(name!, rules, fallback!) : null;
        return new LoadResult<SlaPolicySet>(set, [.. problems]);
    }

    private static SlaPolicy? ReadPolicy(JsonElement item, string path, List<LoadProblem> problems, params string[] extra)
    {
        JsonFields.CheckKnown(item, path, problems, [.. extra, "name", "targets"]);
        var name = JsonFields.RequiredString(item, "name", path, problems);
        var targets = new List<SlaTarget>();
        foreach (var (t, tPath) in JsonFields.Items(item, "targets", path, problems))
        {
            if (ReadTarget(t, tPath, problems) is { } target)
            {
                if (targets.Any(x => x.Metric == target.Metric))
                {
                    problems.Add(LoadProblem.Of($"{tPath}.metric", "Load_SlaPolicyJson_40", target.Metric));
                    continue;
                }

                targets.Add(target);
            }
        }

        if (!item.TryGetProperty("targets", out _))
        {
            problems.Add(LoadProblem.Of(path, "Load_SlaPolicyJson_41"));
        }

        // A policy with problems below its name is still built from its valid targets: the set is refused anyway.
        return name is null ? null : new SlaPolicy(name, targets);
    }

    private static SlaTarget? ReadTarget(JsonElement t, string path, List<LoadProblem> problems)
    {
        JsonFields.CheckKnown(t, path, problems, "metric", "within", "workingDays", "calendar", "pausedIn", "warnAtPercent", "warnBefore");
        var metric = JsonFields.RequiredString(t, "metric", path, problems);
        var within = JsonFields.IsoDuration(t, "within", path, problems);
        var days = JsonFields.Number(t, "workingDays", path, problems);
        var calendar = t.TryGetProperty("calendar", out _) ? JsonFields.RequiredString(t, "calendar", path, problems) : "default";
        var ok = metric is not null && calendar is not null;
        if (t.TryGetProperty("within", out _) == t.TryGetProperty("workingDays", out _))
        {
            problems.Add(LoadProblem.Of(path, "Load_SlaPolicyJson_42"));
            ok = false;
        }

        if (days is { } d && (d < 0 || d != Math.Floor(d) || d > 3650))
        {
            problems.Add(LoadProblem.Of($"{path}.workingDays", "Load_SlaPolicyJson_43"));
            ok = false;
        }

        var paused = ImmutableHashSet.CreateBuilder<TicketStatus>();
        foreach (var s in JsonFields.StringArray(t, "pausedIn", path, problems) ?? [])
        {
            if (Enum.TryParse<TicketStatus>(s, ignoreCase: false, out var status) && Enum.IsDefined(status) && !int.TryParse(s, out _))
            {
                paused.Add(status);
            }
            else
            {
                problems.Add(LoadProblem.Of($"{path}.pausedIn", "Load_SlaPolicyJson_50", s, string.Join(", ", Enum.GetNames<TicketStatus>())));
                ok = false;
            }
        }

        var percent = JsonFields.Number(t, "warnAtPercent", path, problems);
        var before = JsonFields.IsoDuration(t, "warnBefore", path, problems);
        SlaWarningLead warning = default;
        if (percent is not null && before is not null)
        {
            problems.Add(LoadProblem.Of(path, "Load_SlaPolicyJson_44"));
            ok = false;
        }
        else if (percent is { } p)
        {
            if (p is < 0 or > 100)
            {
                problems.Add(LoadProblem.Of($"{path}.warnAtPercent", "Load_SlaPolicyJson_45"));
                ok = false;
            }
            else
            {
                warning = SlaWarningLead.AtPercentUsed(p);
            }
        }
        else if (before is { } b)
        {
            if (b == NodaTime.Duration.Zero)
            {
                problems.Add(LoadProblem.Of($"{path}.warnBefore", "Load_SlaPolicyJson_46"));
                ok = false;
            }
            else
            {
                warning = SlaWarningLead.BeforeDue(b);
            }
        }

        if (!ok || (within is null && days is null))
        {
            return null;
        }

        var target = within is { } w ? new SlaTarget(new SlaMetric(metric!), w, calendar!) : new SlaTarget(new SlaMetric(metric!), (int)days!.Value, calendar!);
        return target with { PausedIn = paused.ToImmutable(), Warning = warning };
    }
}
