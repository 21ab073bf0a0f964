using CrmCore.Assets;
using CrmCore.Customers;
using CrmCore.Desk;
using CrmCore.Rules.Desk;
using CrmCore.Tickets;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Testing;

namespace CrmCore.Rules.Tests.Desk;

/// <summary>The desk gives the rules the linked asset's facts (document 000: "an asset under warranty, a model with a known issue"),
/// on both rule backends.</summary>
public sealed class DeskAssetFactsTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 3, 2, 2, 0);
    private static readonly CustomerId Customer = new("K0");

    public static TheoryData<RuleBackend> Backends => [RuleBackend.RulesEngine, RuleBackend.Compiled];

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task Raise_AssetOfAModelWithAKnownIssue_RaisesPriority_OtherModelOrNoAssetDoesNot(RuleBackend backend)
    {
        var (desk, provider) = await NewDeskAsync(backend);
        using var _ = provider;

        var (_, known) = await desk.RaiseAsync(Request(TicketType.Fault, "PLC-7"), "phone");
        var (_, other) = await desk.RaiseAsync(Request(TicketType.Fault, "PRN-1"), "phone");
        var (_, none) = await desk.RaiseAsync(Request(TicketType.Fault, null), "phone");
        var (_, unknown) = await desk.RaiseAsync(Request(TicketType.Fault, "GONE-1"), "phone");

        // Tier A (30) + fault (15); the S7-1200's known issue adds the pack's 10.
        Assert.Equal(30 + 15 + 10, Assert.Single(known.Events.OfType<TicketQueued>()).Priority);
        Assert.Equal(30 + 15, Assert.Single(other.Events.OfType<TicketQueued>()).Priority);
        Assert.Equal(30 + 15, Assert.Single(none.Events.OfType<TicketQueued>()).Priority);
        Assert.Equal(30 + 15, Assert.Single(unknown.Events.OfType<TicketQueued>()).Priority);
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task View_CarriesModelAndWarrantyAtTheTicketsTime_IntoTheRuleFacts(RuleBackend backend)
    {
        var (desk, provider) = await NewDeskAsync(backend);
        using var _ = provider;
        var (inWarranty, _) = await desk.RaiseAsync(Request(TicketType.Fault, "PLC-7"), "phone");
        var (expired, _) = await desk.RaiseAsync(Request(TicketType.Fault, "PRN-1"), "phone");
        var (plain, _) = await desk.RaiseAsync(Request(TicketType.Consultation, null), "phone");

        var plc = TicketFactsProjection.ToFacts(await desk.ViewAsync(inWarranty), Now);
        var printer = TicketFactsProjection.ToFacts(await desk.ViewAsync(expired), Now);
        var nothing = TicketFactsProjection.ToFacts(await desk.ViewAsync(plain), Now);

        Assert.Equal(("S7-1200", "UnderWarranty", true, true), (plc.AssetModel, plc.AssetWarranty, plc.AssetUnderWarranty, plc.AssetModelHasKnownIssue));
        Assert.Equal(("LaserJet M404", "Expired", false, false), (printer.AssetModel, printer.AssetWarranty, printer.AssetUnderWarranty, printer.AssetModelHasKnownIssue));
        Assert.Equal((string.Empty, "Unknown", false, false), (nothing.AssetModel, nothing.AssetWarranty, nothing.AssetUnderWarranty, nothing.AssetModelHasKnownIssue));
        Assert.Null((await desk.ViewAsync(plain)).Asset);
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task Raise_ModelFailingOften_FiresTheFailureRateRule_AModelWithNothingInstalledHasNoRate(RuleBackend backend)
    {
        var (desk, provider) = await NewDeskAsync(backend);
        using var _ = provider;
        var assets = provider.GetRequiredService<IAssetRepository>();
        // A second printer of the same model, and a device whose model has nothing installed by the day the tickets are raised.
        await assets.SaveAsync(new Asset(new AssetId("PRN-2"), "二楼打印机", "SN-2", "LaserJet M404", Customer, new LocalDate(2025, 6, 1)).ToState(1), 0);
        await assets.SaveAsync(new Asset(new AssetId("NEW-1"), "新设备", "SN-N1", "X9", Customer, new LocalDate(2026, 4, 1)).ToState(1), 0);

        // Before the first printer ticket no ticket is in the window: 0 per 100 printers. Then 1 ticket on 2 printers: 50 per 100.
        var (first, firstResult) = await desk.RaiseAsync(Request(TicketType.Fault, "PRN-1") with { RaisedAt = Now - Duration.FromHours(1) }, "phone");
        var (second, secondResult) = await desk.RaiseAsync(Request(TicketType.Fault, "PRN-2"), "phone");
        var (brandNew, newResult) = await desk.RaiseAsync(Request(TicketType.Fault, "NEW-1"), "phone");
        var (plain, _) = await desk.RaiseAsync(Request(TicketType.Consultation, null), "phone");

        Assert.Equal(30 + 15, Assert.Single(firstResult.Events.OfType<TicketQueued>()).Priority);
        Assert.Equal(30 + 15 + 10, Assert.Single(secondResult.Events.OfType<TicketQueued>()).Priority);
        Assert.Equal(30 + 15, Assert.Single(newResult.Events.OfType<TicketQueued>()).Priority);
        Assert.Equal(0m, (await desk.ViewAsync(first)).Asset!.ModelFailureRate);
        Assert.Equal(50m, TicketFactsProjection.ToFacts(await desk.ViewAsync(second), Now).AssetModelFailureRate);
        Assert.Null((await desk.ViewAsync(brandNew)).Asset!.ModelFailureRate);
        Assert.Null(TicketFactsProjection.ToFacts(await desk.ViewAsync(brandNew), Now).AssetModelFailureRate);
        Assert.Null(TicketFactsProjection.ToFacts(await desk.ViewAsync(plain), Now).AssetModelFailureRate);
    }

    [Fact]
    public void FailureRate_IsTicketsPer100Installed_NullWhenNothingIsInstalled()
    {
        Assert.Equal(50m, TicketAssetFacts.FailureRate(new ModelTicketCount(2, 1)));
        Assert.Equal(33.33m, TicketAssetFacts.FailureRate(new ModelTicketCount(3, 1)));
        Assert.Equal(66.67m, TicketAssetFacts.FailureRate(new ModelTicketCount(3, 2)));
        Assert.Equal(0m, TicketAssetFacts.FailureRate(new ModelTicketCount(5, 0)));
        Assert.Null(TicketAssetFacts.FailureRate(new ModelTicketCount(0, 4)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ModelTicketCount(-1, 0));
    }

    [Fact]
    public async Task ModelCounts_AreTakenOncePerRaiseInstant_AndAgainAfterTheDeskLinksAnEarlierTicket()
    {
        var counts = new CountingModelTickets();
        var (desk, provider) = await NewDeskAsync(RuleBackend.Compiled, counts);
        using var _ = provider;
        var (earlier, _) = await desk.RaiseAsync(Request(TicketType.Fault, null) with { RaisedAt = Now - Duration.FromHours(1) }, "phone");

        var (id, _) = await desk.RaiseAsync(Request(TicketType.Fault, "PLC-7"), "phone");
        var first = counts.Calls;
        await desk.ViewAsync(id);
        await desk.ViewAsync(id);
        Assert.Equal(1, first);
        Assert.Equal(first, counts.Calls);
        Assert.Equal(5m, (await desk.ViewAsync(id)).Asset!.ModelFailureRate);

        // The ticket's own link is outside its window [raised - 90 days, raised): its count stays.
        await desk.LinkAssetAsync(id, new AssetId("PRN-1"), "li.na");
        await desk.LinkAssetAsync(id, new AssetId("PLC-7"), "li.na");
        await desk.ViewAsync(id);
        Assert.Equal(2, counts.Calls); // PRN-1's model, counted once for its own view while linked

        // A ticket raised an hour earlier is in the window: linking it to a printer leaves the PLC model's count alone...
        await desk.LinkAssetAsync(earlier, new AssetId("PRN-1"), "li.na");
        await desk.ViewAsync(id);
        Assert.Equal(3, counts.Calls); // the earlier ticket's own view (the printer model)

        // ...linking it to the PLC makes the desk count the PLC model again.
        await desk.LinkAssetAsync(earlier, new AssetId("PLC-7"), "li.na");
        await desk.ViewAsync(id);
        Assert.Equal(5, counts.Calls); // the earlier ticket's own view, then the later ticket's again
    }

    [Fact]
    public async Task ModelCounts_TicketRaisedAboutAnAssetEarlier_IsCountedByALaterTicketsView()
    {
        var (desk, provider) = await NewDeskAsync(RuleBackend.Compiled);
        using var _ = provider;
        var (id, _) = await desk.RaiseAsync(Request(TicketType.Fault, "PRN-1"), "phone");
        Assert.Equal(0m, (await desk.ViewAsync(id)).Asset!.ModelFailureRate);

        // Raised after it but dated an hour before: the later ticket's window now holds one printer ticket on one printer.
        await desk.RaiseAsync(Request(TicketType.Fault, "PRN-1") with { RaisedAt = Now - Duration.FromHours(1) }, "phone");

        Assert.Equal(100m, (await desk.ViewAsync(id)).Asset!.ModelFailureRate);
    }

    private sealed class CountingModelTickets : IModelTicketCounts
    {
        public int Calls { get; private set; }

        public ValueTask<ModelTicketCount> CountAsync(string model, LocalDate installedBy, Instant ticketsFrom, Instant ticketsBefore, CancellationToken cancellationToken = default)
        {
            Calls++;
            return ValueTask.FromResult(new ModelTicketCount(20, 1));
        }
    }

    private static async Task<(ServiceDesk Desk, ServiceProvider Provider)> NewDeskAsync(RuleBackend backend, IModelTicketCounts? counts = null)
    {
        var services = new ServiceCollection();
        if (counts is not null)
        {
            services.AddSingleton(counts);
        }

        services.AddSingleton<IClock>(new FakeClock(Now));
        services.AddCrmCore(o =>
        {
            o.TicketIdPattern = "WT{yyyyMM}{seq:5}";
            o.Desk.ModelsWithKnownIssues.Add("s7-1200");
        });
        services.AddCrmRules(o => o.Backend = backend);
        var provider = services.BuildServiceProvider();
        var desk = provider.GetRequiredService<ServiceDesk>();
        var profile = new CustomerProfile { Name = "客户0", Industry = new Industry("Manufacturing"), FirstContactOn = new LocalDate(2025, 1, 1) };
        await desk.RegisterCustomerAsync(Customer, profile, tier: "A");
        var assets = provider.GetRequiredService<IAssetRepository>();
        // The PLC's warranty ends on the day the tickets are raised (10:00 in Shanghai): still under warranty that day.
        await assets.SaveAsync(new Asset(new AssetId("PLC-7"), "3 号生产线 PLC", "SN-P7", "S7-1200", Customer, new LocalDate(2024, 5, 6), new LocalDate(2026, 3, 2)).ToState(1), 0);
        await assets.SaveAsync(new Asset(new AssetId("PRN-1"), "前台打印机", "SN-1", "LaserJet M404", Customer, new LocalDate(2025, 1, 2), new LocalDate(2026, 3, 1)).ToState(1), 0);
        return (desk, provider);
    }

    private static TicketRequest Request(TicketType type, string? asset) => new()
    {
        CustomerId = Customer,
        Description = "设备故障",
        Urgency = Urgency.General,
        Type = type,
        RelatedAssetId = asset,
    };
}
