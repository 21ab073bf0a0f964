using System.Runtime.CompilerServices;
using CrmCore.Audit;
using CrmCore.Customers;
using NodaTime;

namespace CrmCore.Desk;

/// <summary>
/// The default customer store: customer states in memory, lost when the process ends. Created with an audit trail and a clock, each save
/// also appends its <see cref="CustomerAudit"/> entries (actor: <see cref="AuditActor.Current"/>) under the same lock, so a change and its
/// records are stored together or not at all. Thread-safe; completes synchronously.
/// </summary>
public sealed class InMemoryCustomerRepository : ICustomerBatchRepository
{
    private readonly VersionedTable<CustomerId, CustomerState> _table = new("customer", s => s.Version);
    private readonly Lock _gate = new();
    private readonly InMemoryAuditStore? _audit;
    private readonly IClock? _clock;

    /// <summary>Creates a store that does not audit.</summary>
    public InMemoryCustomerRepository()
    {
    }

    /// <summary>Creates a store whose saves append their audit entries to <paramref name="audit"/>.</summary>
    /// <param name="audit">The audit trail.</param>
    /// <param name="clock">When changes happen.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public InMemoryCustomerRepository(InMemoryAuditStore audit, IClock clock)
    {
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(clock);
        _audit = audit;
        _clock = clock;
    }

    /// <inheritdoc />
    public ValueTask<CustomerState?> FindAsync(CustomerId id, CancellationToken cancellationToken = default) => ValueTask.FromResult(_table.Find(id));

    /// <inheritdoc />
    public ValueTask SaveAsync(CustomerState state, long expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (_audit is null || _clock is null)
        {
            _table.Save(state.Id, state, expectedVersion);
            return ValueTask.CompletedTask;
        }

        lock (_gate)
        {
            var entries = CustomerAudit.Changes(AuditActor.Current, _clock.GetCurrentInstant(), _table.Find(state.Id), state);
            _table.Save(state.Id, state, expectedVersion);
            _ = _audit.AppendAsync(entries, cancellationToken);
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask SaveAllAsync(IReadOnlyList<(CustomerState State, long ExpectedVersion)> writes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writes);
        (CustomerId, CustomerState, long)[] rows = [.. writes.Select(w => (w.State?.Id ?? throw new ArgumentException("A write has no state.", nameof(writes)), w.State, w.ExpectedVersion))];
        if (_audit is null || _clock is null)
        {
            _table.SaveAll(rows);
            return ValueTask.CompletedTask;
        }

        lock (_gate)
        {
            var at = _clock.GetCurrentInstant();
            var entries = rows.SelectMany(r => CustomerAudit.Changes(AuditActor.Current, at, _table.Find(r.Item1), r.Item2)).ToList();
            _table.SaveAll(rows);
            _ = _audit.AppendAsync(entries, cancellationToken);
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<CustomerState> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var row in _table.Snapshot().OrderBy(s => s.Id.Value, StringComparer.Ordinal))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return row;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }
}
