using System.Runtime.CompilerServices;
using CrmCore.Customers;
using CrmCore.Desk;

namespace CrmCore.Import.Customers;

/// <summary>
/// For <c>--dry-run</c>: reads go to the real store, writes stay in memory, so a dry run matches and reports exactly as the real import
/// would. The overlay holds every customer the dry run would have written (it grows with them: a dry run of a million new customers holds
/// a million states); its keys are found together with the store's, in the order the port promises. A batch is written to the overlay
/// whole or not at all, as <see cref="ICustomerBatchRepository"/> promises.
/// </summary>
internal sealed class DryRunCustomerRepository(ICustomerRepository inner) : ICustomerBatchRepository, ICustomerKeyIndex
{
    private readonly InMemoryCustomerRepository _overlay = new();

    /// <summary>This overlay as a key index when the real store has one, else null.</summary>
    public ICustomerKeyIndex? KeyIndex => inner is ICustomerKeyIndex ? this : null;

    /// <summary>This overlay as a batch store when the real store writes batches, else null (the import then saves customer by customer,
    /// as it would to the real store, so a customer changed by someone else during the run rejects only its own rows in both).</summary>
    public ICustomerBatchRepository? Batches => inner is ICustomerBatchRepository ? this : null;

    public async ValueTask<CustomerState?> FindAsync(CustomerId id, CancellationToken cancellationToken = default) =>
        await _overlay.FindAsync(id, cancellationToken).ConfigureAwait(false) ?? await inner.FindAsync(id, cancellationToken).ConfigureAwait(false);

    public ValueTask SaveAsync(CustomerState state, long expectedVersion, CancellationToken cancellationToken = default) =>
        SaveAllAsync([(state, expectedVersion)], cancellationToken);

    /// <summary>As the real store's batch: all of the batch or none of it in the overlay, a stale version rejecting the whole batch.
    /// Every expected version is checked (against the overlay's copy, else the store's) before the overlay changes at all, so a conflict
    /// leaves no copy of a stored customer behind. The import calls it only through <see cref="Batches"/>, when the real store writes
    /// batches too.</summary>
    public async ValueTask SaveAllAsync(IReadOnlyList<(CustomerState State, long ExpectedVersion)> writes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writes);
        var copies = new List<(CustomerState State, long ExpectedVersion)>();
        foreach (var (state, expectedVersion) in writes)
        {
            var id = (state ?? throw new ArgumentException("A write has no state.", nameof(writes))).Id;
            var current = await _overlay.FindAsync(id, cancellationToken).ConfigureAwait(false);
            if (current is null && expectedVersion > 0 && await inner.FindAsync(id, cancellationToken).ConfigureAwait(false) is { } stored)
            {
                copies.Add((stored, 0));
                current = stored;
            }

            if ((current?.Version ?? 0) != expectedVersion)
            {
                throw new ConcurrencyConflictException($"customer {id}", expectedVersion, current?.Version ?? 0);
            }
        }

        // Nothing can conflict now: the overlay is this dry run's own. A stored customer's first write copies it in at its stored
        // version, read afresh here (not the state the import read before), so a save from a stale copy conflicts as in the store.
        if (copies.Count > 0)
        {
            await _overlay.SaveAllAsync(copies, cancellationToken).ConfigureAwait(false);
        }

        await _overlay.SaveAllAsync(writes, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The store's matches for customers the overlay does not hold (their keys are the overlay's now), and the overlay's.</summary>
    public async ValueTask<IReadOnlyList<CustomerKeyMatch>> FindByKeysAsync(IReadOnlyCollection<CustomerKey> keys, CancellationToken cancellationToken = default)
    {
        var stored = await ((ICustomerKeyIndex)inner).FindByKeysAsync(keys, cancellationToken).ConfigureAwait(false);
        var written = await _overlay.FindByKeysAsync(keys, cancellationToken).ConfigureAwait(false);
        var matches = new List<CustomerKeyMatch>(stored.Count + written.Count);
        foreach (var match in stored)
        {
            if (await _overlay.FindAsync(match.CustomerId, cancellationToken).ConfigureAwait(false) is null)
            {
                matches.Add(match);
            }
        }

        matches.AddRange(written);
        matches.Sort(CustomerKeyMatch.Order);
        return matches;
    }

    public async IAsyncEnumerable<CustomerState> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var state in inner.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return state;
        }
    }
}
