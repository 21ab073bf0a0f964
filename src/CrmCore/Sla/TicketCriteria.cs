using System.Collections.Immutable;
using CrmCore.Tickets;

namespace CrmCore.Sla;

/// <summary>
/// A data condition on a ticket's urgency, type, channel, tier and tags, as written in policy and ladder JSON (<c>"when"</c>). Each
/// non-empty list must contain the ticket's value (tags: any of them); empty lists match everything, so an empty criteria matches all
/// tickets. Immutable and thread-safe.
/// </summary>
public sealed record TicketCriteria : ISlaCondition
{
    /// <summary>Urgencies that match; empty means any.</summary>
    public ImmutableHashSet<Urgency> Urgencies
    {
        get => field ?? [];
        init
        {
            ArgumentNullException.ThrowIfNull(value);
            field = value;
            _urgencyMask = 0;
            foreach (var u in value)
            {
                _urgencyMask |= (uint)u < 32 ? 1u << (int)u : 0u;
            }
        }
    }

    private readonly uint _urgencyMask;

    /// <summary>Ticket types that match; empty means any.</summary>
    public ImmutableHashSet<TicketType> Types { get; init; } = [];

    /// <summary>Channels that match; empty means any.</summary>
    public ImmutableHashSet<Channel> Channels { get; init; } = [];

    /// <summary>Customer tiers that match (ordinal codes such as <c>A</c>); empty means any.</summary>
    public ImmutableHashSet<string> Tiers { get; init; } = [];

    /// <summary>Tags of which at least one must be on the ticket; empty means no requirement.</summary>
    public ImmutableHashSet<string> AnyTags { get; init; } = [];

    /// <inheritdoc />
    public string Name
    {
        get
        {
            var parts = new List<string>();
            Add(parts, "urgency", Urgencies.Select(u => u.ToString()));
            Add(parts, "type", Types.Select(t => t.Code));
            Add(parts, "channel", Channels.Select(c => c.Code));
            Add(parts, "tier", Tiers);
            Add(parts, "tags", AnyTags);
            return parts.Count == 0 ? "any ticket" : string.Join(" and ", parts);
        }
    }

    /// <inheritdoc />
    public bool Matches(SlaTicket ticket) =>
        (_urgencyMask == 0 || ((uint)ticket.Urgency < 32 && (_urgencyMask & (1u << (int)ticket.Urgency)) != 0))
        && (Types.IsEmpty || Types.Contains(ticket.Type))
        && (Channels.IsEmpty || Channels.Contains(ticket.Channel))
        && (Tiers.IsEmpty || (ticket.Tier is not null && Tiers.Contains(ticket.Tier)))
        && (AnyTags.IsEmpty || ticket.Tags.Any(AnyTags.Contains));

    private static void Add(List<string> parts, string label, IEnumerable<string> values)
    {
        var list = values.Order(StringComparer.Ordinal).ToList();
        if (list.Count > 0)
        {
            parts.Add($"{label} in [{string.Join(", ", list)}]");
        }
    }
}
