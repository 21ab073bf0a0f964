using CrmCore.Assets;
using CrmCore.Customers;
using CrmCore.Desk;
using CrmCore.Tickets;
using NodaTime;

namespace CrmCore.Storage.Tests.Contract;

/// <summary>The asset store, written once and run on the in-memory store, SQLite and PostgreSQL.</summary>
public sealed class AssetStoreContractTests
{
    private static readonly CustomerId Acme = new("C202603001");
    private static readonly CustomerId Other = new("C202603002");
    private static readonly Instant T0 = Instant.FromUtc(2026, 3, 2, 9, 0);

    public static TheoryData<string> Providers => StoreProvider.All();

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Asset_SavedAndFound_RestoresEveryFieldAndTheMaintenanceHistory(string provider)
    {
        using var storage = StoreProvider.Create(provider);
        var line = new Asset(new AssetId("LINE-3"), "3 号生产线", "SN-L3", "Line", Acme, new LocalDate(2024, 5, 6));
        var plc = new Asset(new AssetId("PLC-7"), "3 号生产线 PLC", "SN-P7", "S7-1200", Acme, new LocalDate(2024, 5, 6), new LocalDate(2027, 5, 5), "王工");
        var registry = new AssetRegistry();
        registry.Add(line);
        registry.Add(plc);
        registry.SetParent(plc.Id, line.Id);
        plc.RecordMaintenance(new MaintenanceRecord(T0 + Duration.FromDays(2), MaintenanceKind.PartReplacement, "更换电源模块", "engineer.li", new TicketId("WT202603007")));
        plc.RecordMaintenance(new MaintenanceRecord(T0, MaintenanceKind.Inspection, "季度巡检", "engineer.li"));
        await storage.Assets().SaveAsync(line.ToState(1), 0);
        await storage.Assets().SaveAsync(plc.ToState(1), 0);

        var found = (await storage.Assets().FindAsync(plc.Id))!;

        Assert.Equivalent(plc.ToState(1), found, strict: true);
        Assert.Equal(["季度巡检", "更换电源模块"], found.Maintenance.Select(m => m.Summary));
        Assert.Equal(new TicketId("WT202603007"), found.Maintenance[1].Ticket);
        Assert.Null(found.Maintenance[0].Ticket);
        Assert.Null((await storage.Assets().FindAsync(line.Id))!.WarrantyEndsOn);
        Assert.Null(await storage.Assets().FindAsync(new AssetId("NONE")));
        var restored = AssetRegistry.FromStates(await storage.Assets().ListAsync().ToListAsync());
        Assert.Equal([line.Id, plc.Id], restored.Subtree(line.Id).Select(a => a.Id));
        Assert.Equal(WarrantyStatus.UnderWarranty, restored.Get(plc.Id).WarrantyOn(new LocalDate(2027, 5, 5)));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Asset_SavedFromAStaleCopy_FailsNamingTheAsset_AndWritesNothing(string provider)
    {
        using var storage = StoreProvider.Create(provider);
        var asset = new Asset(new AssetId("PRN-1"), "打印机", "SN-1", "LaserJet M404", Acme, new LocalDate(2025, 1, 2), new LocalDate(2026, 1, 1));
        await storage.Assets().SaveAsync(asset.ToState(1), 0);
        asset.ExtendWarranty(new LocalDate(2027, 1, 1));
        await storage.Assets().SaveAsync(asset.ToState(2), 1);
        asset.ChangeCustodian("李明");

        var stale = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => storage.Assets().SaveAsync(asset.ToState(2), 1).AsTask());
        var again = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => storage.Assets().SaveAsync(asset.ToState(1), 0).AsTask());

        Assert.Contains("PRN-1", stale.Message, StringComparison.Ordinal);
        Assert.Contains("PRN-1", again.Message, StringComparison.Ordinal);
        var found = (await storage.Assets().FindAsync(asset.Id))!;
        Assert.Equal((2L, new LocalDate(2027, 1, 1), (string?)null), (found.Version, found.WarrantyEndsOn, found.Custodian));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Asset_List_AllOrOneOwner_ById(string provider)
    {
        using var storage = StoreProvider.Create(provider);
        foreach (var (id, owner) in new[] { ("B-2", Acme), ("A-1", Other), ("A-3", Acme) })
        {
            await storage.Assets().SaveAsync(new Asset(new AssetId(id), "终端", "SN" + id, "T2", owner, new LocalDate(2025, 6, 1)).ToState(1), 0);
        }

        var all = await storage.Assets().ListAsync().ToListAsync();
        var acme = await storage.Assets().ListAsync(Acme).ToListAsync();

        Assert.Equal(["A-1", "A-3", "B-2"], all.Select(a => a.Id.Value));
        Assert.Equal(["A-3", "B-2"], acme.Select(a => a.Id.Value));
        Assert.Empty(await storage.Assets().ListAsync(new CustomerId("C-NONE")).ToListAsync());
    }
}
