using System.Runtime.CompilerServices;
using CrmCore.Audit;
using CrmCore.Customers;
using NodaTime;

namespace CrmCore.Desk;

/// <summary>
/// The default customer store: customer states in memory, lost when the process ends. Created with an audit trail (any
/// <see cref="IAuditStore"/>) and a clock, each save also appends its <see cref="CustomerAudit"/> entries (actor:
/// <see cref="AuditActor.Current"/>) and awaits them before the change is applied, one save at a time, so a change and its records are
/// stored together or not at all. Thread-safe; completes synchronously unless the audit store does not.
/// </summary>
public sealed class InMemoryCustomerRepository : ICustomerBatchRepository, ICustomerKeyIndex, ICustomerKeyIndexState
{
    private readonly CustomerKeyTable _keys = new();
    private readonly VersionedTable<CustomerId, CustomerState> _table;
    private readonly AuditedWrites? _audit;
    private readonly IClock? _clock;

    /// <summary>Creates a store that does not audit.</summary>
    public InMemoryCustomerRepository()
    {
        _table = new("customer", s => s.Version, _keys.Write);
    }

    /// <summary>Creates a store whose saves append their audit entries to <paramref name="audit"/>.</summary>
    /// <param name="audit">The audit trail: the in-memory one or the host's own.</param>
    /// <param name="clock">When changes happen.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public InMemoryCustomerRepository(IAuditStore audit, IClock clock)
    {
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(clock);
        _table = new("customer", s => s.Version, _keys.Write);
        _audit = new AuditedWrites(audit);
        _clock = clock;
    }

    /// <inheritdoc />
    public ValueTask<CustomerState?> FindAsync(CustomerId id, CancellationToken cancellationToken = default) =>
        cancellationToken.IsCancellationRequested ? ValueTask.FromCanceled<CustomerState?>(cancellationToken) : ValueTask.FromResult(_table.Find(id));

    /// <inheritdoc />
    public ValueTask SaveAsync(CustomerState state, long expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (_audit is null || _clock is null)
        {
            _table.Save(state.Id, state, expectedVersion);
            return ValueTask.CompletedTask;
        }

        var clock = _clock;
        return _audit.RunAsync(
            () =>
            {
                _table.Check(state.Id, state, expectedVersion);
                return CustomerAudit.Changes(AuditActor.Current, clock.GetCurrentInstant(), _table.Find(state.Id), state);
            },
            () => _table.Save(state.Id, state, expectedVersion),
            cancellationToken);
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

        var clock = _clock;
        return _audit.RunAsync(
            () =>
            {
                _table.CheckAll(rows);
                var at = clock.GetCurrentInstant();
                return [.. rows.SelectMany(r => CustomerAudit.Changes(AuditActor.Current, at, _table.Find(r.Item1), r.Item2))];
            },
            () => _table.SaveAll(rows),
            cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>The keys are kept with the customers, under the same lock as each save.</remarks>
    public ValueTask<IReadOnlyList<CustomerKeyMatch>> FindByKeysAsync(IReadOnlyCollection<CustomerKey> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var matches = _keys.Find(keys);
        matches.Sort(CustomerKeyMatch.Order);
        return ValueTask.FromResult<IReadOnlyList<CustomerKeyMatch>>(matches);
    }

    /// <inheritdoc />
    ValueTask<bool> ICustomerKeyIndexState.KeysCompleteAsync(CancellationToken cancellationToken) => ValueTask.FromResult(true);

    /// <inheritdoc />
    ValueTask<bool> ICustomerKeyIndexState.SimilarNamesReadyAsync(CancellationToken cancellationToken) => ValueTask.FromResult(_keys.HasSimilarNames);

    /// <inheritdoc />
    public async IAsyncEnumerable<CustomerState> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested(); // also when there is nothing to list
        foreach (var row in _table.Snapshot().OrderBy(s => s.Id.Value, StringComparer.Ordinal))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return row;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }
}
