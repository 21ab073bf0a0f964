using CrmCore.Agents;
using CrmCore.Assets;
using CrmCore.Customers;
using CrmCore.Tickets;
using NodaTime;

namespace CrmCore.Storage.Tests.Contract;

/// <summary>The counts behind a model's failure rate (<see cref="IModelTicketCounts"/>), on the in-memory stores, SQLite and PostgreSQL.</summary>
public sealed class ModelTicketCountsContractTests
{
    private static readonly CustomerId Acme = new("C202603001");
    private static readonly Instant From = Instant.FromUtc(2026, 1, 1, 0, 0);
    private static readonly Instant Before = Instant.FromUtc(2026, 3, 2, 2, 0);

    public static TheoryData<string> Providers => StoreProvider.All();

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Count_InstalledByTheDate_TicketsOfTheModelInTheHalfOpenWindow(string provider)
    {
        using var storage = StoreProvider.Create(provider);
        await SaveAssetAsync(storage, "PLC-1", "S7-1200", new LocalDate(2024, 5, 6));
        await SaveAssetAsync(storage, "PLC-2", "S7-1200", new LocalDate(2026, 3, 2));
        await SaveAssetAsync(storage, "PLC-3", "S7-1200", new LocalDate(2026, 3, 3));
        await SaveAssetAsync(storage, "PRN-1", "LaserJet M404", new LocalDate(2025, 1, 2));
        var desk = storage.Desk();
        var tickets = new (string Id, string? Asset, Instant RaisedAt)[]
        {
            ("WT202603001", "PLC-1", From),                             // the window's first instant: counts
            ("WT202603002", "PLC-2", Before - Duration.FromSeconds(1)), // counts
            ("WT202603003", "PLC-3", From + Duration.FromDays(3)),      // an asset installed later still counts its tickets
            ("WT202603004", "PLC-1", Before),                           // the window's end is exclusive
            ("WT202603005", "PLC-1", From - Duration.FromSeconds(1)),   // before the window
            ("WT202603006", "PRN-1", From + Duration.FromDays(1)),      // another model
            ("WT202603007", "GONE-1", From + Duration.FromDays(1)),     // an asset not on record
            ("WT202603008", null, From + Duration.FromDays(1)),         // no asset
        };
        foreach (var (id, asset, raisedAt) in tickets)
        {
            var ticket = Ticket.Open(
                new TicketId(id),
                new TicketRequest { CustomerId = Acme, Description = "PLC 报警停机", Type = TicketType.Fault, RelatedAssetId = asset, RaisedAt = raisedAt },
                new AgentId("A-alice"),
                "desk",
                Before + Duration.FromDays(1));
            await desk.Tickets.SaveAsync(ticket.ToState(), 0);
        }

        var counts = storage.ModelTicketCounts();

        Assert.Equal(new ModelTicketCount(2, 3), await counts.CountAsync("S7-1200", new LocalDate(2026, 3, 2), From, Before));
        Assert.Equal(new ModelTicketCount(1, 1), await counts.CountAsync("S7-1200", new LocalDate(2026, 3, 1), From, From + Duration.FromDays(1)));
        Assert.Equal(new ModelTicketCount(1, 1), await counts.CountAsync("LaserJet M404", new LocalDate(2026, 3, 2), From, Before));
        Assert.Equal(new ModelTicketCount(0, 0), await counts.CountAsync("s7-1200", new LocalDate(2026, 3, 2), From, Before));
        Assert.Equal(new ModelTicketCount(0, 0), await counts.CountAsync("X9", new LocalDate(2026, 3, 2), From, Before));
        Assert.Equal(new ModelTicketCount(3, 0), await counts.CountAsync("S7-1200", new LocalDate(2026, 12, 31), Before, Before));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => counts.CountAsync("S7-1200", new LocalDate(2026, 3, 2), Before, From).AsTask());
    }

    private static async Task SaveAssetAsync(StoreProvider storage, string id, string model, LocalDate installed) =>
        await storage.Assets().SaveAsync(new Asset(new AssetId(id), id, "SN-" + id, model, Acme, installed).ToState(1), 0);
}
