using CrmCore.Agents;
using CrmCore.Routing;
using CrmCore.Tickets;
using NodaTime;

namespace CrmCore.Tests.Routing;

public sealed class TicketQueueTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 3, 2, 9, 0);
    private static readonly TeamId Tech = new("tech");
    private static readonly TeamId General = new("general");

    private static QueuedTicket Ticket(string id, long priority, Instant? due, TeamId? group = null, SkillSet? skills = null) =>
        new(new TicketId(id), group ?? Tech, priority, due, skills, Now);

    private static Agent Online(int capacity = 10, TeamId? team = null, SkillSet? skills = null)
    {
        var agent = new Agent(new AgentId("a1"), "Agent", team ?? Tech, skills ?? SkillSet.Of(Skill.Technical), capacity);
        agent.SetAvailability(Availability.Online);
        return agent;
    }

    [Fact]
    public void Enqueue_SameIdTwice_ThrowsAndKeepsFirst()
    {
        var queue = new TicketQueue();
        queue.Enqueue(Ticket("WT1", 10, null));
        var error = Assert.Throws<CrmException>(() => queue.Enqueue(Ticket("WT1", 99, null)));
        Assert.Equal("CRM-QUEUE-DUPLICATE", error.Code);
        Assert.True(queue.TryGet(new TicketId("WT1"), out var kept));
        Assert.Equal(10, kept.StaticPriority);
        Assert.Equal(1, queue.Count);
    }

    [Fact]
    public void NextFor_TimePasses_OverdueLowerStaticTicketOvertakes()
    {
        var queue = new TicketQueue(); // defaults: 100 at due, +50 per hour late
        queue.Enqueue(Ticket("high", 300, null));
        queue.Enqueue(Ticket("late", 200, Now + Duration.FromHours(1)));
        var agent = Online();
        Assert.Equal("high", queue.Top(1, Now)[0].Id.Value);                          // 300 > 200 + 87
        Assert.Equal("late", queue.Top(1, Now + Duration.FromHours(4))[0].Id.Value);  // 200 + 100 + 150 > 300
        Assert.Equal("late", queue.NextFor(agent, Now + Duration.FromHours(4))!.Value.Id.Value);
        Assert.Equal("high", queue.NextFor(agent, Now + Duration.FromHours(4))!.Value.Id.Value);
        Assert.Null(queue.NextFor(agent, Now));
        Assert.Equal(2, agent.ActiveCount);
    }

    [Fact]
    public void NextFor_AgentAwayOrFullOrUnskilled_ReturnsNullAndKeepsTicket()
    {
        var queue = new TicketQueue();
        queue.Enqueue(Ticket("WT1", 1, null, skills: SkillSet.Create(new SkillLevel(Skill.Technical, 3))));
        var away = Online();
        away.SetAvailability(Availability.Away);
        Assert.Null(queue.NextFor(away, Now));
        var full = Online(capacity: 1);
        Assert.True(full.TryReserveSlot());
        Assert.Null(queue.NextFor(full, Now));
        Assert.Equal(1, full.ActiveCount);
        var junior = Online(skills: SkillSet.Create(new SkillLevel(Skill.Technical, 2)));
        Assert.Null(queue.NextFor(junior, Now));
        Assert.Equal(0, junior.ActiveCount);
        var otherTeam = Online(team: General, skills: SkillSet.Create(new SkillLevel(Skill.Technical, 5)));
        Assert.Null(queue.NextFor(otherTeam, Now));
        Assert.Equal(1, queue.Count);
        var senior = Online(skills: SkillSet.Create(new SkillLevel(Skill.Technical, 3)));
        Assert.Equal("WT1", queue.NextFor(senior, Now)!.Value.Id.Value);
    }

    [Fact]
    public void Update_ChangesPriority_NoStaleEntryRemains()
    {
        var queue = new TicketQueue();
        queue.Enqueue(Ticket("a", 10, null));
        queue.Enqueue(Ticket("b", 20, null));
        Assert.True(queue.Update(Ticket("a", 30, null)));
        var agent = Online();
        Assert.Equal("a", queue.NextFor(agent, Now)!.Value.Id.Value);
        Assert.Equal("b", queue.NextFor(agent, Now)!.Value.Id.Value);
        Assert.Null(queue.NextFor(agent, Now));
        Assert.False(queue.Update(Ticket("a", 40, null)));
        Assert.False(queue.Remove(new TicketId("a")));
    }

    [Fact]
    public void Overflow_WaitedLongEnough_MovesOnceToFallback()
    {
        var queue = new TicketQueue();
        queue.Enqueue(Ticket("old", 1, null));
        queue.Enqueue(new QueuedTicket(new TicketId("new"), Tech, 1, null, null, Now + Duration.FromMinutes(40)));
        Assert.Equal(1, queue.Overflow(Tech, General, Now + Duration.FromMinutes(30)));
        Assert.True(queue.TryGet(new TicketId("old"), out var moved));
        Assert.Equal(General, moved.Group);
        Assert.Equal(Tech, queue.Snapshot().Single(t => t.Id.Value == "new").Group);
        Assert.Equal(0, queue.Overflow(General, Tech, Now + Duration.FromDays(1))); // overflowed tickets do not bounce back
        Assert.Throws<ArgumentException>(() => queue.Overflow(Tech, Tech, Now));
    }

    [Fact]
    public void Top_MoreRequestedThanWaiting_ReturnsAllInOrder()
    {
        var queue = new TicketQueue();
        queue.Enqueue(Ticket("c", 5, null));
        queue.Enqueue(Ticket("a", 5, Now + Duration.FromHours(2)));
        queue.Enqueue(Ticket("b", 500, null, group: General));  // a scores 5 + 75 at 2 h before due
        Assert.Equal(["b", "a", "c"], queue.Top(10, Now).Select(t => t.Id.Value));
        Assert.Empty(queue.Top(0, Now));
    }

    private static QueuedTicket At(string id, long priority, Instant? due, Instant enqueued, SkillSet? skills = null) =>
        new(new TicketId(id), Tech, priority, due, skills, enqueued);

    private static List<string> TakeAll(TicketQueue queue, Agent agent, Instant now)
    {
        var taken = new List<string>();
        while (queue.NextFor(agent, now) is { } t)
        {
            taken.Add(t.Id.Value);
        }

        return taken;
    }

    [Fact]
    public void NextFor_EqualDueTimes_EarlierEnqueueFirstEvenWithinOneSecond()
    {
        var queue = new TicketQueue();
        var due = Now + Duration.FromHours(1);
        queue.Enqueue(At("a", 5, due, Now + Duration.FromMilliseconds(900)));
        queue.Enqueue(At("b", 5, due, Now + Duration.FromMilliseconds(100)));
        queue.Enqueue(At("c", 5, due, Now - Duration.FromSeconds(1)));
        queue.Enqueue(At("d", 5, due, Now + Duration.FromMilliseconds(100)));   // same instant as b: the id decides
        queue.Enqueue(At("e", 5, due - Duration.FromTicks(1), Now + Duration.FromDays(1)));
        Assert.Equal(["e", "c", "b", "d", "a"], TakeAll(queue, Online(), Now));
    }

    [Fact]
    public void NextFor_EnqueuedBefore1970OrAfter2106_KeepsTheExactEnqueueOrder()
    {
        var queue = new TicketQueue();
        var early = Instant.FromUtc(1950, 6, 1, 0, 0);
        var late = Instant.FromUtc(2150, 6, 1, 0, 0);
        queue.Enqueue(At("late-2", 5, null, late + Duration.FromDays(400)));
        queue.Enqueue(At("early-2", 5, null, early + Duration.FromDays(3)));
        queue.Enqueue(At("late-1", 5, null, late));
        queue.Enqueue(At("early-1", 5, null, early));
        queue.Enqueue(At("epoch", 5, null, Instant.FromUnixTimeTicks(0)));
        Assert.Equal(["early-1", "early-2", "epoch", "late-1", "late-2"], TakeAll(queue, Online(), Now));
    }

    [Fact]
    public void NextFor_SameStaticPriorityInSeveralSkillBuckets_TakesTheEarliestDueAcrossThem()
    {
        var queue = new TicketQueue();
        var skills = new[] { SkillSet.Empty, SkillSet.Of(Skill.Technical), SkillSet.Of(Skill.AfterSales) };
        for (var i = 0; i < 9; i++)
        {
            // due in 9, 8, … 1 days: beyond the 8-hour horizon every term is 0, so only the due time orders them
            queue.Enqueue(At("t" + i, 7, Now + Duration.FromDays(9 - i), Now, skills[i % 3]));
        }

        var agent = Online(skills: SkillSet.Of(Skill.Technical, Skill.AfterSales));
        Assert.Equal(["t8", "t7", "t6", "t5", "t4", "t3", "t2", "t1", "t0"], TakeAll(queue, agent, Now));
    }

    [Fact]
    public void NextFor_EqualScoresAcrossStaticPriorities_EarlierDueWins()
    {
        // Term at most 10 (no overdue points): 10 + 10 at due equals 20 without a due time.
        var term = new SlaTerm(new SlaTermOptions { PointsAtDue = 10, OverduePointsPerHour = 0 });
        var queue = new TicketQueue(term);
        queue.Enqueue(At("high", 20, null, Now - Duration.FromHours(1)));
        queue.Enqueue(At("low", 10, Now, Now));
        Assert.Equal(10, term.MaxTerm);
        Assert.Equal(["low", "high"], TakeAll(queue, Online(), Now));
    }

    [Fact]
    public void NextFor_NegativeStaticPriority_IsStillServed()
    {
        var queue = new TicketQueue();
        queue.Enqueue(At("minus", -100_000, null, Now));
        queue.Enqueue(At("minus-due", -100_001, Now + Duration.FromHours(8), Now));
        Assert.Equal(["minus", "minus-due"], TakeAll(queue, Online(), Now));
    }
}
