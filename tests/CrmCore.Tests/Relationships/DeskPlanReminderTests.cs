using CrmCore.Customers;
using CrmCore.Desk;
using CrmCore.Relationships;
using CrmCore.Relationships.Events;
using CrmCore.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace CrmCore.Tests.Relationships;

/// <summary>Contact plan reminders come out of the desk's timer when <c>AddCrmRelationships()</c> is registered.</summary>
public sealed class DeskPlanReminderTests
{
    [Fact]
    public async Task DeskAdvance_PublishesPlanReminders_OnceEach_AndNoneAfterOptOut()
    {
        var clock = TestData.NewClock();
        var sink = new Sink();
        using var provider = new ServiceCollection()
            .AddSingleton<NodaTime.IClock>(clock)
            .AddSingleton<IDeskEventSubscriber>(sink)
            .AddCrmCore()
            .AddCrmRelationships()
            .BuildServiceProvider();
        var desk = provider.GetRequiredService<ServiceDesk>();
        var book = provider.GetRequiredService<ContactPlanBook>();
        await desk.RegisterCustomerAsync(TestData.Acme, new CustomerProfile { Name = "上海某某制造有限公司", FirstContactOn = new LocalDate(2024, 3, 1) }, tier: "C");
        await desk.RegisterCustomerAsync(new CustomerId("C202403002"), new CustomerProfile { Name = "杭州某某科技有限公司", FirstContactOn = new LocalDate(2024, 3, 1) }, tier: "C");
        var today = clock.GetCurrentInstant().InZone(TestData.Shanghai).Date;
        foreach (var id in new[] { TestData.Acme, new CustomerId("C202403002") })
        {
            var subject = PlanSubject.From(Customer.Restore((await provider.GetRequiredService<ICustomerRepository>().FindAsync(id))!)) with { CadenceAnchor = today };
            await book.ScheduleAsync(subject, today, today.PlusDays(6));
        }

        var planned = await book.ListAsync(ContactPlanQuery.All);
        Assert.Equal(2, planned.Count(e => e.DueOn == today));
        await OptOutAsync(provider.GetRequiredService<ICustomerRepository>(), new CustomerId("C202403002"), clock.GetCurrentInstant());

        clock.AdvanceHours(12);
        var first = await desk.AdvanceAsync();
        var second = await desk.AdvanceAsync();
        clock.AdvanceDays(1);
        var third = await desk.AdvanceAsync();

        var due = Assert.IsType<ContactPlanEntryBecameDue>(Assert.Single(first.Events));
        Assert.Equal(TestData.Acme, due.Customer);
        Assert.Empty(second.Events);
        var overdue = third.Events.OfType<ContactPlanEntryWentOverdue>().Single();
        Assert.Equal(due.Entry, overdue.Entry);
        Assert.DoesNotContain(sink.Received, e => e is ContactPlanEntryBecameDue d && d.Customer != TestData.Acme);
        Assert.Contains(sink.Received, e => e is ContactPlanEntryWentOverdue);
        Assert.All(await book.ListAsync(new ContactPlanQuery { Customer = new CustomerId("C202403002"), DueTo = today }), e => Assert.Equal(PlanStatus.Cancelled, e.Status));
    }

    [Fact]
    public void AddCrmCore_WithoutRelationships_DeskUsesNoPlans()
    {
        using var provider = new ServiceCollection().AddSingleton<NodaTime.IClock>(TestData.NewClock()).AddCrmCore().BuildServiceProvider();

        Assert.Null(provider.GetService<IPlanScheduler>());
        Assert.NotNull(provider.GetRequiredService<ServiceDesk>());
    }

    private static async Task OptOutAsync(ICustomerRepository customers, CustomerId id, Instant now)
    {
        var customer = Customer.Restore((await customers.FindAsync(id))!);
        var version = customer.Version;
        customer.OptOutOfContact(now, "客户明确表示无需联系");
        await customers.SaveAsync(customer.ToState(), version);
    }

    private sealed class Sink : IDeskEventSubscriber
    {
        public List<IDomainEvent> Received { get; } = [];

        public ValueTask OnEventsAsync(IReadOnlyList<IDomainEvent> events, CancellationToken cancellationToken)
        {
            Received.AddRange(events);
            return ValueTask.CompletedTask;
        }
    }
}
