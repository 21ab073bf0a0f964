using CrmCore.Agents;
using CrmCore.Routing;
using CrmCore.Tickets;
using NodaTime;

namespace CrmCore.Storage;

/// <summary>
/// The in-memory <see cref="ITicketQueueStore"/>: a <see cref="TicketQueue"/> plus a table of leases; the reference the database
/// providers are tested against. Nothing survives the process. Thread-safe.
/// </summary>
public sealed class InMemoryTicketQueueStore : ITicketQueueStore
{
    private readonly TicketQueue _queue;
    private readonly Duration _leaseDuration;
    private readonly Dictionary<TicketId, QueueLease> _leases = [];
    private readonly Lock _gate = new();

    /// <summary>Creates an empty store.</summary>
    /// <param name="slaTerm">The SLA term; null means <see cref="SlaTerm.Default"/>.</param>
    /// <param name="leaseDuration">How long a claim holds a ticket; default 5 minutes.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="leaseDuration"/> is not positive.</exception>
    public InMemoryTicketQueueStore(SlaTerm? slaTerm = null, Duration? leaseDuration = null)
    {
        _leaseDuration = leaseDuration ?? Duration.FromMinutes(5);
        if (_leaseDuration <= Duration.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(leaseDuration), leaseDuration, "The lease duration must be positive.");
        }

        _queue = new TicketQueue(slaTerm);
    }

    /// <inheritdoc />
    public Task<bool> EnqueueAsync(QueuedTicket ticket, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(!_leases.ContainsKey(ticket.Id) && _queue.TryEnqueue(ticket));
        }
    }

    /// <inheritdoc />
    public Task<QueueLease?> ClaimAsync(Agent agent, Instant now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(agent);
        lock (_gate)
        {
            foreach (var expired in _leases.Values.Where(l => l.ExpiresAt <= now).ToList())
            {
                _leases.Remove(expired.Ticket.Id);
                _queue.Enqueue(expired.Ticket);
            }

            if (_queue.NextFor(agent, now) is not { } ticket)
            {
                return Task.FromResult<QueueLease?>(null);
            }

            var lease = new QueueLease(ticket, agent.Id.Value, Guid.NewGuid(), now + _leaseDuration);
            _leases.Add(ticket.Id, lease);
            return Task.FromResult<QueueLease?>(lease);
        }
    }

    /// <inheritdoc />
    public Task<bool> CompleteAsync(QueueLease lease, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lease);
        lock (_gate)
        {
            return Task.FromResult(Holds(lease) && _leases.Remove(lease.Ticket.Id));
        }
    }

    /// <inheritdoc />
    public Task<bool> ReleaseAsync(QueueLease lease, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lease);
        lock (_gate)
        {
            if (!Holds(lease))
            {
                return Task.FromResult(false);
            }

            _leases.Remove(lease.Ticket.Id);
            _queue.Enqueue(lease.Ticket);
            return Task.FromResult(true);
        }
    }

    /// <inheritdoc />
    public Task<bool> RemoveAsync(TicketId id, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_leases.Remove(id) | _queue.Remove(id));
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<QueuedTicket>> LoadAllAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<QueuedTicket>>([.. _queue.Snapshot(), .. _leases.Values.Select(l => l.Ticket)]);
        }
    }

    private bool Holds(QueueLease lease) => _leases.TryGetValue(lease.Ticket.Id, out var held) && held.Token == lease.Token;
}
