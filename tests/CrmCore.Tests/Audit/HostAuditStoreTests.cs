using CrmCore.Agents;
using CrmCore.Audit;
using CrmCore.Customers;
using CrmCore.Desk;
using CrmCore.Relationships;
using CrmCore.Sla;
using CrmCore.Storage;
using CrmCore.Tests.Support;
using CrmCore.Tickets;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace CrmCore.Tests.Audit;

/// <summary>
/// A host that registers its own <see cref="IAuditStore"/> keeps the in-memory desk stores: their saves must reach the host's store,
/// awaited (the store below completes asynchronously), and a save whose records the store refuses must not be applied.
/// </summary>
public sealed class HostAuditStoreTests
{
    private static ContactPlanEntryState PlanEntry(Instant at) => new()
    {
        Id = new PlanEntryId("P-1"),
        Version = 1,
        Customer = new CustomerId("C202603001"),
        Kind = PlanKind.Cadence,
        Channel = ContactChannel.Call,
        Owner = new AgentId("wang.li"),
        DueOn = new LocalDate(2026, 3, 3),
        PlannedAt = at + Duration.FromDays(1),
        DueBy = at + Duration.FromDays(2),
        Purpose = "Weekly call",
    };

    private static ServiceProvider Desk(HostAuditStore audit) => new ServiceCollection()
        .AddSingleton<IClock>(TestData.NewClock())
        .AddSingleton<IAuditStore>(audit)
        .AddCrmCore()
        .AddCrmRelationships()
        .BuildServiceProvider();

    [Fact]
    public async Task InMemoryStores_AppendTheirRecords_ToTheHostsStore()
    {
        var audit = new HostAuditStore();
        using var provider = Desk(audit);
        var customer = provider.GetRequiredService<CustomerFactory>().Create(TestData.Profile());
        var ticket = provider.GetRequiredService<TicketFactory>().Open(TestData.Request() with { CustomerId = customer.Id }, TestData.Alice, "desk");

        using (AuditActor.Begin("li.na"))
        {
            await provider.GetRequiredService<ICustomerRepository>().SaveAsync(customer.ToState(), 0);
            await provider.GetRequiredService<IOutboxTicketRepository>().SaveAsync(ticket.ToState(), 0, ticket.DomainEvents);
            await provider.GetRequiredService<IContactPlanRepository>().SaveAsync(PlanEntry(TestData.Start), 0);
        }

        var trail = await audit.QueryAsync(new AuditQuery());
        Assert.Equal(
            [(AuditEntityTypes.Customer, customer.Id.Value), (AuditEntityTypes.Ticket, ticket.Id.Value), (AuditEntityTypes.Plan, "P-1")],
            trail.Select(r => (r.Entry.EntityType, r.Entry.EntityId)));
        Assert.Equal("li.na", trail[0].Entry.Actor);
        Assert.Empty(await provider.GetRequiredService<InMemoryAuditStore>().QueryAsync(new AuditQuery()));
    }

    [Fact]
    public async Task ARefusedAppend_FailsTheSave_AndStoresNothing()
    {
        var audit = new HostAuditStore { Failure = new InvalidOperationException("audit database is read-only") };
        using var provider = Desk(audit);
        var customer = provider.GetRequiredService<CustomerFactory>().Create(TestData.Profile());
        var ticket = provider.GetRequiredService<TicketFactory>().Open(TestData.Request() with { CustomerId = customer.Id }, TestData.Alice, "desk");
        var customers = provider.GetRequiredService<ICustomerRepository>();
        var tickets = provider.GetRequiredService<IOutboxTicketRepository>();
        var plans = provider.GetRequiredService<IContactPlanRepository>();

        await Assert.ThrowsAsync<InvalidOperationException>(() => customers.SaveAsync(customer.ToState(), 0).AsTask());
        await Assert.ThrowsAsync<InvalidOperationException>(() => tickets.SaveAsync(ticket.ToState(), 0, ticket.DomainEvents).AsTask());
        await Assert.ThrowsAsync<InvalidOperationException>(() => plans.SaveAsync(PlanEntry(TestData.Start), 0).AsTask());

        Assert.Null(await customers.FindAsync(customer.Id));
        Assert.Null(await tickets.FindAsync(ticket.Id));
        Assert.Null(await plans.FindAsync(new PlanEntryId("P-1")));
        Assert.Empty(await provider.GetRequiredService<InMemoryOutbox>().ReadUnpublishedAsync(10));

        // The store works again: the same saves go through, with their records.
        audit.Failure = null;
        await customers.SaveAsync(customer.ToState(), 0);
        await tickets.SaveAsync(ticket.ToState(), 0, ticket.DomainEvents);
        Assert.Equal(2, (await audit.QueryAsync(new AuditQuery())).Select(r => r.Entry.EntityType).Distinct().Count());
    }

    [Fact]
    public async Task AnAdvancesEvents_AreStoredOnlyAfterTheirRecords()
    {
        var audit = new HostAuditStore { Failure = new InvalidOperationException("audit database is read-only") };
        using var provider = Desk(audit);
        var tickets = provider.GetRequiredService<IOutboxTicketRepository>();
        var outbox = provider.GetRequiredService<InMemoryOutbox>();
        IReadOnlyList<(string, IDomainEvent)> events = [("WT0001", new SlaBreached(new TicketId("WT0001"), TestData.Start, SlaMetric.Resolution, TestData.Start))];

        await Assert.ThrowsAsync<InvalidOperationException>(() => tickets.AppendEventsAsync(events).AsTask());
        Assert.Empty(await outbox.ReadUnpublishedAsync(10));

        audit.Failure = null;
        await tickets.AppendEventsAsync(events);
        Assert.Single(await outbox.ReadUnpublishedAsync(10));
        Assert.Equal(("WT0001", "sla"), (await audit.QueryAsync(new AuditQuery())).Select(r => (r.Entry.EntityId, r.Entry.Field)).Single());
    }

    [Fact]
    public async Task AConflictingSave_AppendsNoRecord()
    {
        var audit = new HostAuditStore();
        using var provider = Desk(audit);
        var customer = provider.GetRequiredService<CustomerFactory>().Create(TestData.Profile());
        var customers = provider.GetRequiredService<ICustomerRepository>();
        await customers.SaveAsync(customer.ToState(), 0);
        var before = (await audit.QueryAsync(new AuditQuery())).Count;

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => customers.SaveAsync(customer.ToState(), 0).AsTask());

        Assert.Equal(before, (await audit.QueryAsync(new AuditQuery())).Count);
    }

    /// <summary>A host's own audit trail that completes asynchronously and can be told to refuse appends.</summary>
    private sealed class HostAuditStore : IAuditStore
    {
        private readonly InMemoryAuditStore _records = new();

        public Exception? Failure { get; set; }

        public async Task<IReadOnlyList<AuditRecord>> AppendAsync(IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken = default)
        {
            await Task.Yield();
            if (Failure is { } failure)
            {
                throw failure;
            }

            return await _records.AppendAsync(entries, cancellationToken);
        }

        public Task<IReadOnlyList<AuditRecord>> QueryAsync(AuditQuery query, CancellationToken cancellationToken = default) =>
            _records.QueryAsync(query, cancellationToken);
    }
}
