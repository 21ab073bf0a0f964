using CrmCore.Agents;
using CrmCore.Routing;
using CrmCore.Tickets;
using NodaTime;

namespace CrmCore.Tests.Routing;

public sealed class TicketRouterTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 3, 2, 1, 0); // 09:00 in Shanghai
    private static readonly TeamId Tech = new("tech");
    private static readonly TeamId General = new("general");

    private static TicketRouter NewRouter(IAssignmentStrategy strategy, params Agent[] agents)
    {
        var resolver = new DictionaryGroupResolver(
            General,
            new Dictionary<string, TeamId> { ["Manufacturing"] = Tech },
            new Dictionary<TicketType, SkillSet> { [TicketType.Fault] = SkillSet.Of(Skill.Technical) });
        var router = new TicketRouter(new TicketQueue(), resolver, strategy, Duration.FromMinutes(30));
        router.AddTeam(new Team(General, "General service"));
        router.AddTeam(new Team(Tech, "Technical support", fallback: General));
        foreach (var agent in agents)
        {
            router.AddAgent(agent);
            agent.SetAvailability(Availability.Online);
        }

        return router;
    }

    private static Agent NewAgent(string id, TeamId team, int capacity = 5, params Skill[] skills) =>
        new(new AgentId(id), id, team, SkillSet.Of(skills), capacity);

    private static void Submit(TicketRouter router, int count, string industry = "Manufacturing", TicketType? type = null)
    {
        for (var i = 0; i < count; i++)
        {
            router.Submit(new RoutingRequest(new TicketId($"WT{router.Queue.Count + router.ActiveAssignments.Count + 1:D3}"), industry, type ?? TicketType.Fault), 10, null, Now);
        }
    }

    [Fact]
    public void Submit_IndustryAndType_ResolvesGroupAndSkills()
    {
        var router = NewRouter(new LeastLoadedStrategy());
        var tech = router.Submit(new RoutingRequest(new TicketId("WT001"), "manufacturing", TicketType.Fault), 10, null, Now);
        var general = router.Submit(new RoutingRequest(new TicketId("WT002"), null, TicketType.Consultation), 10, null, Now);
        Assert.Equal(Tech, tech.Group);
        Assert.Equal(SkillSet.Of(Skill.Technical), tech.RequiredSkills);
        Assert.Equal(General, general.Group);
        Assert.Equal(SkillSet.Empty, general.RequiredSkills);
    }

    [Fact]
    public void Dispatch_LeastLoaded_SpreadsWorkEvenly()
    {
        var a = NewAgent("a", Tech, 5, Skill.Technical);
        var b = NewAgent("b", Tech, 5, Skill.Technical);
        var router = NewRouter(new LeastLoadedStrategy(), a, b);
        Assert.True(a.TryReserveSlot()); // a already holds one ticket
        Submit(router, 5);
        var made = router.Dispatch(Now);
        Assert.Equal(5, made.Count);
        Assert.Equal(3, a.ActiveCount);
        Assert.Equal(3, b.ActiveCount);
        Assert.Equal([new(a.Id, 2), new KeyValuePair<AgentId, int>(b.Id, 3)], router.Statistics.AssignedPerAgent);
    }

    [Fact]
    public void Dispatch_RoundRobin_TakesTurnsAcrossCalls()
    {
        var a = NewAgent("a", Tech, 5, Skill.Technical);
        var b = NewAgent("b", Tech, 5, Skill.Technical);
        var c = NewAgent("c", Tech, 5, Skill.Technical);
        var router = NewRouter(new RoundRobinStrategy(), a, b, c);
        var order = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            Submit(router, 1);
            order.AddRange(router.Dispatch(Now).Select(x => x.Agent.Value));
        }

        Assert.Equal(["a", "b", "c", "a"], order);
    }

    [Fact]
    public void Dispatch_SkillsMatch_PrefersTheSpecialist()
    {
        var generalist = NewAgent("a-gen", Tech, 5, Skill.Technical, Skill.AfterSales, Skill.Billing);
        var specialist = NewAgent("z-spec", Tech, 5, Skill.Technical);
        var router = NewRouter(new SkillsMatchStrategy(), generalist, specialist);
        Submit(router, 1);
        Assert.Equal("z-spec", Assert.Single(router.Dispatch(Now)).Agent.Value);
    }

    [Fact]
    public void Dispatch_AfterOverflowWait_FallbackTeamTakesTicket()
    {
        var generalAgent = NewAgent("g", General, 5, Skill.Technical);
        var router = NewRouter(new LeastLoadedStrategy(), generalAgent);
        Submit(router, 1);
        Assert.Empty(router.Dispatch(Now + Duration.FromMinutes(29)));
        var made = Assert.Single(router.Dispatch(Now + Duration.FromMinutes(31)));
        Assert.Equal(General, made.Ticket.Group);
        Assert.Equal(Duration.FromMinutes(31), made.Waited);
    }

    [Fact]
    public void Transfer_ToAgentWithRoom_MovesLoad()
    {
        var a = NewAgent("a", Tech, 5, Skill.Technical);
        var b = NewAgent("b", Tech, 1, Skill.Technical);
        var router = NewRouter(new LeastLoadedStrategy(), a, b);
        Submit(router, 1);
        var first = router.PullFor(a.Id, Now)!.Value;
        var moved = router.Transfer(first.TicketId, b.Id, Now + Duration.FromMinutes(5));
        Assert.Equal(b.Id, moved.Agent);
        Assert.Equal((0, 1), (a.ActiveCount, b.ActiveCount));
        Submit(router, 1);
        var second = router.PullFor(a.Id, Now)!.Value;
        var error = Assert.Throws<CrmException>(() => router.Transfer(second.TicketId, b.Id, Now));
        Assert.Equal("CRM-ROUTING-AGENT-FULL", error.Code);
        Assert.Equal(a.Id, router.AssignmentOf(second.TicketId)!.Value.Agent);
        router.Complete(first.TicketId);
        Assert.Equal(0, b.ActiveCount);
        Assert.Equal("CRM-ROUTING-NOT-ASSIGNED", Assert.Throws<CrmException>(() => router.Complete(first.TicketId)).Code);
    }

    [Fact]
    public void TemporaryTeam_EscalatedTicket_OnlyMembersTakeItUntilDisbanded()
    {
        var member = NewAgent("m", General, 5, Skill.Technical);
        var outsider = NewAgent("o", Tech, 5, Skill.Technical);
        var router = NewRouter(new LeastLoadedStrategy(), member, outsider);
        Submit(router, 1);
        var ticket = router.Queue.Snapshot()[0].Id;
        var temp = router.FormTemporaryTeam(new TeamId("case-42"), "Case 42 task force", Tech, [member.Id]);
        Assert.True(temp.IsTemporary);
        Assert.True(router.MoveToTeam(ticket, temp.Id));
        Assert.Null(router.PullFor(outsider.Id, Now));
        Assert.Equal(1, router.DisbandTemporaryTeam(temp.Id));
        Assert.False(member.Serves(temp.Id));
        Assert.Equal(ticket, router.PullFor(outsider.Id, Now)!.Value.TicketId);
    }

    [Fact]
    public void ApplyShifts_InAndOutOfShift_SetsAvailability()
    {
        var zone = DateTimeZoneProviders.Tzdb["Asia/Shanghai"];
        var day = new Agent(new AgentId("d"), "Day", Tech, SkillSet.Empty, 3, new Shift(new LocalTime(9, 0), new LocalTime(18, 0)));
        var router = NewRouter(new LeastLoadedStrategy(), day);
        day.SetAvailability(Availability.Offline);
        router.ApplyShifts(Now, zone);
        Assert.Equal(Availability.Online, day.Availability);
        router.ApplyShifts(Now + Duration.FromHours(10), zone);
        Assert.Equal(Availability.Offline, day.Availability);
    }

    [Fact]
    public void Submit_UnknownTeam_ThrowsAndQueuesNothing()
    {
        var resolver = new DictionaryGroupResolver(new TeamId("nowhere"));
        var router = new TicketRouter(new TicketQueue(), resolver, new LeastLoadedStrategy(), Duration.FromMinutes(1));
        var error = Assert.Throws<CrmException>(() => router.Submit(new RoutingRequest(new TicketId("WT1"), null, TicketType.Fault), 1, null, Now));
        Assert.Equal("CRM-ROUTING-UNKNOWN-TEAM", error.Code);
        Assert.Equal(0, router.Queue.Count);
    }

    [Fact]
    public void AddTeam_FallbackNotRegistered_Throws()
    {
        var router = new TicketRouter(new TicketQueue(), new DictionaryGroupResolver(General), new LeastLoadedStrategy(), Duration.FromMinutes(1));
        Assert.Throws<ArgumentException>(() => router.AddTeam(new Team(Tech, "Tech", fallback: General)));
        router.AddTeam(new Team(General, "General"));
        Assert.Throws<ArgumentException>(() => router.AddTeam(new Team(General, "Again")));
    }

    [Fact]
    public void PullForAndComplete_ManyThreads_EachTicketAssignedOnceAndLoadsReturnToZero()
    {
        var agents = Enumerable.Range(0, 8).Select(i => NewAgent("a" + i, Tech, 3, Skill.Technical)).ToArray();
        var router = NewRouter(new LeastLoadedStrategy(), agents);
        const int Tickets = 20_000;
        for (var i = 0; i < Tickets; i++)
        {
            router.Submit(new RoutingRequest(new TicketId("WT" + i), "Manufacturing", TicketType.Fault), i % 7, Now + Duration.FromMinutes(i % 500), Now);
        }

        var seen = new System.Collections.Concurrent.ConcurrentDictionary<TicketId, AgentId>();
        var duplicates = 0;
        Parallel.ForEach(agents, new ParallelOptions { MaxDegreeOfParallelism = 8 }, agent =>
        {
            while (router.PullFor(agent.Id, Now) is { } a)
            {
                if (!seen.TryAdd(a.TicketId, a.Agent))
                {
                    Interlocked.Increment(ref duplicates);
                }

                router.Complete(a.TicketId);
            }
        });

        Assert.Equal(0, duplicates);
        Assert.Equal(Tickets, seen.Count);
        Assert.Equal(Tickets, router.Statistics.Count);
        Assert.Equal(0, router.Queue.Count);
        Assert.All(agents, a => Assert.Equal(0, a.ActiveCount));
        Assert.Empty(router.ActiveAssignments);
    }
}
