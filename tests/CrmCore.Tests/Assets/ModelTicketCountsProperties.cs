using CrmCore.Agents;
using CrmCore.Assets;
using CrmCore.Customers;
using CrmCore.Desk;
using CrmCore.Storage;
using CrmCore.Tests.Desk;
using CrmCore.Tickets;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;

namespace CrmCore.Tests.Assets;

/// <summary>
/// <see cref="ScanningModelTicketCounts"/> over the in-memory stores reads their model and asset indexes; over any other store it scans.
/// Both must count the same after any mix of asset saves (a model changed, an install date moved) and ticket saves (linked, relinked,
/// unlinked, linked to an asset not on record).
/// </summary>
public sealed class ModelTicketCountsProperties
{
    private static readonly string[] Models = ["S7-1200", "LaserJet M404", "s7-1200"];
    private static readonly CustomerId Acme = new("C202603001");
    private static readonly Instant Start = Instant.FromUtc(2026, 1, 1, 0, 0);

    [Property(MaxTest = 200)]
    public Property Count_AnyHistory_IndexedEqualsScanned((byte Kind, byte A, byte B, byte C)[] operations, bool outboxStore)
    {
        var assets = new InMemoryAssetRepository();
        ITicketRepository tickets = outboxStore ? new InMemoryOutboxTicketRepository(new InMemoryOutbox()) : new InMemoryTicketRepository();
        var scanned = new CountingTicketRepository();
        var scannedAssets = new InMemoryAssetRepository();
        var indexed = new ScanningModelTicketCounts(assets, tickets);
        var scanning = new ScanningModelTicketCounts(new ScanOnlyAssets(scannedAssets), scanned);
        var assetVersions = new Dictionary<string, long>();
        var ticketStates = new Dictionary<string, TicketState>();
        var checks = 0;
        foreach (var (kind, a, b, c) in operations ?? [])
        {
            switch (kind % 3)
            {
                case 0:
                    var id = $"PLC-{a % 6}";
                    var version = assetVersions.GetValueOrDefault(id);
                    var state = new Asset(new AssetId(id), id, "SN-" + id, Models[b % Models.Length], Acme, new LocalDate(2026, 1, 1).PlusDays(c % 60)).ToState(version + 1);
                    Save(assets, state, version);
                    Save(scannedAssets, state, version);
                    assetVersions[id] = version + 1;
                    break;
                case 1:
                    var ticketId = $"WT2026010{a % 8:D2}";
                    // Asset 6 and 7 are never on record; 8 means no asset.
                    var asset = b % 9 == 8 ? null : $"PLC-{b % 9}";
                    var next = ticketStates.TryGetValue(ticketId, out var stored)
                        ? stored with { RelatedAssetId = asset, Version = stored.Version + 1 }
                        : Ticket.Open(
                            new TicketId(ticketId),
                            new TicketRequest { CustomerId = Acme, Description = "PLC 报警停机", Type = TicketType.Fault, RelatedAssetId = asset, RaisedAt = Start + Duration.FromHours(c) },
                            new AgentId("A-alice"),
                            "desk",
                            Start + Duration.FromDays(30)).ToState();
                    Save(tickets, next, stored?.Version ?? 0);
                    Save(scanned, next, stored?.Version ?? 0);
                    ticketStates[ticketId] = next;
                    break;
                default:
                    var model = Models[a % Models.Length];
                    var installedBy = new LocalDate(2026, 1, 1).PlusDays(b % 70);
                    var from = Start + Duration.FromHours(c);
                    var before = from + Duration.FromHours(a * 3);
                    var expected = scanning.CountAsync(model, installedBy, from, before).AsTask().GetAwaiter().GetResult();
                    var actual = indexed.CountAsync(model, installedBy, from, before).AsTask().GetAwaiter().GetResult();
                    if (expected != actual)
                    {
                        return false.Label($"{model} by {installedBy} in [{from}, {before}): scanned {expected}, indexed {actual}");
                    }

                    checks++;
                    break;
            }
        }

        return true.Label($"{checks} counts compared");
    }

    [Fact]
    public async Task Count_TicketRelinkedToAnotherModel_MovesItsCount()
    {
        var assets = new InMemoryAssetRepository();
        var tickets = new InMemoryOutboxTicketRepository(new InMemoryOutbox());
        await assets.SaveAsync(new Asset(new AssetId("PLC-1"), "PLC-1", "SN-1", "S7-1200", Acme, new LocalDate(2025, 1, 1)).ToState(1), 0);
        await assets.SaveAsync(new Asset(new AssetId("PRN-1"), "PRN-1", "SN-2", "LaserJet M404", Acme, new LocalDate(2025, 1, 1)).ToState(1), 0);
        var ticket = Ticket.Open(
            new TicketId("WT202601001"),
            new TicketRequest { CustomerId = Acme, Description = "PLC 报警停机", Type = TicketType.Fault, RelatedAssetId = "PLC-1", RaisedAt = Start },
            new AgentId("A-alice"),
            "desk",
            Start).ToState();
        await tickets.SaveAsync(ticket, 0);
        var counts = new ScanningModelTicketCounts(assets, tickets);
        var by = new LocalDate(2026, 2, 1);
        Assert.Equal(new ModelTicketCount(1, 1), await counts.CountAsync("S7-1200", by, Start, Start + Duration.FromDays(1)));

        await tickets.SaveAsync(ticket with { RelatedAssetId = "PRN-1", Version = ticket.Version + 1 }, ticket.Version);

        Assert.Equal(new ModelTicketCount(1, 0), await counts.CountAsync("S7-1200", by, Start, Start + Duration.FromDays(1)));
        Assert.Equal(new ModelTicketCount(1, 1), await counts.CountAsync("LaserJet M404", by, Start, Start + Duration.FromDays(1)));
    }

    private static void Save(IAssetRepository store, AssetState state, long expectedVersion) =>
        store.SaveAsync(state, expectedVersion).AsTask().GetAwaiter().GetResult();

    private static void Save(ITicketRepository store, TicketState state, long expectedVersion) =>
        store.SaveAsync(state, expectedVersion).AsTask().GetAwaiter().GetResult();

    /// <summary>A host's own asset store, as far as the counter can tell: it can only list.</summary>
    private sealed class ScanOnlyAssets(IAssetRepository inner) : IAssetRepository
    {
        public ValueTask<AssetState?> FindAsync(AssetId id, CancellationToken cancellationToken = default) => inner.FindAsync(id, cancellationToken);

        public ValueTask SaveAsync(AssetState state, long expectedVersion, CancellationToken cancellationToken = default) =>
            inner.SaveAsync(state, expectedVersion, cancellationToken);

        public IAsyncEnumerable<AssetState> ListAsync(CustomerId? owner = null, CancellationToken cancellationToken = default) => inner.ListAsync(owner, cancellationToken);
    }
}
