using CrmCore.Customers;
using CrmCore.Desk;
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
        stores = stores with { Tickets = new FailingTickets(stores.Tickets), Transactions = new FailingCleanUp(cleanup) };
        var desk = new ServiceDesk(new FakeClock(Now), stores, Engines(), DeskPorts.Defaults, [], new DeskSettings());
        await desk.RegisterCustomerAsync(Acme, new CustomerProfile { Name = "上海某某制造有限公司", FirstContactOn = new LocalDate(2026, 1, 5) });

        var error = await Assert.ThrowsAsync<IOException>(() => desk.RaiseAsync(
            new TicketRequest { CustomerId = Acme, Description = "打印机卡纸", Urgency = Urgency.General, Type = TicketType.Fault }, "phone"));

        Assert.Equal("disk gone", error.Message);
        Assert.Same(cleanup, Assert.Single((Exception[])error.Data[StoreTransactionFailures.DataKey]!));
    }

    private static DeskEngines Engines()
    {
        using var provider = new ServiceCollection().AddSingleton<IClock>(new FakeClock(Now)).AddCrmCore().BuildServiceProvider();
        return new DeskEngines(provider.GetRequiredService<CrmCore.Sla.SlaEngine>(), provider.GetRequiredService<CrmCore.Escalation.EscalationEngine>(), provider.GetRequiredService<CrmCore.Routing.TicketQueue>());
    }

    /// <summary>Transactions whose roll-back clean-up throws (a commit ends them cleanly).</summary>
    private sealed class FailingCleanUp(Exception cleanup) : IStoreTransactions
    {
        public IStoreTransaction Begin() => new Transaction(cleanup);

        private sealed class Transaction(Exception cleanup) : IStoreTransaction
        {
            private bool _ended;

            public ValueTask CommitAsync(CancellationToken cancellationToken = default)
            {
                _ended = true;
                return ValueTask.CompletedTask;
            }

            public ValueTask DisposeAsync()
            {
                if (_ended)
                {
                    return ValueTask.CompletedTask;
                }

                _ended = true;
                return ValueTask.FromException(cleanup);
            }
        }
    }

    /// <summary>Tickets whose every write fails with an I/O error.</summary>
    private sealed class FailingTickets(ITicketRepository inner) : ITicketRepository
    {
        public ValueTask<TicketState?> FindAsync(TicketId id, CancellationToken cancellationToken = default) => inner.FindAsync(id, cancellationToken);

        public ValueTask SaveAsync(TicketState state, long expectedVersion, CancellationToken cancellationToken = default) => throw new IOException("disk gone");

        public ValueTask<bool> RescheduleAsync(TicketId id, long version, TicketDueTimes due, CancellationToken cancellationToken = default) =>
            inner.RescheduleAsync(id, version, due, cancellationToken);

        public IAsyncEnumerable<TicketState> ListAsync(TicketQuery query, CancellationToken cancellationToken = default) => inner.ListAsync(query, cancellationToken);
    }
}
