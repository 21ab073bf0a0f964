using System.Runtime.CompilerServices;
using CrmCore.Customers;
using CrmCore.Desk;

namespace CrmCore.Import.Customers;

/// <summary>
/// For <c>--dry-run</c>: reads go to the real store, writes stay in memory, so a dry run matches and reports exactly as the real import
/// would. The overlay holds every customer the dry run would have written (it grows with them: a dry run of a million new customers holds
/// a million states); its keys are found together with the store's.
/// </summary>
internal sealed class DryRunCustomerRepository(ICustomerRepository inner) : ICustomerRepository, ICustomerKeyIndex
{
    private readonly InMemoryCustomerRepository _overlay = new();

    /// <summary>This overlay as a key index when the real store has one, else null.</summary>
    public ICustomerKeyIndex? KeyIndex => inner is ICustomerKeyIndex ? this : null;

    public async ValueTask<CustomerState?> FindAsync(CustomerId id, CancellationToken cancellationToken = default) =>
        await _overlay.FindAsync(id, cancellationToken).ConfigureAwait(false) ?? await inner.FindAsync(id, cancellationToken).ConfigureAwait(false);

    public async ValueTask SaveAsync(CustomerState state, long expectedVersion, CancellationToken cancellationToken = default)
    {
        var current = await _overlay.FindAsync(state.Id, cancellationToken).ConfigureAwait(false);
        if (current is null && expectedVersion > 0)
        {
            // The first write of a stored customer: copy it into the overlay at the version that was read.
            if (await inner.FindAsync(state.Id, cancellationToken).ConfigureAwait(false) is { } stored)
            {
                await _overlay.SaveAsync(stored, 0, cancellationToken).ConfigureAwait(false);
                await _overlay.SaveAsync(state, stored.Version, cancellationToken).ConfigureAwait(false);
                return;
            }
        }

        await _overlay.SaveAsync(state, expectedVersion, cancellationToken).ConfigureAwait(false);
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
