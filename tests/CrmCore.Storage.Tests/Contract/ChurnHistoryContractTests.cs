using CrmCore.Churn;
using CrmCore.Customers;
using NodaTime;

namespace CrmCore.Storage.Tests.Contract;

/// <summary>The churn history (<see cref="IChurnHistory"/>), written once and run on the in-memory store, SQLite and PostgreSQL.</summary>
public sealed class ChurnHistoryContractTests
{
    private static readonly Instant T0 = Instant.FromUtc(2026, 3, 2, 9, 0);

    public static TheoryData<string> Providers => StoreProvider.All();

    [Theory]
    [MemberData(nameof(Providers))]
    public void Exchange_StoresTheNewerEntry_RefusesAnOlderOne_AndARestartedHostSeesTheLatest(string provider)
    {
        using var storage = StoreProvider.Create(provider);
        var history = storage.ChurnHistory();
        var customer = new CustomerId("KH0001");
        var first = new ChurnHistoryEntry(T0, 35, ChurnBand.Medium);
        var second = new ChurnHistoryEntry(T0 + Duration.FromDays(1), 72, ChurnBand.High);

        Assert.Null(history.GetLatest(customer));
        Assert.Equal(new ChurnHistoryExchange(null, Stored: true), history.Exchange(customer, first));
        Assert.Equal(new ChurnHistoryExchange(first, Stored: true), history.Exchange(customer, second));
        Assert.Equal(new ChurnHistoryExchange(second, Stored: false), history.Exchange(customer, first with { Score = 10 }));
        Assert.Equal(new ChurnHistoryExchange(second, Stored: true), history.Exchange(customer, second with { Score = 71 })); // same instant replaces

        var restarted = storage.Persists ? storage.ChurnHistory() : history;
        Assert.Equal(second with { Score = 71 }, restarted.GetLatest(customer));
        Assert.Null(restarted.GetLatest(new CustomerId("KH0002")));
        restarted.Save(customer, first);
        Assert.Equal(first, (storage.Persists ? storage.ChurnHistory() : history).GetLatest(customer)); // Save overwrites, even with an older entry
        Assert.Throws<ArgumentException>(() => history.Exchange(default, first));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Exchange_ConcurrentCrossings_AreSeenByExactlyOne(string provider)
    {
        using var storage = StoreProvider.Create(provider);
        var customer = new CustomerId("KH0001");
        storage.ChurnHistory().Exchange(customer, new ChurnHistoryEntry(T0, 30, ChurnBand.Low));
        var hosts = Enumerable.Range(0, 4).Select(_ => storage.ChurnHistory()).ToList();

        var results = await Task.WhenAll(hosts.Select((h, i) => Task.Run(() => h.Exchange(customer, new ChurnHistoryEntry(T0 + Duration.FromMinutes(1), 70 + i, ChurnBand.High)))));

        Assert.Single(results, r => r.Stored && r.Previous?.Band == ChurnBand.Low); // the crossing into High is seen once
        Assert.All(results, r => Assert.True(r.Stored));
    }
}
