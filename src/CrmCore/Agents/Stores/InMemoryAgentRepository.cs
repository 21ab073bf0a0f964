using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using CrmCore.Desk;

namespace CrmCore.Agents;

/// <summary>The default agent and team store: in memory, lost when the process ends. Thread-safe; completes synchronously.</summary>
public sealed class InMemoryAgentRepository : IAgentRepository
{
    private readonly VersionedTable<AgentId, AgentState> _agents = new("agent", s => s.Version);
    private readonly ConcurrentDictionary<TeamId, Team> _teams = new();

    /// <inheritdoc />
    public ValueTask<AgentState?> FindAsync(AgentId id, CancellationToken cancellationToken = default) =>
        cancellationToken.IsCancellationRequested ? ValueTask.FromCanceled<AgentState?>(cancellationToken) : ValueTask.FromResult(_agents.Find(id));

    /// <inheritdoc />
    public ValueTask SaveAsync(AgentState state, long expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(state);
        _agents.Save(state.Id, state, expectedVersion);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<AgentState> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested(); // also when there is nothing to list
        foreach (var row in _agents.Snapshot().OrderBy(a => a.Id.Value, StringComparer.Ordinal))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return row;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    /// <inheritdoc />
    public ValueTask SaveTeamAsync(Team team, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(team);
        _teams[team.Id] = team;
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<Team> ListTeamsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested(); // also when there is nothing to list
        foreach (var team in _teams.Values.OrderBy(t => t.Id.Value, StringComparer.Ordinal))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return team;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }
}
