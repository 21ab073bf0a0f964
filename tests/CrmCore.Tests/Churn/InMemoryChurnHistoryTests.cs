using CrmCore.Churn;
using CrmCore.Customers;
using FsCheck.Xunit;
using NodaTime;

namespace CrmCore.Tests.Churn;

public class InMemoryChurnHistoryTests
{
    [Fact]
    public void Save_ThenGetLatest_ReturnsTheLastEntryPerCustomer()
    {
        var history = new InMemoryChurnHistory();
        var at = Instant.FromUtc(2024, 5, 1, 0, 0);

        history.Save(new CustomerId("C1"), new ChurnHistoryEntry(at, 10, ChurnBand.Low));
        history.Save(new CustomerId("C1"), new ChurnHistoryEntry(at + Duration.FromDays(1), 80, ChurnBand.High));

        Assert.Equal(80, history.GetLatest(new CustomerId("C1"))!.Score);
        Assert.Null(history.GetLatest(new CustomerId("C2")));
    }

    [Fact]
    public void Save_EmptyCustomer_Throws()
    {
        Assert.Throws<ArgumentException>(() => new InMemoryChurnHistory().Save(default, new ChurnHistoryEntry(default, 1, ChurnBand.Low)));
    }

    [Fact]
    public void Exchange_NewerThenOlder_StoresNewerAndReportsTheIgnoredOne()
    {
        var history = new InMemoryChurnHistory();
        var customer = new CustomerId("C1");
        var at = Instant.FromUtc(2024, 5, 1, 0, 0);
        var first = new ChurnHistoryEntry(at, 10, ChurnBand.Low);
        var newer = new ChurnHistoryEntry(at + Duration.FromHours(1), 80, ChurnBand.High);

        Assert.Equal(new ChurnHistoryExchange(null, true), history.Exchange(customer, first));
        Assert.Equal(new ChurnHistoryExchange(first, true), history.Exchange(customer, newer));
        Assert.Equal(new ChurnHistoryExchange(newer, false), history.Exchange(customer, first));
        Assert.Equal(newer, history.GetLatest(customer));
    }

    [Fact]
    public void Exchange_EmptyCustomer_Throws()
    {
        Assert.Throws<ArgumentException>(() => new InMemoryChurnHistory().Exchange(default, new ChurnHistoryEntry(default, 1, ChurnBand.Low)));
    }

    [Property]
    public bool Exchange_ConcurrentInAnyOrder_KeepsTheNewestAndChainsThePrevious(int[] minutes)
    {
        var history = new InMemoryChurnHistory();
        var customer = new CustomerId("C1");
        var start = Instant.FromUtc(2024, 5, 1, 0, 0);
        var results = new ChurnHistoryExchange[minutes.Length];
        Parallel.For(0, minutes.Length, i =>
            results[i] = history.Exchange(customer, new ChurnHistoryEntry(start + Duration.FromMinutes(minutes[i]), i % 101, ChurnBand.Low)));

        var stored = results.Count(r => r.Stored);
        var previouses = results.Where(r => r.Stored).Count(r => r.Previous is null);
        return minutes.Length == 0
            ? history.GetLatest(customer) is null
            : history.GetLatest(customer)!.EvaluatedAt == start + Duration.FromMinutes(minutes.Max()) && stored >= 1 && previouses == 1;
    }
}
