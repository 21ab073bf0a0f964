using CrmCore.Churn;
using CrmCore.Customers;
using CrmCore.Metrics;
using CrmCore.Rules;
using CrmCore.Rules.Facts;
using CrmCore.Samples.ServiceDesk.Data;
using CrmCore.Tickets;
using NodaTime;

namespace CrmCore.Samples.ServiceDesk.Desk;

/// <summary>
/// The sample's customers: onboarded from their seeds, tiered and tagged by the default rule pack, registered with the desk,
/// and the month's counters the customer rules and the churn score read (the desk has no customer-classification or churn
/// port yet, so this stays in the sample).
/// </summary>
internal sealed class CustomerBook(SampleSettings settings, IClock clock, RuleSet rules)
{
    private readonly List<CustomerCase> customers = [];
    private Dictionary<CustomerId, string> tierAtStart = [];

    public IReadOnlyList<CustomerCase> Customers => customers;

    /// <summary>Creates, classifies and registers every customer with the desk.</summary>
    public async Task OnboardAsync(CrmCore.Desk.ServiceDesk desk, CustomerFactory factory, IReadOnlyList<CustomerSeed> seeds)
    {
        foreach (var seed in seeds)
        {
            var profile = new CustomerProfile
            {
                Name = seed.Name,
                ShortName = seed.ShortName,
                Industry = new Industry(seed.Industry),
                Size = new CompanySize(seed.Employees, null),
                Source = new CustomerSource(seed.SourceChannel),
                FirstContactOn = seed.FirstContact,
                Transactions = new TransactionSummary(seed.FirstCooperation, Money.Cny(seed.AnnualAmount), [], 0),
                Contacts = [new Contact(seed.ContactName, ContactRole.DecisionMaker) { Phone = seed.ContactPhone, Email = seed.ContactEmail }],
            };
            var customer = factory.Create(profile);
            if (seed.DoNotContact)
            {
                customer.OptOutOfContact(clock.GetCurrentInstant(), "客户明确表示无需联系");
            }

            var item = new CustomerCase(customer, seed);
            Classify(item);
            customers.Add(item);
            await desk.RegisterCustomerAsync(customer.Id, profile, customer.Tier, customer.Tags);
        }

        tierAtStart = customers.ToDictionary(c => c.Customer.Id, c => c.Customer.Tier ?? string.Empty);
    }

    /// <summary>Counts a raised ticket against its customer.</summary>
    public void Arrived(CustomerCase customer, TicketSeed seed)
    {
        customer.OpenTickets++;
        customer.LastInteraction = seed.RaisedAt;
        if (seed.Type == TicketType.Complaint)
        {
            customer.ComplaintsThisMonth++;
            customer.UnresolvedComplaints++;
        }
        else if (seed.Type == TicketType.Consultation)
        {
            customer.ConsultationsThisMonth++;
        }
    }

    /// <summary>Counts a closed or no-action ticket against its customer.</summary>
    public void Finished(TicketCase item)
    {
        item.Customer.OpenTickets--;
        if (item.Seed.Type == TicketType.Complaint && item.Customer.UnresolvedComplaints > 0)
        {
            item.Customer.UnresolvedComplaints--;
        }
    }

    /// <summary>Re-classifies every customer at month end and scores its churn risk.</summary>
    public List<ChurnAssessment> AssessChurn(ChurnScorer scorer, Instant monthEnd) => customers.Select(customer =>
    {
        Classify(customer);
        var factors = rules.EvaluateCustomer(Facts(customer)).ChurnRiskReasons
            .Select(r => new ChurnFactor(r.Rule, (double)r.Points, r.Reason, r.ReasonZhHans))
            .ToList();
        return scorer.Evaluate(customer.Customer.Id, factors, monthEnd);
    }).ToList();

    /// <summary>
    /// The customers' lifecycles for the churn rate: a customer whose contract ended this month and who was unhappy or silent did
    /// not renew.
    /// </summary>
    public List<CustomerLifecycle> Lifecycles()
    {
        var first = settings.Month.OnDayOfMonth(1);
        var last = settings.Month.OnDayOfMonth(settings.Month.Calendar.GetDaysInMonth(settings.Month.Year, settings.Month.Month));
        var lost = new Random(settings.Seed + 1);
        return customers.Select(c =>
        {
            var seed = c.Seed;
            LocalDate? lostOn = seed.ContractEnd is { } end && end >= first && end <= last
                && (seed.CsatAverage < 3.5 || seed.DaysSinceLastInteraction > 90 || lost.NextDouble() < 0.3)
                ? end
                : null;
            return new CustomerLifecycle
            {
                CustomerId = c.Customer.Id.Value,
                Since = seed.FirstCooperation,
                LostOn = lostOn,
                Tier = tierAtStart[c.Customer.Id],
                Region = seed.Region,
                Agent = c.Customer.AccountManager?.Value ?? string.Empty,
            };
        }).ToList();
    }

    private void Classify(CustomerCase customer)
    {
        var now = clock.GetCurrentInstant();
        var evaluation = rules.EvaluateCustomer(Facts(customer));
        if (evaluation.Tier is { } tier)
        {
            customer.Customer.AssignTier(now, tier, "default rule pack");
        }

        foreach (var tag in customer.Customer.Tags.Except(evaluation.Tags, StringComparer.Ordinal).ToList())
        {
            customer.Customer.Untag(now, tag);
        }

        foreach (var tag in evaluation.Tags)
        {
            customer.Customer.Tag(now, tag);
        }
    }

    private CustomerFacts Facts(CustomerCase c)
    {
        var now = clock.GetCurrentInstant();
        var seed = c.Seed;
        var input = new CustomerFactsInput
        {
            AnnualRevenue = seed.AnnualAmount,
            Industry = seed.Industry,
            Region = seed.Region,
            Tier = c.Customer.Tier ?? string.Empty,
            Employees = seed.Employees,
            SourceChannel = seed.SourceChannel,
            Tags = [.. c.Customer.Tags],
            ComplaintsLast60Days = c.ComplaintsThisMonth,
            ComplaintsPrev60Days = seed.ComplaintsPrev60Days,
            ConsultationsLast60Days = c.ConsultationsThisMonth,
            ConsultationsPrev60Days = seed.ConsultationsPrev60Days,
            UnresolvedComplaints = c.UnresolvedComplaints,
            OpenTicketCount = c.OpenTickets,
            LastInteractionAt = c.LastInteraction ?? now - Duration.FromDays(seed.DaysSinceLastInteraction),
            FirstCooperationOn = seed.FirstCooperation,
            CsatAverage = c.Scores.Count > 0 ? (decimal)c.Scores.Average() : (decimal?)seed.CsatAverage,
            ContractEndsOn = seed.ContractEnd,
            DoNotContact = c.Customer.DoNotContact,
        };
        return CustomerFacts.From(input, now, settings.Zone);
    }
}
