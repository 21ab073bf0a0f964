using CrmCore.Agents;
using CrmCore.Churn;
using CrmCore.Customers;
using CrmCore.Desk;
using CrmCore.Satisfaction;
using CrmCore.Tickets;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Testing;

namespace CrmCore.Tests.Desk;

/// <summary>The desk classifies customers and raises churn follow-ups through its ports.</summary>
public class CustomerPortsTests
{
    private static readonly CustomerId Acme = new("KH0001");
    private static readonly DateTimeZone Shanghai = DateTimeZoneProviders.Tzdb["Asia/Shanghai"];

    // Monday 2 March 2026, 10:00 in Shanghai.
    private readonly FakeClock clock = new(Instant.FromUtc(2026, 3, 2, 2, 0));

    [Fact]
    public void Activity_FromTickets_CountsWindowsOpenUnresolvedAndEverySurvey()
    {
        var now = clock.GetCurrentInstant();
        var customer = Customer.Create(Acme, Profile(), now - Duration.FromDays(400)).ToState();
        var old = Complaint("WT1", now - Duration.FromDays(90), resolveAndSurvey: [2]);
        var recent = Complaint("WT2", now - Duration.FromDays(10), resolveAndSurvey: [1, 4]);
        var open = Complaint("WT3", now - Duration.FromDays(1), resolveAndSurvey: []);
        var background = new CustomerBackground { ComplaintsPrev60Days = 2, LastInteractionAt = now - Duration.FromDays(200), CsatAverage = 4.5m };

        var activity = CustomerActivity.From(customer, [old, recent, open], background, now);

        Assert.Equal(2, activity.ComplaintsLast60Days);
        Assert.Equal(1 + 2, activity.ComplaintsPrev60Days);
        Assert.Equal(3, activity.UnresolvedComplaints); // resolved is not closed: only Closed and NoActionNeeded are finished
        Assert.Equal(3, activity.OpenTickets);
        Assert.Equal(now - Duration.FromDays(1), activity.LastInteractionAt);
        Assert.Equal((2 + 1 + 4) / 3m, activity.CsatAverage); // the reopened ticket's earlier answer counts too
        Assert.Equal(4.5m, CustomerActivity.From(customer, [], background, now).CsatAverage);
    }

    [Fact]
    public async Task Register_HostCustomer_IsClassifiedThroughThePort_AndReclassifiedFromActivity()
    {
        var (desk, _) = Desk(new ComplaintsClassifier());
        var customer = Customer.Create(Acme, Profile(), clock.GetCurrentInstant());
        customer.OptOutOfContact(clock.GetCurrentInstant(), "客户要求");

        var registered = await desk.RegisterCustomerAsync(customer);
        var before = await desk.ViewCustomerAsync(Acme);
        await desk.RaiseAsync(new TicketRequest { CustomerId = Acme, Description = "投诉", Urgency = Urgency.Urgent, Type = TicketType.Complaint }, "phone");
        var reclassified = await desk.ClassifyCustomerAsync(Acme);
        var after = await desk.ViewCustomerAsync(Acme);
        var again = await desk.ClassifyCustomerAsync(Acme);

        Assert.Contains(registered.Events, e => e is CustomerTierChanged { NewTier: "C" });
        Assert.Equal(["do-not-contact"], before.Customer.Tags);
        Assert.Equal("B", after.Customer.Tier);
        Assert.Equal(["complained"], after.Customer.Tags);
        Assert.Contains(reclassified.Events, e => e is CustomerUntagged { Tag: "do-not-contact" });
        Assert.Empty(again.Events);
        Assert.Equal(1, after.Activity.UnresolvedComplaints);
    }

    [Fact]
    public async Task Advance_CustomerEntersHighBand_OneFollowUp_UntilItLeavesAndEntersAgain()
    {
        var factors = new UnresolvedComplaintFactors();
        var (desk, _) = Desk(churn: factors, metrics: true);
        await desk.RegisterCustomerAsync(Acme, Profile(), tier: "A");
        desk.RegisterAgent(new AgentId("A001"), "Li", new TeamId("L1"), SkillSet.Empty, 5);
        var (id, _) = await desk.RaiseAsync(new TicketRequest { CustomerId = Acme, Description = "投诉", Urgency = Urgency.Urgent, Type = TicketType.Complaint }, "phone");

        var first = await desk.AdvanceAsync();      // first advance of the day: assessed, high
        clock.AdvanceHours(1);
        var sameDay = await desk.AdvanceAsync();    // not assessed again today
        clock.AdvanceHours(24);
        var nextDay = await desk.AdvanceAsync();    // assessed, still high: nothing
        await desk.PullNextAsync(new AgentId("A001"));
        await desk.MarkNoActionNeededAsync(id, "A001", "duplicate");
        clock.AdvanceHours(24);
        var left = await desk.AdvanceAsync();       // low again
        await desk.RaiseAsync(new TicketRequest { CustomerId = Acme, Description = "又投诉", Urgency = Urgency.Urgent, Type = TicketType.Complaint }, "phone");
        clock.AdvanceHours(24);
        var entered = await desk.AdvanceAsync();

        var followUp = Assert.Single(first.Events.OfType<ChurnFollowUpRaised>());
        Assert.Equal(Acme, followUp.Customer);
        Assert.Equal(ChurnBand.High, followUp.Assessment.Band);
        Assert.Equal(followUp.Assessment.FollowUpDue, followUp.FollowUpDue);
        Assert.True(followUp.FollowUpDue >= followUp.OccurredAt + Duration.FromHours(24), "document 001: within a (business) day");
        Assert.Empty(sameDay.Events.OfType<ChurnFollowUpRaised>());
        Assert.Empty(nextDay.Events.OfType<ChurnFollowUpRaised>());
        Assert.Empty(left.Events.OfType<ChurnFollowUpRaised>());
        Assert.Single(entered.Events.OfType<ChurnFollowUpRaised>());
        Assert.Equal(4, factors.Calls); // once per assessed day, never per advance
    }

    [Fact]
    public async Task AssessChurn_NoScorerRegistered_ThrowsAndAdvanceAssessesNothing()
    {
        var factors = new UnresolvedComplaintFactors();
        var (desk, _) = Desk(churn: factors);
        await desk.RegisterCustomerAsync(Acme, Profile(), tier: "A");

        await Assert.ThrowsAsync<InvalidOperationException>(() => desk.AssessChurnAsync());
        await desk.AdvanceAsync();

        Assert.Equal(0, factors.Calls);
    }

    [Fact]
    public void Document001Factors_ActivityAndBackground_GiveThePolicysPoints()
    {
        var now = clock.GetCurrentInstant();
        var customer = Customer.Create(Acme, Profile(), now).ToState();
        var activity = new CustomerActivity
        {
            ComplaintsLast60Days = 3,
            ComplaintsPrev60Days = 1,
            UnresolvedComplaints = 4,
            LastInteractionAt = now - Duration.FromDays(100),
            CsatAverage = 3.2m,
        };
        var background = new CustomerBackground { ContractEndsOn = now.InZone(Shanghai).Date.PlusDays(30) };

        var factors = new Document001ChurnFactors().Factors(new CustomerView(customer, activity, background, now, Shanghai));

        Assert.Equal(
            [("FrequencySpike", 30d), ("Silent3To6Months", 20d), ("LowCsat", 20d), ("ContractEnding", 25d), ("UnresolvedComplaints", 30d)],
            factors.Select(f => (f.Name, f.Points)));
        Assert.Empty(new Document001ChurnFactors().Factors(new CustomerView(customer, CustomerActivity.None, null, now, Shanghai)));
    }

    private static CustomerProfile Profile() => new() { Name = "上海某某制造有限公司", FirstContactOn = new LocalDate(2025, 1, 5) };

    private TicketState Complaint(string id, Instant raised, int[] resolveAndSurvey)
    {
        var ticket = Ticket.Open(new TicketId(id), new TicketRequest { CustomerId = Acme, Description = "投诉", Urgency = Urgency.Urgent, Type = TicketType.Complaint, RaisedAt = raised }, new AgentId("A001"), "phone", raised);
        var at = raised;
        for (var i = 0; i < resolveAndSurvey.Length; i++)
        {
            if (i > 0)
            {
                ticket.Reopen(at += Duration.FromHours(1), "customer", "again");
            }
            else
            {
                ticket.Start(at += Duration.FromHours(1), "A001");
            }

            ticket.Resolve(at += Duration.FromHours(1), "A001", "done");
            ticket.RecordSurvey(at, new SurveyResponse(ticket.Id, Acme, at, new CsatScore(resolveAndSurvey[i])), "manager");
        }

        return ticket.ToState();
    }

    private (ServiceDesk Desk, ServiceProvider Provider) Desk(ICustomerClassifier? classifier = null, IChurnFactorSource? churn = null, bool metrics = false)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IClock>(clock);
        if (classifier is not null)
        {
            services.AddSingleton(classifier);
        }

        if (churn is not null)
        {
            services.AddSingleton(churn);
        }

        services.AddCrmCore(o => o.TicketIdPattern = "WT{yyyyMM}{seq:5}");
        if (metrics)
        {
            services.AddCrmMetrics();
        }

        var provider = services.BuildServiceProvider();
        return (provider.GetRequiredService<ServiceDesk>(), provider);
    }

    private sealed class ComplaintsClassifier : ICustomerClassifier
    {
        public CustomerLabels Classify(CustomerView customer) => customer.Activity.ComplaintsLast60Days > 0
            ? new CustomerLabels("B", ["complained"])
            : new CustomerLabels("C", customer.Customer.DoNotContactSince is null ? [] : ["do-not-contact"]);
    }

    private sealed class UnresolvedComplaintFactors : IChurnFactorSource
    {
        private int _calls;

        public int Calls => _calls;

        public IReadOnlyList<ChurnFactor> Factors(CustomerView customer)
        {
            Interlocked.Increment(ref _calls);
            return customer.Activity.UnresolvedComplaints > 0 ? [new ChurnFactor("Complaint", 80, "open complaint")] : [];
        }
    }
}
