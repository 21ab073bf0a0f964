namespace CrmCore.Agents;

/// <summary>
/// An agent as plain data, for stores: what <see cref="Agent.ToState"/> writes and <see cref="Agent.Restore"/> reads. It holds the
/// profile (name, home team, skills, capacity, shift) and what a host sets while the agent works (availability, temporary teams
/// joined). The number of tickets in hand is not stored: it follows from the open tickets the agent owns, and the desk counts them
/// when it restores the agent. Immutable.
/// </summary>
public sealed record AgentState
{
    /// <summary>The id.</summary>
    public required AgentId Id { get; init; }

    /// <summary>The version (1 when first stored, one more per change); used by stores for optimistic concurrency.</summary>
    public required long Version { get; init; }

    /// <summary>The display name.</summary>
    public required string Name { get; init; }

    /// <summary>The home team (service group).</summary>
    public required TeamId Team { get; init; }

    /// <summary>The skills with proficiency levels.</summary>
    public required SkillSet Skills { get; init; }

    /// <summary>The WIP cap, 1–1000.</summary>
    public required int Capacity { get; init; }

    /// <summary>The working shift, or null.</summary>
    public Shift? Shift { get; init; }

    /// <summary>The availability when the state was taken.</summary>
    public Availability Availability { get; init; } = Availability.Offline;

    /// <summary>The temporary teams joined besides the home team, in joining order.</summary>
    public IReadOnlyList<TeamId> JoinedTeams { get; init; } = [];
}
