using System.Runtime.CompilerServices;
using CrmCore.Audit;
using CrmCore.Customers;
using CrmCore.Desk;
using CrmCore.Interactions;
using NodaTime;

namespace CrmCore.Relationships;

/// <summary>
/// The default contact plan store: entries and contact records in memory, lost when the process ends. Created with an audit trail and a
/// clock, each save also appends its <see cref="PlanAudit"/> entries (actor: <see cref="AuditActor.Current"/>) under the same lock.
/// Thread-safe; completes synchronously.
/// </summary>
public sealed class InMemoryContactPlanRepository : IContactPlanRepository
{
    private readonly VersionedTable<PlanEntryId, ContactPlanEntryState> _table = new("contact plan entry", s => s.Version);
    private readonly List<Interaction> _contacts = [];
    private readonly Lock _gate = new();
    private readonly InMemoryAuditStore? _audit;
    private readonly IClock? _clock;

    /// <summary>Creates a store that does not audit.</summary>
    public InMemoryContactPlanRepository()
    {
    }

    /// <summary>Creates a store whose saves append their audit entries to <paramref name="audit"/>.</summary>
    /// <param name="audit">The audit trail.</param>
    /// <param name="clock">When changes happen.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public InMemoryContactPlanRepository(InMemoryAuditStore audit, IClock clock)
    {
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(clock);
        _audit = audit;
        _clock = clock;
    }

    /// <inheritdoc />
    public ValueTask<ContactPlanEntryState?> FindAsync(PlanEntryId id, CancellationToken cancellationToken = default) => ValueTask.FromResult(_table.Find(id));

    /// <inheritdoc />
    public ValueTask SaveAsync(ContactPlanEntryState state, long expectedVersion, Interaction? contact = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(state);
        lock (_gate)
        {
            var entries = _audit is null || _clock is null ? [] : PlanAudit.Changes(AuditActor.Current, _clock.GetCurrentInstant(), _table.Find(state.Id), state);
            _table.Save(state.Id, state, expectedVersion);
            _ = _audit?.AppendAsync(entries, cancellationToken);
            if (contact is not null)
            {
                _contacts.Add(contact);
            }
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<ContactPlanEntryState> ListAsync(ContactPlanQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        foreach (var row in Ordered(_table.Snapshot().Where(query.Matches)))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return row;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<ContactPlanEntryState> ListOwingRemindersAsync(Instant now, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var row in Ordered(_table.Snapshot().Where(e => PlanLifecycle.IsOpen(e.Status) && e.PlannedAt <= now && (!e.DueRaised || (!e.OverdueRaised && e.DueBy <= now)))))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return row;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    /// <inheritdoc />
    public ValueTask AppendContactAsync(Interaction contact, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(contact);
        lock (_gate)
        {
            _contacts.Add(contact);
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<Interaction> ListContactsAsync(CustomerId customer, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        List<Interaction> rows;
        lock (_gate)
        {
            rows = [.. _contacts.Where(c => c.CustomerId == customer)];
        }

        // OrderBy is stable, so records at the same instant keep their append order.
        foreach (var row in rows.OrderBy(c => c.At))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return row;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    private static IEnumerable<ContactPlanEntryState> Ordered(IEnumerable<ContactPlanEntryState> rows) =>
        rows.OrderBy(e => e.PlannedAt).ThenBy(e => e.Id.Value, StringComparer.Ordinal);
}
