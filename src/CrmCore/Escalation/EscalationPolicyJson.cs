using System.Text.Json;
using CrmCore.Calendars;
using CrmCore.Sla;
using NodaTime;

namespace CrmCore.Escalation;

/// <summary>
/// Loads escalation policies from JSON (format in <c>docs/sla.md</c>) and gives the seed ladders of documents 001 and 003.
/// Thread-safe (stateless).
/// </summary>
public static class EscalationPolicyJson
{
    private static readonly Lazy<EscalationPolicy> Seed001 = new(() => Load(EmbeddedText.Read("Escalation.Defaults.escalation-001.json")).GetValueOrThrow());
    private static readonly Lazy<EscalationPolicy> Seed003 = new(() => Load(EmbeddedText.Read("Escalation.Defaults.escalation-003.json")).GetValueOrThrow());

    /// <summary>Document 001: urgent/major tickets unresolved after 1 business hour go to the supervisor; an overdue resolution
    /// reminds the supervisor, then goes to the department head 4 business hours later.</summary>
    public static EscalationPolicy Document001 => Seed001.Value;

    /// <summary>Document 003: product issues (faults) go to technical support at once and to the product manager after 2 business
    /// hours unresolved; major (complex) issues go to the supervisor at once.</summary>
    public static EscalationPolicy Document003 => Seed003.Value;

    /// <summary>Loads an escalation policy. Never throws for bad input: every problem is listed with its JSON path.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The policy or the problems.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    public static LoadResult<EscalationPolicy> Load(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var problems = new List<LoadProblem>();
        using var doc = JsonFields.ParseObject(json, "Load_EscalationPolicy_NotObject", problems);
        if (doc is null)
        {
            return new LoadResult<EscalationPolicy>(null, [.. problems]);
        }

        var root = doc.RootElement;
        JsonFields.CheckKnown(root, "$", problems, "$schema", "name", "description", "ladders");
        var name = JsonFields.RequiredString(root, "name", "$", problems);
        var ladders = new List<EscalationLadder>();
        foreach (var (item, path) in JsonFields.Items(root, "ladders", "$", problems))
        {
            JsonFields.CheckKnown(item, path, problems, "name", "when", "steps");
            var ladderName = JsonFields.RequiredString(item, "name", path, problems);
            var when = TicketCriteriaJson.Read(item, path, problems);
            var steps = new List<EscalationStep>();
            foreach (var (s, sPath) in JsonFields.Items(item, "steps", path, problems))
            {
                if (ReadStep(s, sPath, problems) is { } step)
                {
                    if (steps.Any(x => x.Level == step.Level))
                    {
                        problems.Add(new LoadProblem($"{sPath}.level", $"Level {step.Level} is already used in this ladder."));
                        continue;
                    }

                    steps.Add(step);
                }
            }

            if (ladderName is not null && ladders.Any(l => l.Name == ladderName))
            {
                problems.Add(new LoadProblem($"{path}.name", $"Another ladder is named '{ladderName}'."));
            }
            else if (ladderName is not null && problems.Count == 0)
            {
                ladders.Add(new EscalationLadder(ladderName, when, steps));
            }
        }

        var policy = problems.Count == 0 ? new EscalationPolicy(name!, ladders) : null;
        return new LoadResult<EscalationPolicy>(policy, [.. problems]);
    }

    private static EscalationStep? ReadStep(JsonElement s, string path, List<LoadProblem> problems)
    {
        var count = problems.Count;
        JsonFields.CheckKnown(s, path, problems, "level", "role", "team", "anchor", "metric", "after", "calendar", "reason");
        var level = JsonFields.Number(s, "level", path, problems);
        if (level is null || level <= 0 || level != Math.Floor(level.Value) || level > 100)
        {
            problems.Add(new LoadProblem($"{path}.level", "Expected a whole number from 1 to 100."));
        }

        var hasRole = s.TryGetProperty("role", out _);
        var hasTeam = s.TryGetProperty("team", out _);
        string? targetName = null;
        if (hasRole == hasTeam)
        {
            problems.Add(new LoadProblem(path, "Give exactly one of 'role' and 'team'."));
        }
        else
        {
            targetName = JsonFields.RequiredString(s, hasRole ? "role" : "team", path, problems);
        }

        var anchorText = s.TryGetProperty("anchor", out _) ? JsonFields.RequiredString(s, "anchor", path, problems) : "Raised";
        EscalationAnchor anchor = default;
        if (anchorText is not null && !(Enum.TryParse(anchorText, ignoreCase: false, out anchor) && Enum.IsDefined(anchor) && !int.TryParse(anchorText, out _)))
        {
            problems.Add(new LoadProblem($"{path}.anchor", $"'{anchorText}' is not an anchor; use Raised, Warning or Due."));
        }

        var metric = s.TryGetProperty("metric", out _) ? JsonFields.RequiredString(s, "metric", path, problems) : null;
        if (anchor != EscalationAnchor.Raised && metric is null)
        {
            problems.Add(new LoadProblem(path, $"A {anchor} anchor needs a 'metric' such as \"Resolution\"."));
        }

        var after = JsonFields.IsoDuration(s, "after", path, problems) ?? Duration.Zero;
        var calendar = s.TryGetProperty("calendar", out _) ? JsonFields.RequiredString(s, "calendar", path, problems) : null;
        var reason = JsonFields.RequiredString(s, "reason", path, problems);
        if (problems.Count != count)
        {
            return null;
        }

        return new EscalationStep
        {
            Level = (int)level!.Value,
            Target = new EscalationTarget(hasRole ? EscalationTargetKind.Role : EscalationTargetKind.Team, targetName!),
            Anchor = anchor,
            Metric = metric is null ? null : new SlaMetric(metric),
            After = after,
            Calendar = calendar,
            Reason = reason!,
        };
    }
}
