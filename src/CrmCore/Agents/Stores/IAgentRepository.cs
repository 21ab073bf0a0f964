namespace CrmCore.Agents;

/// <summary>
/// Where agents (<see cref="AgentState"/>, one versioned record each) and teams (<see cref="Team"/>) are kept, so that a restarted host
/// finds its staff again (<see cref="Desk.ServiceDesk.RestoreAgentsAsync"/>). The default is <see cref="InMemoryAgentRepository"/>; the
/// SQLite and PostgreSQL storage packages provide database ones. Implementations must be thread-safe.
/// </summary>
public interface IAgentRepository
{
    /// <summary>Reads one agent.</summary>
    /// <param name="id">The agent id.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The stored state, or null when there is no such agent.</returns>
    ValueTask<AgentState?> FindAsync(AgentId id, CancellationToken cancellationToken = default);

    /// <summary>Writes an agent if nobody wrote it since it was read.</summary>
    /// <param name="state">The new state; its version must be above <paramref name="expectedVersion"/>.</param>
    /// <param name="expectedVersion">The version read before the change; 0 for a new agent.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when saved.</returns>
    /// <exception cref="Desk.ConcurrencyConflictException">The stored version is not <paramref name="expectedVersion"/>; nothing is written.</exception>
    /// <exception cref="ArgumentException">The new version is not above <paramref name="expectedVersion"/>.</exception>
    ValueTask SaveAsync(AgentState state, long expectedVersion, CancellationToken cancellationToken = default);

    /// <summary>Every stored agent, by id.</summary>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The agents.</returns>
    IAsyncEnumerable<AgentState> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>Writes a team, replacing the stored one with the same id (a team is settings, not a versioned record).</summary>
    /// <param name="team">The team.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when saved.</returns>
    ValueTask SaveTeamAsync(Team team, CancellationToken cancellationToken = default);

    /// <summary>Every stored team, by id.</summary>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The teams.</returns>
    IAsyncEnumerable<Team> ListTeamsAsync(CancellationToken cancellationToken = default);
}
