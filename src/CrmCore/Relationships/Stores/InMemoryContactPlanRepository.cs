using System.Runtime.CompilerServices;
using CrmCore.Audit;
using CrmCore.Customers;
using CrmCore.Desk;
using CrmCore.Interactions;
using NodaTime;

namespace CrmCore.Relationships;

/// <summary>
/// The default contact plan store: entries and contact records in memory, lost when the process ends. Created with an audit trail (any
/// <see cref="IAuditStore"/>) and a clock, each save also appends its <see cref="PlanAudit"/> entries (actor: <see cref="AuditActor.Current"/>)
/// and awaits them before the change is applied, one save at a time. Thread-safe; completes synchronously unless the audit store does not.
/// </summary>
public sealed class InMemoryContactPlanRepository : IContactPlanRepository
{
    private readonly VersionedTable<PlanEntryId, ContactPlanEntryState> _table = new("contact plan entry", s => s.Version);
    private readonly List<Interaction> _contacts = [];
    private readonly Lock _gate = new();
    private readonly AuditedWrites? _audit;
    private readonly IClock? _clock;

    /// <summary>Creates a store that does not audit.</summary>
    public InMemoryContactPlanRepository()
    {
    }

    /// <summary>Creates a store whose saves append their audit entries to <paramref name="audit"/>.</summary>
    /// <param name="audit">The audit trail: the in-memory one or the host's own.</param>
    /// <param name="clock">When changes happen.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public InMemoryContactPlanRepository(IAuditStore audit, IClock clock)
    {
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(clock);
        _audit = new AuditedWrites(audit);
        _clock = clock;
    }

    /// <inheritdoc />
    public ValueTask<ContactPlanEntryState?> FindAsync(PlanEntryId id, CancellationToken cancellationToken = default) =>
        cancellationToken.IsCancellationRequested ? ValueTask.FromCanceled<ContactPlanEntryState?>(cancellationToken) : ValueTask.FromResult(_table.Find(id));

    /// <inheritdoc />
    public ValueTask SaveAsync(ContactPlanEntryState state, long expectedVersion, Interaction? contact = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (_audit is null || _clock is null)
        {
            Apply(state, expectedVersion, contact);
            return ValueTask.CompletedTask;
        }

        var clock = _clock;
        return _audit.RunAsync(
            () =>
            {
                _table.Check(state.Id, state, expectedVersion);
                return PlanAudit.Changes(AuditActor.Current, clock.GetCurrentInstant(), _table.Find(state.Id), state);
            },
            () => Apply(state, expectedVersion, contact),
            cancellationToken);
    }

    private void Apply(ContactPlanEntryState state, long expectedVersion, Interaction? contact)
    {
        lock (_gate)
        {
            _table.Save(state.Id, state, expectedVersion);
            if (contact is not null)
            {
                _contacts.Add(contact);
            }
        }
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
