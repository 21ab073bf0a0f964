using CrmCore.Customers;
using CrmCore.Desk;
using CrmCore.Testing;
using CrmCore.Tickets;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Testing;

namespace CrmCore.Tests.Desk;

/// <summary>A desk command that fails keeps its own failure when the roll-back's clean-up fails too: the clean-up's exceptions go with it
/// (<see cref="StoreTransactionFailures.DataKey"/>), never instead of it.</summary>
public sealed class DeskCleanUpFailureTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 3, 2, 2, 0);
    private static readonly CustomerId Acme = new("KH0001");

    [Fact]
    public async Task Raise_WhoseSaveFails_AndWhoseRollBackCleanUpFails_ThrowsTheSaveFailure_CarryingTheCleanUp()
    {
        var cleanup = new InvalidOperationException("clean-up failed");
        var stores = DeskStores.InMemory();
        stores = stores with { Tickets = new FailingWriteTickets(stores.Tickets, (_, _) => new IOException("disk gone")), Transactions = new FailingCleanUpTransactions(cleanup) };
        var desk = new ServiceDesk(new FakeClock(Now), stores, Engines(), DeskPorts.Defaults, [], new DeskSettings());
        await desk.RegisterCustomerAsync(Acme, new CustomerProfile { Name = "上海某某制造有限公司", FirstContactOn = new LocalDate(2026, 1, 5) });

        var error = await Assert.ThrowsAsync<IOException>(() => desk.RaiseAsync(
            new TicketRequest { CustomerId = Acme, Description = "打印机卡纸", Urgency = Urgency.General, Type = TicketType.Fault }, "phone"));

        Assert.Equal("disk gone", error.Message);
        Assert.Same(cleanup, Assert.Single((Exception[])error.Data[StoreTransactionFailures.DataKey]!));
    }

    [Fact]
    public async Task TicketCommand_ThatFails_AndWhoseRollBackCleanUpFails_ThrowsItsOwnFailure_CarryingTheCleanUp()
    {
        // A ticket command (the desk's RunAsync) refused inside its transaction: a ticket still in the queue cannot be started.
        var cleanup = new InvalidOperationException("clean-up failed");
        var stores = DeskStores.InMemory() with { Transactions = new FailingCleanUpTransactions(cleanup) };
        var desk = new ServiceDesk(new FakeClock(Now), stores, Engines(), DeskPorts.Defaults, [], new DeskSettings());
        await desk.RegisterCustomerAsync(Acme, new CustomerProfile { Name = "上海某某制造有限公司", FirstContactOn = new LocalDate(2026, 1, 5) });
        var (id, _) = await desk.RaiseAsync(new TicketRequest { CustomerId = Acme, Description = "打印机卡纸", Urgency = Urgency.General, Type = TicketType.Fault }, "phone");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => desk.StartAsync(id, "alice"));

        Assert.Contains("still waits in the queue", error.Message, StringComparison.Ordinal);
        Assert.Same(cleanup, Assert.Single((Exception[])error.Data[StoreTransactionFailures.DataKey]!));
    }

    private static DeskEngines Engines()
    {
        using var provider = new ServiceCollection().AddSingleton<IClock>(new FakeClock(Now)).AddCrmCore().BuildServiceProvider();
        return new DeskEngines(provider.GetRequiredService<CrmCore.Sla.SlaEngine>(), provider.GetRequiredService<CrmCore.Escalation.EscalationEngine>(), provider.GetRequiredService<CrmCore.Routing.TicketQueue>());
    }
}
