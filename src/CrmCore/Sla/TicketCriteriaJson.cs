using System.Collections.Immutable;
using System.Text.Json;
using CrmCore.Calendars;
using CrmCore.Tickets;

namespace CrmCore.Sla;

/// <summary>Reads a <c>"when"</c> object into <see cref="TicketCriteria"/> (shared by the SLA and escalation loaders).</summary>
internal static class TicketCriteriaJson
{
    public static TicketCriteria Read(JsonElement parent, string path, List<LoadProblem> problems)
    {
        if (!parent.TryGetProperty("when", out var when))
        {
            return new TicketCriteria();
        }

        path += ".when";
        if (when.ValueKind != JsonValueKind.Object)
        {
            problems.Add(LoadProblem.Of(path, "Load_TicketCriteriaJson_47"));
            return new TicketCriteria();
        }

        JsonFields.CheckKnown(when, path, problems, "urgency", "type", "channel", "tier", "anyTag");
        var urgencies = ImmutableHashSet.CreateBuilder<Urgency>();
        var list = JsonFields.StringArray(when, "urgency", path, problems) ?? [];
        foreach (var u in list)
        {
            if (Enum.TryParse<Urgency>(u, ignoreCase: false, out var value) && Enum.IsDefined(value) && !int.TryParse(u, out _))
            {
                urgencies.Add(value);
            }
            else
            {
                problems.Add(LoadProblem.Of($"{path}.urgency", "Load_TicketCriteriaJson_48", u));
            }
        }

        return new TicketCriteria
        {
            Urgencies = urgencies.ToImmutable(),
            Types = [.. (JsonFields.StringArray(when, "type", path, problems) ?? []).Select(t => new TicketType(t))],
            Channels = [.. (JsonFields.StringArray(when, "channel", path, problems) ?? []).Select(c => new Channel(c))],
            Tiers = [.. JsonFields.StringArray(when, "tier", path, problems) ?? []],
            AnyTags = [.. JsonFields.StringArray(when, "anyTag", path, problems) ?? []],
        };
    }
}
