using CrmCore.Customers;
using NodaTime;

namespace CrmCore.Desk;

/// <summary>The default <see cref="ICustomerBackgroundSource"/>: the desk's records are all there is. Thread-safe.</summary>
public sealed class NoCustomerBackground : ICustomerBackgroundSource
{
    /// <inheritdoc />
    public CustomerBackground? Find(CustomerState customer, Instant now) => null;
}
