using CrmCore.Agents;
using CrmCore.Customers;
using CrmCore.Desk;
using CrmCore.Routing;
using CrmCore.Tickets;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Testing;

namespace CrmCore.Tests.Desk;

/// <summary>The routing statistics fed by a real desk: each pull or assignment out of the queue is one assignment with its wait.</summary>
public sealed class RoutingStatisticsRecorderTests
{
    private static readonly CustomerId Acme = new("KH0001");
    private static readonly AgentId Li = new("A001");
    private static readonly AgentId Wang = new("A002");

    // Monday 2 March 2026, 10:00 in Shanghai: inside business hours.
    private readonly FakeClock _clock = new(Instant.FromUtc(2026, 3, 2, 2, 0));

    private static TicketRequest Request() => new()
    {
        CustomerId = Acme,
        Description = "系统登录异常",
        Urgency = Urgency.Urgent,
        Type = TicketType.Fault,
    };

    private async Task<(ServiceDesk Desk, RoutingStatisticsRecorder Recorder)> NewDeskAsync()
    {
        var recorder = new RoutingStatisticsRecorder(new RoutingStatistics());
        var services = new ServiceCollection()
            .AddSingleton<IClock>(_clock)
            .AddSingleton<IDeskEventSubscriber>(recorder)
            .AddCrmCore(o => o.TicketIdPattern = "WT{yyyyMM}{seq:5}");
        var desk = services.BuildServiceProvider().GetRequiredService<ServiceDesk>();
        await desk.RegisterCustomerAsync(Acme, new CustomerProfile { Name = "上海某某制造有限公司", FirstContactOn = new LocalDate(2026, 1, 5) }, tier: "A");
        desk.RegisterAgent(Li, "Li", new TeamId("L1"), SkillSet.Empty, 5);
        desk.RegisterAgent(Wang, "Wang", new TeamId("L1"), SkillSet.Empty, 5);
        return (desk, recorder);
    }

    [Fact]
    public async Task PullsAndAssignments_AreRecordedWithTheirWaits()
    {
        var (desk, recorder) = await NewDeskAsync();
        var (first, _) = await desk.RaiseAsync(Request(), "phone");
        _clock.AdvanceMinutes(5);
        var (second, _) = await desk.RaiseAsync(Request(), "phone");
        _clock.AdvanceMinutes(10);

        var (pulled, _) = await desk.PullNextAsync(Li);
        _clock.AdvanceMinutes(20);
        var other = pulled == first ? second : first;
        await desk.AssignAsync(other, Wang, "lead");

        var stats = recorder.Statistics;
        Assert.Equal(2, stats.Count);
        Assert.Equal([new(Li, 1), new KeyValuePair<AgentId, int>(Wang, 1)], stats.AssignedPerAgent);
        var waits = pulled == first ? (Duration.FromMinutes(15), Duration.FromMinutes(30)) : (Duration.FromMinutes(10), Duration.FromMinutes(35));
        Assert.Equal(Duration.Max(waits.Item1, waits.Item2), stats.MaxWait);
        Assert.Equal((waits.Item1 + waits.Item2) / 2, stats.MeanWait);
        Assert.Equal(0, recorder.WaitingCount);
    }

    [Fact]
    public async Task ATransferOfAnOwnedTicket_OrATicketFinishedWhileWaiting_IsNoAssignment()
    {
        var (desk, recorder) = await NewDeskAsync();
        var (first, _) = await desk.RaiseAsync(Request(), "phone");
        var (second, _) = await desk.RaiseAsync(Request(), "phone");
        var (pulled, _) = await desk.PullNextAsync(Li);
        var waiting = pulled == first ? second : first;
        Assert.Equal((1, 1), (recorder.Statistics.Count, recorder.WaitingCount));

        await desk.AssignAsync(pulled!.Value, Wang, "lead");
        await desk.MarkNoActionNeededAsync(waiting, "lead", "duplicate");

        Assert.Equal((1, 0), (recorder.Statistics.Count, recorder.WaitingCount));
        Assert.Equal([new KeyValuePair<AgentId, int>(Li, 1)], recorder.Statistics.AssignedPerAgent);
    }

    [Fact]
    public void Recorder_NullStatistics_Throws() =>
        Assert.Equal("statistics", Assert.Throws<ArgumentNullException>(() => new RoutingStatisticsRecorder(null!)).ParamName);
}
