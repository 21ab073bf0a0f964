using CrmCore.Customers;
using CrmCore.Samples.ServiceDesk.Data;

namespace CrmCore.Samples.ServiceDesk.Desk;

/// <summary>The sample's bookkeeping around one customer: the aggregate plus this month's counters.</summary>
internal sealed class CustomerCase(Customer customer, CustomerSeed seed)
{
    public Customer Customer { get; } = customer;

    public CustomerSeed Seed { get; } = seed;

    public int ComplaintsThisMonth { get; set; }

    public int ConsultationsThisMonth { get; set; }

    public int OpenTickets { get; set; }

    public int UnresolvedComplaints { get; set; }

    public List<int> Scores { get; } = [];

    public NodaTime.Instant? LastInteraction { get; set; }
}
