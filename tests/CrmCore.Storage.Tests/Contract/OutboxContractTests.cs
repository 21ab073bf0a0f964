using NodaTime;

namespace CrmCore.Storage.Tests.Contract;

/// <summary>The outbox contract on every provider.</summary>
public sealed class OutboxContractTests
{
    private static readonly Instant At = Instant.FromUtc(2026, 3, 2, 9, 30);

    public static TheoryData<string> Providers => StoreProvider.All();

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ReadUnpublished_ReturnsMessagesInOrder_UntilMarked(string provider)
    {
        using var storage = StoreProvider.Create(provider);
        storage.AppendOutbox(
            ("WT1", "TicketCreated", """{"id":"WT1","n":1}""", At),
            ("WT1", "TicketStatusChanged", """{"id":"WT1","to":"Processing"}""", At + Duration.FromMinutes(1)),
            ("WT2", "TicketCreated", """{"id":"WT2"}""", At + Duration.FromMinutes(2)));
        var outbox = storage.Outbox();

        var first = await outbox.ReadUnpublishedAsync(2);
        Assert.Equal(["TicketCreated", "TicketStatusChanged"], first.Select(m => m.EventType));
        Assert.Equal("""{"id":"WT1","n":1}""", first[0].Payload);
        Assert.Equal(At, first[0].OccurredAt);
        Assert.True(first[0].Sequence < first[1].Sequence);

        Assert.Equal(2, await outbox.MarkPublishedAsync([first[0].Sequence, first[1].Sequence], At));
        Assert.Equal(0, await outbox.MarkPublishedAsync([first[0].Sequence], At));
        var rest = await outbox.ReadUnpublishedAsync(10);
        Assert.Equal("WT2", Assert.Single(rest).AggregateId);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ReadUnpublished_RejectsAnOutOfRangeMaximum(string provider)
    {
        using var storage = StoreProvider.Create(provider);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => storage.Outbox().ReadUnpublishedAsync(0));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => storage.Outbox().ReadUnpublishedAsync(10_001));
    }
}
