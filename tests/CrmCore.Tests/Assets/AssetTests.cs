using System.Globalization;
using CrmCore.Assets;
using CrmCore.Customers;
using CrmCore.Tickets;
using NodaTime;

namespace CrmCore.Tests.Assets;

public sealed class AssetTests
{
    private static readonly CustomerId Acme = new("C202601001");
    private static readonly CustomerId Other = new("C202601002");
    private static readonly DateTimeZone Shanghai = DateTimeZoneProviders.Tzdb["Asia/Shanghai"];

    [Fact]
    public void Warranty_OnEachSideOfTheLastDay()
    {
        var plc = Asset("a1", "S7-1200", new LocalDate(2025, 3, 1), new LocalDate(2026, 2, 28));

        Assert.Equal(WarrantyStatus.NotInstalled, plc.WarrantyOn(new LocalDate(2025, 2, 28)));
        Assert.Equal(WarrantyStatus.UnderWarranty, plc.WarrantyOn(new LocalDate(2025, 3, 1)));
        Assert.Equal(WarrantyStatus.UnderWarranty, plc.WarrantyOn(new LocalDate(2026, 2, 28)));
        Assert.Equal(WarrantyStatus.Expired, plc.WarrantyOn(new LocalDate(2026, 3, 1)));
        Assert.Equal(WarrantyStatus.Unknown, Asset("a2", "S7-1200", new LocalDate(2025, 3, 1), null).WarrantyOn(new LocalDate(2025, 6, 1)));
    }

    [Fact]
    public void WarrantyAt_JudgedOnTheLocalDate()
    {
        var plc = Asset("a1", "S7-1200", new LocalDate(2025, 3, 1), new LocalDate(2026, 2, 28));

        // 28 February 2026 23:30 in Shanghai is still 15:30 UTC that day; 1 March 00:30 in Shanghai is 28 February 16:30 UTC.
        Assert.Equal(WarrantyStatus.UnderWarranty, plc.WarrantyAt(Instant.FromUtc(2026, 2, 28, 15, 30), Shanghai));
        Assert.Equal(WarrantyStatus.Expired, plc.WarrantyAt(Instant.FromUtc(2026, 2, 28, 16, 30), Shanghai));
    }

    [Fact]
    public void ExtendWarranty_CannotShorten()
    {
        var plc = Asset("a1", "S7-1200", new LocalDate(2025, 3, 1), new LocalDate(2026, 2, 28));

        plc.ExtendWarranty(new LocalDate(2027, 2, 28));

        Assert.Equal(new LocalDate(2027, 2, 28), plc.WarrantyEndsOn);
        Assert.Throws<ArgumentException>(() => plc.ExtendWarranty(new LocalDate(2026, 12, 31)));
        Assert.Throws<ArgumentException>(() => Asset("a9", "X", new LocalDate(2025, 3, 1), new LocalDate(2025, 2, 1)));
    }

    [Fact]
    public void Maintenance_KeptInTimeOrder()
    {
        var plc = Asset("a1", "S7-1200", new LocalDate(2025, 3, 1), null);
        var t1 = Instant.FromUtc(2025, 6, 1, 2, 0);

        plc.RecordMaintenance(new MaintenanceRecord(t1 + Duration.FromDays(10), MaintenanceKind.Repair, "更换电源模块", "eng.zhao", new TicketId("T1")));
        plc.RecordMaintenance(new MaintenanceRecord(t1, MaintenanceKind.Inspection, "季度巡检", "eng.zhao"));

        Assert.Equal([MaintenanceKind.Inspection, MaintenanceKind.Repair], plc.Maintenance.Select(m => m.Kind));
        Assert.Throws<ArgumentException>(() => plc.RecordMaintenance(new MaintenanceRecord(t1, MaintenanceKind.Repair, " ", "eng.zhao")));
    }

    [Fact]
    public void Hierarchy_ParentsChildrenSubtree_AndCyclesRefused()
    {
        var registry = new AssetRegistry();
        foreach (var a in new[] { Asset("line", "L-3"), Asset("plc", "S7-1200"), Asset("io", "ET200"), Asset("hmi", "KTP700") })
        {
            registry.Add(a);
        }

        registry.SetParent(new AssetId("plc"), new AssetId("line"));
        registry.SetParent(new AssetId("io"), new AssetId("plc"));
        registry.SetParent(new AssetId("hmi"), new AssetId("line"));

        Assert.Equal(["hmi", "plc"], registry.Children(new AssetId("line")).Select(a => a.Id.Value));
        Assert.Equal(["line", "hmi", "plc", "io"], registry.Subtree(new AssetId("line")).Select(a => a.Id.Value));
        Assert.Equal(["plc", "line"], registry.Ancestors(new AssetId("io")).Select(a => a.Id.Value));

        var cycle = Assert.Throws<AssetHierarchyException>(() => registry.SetParent(new AssetId("line"), new AssetId("io")));
        var self = Assert.Throws<AssetHierarchyException>(() => registry.SetParent(new AssetId("plc"), new AssetId("plc")));

        Assert.Equal(AssetHierarchyException.CycleCode, cycle.Code);
        Assert.Equal("Asset line cannot be placed under io: io is line itself or lies under it.", cycle.Message);
        Assert.StartsWith("资产 line 不能挂在 io 之下", cycle.LocalizedMessage(new CultureInfo("zh-Hans")), StringComparison.Ordinal);
        Assert.True(self.IsCycle);
        Assert.Null(registry.Get(new AssetId("line")).Parent);
        Assert.Equal(new AssetId("line"), registry.Get(new AssetId("plc")).Parent);

        registry.SetParent(new AssetId("io"), new AssetId("hmi"));
        Assert.Equal(["hmi", "io", "plc"], registry.Subtree(new AssetId("line")).Skip(1).Select(a => a.Id.Value));
        Assert.Empty(registry.Children(new AssetId("plc")));
    }

    [Fact]
    public void Hierarchy_OtherOwnerOrDuplicateSerial_Refused()
    {
        var registry = new AssetRegistry();
        registry.Add(Asset("a1", "S7-1200"));
        registry.Add(new Asset(new AssetId("b1"), "Other line", "SN-b1", "L-3", Other, new LocalDate(2025, 1, 1)));

        var ex = Assert.Throws<AssetHierarchyException>(() => registry.SetParent(new AssetId("a1"), new AssetId("b1")));

        Assert.Equal(AssetHierarchyException.OwnerMismatchCode, ex.Code);
        Assert.Throws<ArgumentException>(() => registry.Add(new Asset(new AssetId("a2"), "Copy", "sn-A1", "S7-1200", Acme, new LocalDate(2025, 1, 1))));
        Assert.Same(registry.Get(new AssetId("a1")), registry.FindBySerial(" SN-A1 "));
    }

    [Fact]
    public void FailureAnalysis_PerAssetPerModel_RatePer100AndMtbf()
    {
        var installed = new LocalDate(2025, 1, 1);
        var assets = Enumerable.Range(1, 4).Select(i => Asset($"p{i}", "S7-1200", installed, null))
            .Concat(Enumerable.Range(1, 2).Select(i => Asset($"h{i}", "KTP700", installed, null)))
            .Append(Asset("late", "KTP700", new LocalDate(2026, 6, 1), null))
            .ToList();
        var from = new LocalDate(2026, 1, 1).AtStartOfDayInZone(Shanghai).ToInstant();
        var to = new LocalDate(2026, 2, 1).AtStartOfDayInZone(Shanghai).ToInstant();
        var day = Duration.FromDays(1);
        TicketAssetLink Link(string asset, TicketType type, int dayOffset) => new(new TicketId($"T-{asset}-{dayOffset}"), new AssetId(asset), type, from + (day * dayOffset));
        var links = new[]
        {
            Link("p1", TicketType.Fault, 1), Link("p1", TicketType.Fault, 5), Link("p1", TicketType.Consultation, 6),
            Link("p2", TicketType.Fault, 2), Link("h1", TicketType.Fault, 3),
            Link("p3", TicketType.Fault, 40), Link("unknown", TicketType.Fault, 2),
        };

        var report = AssetFailureAnalysis.Analyze(assets, links, from, to, Shanghai);

        Assert.Equal([("p1", 3, 2), ("h1", 1, 1), ("p2", 1, 1)], report.PerAsset.Select(a => (a.Asset.Value, a.Tickets, a.Failures)));
        var plc = report.PerModel.Single(m => m.Model == "S7-1200");
        var hmi = report.PerModel.Single(m => m.Model == "KTP700");
        Assert.Equal((4, 4, 3, 75.0), (plc.Installed, plc.Tickets, plc.Failures, plc.FailuresPer100Installed));
        Assert.Equal(Duration.FromDays(31) * 4 / 3, plc.MeanTimeBetweenFailures);
        Assert.Equal((2, 1, 50.0), (hmi.Installed, hmi.Failures, hmi.FailuresPer100Installed));
        Assert.Equal("S7-1200", report.PerModel[0].Model);
        Assert.Equal(["S7-1200"], report.ModelsAtOrAbove(60));
    }

    private static Asset Asset(string id, string model, LocalDate? installed = null, LocalDate? warrantyEnd = null) =>
        new(new AssetId(id), $"{model} {id}", $"SN-{id}", model, Acme, installed ?? new LocalDate(2025, 1, 1), warrantyEnd, "张伟");
}
