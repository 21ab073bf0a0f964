using CrmCore.Desk;
using CrmCore.Interactions;
using CrmCore.Relationships;
using CrmCore.Tickets;

namespace CrmCore.Testing;

/// <summary>Store transactions whose roll-back clean-up throws <paramref name="cleanup"/> on every dispose of a transaction not
/// committed (a commit ends them cleanly), as a transaction whose end callbacks fail does, and as a host's may on a second dispose;
/// shared by the test projects (linked into each). Over <paramref name="inner"/> (a database's transactions) each one is the inner
/// one's, really rolled back before the clean-up failure is thrown; without it they group nothing (the in-memory stores). They count
/// what they begin and every dispose, so a test can tell how a command began its transaction and whether it disposed it twice.
/// Use them with a desk that has no event subscribers: the desk's look for a host transaction (before it delivers events) begins one
/// and disposes it without a commit, which these fail.</summary>
internal sealed class FailingCleanUpTransactions(Exception cleanup, IStoreTransactions? inner = null) : IStoreTransactions
{
    private readonly Exception _cleanup = cleanup;
    private int _begun;
    private int _allOrNothing;
    private int _disposals;

    /// <summary>How many transactions were begun (either way).</summary>
    public int Begun => Volatile.Read(ref _begun);

    /// <summary>How many of them were begun all or nothing (<see cref="IStoreTransactions.BeginAllOrNothing"/>).</summary>
    public int BegunAllOrNothing => Volatile.Read(ref _allOrNothing);

    /// <summary>How many times a transaction was disposed, a second dispose of the same one included.</summary>
    public int Disposals => Volatile.Read(ref _disposals);

    public IStoreTransaction Begin()
    {
        Interlocked.Increment(ref _begun);
        return new Transaction(this, inner?.Begin());
    }

    public IStoreTransaction BeginAllOrNothing()
    {
        Interlocked.Increment(ref _begun);
        Interlocked.Increment(ref _allOrNothing);
        return new Transaction(this, inner?.BeginAllOrNothing());
    }

    private sealed class Transaction(FailingCleanUpTransactions owner, IStoreTransaction? inner) : IStoreTransaction
    {
        private bool _ended;

        public async ValueTask CommitAsync(CancellationToken cancellationToken = default)
        {
            if (inner is not null)
            {
                await inner.CommitAsync(cancellationToken).ConfigureAwait(false);
            }

            _ended = true;
        }

        public async ValueTask DisposeAsync()
        {
            Interlocked.Increment(ref owner._disposals);
            if (inner is not null)
            {
                await inner.DisposeAsync().ConfigureAwait(false);
            }

            if (!_ended)
            {
                throw owner._cleanup;
            }
        }
    }
}

/// <summary>Tickets whose writes throw what <paramref name="failure"/> makes (a write it gives no exception goes to <paramref name="inner"/>,
/// as every read does).</summary>
internal sealed class FailingWriteTickets(ITicketRepository inner, Func<TicketState, long, Exception?> failure) : ITicketRepository
{
    public ValueTask<TicketState?> FindAsync(TicketId id, CancellationToken cancellationToken = default) => inner.FindAsync(id, cancellationToken);

    public ValueTask SaveAsync(TicketState state, long expectedVersion, CancellationToken cancellationToken = default) =>
        failure(state, expectedVersion) is { } error ? ValueTask.FromException(error) : inner.SaveAsync(state, expectedVersion, cancellationToken);

    public ValueTask<bool> RescheduleAsync(TicketId id, long version, TicketDueTimes due, CancellationToken cancellationToken = default) =>
        inner.RescheduleAsync(id, version, due, cancellationToken);

    public IAsyncEnumerable<TicketState> ListAsync(TicketQuery query, CancellationToken cancellationToken = default) => inner.ListAsync(query, cancellationToken);
}

/// <summary>A queue store whose writes throw what <paramref name="failure"/> makes for the write ("add", "update" or "remove") and the
/// ticket; a write it gives no exception, every read and the change feed go to <paramref name="inner"/>.</summary>
internal sealed class FailingWriteQueue(IQueueRepository inner, Func<string, TicketId, Exception?> failure) : IQueueRepository
{
    public bool ChangesLockedUntilCommit => inner.ChangesLockedUntilCommit;

    public ValueTask<bool> AddAsync(QueueEntryState entry, CancellationToken cancellationToken = default) =>
        failure("add", entry.TicketId) is { } error ? ValueTask.FromException<bool>(error) : inner.AddAsync(entry, cancellationToken);

    public ValueTask<bool> UpdateAsync(QueueEntryState entry, CancellationToken cancellationToken = default) =>
        failure("update", entry.TicketId) is { } error ? ValueTask.FromException<bool>(error) : inner.UpdateAsync(entry, cancellationToken);

    public ValueTask<bool> RemoveAsync(TicketId id, CancellationToken cancellationToken = default) =>
        failure("remove", id) is { } error ? ValueTask.FromException<bool>(error) : inner.RemoveAsync(id, cancellationToken);

    public IAsyncEnumerable<QueueEntryState> ListAsync(CancellationToken cancellationToken = default) => inner.ListAsync(cancellationToken);

    public ValueTask<long> LastChangeAsync(CancellationToken cancellationToken = default) => inner.LastChangeAsync(cancellationToken);

    public IAsyncEnumerable<QueueChange> ChangesAsync(long after, CancellationToken cancellationToken = default) => inner.ChangesAsync(after, cancellationToken);
}

/// <summary>Contact plan entries that pass every call to <paramref name="inner"/>; a fake overrides what it changes.</summary>
internal abstract class ForwardingPlans(IContactPlanRepository inner) : IContactPlanRepository
{
    protected IContactPlanRepository Inner => inner;

    public virtual ValueTask<ContactPlanEntryState?> FindAsync(PlanEntryId id, CancellationToken cancellationToken = default) => inner.FindAsync(id, cancellationToken);

    public virtual ValueTask SaveAsync(ContactPlanEntryState state, long expectedVersion, Interaction? contact = null, CancellationToken cancellationToken = default) =>
        inner.SaveAsync(state, expectedVersion, contact, cancellationToken);

    public IAsyncEnumerable<ContactPlanEntryState> ListAsync(ContactPlanQuery query, CancellationToken cancellationToken = default) => inner.ListAsync(query, cancellationToken);

    public IAsyncEnumerable<ContactPlanEntryState> ListOwingRemindersAsync(NodaTime.Instant now, CancellationToken cancellationToken = default) =>
        inner.ListOwingRemindersAsync(now, cancellationToken);

    public ValueTask AppendContactAsync(Interaction contact, CancellationToken cancellationToken = default) => inner.AppendContactAsync(contact, cancellationToken);

    public IAsyncEnumerable<Interaction> ListContactsAsync(Customers.CustomerId customer, CancellationToken cancellationToken = default) =>
        inner.ListContactsAsync(customer, cancellationToken);
}

/// <summary>Contact plan entries whose saves throw what <paramref name="failure"/> makes (a save it gives no exception, every read and
/// contact record go to <paramref name="inner"/>).</summary>
internal sealed class FailingWritePlans(IContactPlanRepository inner, Func<ContactPlanEntryState, Exception?> failure) : ForwardingPlans(inner)
{
    public override ValueTask SaveAsync(ContactPlanEntryState state, long expectedVersion, Interaction? contact = null, CancellationToken cancellationToken = default) =>
        failure(state) is { } error ? ValueTask.FromException(error) : Inner.SaveAsync(state, expectedVersion, contact, cancellationToken);
}

/// <summary>Contact plan entries where another writer gets in first: just before the first change (not the insert) of entry
/// <paramref name="raced"/>, <paramref name="rival"/>'s change of the stored entry is saved through <paramref name="inner"/> (in the caller's
/// transaction, if one is open), so the caller's save is from a stale copy and conflicts. Once; every other call goes to
/// <paramref name="inner"/>.</summary>
internal sealed class RacingPlans(IContactPlanRepository inner, PlanEntryId raced, Func<ContactPlanEntryState, ContactPlanEntryState> rival) : ForwardingPlans(inner)
{
    private int _raced;

    /// <summary>True once the rival's change was saved.</summary>
    public bool Raced => Volatile.Read(ref _raced) == 1;

    public override async ValueTask SaveAsync(ContactPlanEntryState state, long expectedVersion, Interaction? contact = null, CancellationToken cancellationToken = default)
    {
        if (state.Id == raced && expectedVersion > 0 && Interlocked.CompareExchange(ref _raced, 1, 0) == 0)
        {
            var stored = await Inner.FindAsync(raced, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"Plan entry {raced} is not stored.");
            await Inner.SaveAsync(rival(stored) with { Version = stored.Version + 1 }, stored.Version, null, cancellationToken).ConfigureAwait(false);
        }

        await Inner.SaveAsync(state, expectedVersion, contact, cancellationToken).ConfigureAwait(false);
    }
}

/// <summary>Plan entries for the tests that need one: a manual call to the customer, owned by wang.li, due on 2 March 2026.</summary>
internal static class TestPlanEntries
{
    /// <summary>A planned manual call, version 1.</summary>
    public static ContactPlanEntryState ManualCall(string id, Customers.CustomerId customer, NodaTime.Instant plannedAt, NodaTime.Duration dueWithin) => new()
    {
        Id = new PlanEntryId(id),
        Version = 1,
        Customer = customer,
        Kind = PlanKind.Manual,
        Channel = ContactChannel.Call,
        Owner = new Agents.AgentId("wang.li"),
        DueOn = new NodaTime.LocalDate(2026, 3, 2),
        PlannedAt = plannedAt,
        DueBy = plannedAt + dueWithin,
        Purpose = "回访",
    };
}
