using CrmCore.Agents;
using CrmCore.Assets;
using CrmCore.Customers;
using CrmCore.Tickets;
using NodaTime;

namespace CrmCore.Storage.Tests.Contract;

/// <summary>A ticket's asset link, given when raised or set later, on the in-memory stores, SQLite and PostgreSQL.</summary>
public sealed class TicketAssetLinkContractTests
{
    private static readonly Instant T0 = Instant.FromUtc(2026, 3, 2, 9, 0);

    public static TheoryData<string> Providers => StoreProvider.All();

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Link_GivenWhenRaised_SetLater_Moved_Removed_IsReadBackEachTime(string provider)
    {
        using var storage = StoreProvider.Create(provider);
        var desk = storage.Desk();
        var named = Open("WT202603101", "PLC-01");
        var later = Open("WT202603102", null);
        await desk.Tickets.SaveAsync(named.ToState(), 0);
        await desk.Tickets.SaveAsync(later.ToState(), 0);
        var seen = new List<string?>();

        foreach (var (asset, hours) in new (string? Asset, int Hours)[] { ("PLC-02", 1), ("PLC-03", 2), (null, 3) })
        {
            var copy = Ticket.Restore((await (storage.Persists ? storage.Desk() : desk).Tickets.FindAsync(later.Id))!);
            var version = copy.Version;
            Assert.True(copy.LinkAsset(T0 + Duration.FromHours(hours), "engineer", asset is null ? null : new AssetId(asset)));
            await desk.Tickets.SaveAsync(copy.ToState(), version);
            seen.Add((await (storage.Persists ? storage.Desk() : desk).Tickets.FindAsync(later.Id))!.RelatedAssetId);
        }

        var first = (await (storage.Persists ? storage.Desk() : desk).Tickets.FindAsync(named.Id))!;
        Assert.Equal(["PLC-02", "PLC-03", null], seen);
        Assert.Equal(new TicketAssetLink(named.Id, new AssetId("PLC-01"), TicketType.Fault, T0), TicketAssetLink.Of(first));
        Assert.Null(TicketAssetLink.Of((await desk.Tickets.FindAsync(later.Id))!));
    }

    private static Ticket Open(string id, string? asset) =>
        Ticket.Open(new TicketId(id), new TicketRequest { CustomerId = new CustomerId("C202603001"), Description = "PLC 报警停机", Urgency = Urgency.Urgent, Type = TicketType.Fault, RelatedAssetId = asset },
            new AgentId("A-alice"), "desk", T0);
}
