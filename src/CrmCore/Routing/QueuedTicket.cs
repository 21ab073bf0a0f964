using CrmCore.Agents;
using CrmCore.Tickets;
using NodaTime;

namespace CrmCore.Routing;

/// <summary>
/// A ticket as the routing queue sees it: its id, the team (service group) it waits for, the static priority from the priority
/// rules, the SLA due time, the skills an agent needs and when it was queued. Immutable. The queue keeps times at tick (100 ns)
/// precision; finer parts are dropped.
/// </summary>
public readonly record struct QueuedTicket
{
    /// <summary>The largest magnitude a static priority may have: 10^15 (so adding the SLA term cannot overflow).</summary>
    public const long MaxStaticPriority = 1_000_000_000_000_000;

    /// <summary>Creates a queue entry.</summary>
    /// <param name="id">The ticket's id; must not be the default instance.</param>
    /// <param name="group">The team the ticket waits for; must not be the default instance.</param>
    /// <param name="staticPriority">The static priority from the priority rules; higher is served first. Between ±<see cref="MaxStaticPriority"/>.</param>
    /// <param name="due">The SLA due time, or null when no SLA applies (then no time term is added).</param>
    /// <param name="requiredSkills">The skills an agent must have (levels are minimums); null means none.</param>
    /// <param name="enqueuedAt">When the ticket joined the queue; breaks ties between equal priorities and due times.</param>
    /// <exception cref="ArgumentException">An id is the default instance.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="staticPriority"/> is out of range.</exception>
    public QueuedTicket(TicketId id, TeamId group, long staticPriority, Instant? due, SkillSet? requiredSkills, Instant enqueuedAt)
    {
        if (id.IsEmpty)
        {
            throw new ArgumentException("The ticket id must not be the default instance.", nameof(id));
        }

        if (group.IsEmpty)
        {
            throw new ArgumentException("The group must not be the default instance.", nameof(group));
        }

        ArgumentOutOfRangeException.ThrowIfGreaterThan(staticPriority, MaxStaticPriority);
        ArgumentOutOfRangeException.ThrowIfLessThan(staticPriority, -MaxStaticPriority);
        Id = id;
        Group = group;
        StaticPriority = staticPriority;
        Due = due is { } d ? Instant.FromUnixTimeTicks(d.ToUnixTimeTicks()) : null;
        RequiredSkills = requiredSkills ?? SkillSet.Empty;
        EnqueuedAt = Instant.FromUnixTimeTicks(enqueuedAt.ToUnixTimeTicks());
    }

    /// <summary>The ticket's id.</summary>
    public TicketId Id { get; }

    /// <summary>The team (service group) the ticket waits for.</summary>
    public TeamId Group { get; }

    /// <summary>The static priority from the priority rules.</summary>
    public long StaticPriority { get; }

    /// <summary>The SLA due time, or null.</summary>
    public Instant? Due { get; }

    /// <summary>The skills an agent needs; never null (empty when none).</summary>
    public SkillSet RequiredSkills { get => field ?? SkillSet.Empty; }

    /// <summary>When the ticket joined the queue.</summary>
    public Instant EnqueuedAt { get; }

    /// <summary>A copy waiting for another team (used for transfer and overflow).</summary>
    /// <param name="group">The new team; must not be the default instance.</param>
    /// <returns>The copy.</returns>
    public QueuedTicket WithGroup(TeamId group) => new(Id, group, StaticPriority, Due, RequiredSkills, EnqueuedAt);

    /// <summary>A copy with another static priority and due time (for example after the ticket's urgency changed).</summary>
    /// <param name="staticPriority">The new static priority.</param>
    /// <param name="due">The new due time, or null.</param>
    /// <returns>The copy.</returns>
    public QueuedTicket WithPriority(long staticPriority, Instant? due) => new(Id, Group, staticPriority, due, RequiredSkills, EnqueuedAt);
}
