using CrmCore.Churn;
using CrmCore.Customers;
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
}
