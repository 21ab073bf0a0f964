using CrmCore.Customers;
using NodaTime;

namespace CrmCore.Desk;

/// <summary>
/// The one read-only shape of a customer that the classification and churn ports read: the customer's record, the activity the desk
/// recorded (<see cref="CustomerActivity"/>) and the host's <see cref="CustomerBackground"/>, as of an instant. Immutable.
/// </summary>
/// <param name="Customer">The customer's record.</param>
/// <param name="Activity">The customer's activity at <paramref name="AsOf"/>.</param>
/// <param name="Background">What the host knows beyond the desk, or null.</param>
/// <param name="AsOf">The instant the view was taken at.</param>
/// <param name="Zone">The desk's time zone, in which dates (days since, days to the contract end) are taken.</param>
public sealed record CustomerView(CustomerState Customer, CustomerActivity Activity, CustomerBackground? Background, Instant AsOf, DateTimeZone Zone);
