using CrmCore.CallerId;
using CrmCore.Customers;
using CrmCore.Desk;
using NodaTime;

namespace CrmCore.Storage.Tests.Contract;

/// <summary>
/// A <see cref="CallerIdCustomerRepository"/> given the storage's transactions follows a save made inside a host's transaction only when
/// that commits: a rolled-back save leaves no customer behind in the index (a screen pop never finds a customer the store does not hold).
/// </summary>
public sealed class CallerIdContractTests
{
    public static TheoryData<string> Databases => StoreProvider.Databases();

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task Save_InAHostTransactionDisposedWithoutCommit_LeavesTheIndexAsItWas(string provider)
    {
        using var storage = StoreProvider.Create(provider);
        var stores = storage.Desk();
        var wrapper = CallerIdCustomerRepository.Over(stores.Customers, new CallerIdIndex(), stores.Transactions);

        await using (stores.Transactions.Begin())
        {
            await wrapper.SaveAsync(Customer("KH0001", "13812345678"), 0);
            await ((ICustomerBatchRepository)wrapper).SaveAllAsync([(Customer("KH0002", "13900000000"), 0)]);
            Assert.False(wrapper.Index.TryFind("13812345678", out _)); // not before the host's commit either
        }

        Assert.Null(await stores.Customers.FindAsync(new CustomerId("KH0001")));
        Assert.False(wrapper.Index.TryFind("13812345678", out _));
        Assert.False(wrapper.Index.TryFind("13900000000", out _));
        Assert.Equal(0, wrapper.Index.Count);
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task Save_InAHostTransactionCommitted_ReachesTheIndex_AndASaveOutsideOneAtOnce(string provider)
    {
        using var storage = StoreProvider.Create(provider);
        var stores = storage.Desk();
        var wrapper = CallerIdCustomerRepository.Over(stores.Customers, new CallerIdIndex(), stores.Transactions);

        var host = stores.Transactions.Begin();
        await using (host)
        {
            await wrapper.SaveAsync(Customer("KH0001", "13812345678"), 0);
            await ((ICustomerBatchRepository)wrapper).SaveAllAsync([(Customer("KH0002", "13900000000"), 0)]);
            await host.CommitAsync();
        }

        Assert.True(wrapper.Index.TryFind("138 1234 5678", out var first));
        Assert.Equal(new CustomerId("KH0001"), first);
        Assert.True(wrapper.Index.TryFind("139 0000 0000", out var second));
        Assert.Equal(new CustomerId("KH0002"), second);

        await wrapper.SaveAsync(Customer("KH0003", "13700000000"), 0);
        Assert.True(wrapper.Index.TryFind("13700000000", out _));
    }

    private static CustomerState Customer(string id, string phone) => new()
    {
        Id = new CustomerId(id),
        Version = 1,
        Name = "客户" + id,
        FirstContactOn = new LocalDate(2026, 1, 1),
        CreatedAt = Instant.FromUtc(2026, 1, 1, 0, 0),
        Contacts = [new Contact("联系人", ContactRole.DecisionMaker) { Phone = phone }],
    };
}
