using CrmCore.Agents;
using CrmCore.Customers;
using CrmCore.Desk;
using CrmCore.Tickets;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Testing;

namespace CrmCore.Storage.Tests.Contract;

/// <summary><see cref="ServiceDesk.AdvanceAsync"/>'s events go to the outbox in the advance's own transaction, on every store.</summary>
public sealed class AdvanceOutboxContractTests
{
    public static TheoryData<string> Providers => StoreProvider.All();

    public static TheoryData<string> Databases => StoreProvider.Databases();

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Advance_WritesEveryEventItRaisesToTheOutbox_UnderItsTicket(string provider)
    {
        using var storage = StoreProvider.Create(provider);
        var (desk, clock, provided) = await DeskAsync(storage);
        using var _ = provided;
        var (id, _) = await desk.RaiseAsync(new TicketRequest { CustomerId = new CustomerId("KH0001"), Description = "系统登录异常", Urgency = Urgency.Urgent }, "phone");
        var afterRaise = (await storage.Desk().Outbox.ReadUnpublishedAsync(1000)).Count;
        clock.Advance(Duration.FromDays(3));

        var advanced = await desk.AdvanceAsync();

        var messages = (await storage.Desk().Outbox.ReadUnpublishedAsync(1000)).Skip(afterRaise).ToList();
        Assert.NotEmpty(advanced.Events);
        Assert.Contains(advanced.Events, e => e is SlaBreached);
        Assert.Equal(advanced.Events.Select(e => e.GetType().Name), messages.Select(m => m.EventType));
        Assert.Equal(advanced.Events.Select(e => e.OccurredAt), messages.Select(m => m.OccurredAt));
        Assert.All(messages, m => Assert.Equal(id.Value, m.AggregateId));
        Assert.Empty((await desk.AdvanceAsync()).Events);
        Assert.Equal(messages.Count, (await storage.Desk().Outbox.ReadUnpublishedAsync(1000)).Count - afterRaise);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Advance_AuditsEveryTicketEventItRaises_AsTheSystem_LikeACommandsEvents(string provider)
    {
        using var storage = StoreProvider.Create(provider);
        var (desk, clock, provided) = await DeskAsync(storage);
        using var _ = provided;
        var (id, _) = await desk.RaiseAsync(new TicketRequest { CustomerId = new CustomerId("KH0001"), Description = "系统登录异常", Urgency = Urgency.Urgent }, "phone");
        var query = new CrmCore.Audit.AuditQuery { EntityType = CrmCore.Audit.AuditEntityTypes.Ticket, EntityId = id.Value };
        var afterRaise = (await storage.Audit().QueryAsync(query)).Count;
        clock.Advance(Duration.FromDays(3));

        var advanced = await desk.AdvanceAsync();
        var again = await desk.AdvanceAsync();

        var audited = (await storage.Audit().QueryAsync(query)).Skip(afterRaise).Select(r => r.Entry).ToList();
        var breaches = advanced.Events.OfType<SlaBreached>().ToList();
        var escalations = advanced.Events.OfType<TicketEscalated>().ToList();
        Assert.NotEmpty(breaches);
        Assert.Equal(advanced.Events.Count(e => e is SlaWarningRaised or SlaBreached or TicketEscalated), audited.Count);
        Assert.All(audited, e => Assert.Equal(CrmCore.Audit.AuditActor.System, e.Actor));
        Assert.Equal(breaches.Select(b => $"{b.Metric} breached"), audited.Where(e => e.NewValue!.Contains("breached", StringComparison.Ordinal)).Select(e => e.NewValue![..e.NewValue!.IndexOf(',', StringComparison.Ordinal)]));
        Assert.Equal(escalations.Count, audited.Count(e => e.Field == "escalation"));
        Assert.Empty(again.Events);
        Assert.Equal(audited.Count, (await storage.Audit().QueryAsync(query)).Count - afterRaise);
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task Advance_FailingAtItsOutboxWrite_StoresNeitherTheEventsNorTheMarks_SoTheNextAdvanceRaisesThemAgain(string provider)
    {
        using var storage = StoreProvider.Create(provider);
        var (desk, clock, provided) = await DeskAsync(storage);
        using var _ = provided;
        var (id, _) = await desk.RaiseAsync(new TicketRequest { CustomerId = new CustomerId("KH0001"), Description = "系统登录异常", Urgency = Urgency.Urgent }, "phone");
        var afterRaise = (await storage.Desk().Outbox.ReadUnpublishedAsync(1000)).Count;
        clock.Advance(Duration.FromDays(3));

        FailOutboxInserts(storage, provider, true);
        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => desk.AdvanceAsync());
        FailOutboxInserts(storage, provider, false);
        var marksAfterFailure = await storage.Desk().Escalations.FindAsync(id);
        var rowsAfterFailure = (await storage.Desk().Outbox.ReadUnpublishedAsync(1000)).Count;
        var advanced = await desk.AdvanceAsync();

        Assert.Null(marksAfterFailure);
        Assert.Equal(afterRaise, rowsAfterFailure);
        Assert.Contains(advanced.Events, e => e is SlaBreached);
        Assert.Equal(advanced.Events.Count, (await storage.Desk().Outbox.ReadUnpublishedAsync(1000)).Count - afterRaise);
        Assert.NotNull(await storage.Desk().Escalations.FindAsync(id));
    }

    /// <summary>Wave 19: the rule failures an advance reports (the escalation path's, under the ticket; the daily churn assessment's,
    /// under the customer) are stored in the outbox with its other events, on every store, with their English and Chinese text.</summary>
    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Advance_RuleFailuresOfThePorts_GoToTheOutboxUnderTheirTicketAndCustomer(string provider)
    {
        using var storage = StoreProvider.Create(provider);
        var failing = new FailingRulePorts();
        var (desk, clock, provided) = await DeskAsync(storage, services =>
        {
            services.AddSingleton<IEscalationPathChooser>(failing);
            services.AddSingleton<IChurnFactorSource>(failing);
            services.AddCrmMetrics();
        });
        using var _ = provided;
        var (id, _) = await desk.RaiseAsync(new TicketRequest { CustomerId = new CustomerId("KH0001"), Description = "系统登录异常", Urgency = Urgency.Urgent }, "phone");
        var afterRaise = (await storage.Desk().Outbox.ReadUnpublishedAsync(1000)).Count;
        clock.Advance(Duration.FromDays(3));

        var advanced = await desk.AdvanceAsync();

        var messages = (await storage.Desk().Outbox.ReadUnpublishedAsync(1000)).Skip(afterRaise).ToList();
        Assert.Equal(advanced.Events.Select(e => e.GetType().Name), messages.Select(m => m.EventType));
        var ticket = Assert.Single(messages, m => m.EventType == nameof(TicketRuleFailed));
        Assert.Equal(id.Value, ticket.AggregateId);
        Assert.Contains("escalation.json", ticket.Payload, StringComparison.Ordinal);
        var customer = Assert.Single(messages, m => m.EventType == nameof(CustomerRuleFailed));
        Assert.Equal("KH0001", customer.AggregateId);
        Assert.Contains("churn-risk.json", customer.Payload, StringComparison.Ordinal);
        Assert.Contains("\"Line\":7", customer.Payload, StringComparison.Ordinal);
    }

    /// <summary>An escalation path and churn factor port that answer (every ladder, no factor) but report one failed rule each.</summary>
    private sealed class FailingRulePorts : IEscalationPathChooser, ITicketRuleFailureSource, IChurnFactorSource, ICustomerRuleFailureSource
    {
        public IReadOnlySet<string>? Choose(TicketView ticket) => null;

        public IReadOnlyList<TicketRuleFailed> RuleFailures(TicketView ticket, Instant at) =>
            [new TicketRuleFailed(ticket.Ticket.Id, at, "Escalation", "Boom", "escalation.json:3:9: rule Escalation/Boom: ...", "escalation.json:3:9: 规则 Escalation/Boom：……") { File = "escalation.json", Line = 3, Column = 9 }];

        public IReadOnlyList<CrmCore.Churn.ChurnFactor> Factors(CustomerView customer) => [];

        public IReadOnlyList<CustomerRuleFailed> ClassificationRuleFailures(CustomerView customer, Instant at) => [];

        public IReadOnlyList<CustomerRuleFailed> ChurnRuleFailures(CustomerView customer, Instant at) =>
            [new CustomerRuleFailed(customer.Customer.Id, at, "ChurnRisk", "Boom", "churn-risk.json:7:5: rule ChurnRisk/Boom: ...", "churn-risk.json:7:5: 规则 ChurnRisk/Boom：……") { File = "churn-risk.json", Line = 7, Column = 5 }];
    }

    private static async Task<(ServiceDesk Desk, FakeClock Clock, ServiceProvider Provided)> DeskAsync(StoreProvider storage, Action<IServiceCollection>? ports = null)
    {
        var stores = storage.Desk();
        var clock = new FakeClock(Instant.FromUtc(2026, 3, 2, 2, 0));
        var services = new ServiceCollection();
        services.AddSingleton<IClock>(clock);
        stores.AddTo(services);
        ports?.Invoke(services);
        services.AddCrmCore();
        var provided = services.BuildServiceProvider();
        var desk = provided.GetRequiredService<ServiceDesk>();
        desk.RegisterAgent(new AgentId("A001"), "Li", new TeamId("L1"), SkillSet.Empty, 5);
        await desk.RegisterCustomerAsync(new CustomerId("KH0001"), new CustomerProfile { Name = "上海某某制造有限公司", FirstContactOn = new LocalDate(2026, 1, 5) }, tier: "A");
        return (desk, clock, provided);
    }

    // A trigger that makes every outbox insert fail: the last write of an advance.
    private static void FailOutboxInserts(StoreProvider storage, string provider, bool fail)
    {
        if (provider == StoreProvider.Postgres)
        {
            storage.ExecuteSql(fail
                ? "CREATE FUNCTION {schema}.fail_outbox() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'injected outbox failure'; END $$; "
                  + "CREATE TRIGGER fail_outbox BEFORE INSERT ON {schema}.outbox FOR EACH ROW EXECUTE FUNCTION {schema}.fail_outbox();"
                : "DROP TRIGGER fail_outbox ON {schema}.outbox; DROP FUNCTION {schema}.fail_outbox();");
            return;
        }

        storage.ExecuteSql(fail
            ? "CREATE TRIGGER fail_outbox BEFORE INSERT ON crm_outbox BEGIN SELECT RAISE(ABORT, 'injected outbox failure'); END;"
            : "DROP TRIGGER fail_outbox;");
    }
}
