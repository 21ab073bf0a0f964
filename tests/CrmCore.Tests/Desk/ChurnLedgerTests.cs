using System.Runtime.CompilerServices;
using CrmCore.Agents;
using CrmCore.Churn;
using CrmCore.Customers;
using CrmCore.Desk;
using CrmCore.Satisfaction;
using CrmCore.Tickets;
using FsCheck.Xunit;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Testing;

namespace CrmCore.Tests.Desk;

/// <summary>
/// The daily churn assessment reads only what changed: the desk keeps every customer's record and a summary per ticket as it saves them
/// (the churn ledger), so after the first full read a day's assessment reads no ticket or customer from the stores, and it sees exactly
/// what a full scan of the stores would.
/// </summary>
public class ChurnLedgerTests
{
    private static readonly CustomerId[] Customers = [new("K0"), new("K1"), new("K2"), new("K3")];
    private static readonly TicketType[] Types = [TicketType.Complaint, TicketType.Consultation, TicketType.Fault];

    // Monday 2 March 2026, 10:00 in Shanghai.
    private readonly FakeClock clock = new(Instant.FromUtc(2026, 3, 2, 2, 0));

    [Fact]
    public async Task DailyAssessment_AfterTheFirst_ReadsNoTicketOrCustomerListing_YetSeesTheDesksChanges()
    {
        var (desk, tickets, customers) = await NewDeskAsync();
        for (var i = 0; i < 12; i++)
        {
            await desk.RaiseAsync(Request(Customers[i % Customers.Length], TicketType.Consultation), "phone");
        }

        var first = await desk.AdvanceAsync();             // first assessment of the day: one full read
        var fullRead = (tickets.Queries.Count(q => q.DueBy is null), customers.Listings);
        var (complaint, _) = await desk.RaiseAsync(Request(Customers[3], TicketType.Complaint), "phone");
        tickets.Queries.Clear();
        customers.Listings = 0;
        clock.AdvanceHours(24);

        var nextDay = await desk.AdvanceAsync();

        Assert.Equal((1, 1), fullRead);
        Assert.Empty(first.Events.OfType<ChurnFollowUpRaised>());
        Assert.DoesNotContain(tickets.Queries, q => q.DueBy is null);
        Assert.Equal(0, customers.Listings);
        Assert.Equal(Customers[3], Assert.Single(nextDay.Events.OfType<ChurnFollowUpRaised>()).Customer);

        await desk.MarkNoActionNeededAsync(complaint, "lead", "duplicate");
        clock.AdvanceHours(24);
        var resolved = await desk.AssessChurnAsync();
        Assert.All(resolved.Assessments, a => Assert.NotEqual(ChurnBand.High, a.Band));
        Assert.DoesNotContain(tickets.Queries, q => q.DueBy is null);
    }

    [Fact]
    public async Task ChangeOutsideTheDesk_SeenOnceRescheduled_AndOnlyThatCustomerIsReadAgain()
    {
        var (desk, tickets, customers) = await NewDeskAsync();
        await desk.RaiseAsync(Request(Customers[0], TicketType.Consultation), "phone");
        await desk.AssessChurnAsync();
        var outside = Ticket.Open(new TicketId("EXT1"), Request(Customers[2], TicketType.Complaint), new AgentId("A001"), "import", clock.GetCurrentInstant());
        await tickets.SaveAsync(outside.ToState(), 0);
        tickets.Queries.Clear();
        customers.Listings = 0;

        var unseen = await desk.AssessChurnAsync();
        await desk.RescheduleAsync(Customers[2]);
        tickets.Queries.Clear();
        var seen = await desk.AssessChurnAsync();

        Assert.DoesNotContain(unseen.Result.Events, e => e is ChurnFollowUpRaised);
        Assert.Equal(Customers[2], Assert.Single(seen.Result.Events.OfType<ChurnFollowUpRaised>()).Customer);
        Assert.Equal(new CustomerId?[] { Customers[2] }, tickets.Queries.Select(q => q.Customer));
        Assert.Equal(0, customers.Listings);
    }

    /// <summary>
    /// Differential: after any sequence of the desk's commands, clock moves of up to 40 days (so tickets cross the 60-day windows) and
    /// changes made in the store behind the desk's back and then named to <see cref="ServiceDesk.RescheduleAsync"/>, the views the daily
    /// assessment reads from the ledger equal a fresh full scan of the stores (so the factors and assessments are the same).
    /// </summary>
    [Property(MaxTest = 40)]
    public void AnySequence_LedgerViewsEqualAFullScan(int seed)
    {
        var random = new Random(seed);
        var (desk, tickets, customers) = NewDeskAsync().GetAwaiter().GetResult();
        var raised = new List<TicketId>();
        for (var step = 0; step < 80; step++)
        {
            var ticket = raised.Count == 0 ? default : raised[random.Next(raised.Count)];
            var customer = Customers[random.Next(Customers.Length)];
            try
            {
                switch (random.Next(14))
                {
                    case 0 or 1 or 2:
                        raised.Add(desk.RaiseAsync(Request(customer, Types[random.Next(Types.Length)]), "phone").GetAwaiter().GetResult().Id);
                        break;
                    case 3:
                        desk.PullNextAsync(new AgentId("A001")).GetAwaiter().GetResult();
                        break;
                    case 4 when raised.Count > 0:
                        desk.ResolveAsync(ticket, "A001", "fixed").GetAwaiter().GetResult();
                        break;
                    case 5 when raised.Count > 0:
                        desk.ScheduleRevisitAsync(ticket, "A001").GetAwaiter().GetResult();
                        desk.CompleteRevisitAsync(ticket, "manager", "ok", new DeskSurvey(new CsatScore(1 + random.Next(5)))).GetAwaiter().GetResult();
                        break;
                    case 6 when raised.Count > 0:
                        desk.CloseAsync(ticket, "A001").GetAwaiter().GetResult();
                        break;
                    case 7 when raised.Count > 0:
                        desk.ReopenAsync(ticket, "customer", "again").GetAwaiter().GetResult();
                        break;
                    case 8 when raised.Count > 0:
                        desk.MarkNoActionNeededAsync(ticket, "lead", "duplicate").GetAwaiter().GetResult();
                        break;
                    case 9:
                        desk.ClassifyCustomerAsync(customer).GetAwaiter().GetResult();
                        break;
                    case 10:
                        // Behind the desk's back, then named to it.
                        var outside = Ticket.Open(new TicketId($"EXT{step}"), Request(customer, TicketType.Complaint), new AgentId("A001"), "import", clock.GetCurrentInstant());
                        tickets.SaveAsync(outside.ToState(), 0).GetAwaiter().GetResult();
                        desk.RescheduleAsync(random.Next(3) == 0 ? null : customer).GetAwaiter().GetResult();
                        break;
                    case 11:
                        clock.AdvanceDays(random.Next(41));
                        break;
                    default:
                        clock.AdvanceHours(random.Next(30));
                        desk.AdvanceAsync().GetAwaiter().GetResult();
                        break;
                }
            }
            catch (Exception e) when (e is TicketTransitionException or InvalidOperationException)
            {
                // Refused by the lifecycle: nothing changed.
            }

            var ledger = desk.ChurnViewsAsync().GetAwaiter().GetResult().ToDictionary(v => v.Customer.Id);
            var now = clock.GetCurrentInstant();
            var all = tickets.Inner.ListAsync(TicketQuery.All).ToListAsync().AsTask().GetAwaiter().GetResult();
            var stored = customers.Inner.ListAsync().ToListAsync().AsTask().GetAwaiter().GetResult();
            Assert.Equal(stored.Select(c => c.Id.Value).Order(StringComparer.Ordinal), ledger.Keys.Select(k => k.Value).Order(StringComparer.Ordinal));
            foreach (var record in stored)
            {
                var view = ledger[record.Id];
                Assert.Equal(record.Version, view.Customer.Version);
                Assert.Equal(CustomerActivity.From(record, all, null, now), view.Activity);
                Assert.Equal(
                    new Document001ChurnFactors().Factors(new CustomerView(record, CustomerActivity.From(record, all, null, now), null, now, view.Zone)),
                    new Document001ChurnFactors().Factors(view));
            }
        }
    }

    private static TicketRequest Request(CustomerId customer, TicketType type) => new()
    {
        CustomerId = customer,
        Description = "问题",
        Urgency = Urgency.General,
        Type = type,
    };

    private async Task<(ServiceDesk Desk, CountingTicketRepository Tickets, CountingCustomers Customers)> NewDeskAsync()
    {
        var tickets = new CountingTicketRepository();
        var customers = new CountingCustomers();
        var services = new ServiceCollection();
        services.AddSingleton<IClock>(clock);
        services.AddSingleton<ITicketRepository>(tickets);
        services.AddSingleton<ISurveyRepository>(tickets.Inner);
        services.AddSingleton<ICustomerRepository>(customers);
        services.AddSingleton<IChurnFactorSource>(new UnresolvedComplaints());
        services.AddCrmCore(o => o.TicketIdPattern = "WT{yyyyMM}{seq:5}");
        services.AddCrmMetrics();
        var desk = services.BuildServiceProvider().GetRequiredService<ServiceDesk>();
        desk.RegisterAgent(new AgentId("A001"), "Li", new TeamId("L1"), SkillSet.Empty, 1000);
        foreach (var id in Customers)
        {
            await desk.RegisterCustomerAsync(id, new CustomerProfile { Name = $"客户{id}", FirstContactOn = new LocalDate(2025, 1, 5) }, tier: "A");
        }

        return (desk, tickets, customers);
    }

    private sealed class UnresolvedComplaints : IChurnFactorSource
    {
        public IReadOnlyList<ChurnFactor> Factors(CustomerView customer) =>
            customer.Activity.UnresolvedComplaints > 0 ? [new ChurnFactor("Complaint", 80, "open complaint")] : [];
    }

    /// <summary>An in-memory customer store that counts its full listings.</summary>
    private sealed class CountingCustomers : ICustomerRepository
    {
        public InMemoryCustomerRepository Inner { get; } = new();

        public int Listings { get; set; }

        public ValueTask<CustomerState?> FindAsync(CustomerId id, CancellationToken cancellationToken = default) => Inner.FindAsync(id, cancellationToken);

        public ValueTask SaveAsync(CustomerState state, long expectedVersion, CancellationToken cancellationToken = default) =>
            Inner.SaveAsync(state, expectedVersion, cancellationToken);

        public async IAsyncEnumerable<CustomerState> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            Listings++;
            await foreach (var customer in Inner.ListAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return customer;
            }
        }
    }
}
