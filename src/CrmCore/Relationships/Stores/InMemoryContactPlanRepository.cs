using System.Runtime.CompilerServices;
using CrmCore.Customers;
using CrmCore.Desk;
using CrmCore.Interactions;
using NodaTime;

namespace CrmCore.Relationships;

/// <summary>The default contact plan store: entries and contact records in memory, lost when the process ends. Thread-safe; completes synchronously.</summary>
public sealed class InMemoryContactPlanRepository : IContactPlanRepository
{
    private readonly VersionedTable<PlanEntryId, ContactPlanEntryState> _table = new("contact plan entry", s => s.Version);
    private readonly List<Interaction> _contacts = [];
    private readonly Lock _gate = new();

    /// <inheritdoc />
    public ValueTask<ContactPlanEntryState?> FindAsync(PlanEntryId id, CancellationToken cancellationToken = default) => ValueTask.FromResult(_table.Find(id));

    /// <inheritdoc />
    public ValueTask SaveAsync(ContactPlanEntryState state, long expectedVersion, Interaction? contact = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(state);
        lock (_gate)
        {
            _table.Save(state.Id, state, expectedVersion);
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
