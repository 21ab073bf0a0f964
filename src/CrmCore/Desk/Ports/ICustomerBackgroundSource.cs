using CrmCore.Customers;
using NodaTime;

namespace CrmCore.Desk;

/// <summary>
/// A port of the desk: what the host knows about a customer beyond the desk's records (region, contract end, activity before the
/// desk's records began), read whenever the desk builds a <see cref="CustomerView"/>. The default, <see cref="NoCustomerBackground"/>,
/// knows nothing. Implementations must be thread-safe.
/// </summary>
public interface ICustomerBackgroundSource
{
    /// <summary>Finds a customer's background.</summary>
    /// <param name="customer">The customer's record.</param>
    /// <param name="now">The instant the view is taken at.</param>
    /// <returns>The background, or null when none is known.</returns>
    CustomerBackground? Find(CustomerState customer, Instant now);
}
