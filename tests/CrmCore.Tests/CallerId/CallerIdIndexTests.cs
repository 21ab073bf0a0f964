using CrmCore.CallerId;
using CrmCore.Customers;
using CrmCore.Desk;
using NodaTime;

namespace CrmCore.Tests.CallerId;

public class CallerIdIndexTests
{
    private static CustomerState Customer(string id, params (string? Phone, string? Email)[] contacts) => new()
    {
        Id = new CustomerId(id),
        Version = 1,
        Name = "客户" + id,
        FirstContactOn = new LocalDate(2026, 1, 1),
        CreatedAt = Instant.FromUtc(2026, 1, 1, 0, 0),
        Contacts = [.. contacts.Select((c, i) => new Contact("联系人" + i, ContactRole.DecisionMaker) { Phone = c.Phone, Email = c.Email })],
    };

    [Theory]
    [InlineData("13812345678")]
    [InlineData("+86 138-1234-5678")]
    [InlineData("008613812345678")]
    [InlineData("１３８１２３４５６７８")]
    [InlineData("Zhang@Example.com")]
    [InlineData(" zhang＠example.com ")]
    public void TryFind_AnyNormalisedForm_FindsTheCustomer(string presented)
    {
        var index = new CallerIdIndex();
        index.Upsert(Customer("KH0001", ("138 1234 5678", "zhang@example.com")));
        index.Upsert(Customer("KH0002", ("021-12345678", null)));

        Assert.True(index.TryFind(presented, out var found));
        Assert.Equal(new CustomerId("KH0001"), found);
    }

    [Fact]
    public void Upsert_ChangedNumber_ForgetsTheOldOne()
    {
        var index = new CallerIdIndex();
        index.Upsert(Customer("KH0001", ("13812345678", null)));
        index.Upsert(Customer("KH0001", ("13900000000", null)));

        Assert.False(index.TryFind("13812345678", out _));
        Assert.True(index.TryFind("13900000000", out _));
        Assert.Equal(1, index.Count);
    }

    [Fact]
    public void Find_SharedNumber_ListsEveryCustomerInOrder()
    {
        var index = new CallerIdIndex();
        index.Upsert(Customer("KH0001", ("400-800-1234", null)));
        index.Upsert(Customer("KH0002", ("4008001234", null)));

        Assert.Equal([new CustomerId("KH0001"), new CustomerId("KH0002")], index.Find("400 800 1234").ToArray());
        Assert.True(index.Remove(new CustomerId("KH0001")));
        Assert.Equal([new CustomerId("KH0002")], index.Find("4008001234").ToArray());
    }

    [Fact]
    public void TryFind_UnknownOrInvalid_FindsNothing()
    {
        var index = new CallerIdIndex();
        index.Upsert(Customer("KH0001", ("13812345678", null)));
        Assert.False(index.TryFind("13812345679", out _));
        Assert.False(index.TryFind("not a number", out _));
        Assert.False(index.TryFind("nobody@example.com", out _));
    }

    [Fact]
    public async Task CallerIdCustomerRepository_Save_KeepsTheIndexCurrent()
    {
        var store = new InMemoryCustomerRepository();
        await store.SaveAsync(Customer("KH0001", ("13812345678", null)), 0);
        var index = await CallerIdIndex.BuildAsync(store);
        var repository = CallerIdCustomerRepository.Over(store, index);
        Assert.True(index.TryFind("13812345678", out _));

        await repository.SaveAsync(Customer("KH0001", ("13900000000", null)) with { Version = 2 }, 1);

        Assert.False(index.TryFind("13812345678", out _));
        Assert.True(index.TryFind("139 0000 0000", out var found));
        Assert.Equal(new CustomerId("KH0001"), found);
    }
}
