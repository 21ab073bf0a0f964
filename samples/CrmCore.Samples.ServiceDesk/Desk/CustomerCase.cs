using CrmCore.Customers;
using CrmCore.Samples.ServiceDesk.Data;

namespace CrmCore.Samples.ServiceDesk.Desk;

/// <summary>One customer of the sample: its seed and its record as the desk last returned it.</summary>
internal sealed class CustomerCase(CustomerId id, CustomerSeed seed)
{
    public CustomerId Id { get; } = id;

    public CustomerSeed Seed { get; } = seed;

    /// <summary>The desk's record of the customer (tier and tags), read after onboarding and again at month end.</summary>
    public required CustomerState Customer { get; set; }
}
