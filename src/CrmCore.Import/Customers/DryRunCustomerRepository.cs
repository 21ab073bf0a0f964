using System.Runtime.CompilerServices;
using CrmCore.Customers;
using CrmCore.Desk;

namespace CrmCore.Import.Customers;

/// <summary>For <c>--dry-run</c>: reads go to the real store, writes stay in memory, so a dry run matches and reports exactly as the real import would.</summary>
internal sealed class DryRunCustomerRepository(ICustomerRepository inner) : ICustomerRepository
{
    private readonly InMemoryCustomerRepository _overlay = new();

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

    public async IAsyncEnumerable<CustomerState> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var state in inner.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return state;
        }
    }
}
