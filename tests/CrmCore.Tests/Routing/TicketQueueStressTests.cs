using System.Globalization;
using CrmCore.Agents;
using CrmCore.Routing;
using CrmCore.Tickets;
using NodaTime;

namespace CrmCore.Tests.Routing;

/// <summary>Many threads enqueue, update, remove and take tickets at once; nothing may be handed out twice or lost.</summary>
public sealed class TicketQueueStressTests
{
    private const int Threads = 8;
    private const int OpsPerThread = 130_000;
    private const int IdsPerThread = OpsPerThread;

    [Fact]
    public void ConcurrentOperations_EightThreadsOverAMillionOps_NoDuplicateNoLossNoStaleEntry()
    {
        var start = Instant.FromUtc(2026, 3, 2, 9, 0);
        var groups = new[] { new TeamId("g0"), new TeamId("g1") };
        var requirements = new[] { SkillSet.Empty, SkillSet.Of(Skill.Technical), SkillSet.Of(Skill.AfterSales) };
        var queue = new TicketQueue();
        var total = Threads * IdsPerThread;
        var ids = new TicketId[total];
        for (var i = 0; i < total; i++)
        {
            ids[i] = new TicketId("T" + i.ToString(CultureInfo.InvariantCulture));
        }

        var issued = new int[Threads];           // how many ids each thread has enqueued so far
        var outcomes = new int[total];           // claimed or removed: must end at exactly 1
        var lastPriority = new long[total];      // owner's last successful update
        var agents = new Agent[Threads];
        for (var t = 0; t < Threads; t++)
        {
            agents[t] = new Agent(new AgentId("a" + t.ToString(CultureInfo.InvariantCulture)), "Agent", groups[t % 2],
                t % 3 == 0 ? SkillSet.Of(Skill.Technical) : SkillSet.Of(Skill.Technical, Skill.AfterSales), 1000);
            agents[t].JoinTeam(groups[(t + 1) % 2]);
            agents[t].SetAvailability(Availability.Online);
        }

        var failures = 0;
        var workers = Enumerable.Range(0, Threads).Select(t => new Thread(() =>
        {
            var random = new Random(t * 7919);
            var baseId = t * IdsPerThread;
            var now = start;
            for (var op = 0; op < OpsPerThread; op++)
            {
                now += Duration.FromSeconds(1);
                var roll = random.Next(100);
                if (roll < 40)
                {
                    var n = Volatile.Read(ref issued[t]);
                    var prio = random.Next(8) * 10L;
                    var ticket = new QueuedTicket(ids[baseId + n], groups[random.Next(2)], prio,
                        random.Next(4) == 0 ? null : now + Duration.FromMinutes(random.Next(-60, 600)), requirements[random.Next(3)], now);
                    lastPriority[baseId + n] = prio;
                    queue.Enqueue(ticket);
                    Volatile.Write(ref issued[t], n + 1);
                }
                else if (roll < 75)
                {
                    if (queue.NextFor(agents[t], now) is { } got)
                    {
                        var number = int.Parse(got.Id.Value.AsSpan(1), CultureInfo.InvariantCulture);
                        Interlocked.Increment(ref outcomes[number]);
                        agents[t].ReleaseSlot();
                    }
                }
                else if (roll < 90)
                {
                    var n = Volatile.Read(ref issued[t]);
                    if (n > 0)
                    {
                        var number = baseId + random.Next(n);
                        var prio = 1 + (random.Next(8) * 10L);
                        var ticket = new QueuedTicket(ids[number], groups[random.Next(2)], prio, now, requirements[random.Next(3)], now);
                        if (queue.Update(ticket))
                        {
                            lastPriority[number] = prio;
                        }
                    }
                }
                else
                {
                    var other = random.Next(Threads);
                    var n = Volatile.Read(ref issued[other]);
                    if (n > 0)
                    {
                        var number = (other * IdsPerThread) + random.Next(n);
                        if (queue.Remove(ids[number]))
                        {
                            Interlocked.Increment(ref outcomes[number]);
                        }
                    }
                }
            }
        })).ToList();
        workers.ForEach(w => w.Start());
        workers.ForEach(w => w.Join());

        // Drain with an agent that may take anything; each drained ticket must carry its owner's last update.
        var drainer = new Agent(new AgentId("drain"), "Drain", groups[0], SkillSet.Of(Skill.Technical, Skill.AfterSales), 1000);
        drainer.JoinTeam(groups[1]);
        drainer.SetAvailability(Availability.Online);
        var later = start + Duration.FromDays(30);
        while (queue.NextFor(drainer, later) is { } got)
        {
            var number = int.Parse(got.Id.Value.AsSpan(1), CultureInfo.InvariantCulture);
            outcomes[number]++;
            drainer.ReleaseSlot();
            if (got.StaticPriority != lastPriority[number])
            {
                failures++;
            }
        }

        var enqueued = issued.Sum();
        var wrong = Enumerable.Range(0, Threads)
            .SelectMany(t => Enumerable.Range(t * IdsPerThread, issued[t]))
            .Count(n => outcomes[n] != 1);
        Assert.True(enqueued > 300_000, $"only {enqueued} tickets were enqueued");
        Assert.Equal(0, wrong);
        Assert.Equal(0, failures);
        Assert.Equal(0, queue.Count);
        Assert.All(agents, a => Assert.Equal(0, a.ActiveCount));
    }
}
