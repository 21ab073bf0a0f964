using System.Collections.Concurrent;
using CrmCore.Agents;
using CrmCore.Tickets;
using NodaTime;

namespace CrmCore.Routing;

/// <summary>
/// Routes tickets to agents: places each ticket in a team with an <see cref="IGroupResolver"/>, queues it in a
/// <see cref="TicketQueue"/>, lets agents pull work or dispatches it with an <see cref="IAssignmentStrategy"/>, overflows long
/// waits to fallback teams, and supports manual transfer and temporary cross-department teams. Keeps track of which agent holds
/// which ticket until <see cref="Complete"/>. All members are thread-safe.
/// </summary>
public sealed class TicketRouter
{
    private readonly ConcurrentDictionary<TeamId, Team> _teams = new();
    private readonly ConcurrentDictionary<AgentId, Agent> _agents = new();
    private readonly ConcurrentDictionary<TicketId, Assignment> _active = new();
    private readonly IGroupResolver _resolver;
    private readonly Duration _overflowAfter;

    /// <summary>Creates a router with no teams or agents.</summary>
    /// <param name="queue">The queue that holds waiting tickets.</param>
    /// <param name="resolver">Places tickets in teams.</param>
    /// <param name="strategy">Chooses which agent receives work on <see cref="Dispatch"/>.</param>
    /// <param name="overflowAfter">How long a ticket may wait before it overflows to its team's fallback; must be positive.</param>
    /// <exception cref="ArgumentNullException">A reference argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="overflowAfter"/> is not positive.</exception>
    public TicketRouter(TicketQueue queue, IGroupResolver resolver, IAssignmentStrategy strategy, Duration overflowAfter)
    {
        ArgumentNullException.ThrowIfNull(queue);
        ArgumentNullException.ThrowIfNull(resolver);
        ArgumentNullException.ThrowIfNull(strategy);
        if (overflowAfter <= Duration.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(overflowAfter), overflowAfter, "The overflow wait must be positive.");
        }

        Queue = queue;
        _resolver = resolver;
        Strategy = strategy;
        _overflowAfter = overflowAfter;
    }

    /// <summary>The queue of waiting tickets.</summary>
    public TicketQueue Queue { get; }

    /// <summary>The assignment strategy used by <see cref="Dispatch"/>.</summary>
    public IAssignmentStrategy Strategy { get; }

    /// <summary>The registered teams.</summary>
    public IReadOnlyCollection<Team> Teams => [.. _teams.Values.OrderBy(t => t.Id)];

    /// <summary>The registered agents, by id.</summary>
    public IReadOnlyCollection<Agent> Agents => [.. _agents.Values.OrderBy(a => a.Id)];

    /// <summary>Figures over every assignment this router made (load per agent, waiting times).</summary>
    public RoutingStatistics Statistics { get; } = new();

    /// <summary>The tickets agents hold now (assigned and not yet completed).</summary>
    public IReadOnlyCollection<Assignment> ActiveAssignments => [.. _active.Values];

    /// <summary>Registers a team. Register a fallback team before the teams that overflow to it.</summary>
    /// <param name="team">The team.</param>
    /// <exception cref="ArgumentException">A team with the same id is registered, or the team's fallback is not.</exception>
    public void AddTeam(Team team)
    {
        ArgumentNullException.ThrowIfNull(team);
        if (team.Fallback is { } fallback && !_teams.ContainsKey(fallback))
        {
            throw new ArgumentException($"Team {team.Id} falls back to team {fallback}, which is not registered.", nameof(team));
        }

        if (!_teams.TryAdd(team.Id, team))
        {
            throw new ArgumentException($"Team {team.Id} is already registered.", nameof(team));
        }
    }

    /// <summary>Registers an agent; its home team must be registered.</summary>
    /// <param name="agent">The agent.</param>
    /// <exception cref="ArgumentException">An agent with the same id is registered, or its team is not.</exception>
    public void AddAgent(Agent agent)
    {
        ArgumentNullException.ThrowIfNull(agent);
        if (!_teams.ContainsKey(agent.Team))
        {
            throw new ArgumentException($"Agent {agent.Id} belongs to team {agent.Team}, which is not registered.", nameof(agent));
        }

        if (!_agents.TryAdd(agent.Id, agent))
        {
            throw new ArgumentException($"Agent {agent.Id} is already registered.", nameof(agent));
        }
    }

    /// <summary>Finds a registered agent.</summary>
    /// <param name="id">The agent's id.</param>
    /// <returns>The agent.</returns>
    /// <exception cref="CrmException">No such agent (code <c>CRM-ROUTING-UNKNOWN-AGENT</c>).</exception>
    public Agent GetAgent(AgentId id) =>
        _agents.TryGetValue(id, out var agent)
            ? agent
            : throw new CrmException($"Agent {id} is not registered.") { Code = "CRM-ROUTING-UNKNOWN-AGENT" };

    /// <summary>Places a ticket in its team (through the group resolver) and queues it.</summary>
    /// <param name="request">What is known about the ticket: industry and type, and optionally urgency, channel, customer tier and tags, raised-at; the group resolver may use any of them.</param>
    /// <param name="staticPriority">The static priority from the priority rules.</param>
    /// <param name="due">The SLA due time, or null.</param>
    /// <param name="now">When the ticket joins the queue.</param>
    /// <returns>The queued ticket.</returns>
    /// <exception cref="CrmException">The resolved team is not registered (code <c>CRM-ROUTING-UNKNOWN-TEAM</c>), or the ticket is already queued (code <c>CRM-QUEUE-DUPLICATE</c>).</exception>
    public QueuedTicket Submit(RoutingRequest request, long staticPriority, Instant? due, Instant now)
    {
        var placement = _resolver.Resolve(request);
        RequireTeam(placement.Group);
        var ticket = new QueuedTicket(request.Ticket, placement.Group, staticPriority, due, placement.RequiredSkills, now);
        Queue.Enqueue(ticket);
        return ticket;
    }

    /// <summary>The agent asks for work: hands it the best ticket it may take now (see <see cref="TicketQueue.NextFor"/>).</summary>
    /// <param name="agentId">The agent.</param>
    /// <param name="now">The moment of the request.</param>
    /// <returns>The assignment, or null when there is nothing the agent may take.</returns>
    /// <exception cref="CrmException">The agent is not registered.</exception>
    public Assignment? PullFor(AgentId agentId, Instant now) => Pull(GetAgent(agentId), now);

    /// <summary>
    /// Overflows long waits (see <see cref="Overflow"/>), then, team by team, lets the strategy choose which online agent below
    /// capacity pulls next, until no candidate can take anything.
    /// </summary>
    /// <param name="now">The moment of dispatch.</param>
    /// <returns>The assignments made, in order.</returns>
    /// <exception cref="InvalidOperationException">The strategy chose an agent that was not a candidate.</exception>
    public IReadOnlyList<Assignment> Dispatch(Instant now)
    {
        Overflow(now);
        var made = new List<Assignment>();
        foreach (var team in Teams)
        {
            var candidates = _agents.Values.Where(a => a.Serves(team.Id) && a.CanTakeWork).OrderBy(a => a.Id).ToList();
            while (candidates.Count > 0 && Strategy.Select(team.Id, candidates) is { } agent)
            {
                if (!candidates.Contains(agent))
                {
                    throw new InvalidOperationException($"Strategy '{Strategy.Name}' chose agent {agent.Id}, which was not a candidate.");
                }

                var assignment = Pull(agent, now);
                if (assignment is { } a)
                {
                    made.Add(a);
                }

                if (assignment is null || !agent.CanTakeWork)
                {
                    candidates.Remove(agent);
                }
            }
        }

        return made;
    }

    /// <summary>Moves tickets that waited longer than the overflow wait to their team's fallback team (each ticket at most once).</summary>
    /// <param name="now">The moment of the check.</param>
    /// <returns>How many tickets moved.</returns>
    public int Overflow(Instant now)
    {
        var moved = 0;
        foreach (var team in _teams.Values)
        {
            if (team.Fallback is { } fallback)
            {
                moved += Queue.Overflow(team.Id, fallback, now - _overflowAfter);
            }
        }

        return moved;
    }

    /// <summary>The agent finished the ticket: frees one unit of its capacity and forgets the assignment.</summary>
    /// <param name="ticket">The ticket.</param>
    /// <returns>The finished assignment.</returns>
    /// <exception cref="CrmException">No agent holds the ticket (code <c>CRM-ROUTING-NOT-ASSIGNED</c>).</exception>
    public Assignment Complete(TicketId ticket)
    {
        if (!_active.TryRemove(ticket, out var assignment))
        {
            throw NotAssigned(ticket);
        }

        GetAgent(assignment.Agent).ReleaseSlot();
        return assignment;
    }

    /// <summary>The agent holding a ticket, if any.</summary>
    /// <param name="ticket">The ticket.</param>
    /// <returns>The assignment, or null when no agent holds it.</returns>
    public Assignment? AssignmentOf(TicketId ticket) => _active.TryGetValue(ticket, out var a) ? a : null;

    /// <summary>
    /// Manual transfer: hands a held ticket to another agent (for example a better-suited one). The target need not be online but
    /// must be below capacity; the ticket keeps its queue data, and its new assignment time is <paramref name="now"/>.
    /// </summary>
    /// <param name="ticket">The ticket.</param>
    /// <param name="to">The agent to receive it.</param>
    /// <param name="now">The moment of the transfer.</param>
    /// <returns>The new assignment.</returns>
    /// <exception cref="CrmException">No agent holds the ticket (<c>CRM-ROUTING-NOT-ASSIGNED</c>), the target is unknown, or it is at capacity (<c>CRM-ROUTING-AGENT-FULL</c>).</exception>
    public Assignment Transfer(TicketId ticket, AgentId to, Instant now)
    {
        var target = GetAgent(to);
        var current = AssignmentOf(ticket) ?? throw NotAssigned(ticket);
        if (current.Agent == to)
        {
            return current;
        }

        if (!target.TryReserveSlot())
        {
            throw new CrmException($"Agent {to} is at capacity ({target.Capacity}) and cannot take ticket {ticket}.") { Code = "CRM-ROUTING-AGENT-FULL" };
        }

        var moved = current with { Agent = to, AssignedAt = now };
        if (!_active.TryUpdate(ticket, moved, current))
        {
            target.ReleaseSlot();
            throw NotAssigned(ticket);
        }

        GetAgent(current.Agent).ReleaseSlot();
        return moved;
    }

    /// <summary>Moves a waiting ticket to another registered team (manual transfer of a queued ticket, or escalation to a temporary team).</summary>
    /// <param name="ticket">The ticket.</param>
    /// <param name="team">The team to wait for.</param>
    /// <returns>True when the ticket was waiting and moved; false when it is not in the queue.</returns>
    /// <exception cref="CrmException">The team is not registered (code <c>CRM-ROUTING-UNKNOWN-TEAM</c>).</exception>
    public bool MoveToTeam(TicketId ticket, TeamId team)
    {
        RequireTeam(team);
        return Queue.TryGet(ticket, out var queued) && Queue.Update(queued.WithGroup(team));
    }

    /// <summary>
    /// Forms a temporary cross-department team for complex tickets (document 004, level 2): registers it and makes each member
    /// serve it besides their home team. Move tickets to it with <see cref="MoveToTeam"/>.
    /// </summary>
    /// <param name="id">The new team's id.</param>
    /// <param name="name">Its display name.</param>
    /// <param name="fallback">Where its waiting tickets go when it is disbanded (and on overflow); must be registered.</param>
    /// <param name="members">The agents who join it; each must be registered.</param>
    /// <returns>The team.</returns>
    /// <exception cref="ArgumentException">The id is taken or the name is empty.</exception>
    /// <exception cref="CrmException">The fallback team or a member is not registered.</exception>
    public Team FormTemporaryTeam(TeamId id, string name, TeamId fallback, IEnumerable<AgentId> members)
    {
        ArgumentNullException.ThrowIfNull(members);
        RequireTeam(fallback);
        var agents = members.Select(GetAgent).ToList();
        var team = new Team(id, name, fallback, isTemporary: true);
        AddTeam(team);
        agents.ForEach(a => a.JoinTeam(id));
        return team;
    }

    /// <summary>Disbands a temporary team: its members leave it and its waiting tickets move to its fallback team.</summary>
    /// <param name="id">The temporary team.</param>
    /// <returns>How many waiting tickets moved.</returns>
    /// <exception cref="CrmException">The team is not registered or not temporary (code <c>CRM-ROUTING-UNKNOWN-TEAM</c>).</exception>
    public int DisbandTemporaryTeam(TeamId id)
    {
        if (!_teams.TryGetValue(id, out var team) || !team.IsTemporary)
        {
            throw new CrmException($"Team {id} is not a registered temporary team.") { Code = "CRM-ROUTING-UNKNOWN-TEAM" };
        }

        foreach (var agent in _agents.Values)
        {
            agent.LeaveTeam(id);
        }

        var moved = Queue.Overflow(id, team.Fallback!.Value, Instant.MaxValue);
        _teams.TryRemove(id, out _);
        return moved;
    }

    /// <summary>
    /// Sets availability from shifts: an agent with a shift goes <see cref="Availability.Online"/> when its shift starts (if it was
    /// offline) and <see cref="Availability.Offline"/> when it ends. Agents without a shift are left alone.
    /// </summary>
    /// <param name="now">The moment to evaluate.</param>
    /// <param name="zone">The time zone shifts are written in.</param>
    public void ApplyShifts(Instant now, DateTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = now.InZone(zone).LocalDateTime;
        foreach (var agent in _agents.Values)
        {
            if (agent.Shift is not { } shift)
            {
                continue;
            }

            var onDuty = shift.Covers(local);
            if (onDuty && agent.Availability == Availability.Offline)
            {
                agent.SetAvailability(Availability.Online);
            }
            else if (!onDuty && agent.Availability != Availability.Offline)
            {
                agent.SetAvailability(Availability.Offline);
            }
        }
    }

    private static CrmException NotAssigned(TicketId ticket) =>
        new($"No agent holds ticket {ticket}.") { Code = "CRM-ROUTING-NOT-ASSIGNED" };

    private void RequireTeam(TeamId team)
    {
        if (!_teams.ContainsKey(team))
        {
            throw new CrmException($"Team {team} is not registered.") { Code = "CRM-ROUTING-UNKNOWN-TEAM" };
        }
    }

    private Assignment? Pull(Agent agent, Instant now)
    {
        if (Queue.NextFor(agent, now) is not { } ticket)
        {
            return null;
        }

        var assignment = new Assignment(ticket, agent.Id, now);
        _active[ticket.Id] = assignment;
        Statistics.Record(assignment);
        return assignment;
    }
}
