using CrmCore.Customers;
using CrmCore.Desk;
using CrmCore.Metrics;
using CrmCore.Samples.ServiceDesk.Data;
using NodaTime;

namespace CrmCore.Samples.ServiceDesk.Desk;

/// <summary>
/// The sample's customers: built from their seeds and registered with the desk, which tiers, tags and scores them through its ports
/// (the rule pack). The seeds' history from before the month reaches the desk as each customer's background; what did not renew is
/// the simulated world's.
/// </summary>
internal sealed class CustomerBook(SampleSettings settings, IClock clock) : ICustomerBackgroundSource
{
    private readonly List<CustomerCase> customers = [];
    private readonly Dictionary<CustomerId, CustomerSeed> seeds = [];
    private Dictionary<CustomerId, string> tierAtStart = [];

    public IReadOnlyList<CustomerCase> Customers => customers;

    /// <summary>The seed's region, contract end and activity before the month; the last interaction is as many days ago as the seed says.</summary>
    public CustomerBackground? Find(CustomerState customer, Instant now) => seeds.TryGetValue(customer.Id, out var seed)
        ? new CustomerBackground
        {
            Region = seed.Region,
            ContractEndsOn = seed.ContractEnd,
            ComplaintsPrev60Days = seed.ComplaintsPrev60Days,
            ConsultationsPrev60Days = seed.ConsultationsPrev60Days,
            LastInteractionAt = now - Duration.FromDays(seed.DaysSinceLastInteraction),
            CsatAverage = (decimal?)seed.CsatAverage,
        }
        : null;

    /// <summary>Creates every customer and registers it with the desk, which classifies it.</summary>
    public async Task OnboardAsync(CrmCore.Desk.ServiceDesk desk, CustomerFactory factory, IReadOnlyList<CustomerSeed> world)
    {
        foreach (var (index, seed) in world.Index())
        {
            // Migrated records have gaps for document 002's completeness check: one customer in eleven has no account manager on
            // record (the plan book then falls back to the team's rota), one in nine no contact e-mail, one in seven
            // no product (the seed's).
            var customer = factory.Create(new CustomerProfile
            {
                Name = seed.Name,
                ShortName = seed.ShortName,
                Industry = new Industry(seed.Industry),
                Size = new CompanySize(seed.Employees, null),
                Source = new CustomerSource(seed.SourceChannel),
                FirstContactOn = seed.FirstContact,
                Transactions = new TransactionSummary(seed.FirstCooperation, Money.Cny(seed.AnnualAmount), seed.Products, 0),
                Contacts = [new Contact(seed.ContactName, ContactRole.DecisionMaker) { Phone = seed.ContactPhone, Email = index % 9 == 4 ? null : seed.ContactEmail }],
            });
            if (index % 11 != 7)
            {
                customer.AssignAccountManager(clock.GetCurrentInstant(), Relationships.SampleRelationships.ManagerOf(customer.Id));
            }

            if (seed.DoNotContact)
            {
                customer.OptOutOfContact(clock.GetCurrentInstant(), "客户明确表示无需联系");
            }

            seeds[customer.Id] = seed;
            await desk.RegisterCustomerAsync(customer);
            customers.Add(new CustomerCase(customer.Id, seed) { Customer = (await desk.ViewCustomerAsync(customer.Id)).Customer });
        }

        tierAtStart = customers.ToDictionary(c => c.Id, c => c.Customer.Tier ?? string.Empty);
    }

    /// <summary>At month end: the desk classifies every customer again and reads them back.</summary>
    public async Task ReclassifyAsync(CrmCore.Desk.ServiceDesk desk)
    {
        foreach (var item in customers)
        {
            await desk.ClassifyCustomerAsync(item.Id);
            item.Customer = (await desk.ViewCustomerAsync(item.Id)).Customer;
        }
    }

    /// <summary>The customers' lifecycles for the churn rate: a customer whose contract ended this month and who was unhappy or silent did not renew.</summary>
    public List<CustomerLifecycle> Lifecycles()
    {
        var first = settings.Month.OnDayOfMonth(1);
        var last = settings.Month.OnDayOfMonth(settings.Month.Calendar.GetDaysInMonth(settings.Month.Year, settings.Month.Month));
        var lost = new Random(settings.Seed + 1);
        return customers.Select(c => new CustomerLifecycle
        {
            CustomerId = c.Id.Value,
            Since = c.Seed.FirstCooperation,
            LostOn = c.Seed.ContractEnd is { } end && end >= first && end <= last
                && (c.Seed.CsatAverage < 3.5 || c.Seed.DaysSinceLastInteraction > 90 || lost.NextDouble() < 0.3) ? end : null,
            Tier = tierAtStart[c.Id],
            Region = c.Seed.Region,
            Agent = c.Customer.AccountManager?.Value ?? string.Empty,
        }).ToList();
    }
}
