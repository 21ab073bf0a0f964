using System.Collections.Immutable;

namespace CrmCore.Agents;

/// <summary>
/// A service agent: a fixed profile (id, name, home team, skills, capacity, optional shift) plus run-time state that changes while
/// the agent works (availability, the number of tickets in hand, temporary teams joined). All members are thread-safe: the
/// run-time state is changed with atomic operations, so many threads may route work to the same agent at once.
/// </summary>
public sealed class Agent
{
    private ImmutableArray<TeamId> _teams;
    private int _availability;
    private int _activeCount;
    private int _teamsVersion;

    /// <summary>Creates an agent, <see cref="Availability.Offline"/> and holding no tickets.</summary>
    /// <param name="id">The agent's id; must not be the default instance.</param>
    /// <param name="name">The display name; must not be empty.</param>
    /// <param name="team">The home team (service group); must not be the default instance.</param>
    /// <param name="skills">What the agent can do, with proficiency levels.</param>
    /// <param name="capacity">The WIP cap: how many tickets the agent may hold at once, 1–1000.</param>
    /// <param name="shift">The working shift, or null when the host manages availability without one.</param>
    /// <exception cref="ArgumentException">An id is the default instance or the name is empty.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="skills"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="capacity"/> is outside 1–1000.</exception>
    public Agent(AgentId id, string name, TeamId team, SkillSet skills, int capacity, Shift? shift = null)
    {
        if (id.IsEmpty)
        {
            throw new ArgumentException("The agent id must not be the default instance.", nameof(id));
        }

        if (team.IsEmpty)
        {
            throw new ArgumentException("The team id must not be the default instance.", nameof(team));
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(skills);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(capacity, 1000);
        Id = id;
        Name = name;
        Team = team;
        Skills = skills;
        Capacity = capacity;
        Shift = shift;
        _teams = [team];
    }

    /// <summary>The agent's id.</summary>
    public AgentId Id { get; }

    /// <summary>The display name.</summary>
    public string Name { get; }

    /// <summary>The home team (service group).</summary>
    public TeamId Team { get; }

    /// <summary>The agent's skills with proficiency levels.</summary>
    public SkillSet Skills { get; }

    /// <summary>The WIP cap: the most tickets the agent may hold at once.</summary>
    public int Capacity { get; }

    /// <summary>The working shift, or null.</summary>
    public Shift? Shift { get; }

    /// <summary>The current availability; <see cref="Availability.Offline"/> until set.</summary>
    public Availability Availability => (Availability)Volatile.Read(ref _availability);

    /// <summary>How many tickets the agent holds now (0 to <see cref="Capacity"/>).</summary>
    public int ActiveCount => Volatile.Read(ref _activeCount);

    /// <summary>The share of capacity in use, 0–1.</summary>
    public double Load => (double)ActiveCount / Capacity;

    /// <summary>True when the agent is online and below capacity, so it may take another ticket.</summary>
    public bool CanTakeWork => Availability == Availability.Online && ActiveCount < Capacity;

    /// <summary>The teams the agent serves: the home team first, then temporary teams joined, in joining order.</summary>
    public IReadOnlyList<TeamId> Teams => _teams;

    /// <summary>Changes whenever the agent joins or leaves a team; lets queues cache which of their buckets the agent may serve.</summary>
    internal int TeamsVersion => Volatile.Read(ref _teamsVersion);

    /// <summary>A cache slot owned by <see cref="Routing.TicketQueue"/> (immutable objects, validated before use).</summary>
    internal object? RoutingCache { get; set; }

    /// <summary>Sets the availability. Thread-safe.</summary>
    /// <param name="availability">The new availability.</param>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a defined <see cref="Agents.Availability"/>.</exception>
    public void SetAvailability(Availability availability)
    {
        if (!Enum.IsDefined(availability))
        {
            throw new ArgumentOutOfRangeException(nameof(availability), availability, "Unknown availability.");
        }

        Volatile.Write(ref _availability, (int)availability);
    }

    /// <summary>True when the agent serves the team (its home team or a temporary team it joined).</summary>
    /// <param name="team">The team.</param>
    /// <returns>Whether tickets of that team are eligible for this agent.</returns>
    public bool Serves(TeamId team)
    {
        var teams = _teams;
        foreach (var t in teams)
        {
            if (t == team)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Joins a team in addition to the home team (for example a temporary cross-department team). Idempotent; thread-safe.</summary>
    /// <param name="team">The team to serve; must not be the default instance.</param>
    /// <exception cref="ArgumentException"><paramref name="team"/> is the default instance.</exception>
    public void JoinTeam(TeamId team)
    {
        if (team.IsEmpty)
        {
            throw new ArgumentException("The team id must not be the default instance.", nameof(team));
        }

        ImmutableInterlocked.Update(ref _teams, (teams, t) => teams.Contains(t) ? teams : teams.Add(t), team);
        Interlocked.Increment(ref _teamsVersion);
    }

    /// <summary>Leaves a team joined with <see cref="JoinTeam"/>. Leaving a team not joined does nothing. Thread-safe.</summary>
    /// <param name="team">The team to leave.</param>
    /// <exception cref="ArgumentException"><paramref name="team"/> is the home team, which an agent cannot leave.</exception>
    public void LeaveTeam(TeamId team)
    {
        if (team == Team)
        {
            throw new ArgumentException("An agent cannot leave its home team.", nameof(team));
        }

        ImmutableInterlocked.Update(ref _teams, (teams, t) => teams.Remove(t), team);
        Interlocked.Increment(ref _teamsVersion);
    }

    /// <summary>
    /// Takes one unit of capacity if the agent has one free, atomically. The queue and router call this when they hand the agent a
    /// ticket; hosts call it only when they assign work outside them. Does not look at availability.
    /// </summary>
    /// <returns>True when a unit was taken; false when the agent is at capacity.</returns>
    public bool TryReserveSlot()
    {
        var current = Volatile.Read(ref _activeCount);
        while (current < Capacity)
        {
            var seen = Interlocked.CompareExchange(ref _activeCount, current + 1, current);
            if (seen == current)
            {
                return true;
            }

            current = seen;
        }

        return false;
    }

    /// <summary>Gives back one unit of capacity when the agent finishes or hands off a ticket. Thread-safe.</summary>
    /// <exception cref="InvalidOperationException">The agent holds no tickets.</exception>
    public void ReleaseSlot()
    {
        var current = Volatile.Read(ref _activeCount);
        while (true)
        {
            if (current == 0)
            {
                throw new InvalidOperationException($"Agent {Id} holds no tickets, so none can be released.");
            }

            var seen = Interlocked.CompareExchange(ref _activeCount, current - 1, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }

    /// <summary>The agent as plain data for a store (<see cref="IAgentRepository"/>): profile, availability and temporary teams; not the
    /// tickets in hand, which follow from the tickets the agent owns.</summary>
    /// <param name="version">The version to store (1 for a new agent, one more per change).</param>
    /// <returns>The state.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="version"/> is below 1.</exception>
    public AgentState ToState(long version)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(version, 1);
        return new AgentState
        {
            Id = Id,
            Version = version,
            Name = Name,
            Team = Team,
            Skills = Skills,
            Capacity = Capacity,
            Shift = Shift,
            Availability = Availability,
            JoinedTeams = [.. Teams.Skip(1)],
        };
    }

    /// <summary>Brings back an agent from a stored state: profile, availability and temporary teams, holding no tickets.</summary>
    /// <param name="state">The stored state.</param>
    /// <returns>The agent.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="state"/> is null.</exception>
    /// <exception cref="ArgumentException">A stored value is invalid (as for the constructor).</exception>
    public static Agent Restore(AgentState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var agent = new Agent(state.Id, state.Name, state.Team, state.Skills, state.Capacity, state.Shift);
        agent.SetAvailability(state.Availability);
        foreach (var team in state.JoinedTeams)
        {
            agent.JoinTeam(team);
        }

        return agent;
    }

    /// <inheritdoc />
    public override string ToString() => $"{Id} ({Name}, {Team}, {ActiveCount}/{Capacity}, {Availability})";
}
