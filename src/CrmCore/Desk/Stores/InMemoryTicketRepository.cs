using CrmCore.Agents;
using System.Runtime.CompilerServices;
using CrmCore.Satisfaction;
using CrmCore.Tickets;
using NodaTime;

namespace CrmCore.Desk;

/// <summary>
/// The default ticket store: ticket states in memory, lost when the process ends. Also the survey read side
/// (<see cref="ISurveyRepository"/>), since surveys live on their tickets. Open tickets are indexed by their next due instant
/// (<see cref="TicketDueTimes.NextAt"/>), so a <see cref="TicketQuery.DueBy"/> listing reads only the tickets due, not every open one,
/// and tickets about an asset are indexed by the asset, so <see cref="Assets.ScanningModelTicketCounts"/> reads only the model's tickets.
/// Thread-safe; completes synchronously.
/// </summary>
public sealed class InMemoryTicketRepository : ITicketRepository, ISurveyRepository
{
    private static readonly Comparer<(long Ticks, string Id)> DueOrder = Comparer<(long Ticks, string Id)>.Create(
        (a, b) => a.Ticks != b.Ticks ? a.Ticks.CompareTo(b.Ticks) : string.CompareOrdinal(a.Id, b.Id));

    private readonly VersionedTable<TicketId, TicketState> _table = new("ticket", s => s.Version);
    private readonly SortedSet<(long Ticks, string Id)> _due = new(DueOrder);
    private readonly Dictionary<string, Dictionary<TicketId, Instant>> _byAsset = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <inheritdoc />
    public ValueTask<TicketState?> FindAsync(TicketId id, CancellationToken cancellationToken = default) =>
        cancellationToken.IsCancellationRequested ? ValueTask.FromCanceled<TicketState?>(cancellationToken) : ValueTask.FromResult(_table.Find(id));

    /// <summary>The stored state, read synchronously.</summary>
    internal TicketState? Find(TicketId id) => _table.Find(id);

    /// <summary>Throws what <see cref="SaveAsync"/> would throw now, without writing.</summary>
    internal void Check(TicketState state, long expectedVersion) => _table.Check(state.Id, state, expectedVersion);

    /// <inheritdoc />
    public ValueTask SaveAsync(TicketState state, long expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(state);
        lock (_gate)
        {
            var old = _table.Find(state.Id);
            _table.Save(state.Id, state, expectedVersion);
            Reindex(old, state);
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<bool> RescheduleAsync(TicketId id, long version, TicketDueTimes due, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(due);
        lock (_gate)
        {
            if (_table.Find(id) is not { } old || old.Version != version)
            {
                return ValueTask.FromResult(false);
            }

            var row = old with { Due = due };
            _table.Replace(id, row, version);
            Reindex(old, row);
            return ValueTask.FromResult(true);
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<TicketState> ListAsync(TicketQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        cancellationToken.ThrowIfCancellationRequested(); // also when there is nothing to list
        var candidates = query.DueBy is { } by ? DueBy(by) : _table.Snapshot();
        var rows = candidates.Where(query.Matches).OrderBy(s => s.CreatedAt).ThenBy(s => s.Id.Value, StringComparer.Ordinal);
        foreach (var row in rows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return row;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyDictionary<AgentId, int>> CountHeldByOwnerAsync(CancellationToken cancellationToken = default)
    {
        var counts = new Dictionary<AgentId, int>();
        foreach (var ticket in _table.Snapshot())
        {
            if (TicketLifecycle.HoldsOwnerSlot(ticket.Status))
            {
                counts[ticket.Owner] = counts.GetValueOrDefault(ticket.Owner) + 1;
            }
        }

        return ValueTask.FromResult<IReadOnlyDictionary<AgentId, int>>(counts);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<SurveyResponse> ListAsync(Instant from, Instant before, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested(); // also when there is nothing to list
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

    /// <summary>How many stored tickets about any of the assets (<see cref="TicketState.RelatedAssetId"/>) were raised in [from, before).</summary>
    internal int CountRaisedAbout(IEnumerable<string> assets, Instant from, Instant before)
    {
        var count = 0;
        lock (_gate)
        {
            foreach (var asset in assets)
            {
                if (_byAsset.TryGetValue(asset, out var tickets))
                {
                    foreach (var raisedAt in tickets.Values)
                    {
                        count += raisedAt >= from && raisedAt < before ? 1 : 0;
                    }
                }
            }
        }

        return count;
    }

    /// <summary>The in-memory ticket store behind a ticket repository (itself, or the one an <see cref="Storage.InMemoryOutboxTicketRepository"/>
    /// writes to); null for any other store.</summary>
    internal static InMemoryTicketRepository? Of(ITicketRepository tickets) => tickets switch
    {
        InMemoryTicketRepository memory => memory,
        Storage.InMemoryOutboxTicketRepository outbox => outbox.Tickets,
        _ => null,
    };

    // The index key of a stored ticket: open tickets with something pending (or never computed, which counts as due at once).
    private static (long Ticks, string Id)? Key(TicketState? state) => state switch
    {
        null => null,
        _ when TicketLifecycle.IsFinished(state.Status) => null,
        { Due: null } => (long.MinValue, state.Id.Value),
        { Due.NextAt: { } next } => (next.ToUnixTimeTicks(), state.Id.Value),
        _ => null,
    };

    private void Reindex(TicketState? old, TicketState row)
    {
        if (old?.RelatedAssetId != row.RelatedAssetId || old?.RaisedAt != row.RaisedAt)
        {
            if (old?.RelatedAssetId is { } was && _byAsset.TryGetValue(was, out var wasAbout))
            {
                wasAbout.Remove(old.Id);
            }

            if (row.RelatedAssetId is { } asset)
            {
                if (!_byAsset.TryGetValue(asset, out var about))
                {
                    _byAsset[asset] = about = [];
                }

                about[row.Id] = row.RaisedAt;
            }
        }

        if (Key(old) is { } before)
        {
            _due.Remove(before);
        }

        if (Key(row) is { } after)
        {
            _due.Add(after);
        }
    }

    private List<TicketState> DueBy(Instant by)
    {
        // Ticks round down, so a ticket due within the same tick but after 'by' is read here and dropped by TicketQuery.Matches.
        var limit = by.ToUnixTimeTicks();
        var rows = new List<TicketState>();
        lock (_gate)
        {
            foreach (var (ticks, id) in _due)
            {
                if (ticks > limit)
                {
                    break;
                }

                if (_table.Find(new TicketId(id)) is { } row)
                {
                    rows.Add(row);
                }
            }
        }

        return rows;
    }
}
