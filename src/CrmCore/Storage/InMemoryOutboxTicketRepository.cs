using CrmCore.Desk;
using CrmCore.Satisfaction;
using CrmCore.Tickets;
using NodaTime;

namespace CrmCore.Storage;

/// <summary>
/// The in-memory <see cref="IOutboxTicketRepository"/>: an <see cref="InMemoryTicketRepository"/> whose saves also append the events
/// to an <see cref="InMemoryOutbox"/>, under one lock. Nothing survives the process. Thread-safe.
/// </summary>
public sealed class InMemoryOutboxTicketRepository : IOutboxTicketRepository, ISurveyRepository
{
    private readonly InMemoryTicketRepository _tickets = new();
    private readonly Lock _gate = new();
    private readonly Audit.AuditedWrites? _audit;

    /// <summary>Creates the store over an outbox.</summary>
    /// <param name="outbox">Where events go.</param>
    /// <exception cref="ArgumentNullException"><paramref name="outbox"/> is null.</exception>
    public InMemoryOutboxTicketRepository(InMemoryOutbox outbox)
    {
        ArgumentNullException.ThrowIfNull(outbox);
        Outbox = outbox;
    }

    /// <summary>Creates the store over an outbox and an audit trail (the in-memory one or the host's own): each save also appends the
    /// change's audit records (<see cref="Audit.TicketAudit"/>) and awaits them before the change and its events are stored, one save at a
    /// time, so a change whose records could not be appended is not stored (the database stores do both in the ticket's transaction).</summary>
    /// <param name="outbox">Where events go.</param>
    /// <param name="audit">Where audit records go.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public InMemoryOutboxTicketRepository(InMemoryOutbox outbox, Audit.IAuditStore audit)
        : this(outbox)
    {
        ArgumentNullException.ThrowIfNull(audit);
        _audit = new Audit.AuditedWrites(audit);
    }

    /// <summary>The audit trail the change records go to, or null when the store was created without one.</summary>
    public Audit.IAuditStore? Audit => _audit?.Store;

    /// <summary>The ticket store the saves go to.</summary>
    internal InMemoryTicketRepository Tickets => _tickets;

    /// <summary>The outbox the events go to.</summary>
    public InMemoryOutbox Outbox { get; }

    /// <inheritdoc />
    public ValueTask<TicketState?> FindAsync(TicketId id, CancellationToken cancellationToken = default) => _tickets.FindAsync(id, cancellationToken);

    /// <inheritdoc />
    public ValueTask SaveAsync(TicketState state, long expectedVersion, CancellationToken cancellationToken = default) =>
        SaveAsync(state, expectedVersion, [], cancellationToken);

    /// <inheritdoc />
    public ValueTask SaveAsync(TicketState state, long expectedVersion, IReadOnlyList<IDomainEvent> events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(events);
        if (_audit is null)
        {
            lock (_gate)
            {
                CheckHistory(state, expectedVersion);
                Apply(state, expectedVersion, events);
            }

            return ValueTask.CompletedTask;
        }

        return _audit.RunAsync(
            () =>
            {
                lock (_gate)
                {
                    CheckHistory(state, expectedVersion);
                    _tickets.Check(state, expectedVersion);
                }

                return CrmCore.Audit.TicketAudit.From(events);
            },
            () =>
            {
                lock (_gate)
                {
                    Apply(state, expectedVersion, events);
                }
            },
            cancellationToken);
    }

    // Under the lock.
    private void CheckHistory(TicketState state, long expectedVersion)
    {
        var stored = _tickets.Find(state.Id);
        if (stored is not null && stored.Version == expectedVersion && state.StatusHistory.Count < stored.StatusHistory.Count)
        {
            throw new InvalidOperationException($"The status history of ticket {state.Id} is append-only: {stored.StatusHistory.Count} entries are stored, the new state has {state.StatusHistory.Count}.");
        }
    }

    // Under the lock.
    private void Apply(TicketState state, long expectedVersion, IReadOnlyList<IDomainEvent> events)
    {
        _ = _tickets.SaveAsync(state, expectedVersion);
        foreach (var (aggregateId, eventType, payload, occurredAt) in OutboxEvents.Rows(state.Id.Value, events))
        {
            Outbox.Append(aggregateId, eventType, payload, occurredAt);
        }
    }

    /// <inheritdoc />
    public ValueTask AppendEventsAsync(IReadOnlyList<(string AggregateId, IDomainEvent Event)> events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (_audit is null)
        {
            AppendToOutbox(events);
            return ValueTask.CompletedTask;
        }

        // As a save: the audit records are appended (awaited, one write at a time) before the events are stored, and a refused append
        // stores nothing.
        return _audit.RunAsync(() => AdvanceAudit.From(events), () => AppendToOutbox(events), cancellationToken);
    }

    private void AppendToOutbox(IReadOnlyList<(string AggregateId, IDomainEvent Event)> events)
    {
        lock (_gate)
        {
            foreach (var (aggregate, e) in events)
            {
                foreach (var (aggregateId, eventType, payload, occurredAt) in OutboxEvents.Rows(aggregate, [e]))
                {
                    Outbox.Append(aggregateId, eventType, payload, occurredAt);
                }
            }
        }
    }

    /// <inheritdoc />
    public ValueTask<bool> RescheduleAsync(TicketId id, long version, TicketDueTimes due, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return _tickets.RescheduleAsync(id, version, due, cancellationToken);
        }
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyDictionary<Agents.AgentId, int>> CountHeldByOwnerAsync(CancellationToken cancellationToken = default) =>
        _tickets.CountHeldByOwnerAsync(cancellationToken);

    /// <inheritdoc />
    public IAsyncEnumerable<TicketState> ListAsync(TicketQuery query, CancellationToken cancellationToken = default) => _tickets.ListAsync(query, cancellationToken);

    /// <inheritdoc />
    public IAsyncEnumerable<SurveyResponse> ListAsync(Instant from, Instant before, CancellationToken cancellationToken = default) =>
        ((ISurveyRepository)_tickets).ListAsync(from, before, cancellationToken);
}
