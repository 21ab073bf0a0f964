using CrmCore.Agents;
using CrmCore.Assets;
using CrmCore.Customers;
using CrmCore.Desk;
using CrmCore.Tickets;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Testing;

namespace CrmCore.Tests.Assets;

public sealed class TicketAssetLinkTests
{
    private static readonly CustomerId Acme = new("KH0001");
    private static readonly DateTimeZone Shanghai = DateTimeZoneProviders.Tzdb["Asia/Shanghai"];

    // Monday 2 March 2026, 10:00 in Shanghai: inside business hours.
    private readonly FakeClock clock = new(Instant.FromUtc(2026, 3, 2, 2, 0));

    [Fact]
    public async Task RaisedWithAnAsset_LinkedLater_Moved_Unlinked_TheAnalysisReadsTheStoredLinks()
    {
        var desk = await NewDeskAsync();
        var (withAsset, _) = await desk.RaiseAsync(Fault() with { RelatedAssetId = "KH0001-A1" }, "phone");
        var (later, _) = await desk.RaiseAsync(Fault(), "phone");
        var (moved, _) = await desk.RaiseAsync(Fault() with { RelatedAssetId = "KH0001-A1" }, "phone");
        clock.AdvanceMinutes(30);

        var linked = await desk.LinkAssetAsync(later, new AssetId("KH0001-A2"), "engineer.li");
        var again = await desk.LinkAssetAsync(later, new AssetId("KH0001-A2"), "engineer.li");
        var move = await desk.LinkAssetAsync(moved, new AssetId("KH0001-A2"), "engineer.li");
        var (unlinked, _) = await desk.RaiseAsync(Fault() with { RelatedAssetId = "KH0001-A1" }, "phone");
        await desk.LinkAssetAsync(unlinked, null, "engineer.li");

        var evt = Assert.IsType<TicketAssetLinked>(Assert.Single(linked.Events));
        Assert.Equal((later, "KH0001-A2", (string?)null, "engineer.li"), (evt.TicketId, evt.Asset, evt.Previous, evt.By));
        Assert.Empty(again.Events);
        Assert.Equal("KH0001-A1", Assert.IsType<TicketAssetLinked>(Assert.Single(move.Events)).Previous);
        var states = new List<TicketState>();
        foreach (var id in new[] { withAsset, later, moved, unlinked })
        {
            states.Add((await desk.ViewAsync(id)).Ticket);
        }

        var links = states.Select(TicketAssetLink.Of).OfType<TicketAssetLink>().ToList();
        Assert.Equal([("KH0001-A1", withAsset), ("KH0001-A2", later), ("KH0001-A2", moved)], links.Select(l => (l.Asset.Value, l.Ticket)));
        Assert.Null((await desk.ViewAsync(unlinked)).Ticket.RelatedAssetId);

        var assets = new[]
        {
            new Asset(new AssetId("KH0001-A1"), "打印机", "SN1", "M404", Acme, new LocalDate(2025, 3, 1)),
            new Asset(new AssetId("KH0001-A2"), "打印机", "SN2", "M404", Acme, new LocalDate(2025, 3, 1)),
        };
        var report = AssetFailureAnalysis.Analyze(assets, links, Instant.FromUtc(2026, 3, 1, 0, 0), Instant.FromUtc(2026, 4, 1, 0, 0), Shanghai);
        Assert.Equal([("KH0001-A2", 2), ("KH0001-A1", 1)], report.PerAsset.Select(a => (a.Asset.Value, a.Failures)));
        Assert.Equal(150.0, Assert.Single(report.PerModel).FailuresPer100Installed);
    }

    [Fact]
    public async Task Link_OnAClosedTicket_IsAllowed_AndCountsAsAChange()
    {
        var desk = await NewDeskAsync();
        desk.RegisterAgent(new AgentId("A001"), "Li", new TeamId("L1"), SkillSet.Empty, 5);
        var (id, _) = await desk.RaiseAsync(Fault(), "phone");
        await desk.PullNextAsync(new AgentId("A001"));
        await desk.RespondAsync(id, "A001", "正在处理");
        await desk.ResolveAsync(id, "A001", "重启后恢复");
        await desk.ScheduleRevisitAsync(id, "A001");
        await desk.CompleteRevisitAsync(id, "manager", "已恢复");
        await desk.CloseAsync(id, "manager");
        var before = (await desk.ViewAsync(id)).Ticket;
        clock.AdvanceHours(1);

        await desk.LinkAssetAsync(id, new AssetId("KH0001-A1"), "analyst");

        var after = (await desk.ViewAsync(id)).Ticket;
        Assert.Equal((TicketStatus.Closed, before.Version + 1, "KH0001-A1"), (after.Status, after.Version, after.RelatedAssetId));
        await Assert.ThrowsAsync<ArgumentException>(() => desk.LinkAssetAsync(id, default(AssetId), "analyst"));
        await Assert.ThrowsAsync<ArgumentException>(() => desk.LinkAssetAsync(id, new AssetId("KH0001-A2"), " "));
        Assert.Equal(after.Version, (await desk.ViewAsync(id)).Ticket.Version);
    }

    [Fact]
    public void Of_ATicketWithoutAsset_IsNull()
    {
        var ticket = CrmCore.Tests.Support.TestData.TicketFactory(new FakeClock(Instant.FromUtc(2026, 3, 2, 2, 0))).Open(Fault(), new AgentId("A001"), "phone");

        Assert.Null(TicketAssetLink.Of(ticket.ToState()));
        ticket.LinkAsset(Instant.FromUtc(2026, 3, 2, 3, 0), "engineer.li", new AssetId("KH0001-A1"));
        Assert.Equal(new AssetId("KH0001-A1"), TicketAssetLink.Of(ticket.ToState())!.Value.Asset);
    }

    private static TicketRequest Fault() => new()
    {
        CustomerId = Acme,
        Description = "打印机卡纸",
        Urgency = Urgency.General,
        Type = TicketType.Fault,
    };

    private async Task<ServiceDesk> NewDeskAsync()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IClock>(clock);
        services.AddCrmCore(o => o.TicketIdPattern = "WT{yyyyMM}{seq:5}");
        var desk = services.BuildServiceProvider().GetRequiredService<ServiceDesk>();
        await desk.RegisterCustomerAsync(Acme, new CustomerProfile { Name = "上海某某制造有限公司", FirstContactOn = new LocalDate(2026, 1, 5) }, tier: "A");
        return desk;
    }
}
