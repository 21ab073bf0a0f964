using System.Runtime.CompilerServices;
using CrmCore.Satisfaction;
using CrmCore.Tickets;
using NodaTime;

namespace CrmCore.Desk;

/// <summary>
/// The default ticket store: ticket states in memory, lost when the process ends. Also the survey read side
/// (<see cref="ISurveyRepository"/>), since surveys live on their tickets. Thread-safe; completes synchronously.
/// </summary>
public sealed class InMemoryTicketRepository : ITicketRepository, ISurveyRepository
{
    private readonly VersionedTable<TicketId, TicketState> _table = new("ticket", s => s.Version);

    /// <inheritdoc />
    public ValueTask<TicketState?> FindAsync(TicketId id, CancellationToken cancellationToken = default) => ValueTask.FromResult(_table.Find(id));

    /// <inheritdoc />
    public ValueTask SaveAsync(TicketState state, long expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(state);
        _table.Save(state.Id, state, expectedVersion);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<TicketState> ListAsync(TicketQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var rows = _table.Snapshot().Where(query.Matches).OrderBy(s => s.CreatedAt).ThenBy(s => s.Id.Value, StringComparer.Ordinal);
        foreach (var row in rows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return row;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<SurveyResponse> ListAsync(Instant from, Instant before, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var surveys = _table.Snapshot()
            .Select(s => s.Survey)
            .OfType<SurveyResponse>()
            .Where(s => s.AnsweredAt >= from && s.AnsweredAt < before)
            .OrderBy(s => s.AnsweredAt)
            .ThenBy(s => s.Ticket.Value, StringComparer.Ordinal);
        foreach (var survey in surveys)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return survey;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }
}
