using System.Globalization;
using CrmCore.Agents;
using CrmCore.Routing;
using CrmCore.Tickets;
using FsCheck;
using FsCheck.Fluent;
using NodaTime;

namespace CrmCore.Tests.Routing;

/// <summary>
/// Queue rules on buckets large enough to have several heap levels and id-hash chains longer than one (the model tests keep at
/// most 15 tickets): the order holds after removals and updates in the middle of a bucket, after takes and re-enqueues, and an
/// id freed by a removal or a take is found, reused and never confused with another.
/// </summary>
public sealed class TicketQueueHeapRuleTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 3, 2, 9, 0);
    private static readonly TeamId Tech = new("tech");

    // Few distinct due minutes and enqueue seconds, so that many tickets tie on the due time and on the enqueue second and the
    // exact enqueue time and the id have to decide.
    private sealed record Spec(int Priority, int? DueMinute, int EnqueueSecond, int EnqueueMillis);

    private static Gen<Spec> SpecGen() =>
        from priority in Gen.Choose(0, 1)
        from due in Gen.Frequency((1, Gen.Constant<int?>(null)), (6, Gen.Choose(-40, 40).Select(m => (int?)m)))
        from second in Gen.Choose(0, 3)
        from millis in Gen.Frequency((2, Gen.Constant(0)), (1, Gen.Choose(0, 999)))
        select new Spec(priority, due, second, millis);

    private static QueuedTicket Ticket(int id, Spec spec) => new(
        new TicketId("WT" + id.ToString("D4", CultureInfo.InvariantCulture)), Tech, spec.Priority * 60,
        spec.DueMinute is { } m ? Now + Duration.FromMinutes(m) : null, SkillSet.Empty,
        Now - Duration.FromMinutes(30) + Duration.FromSeconds(spec.EnqueueSecond) + Duration.FromMilliseconds(spec.EnqueueMillis));

    private static List<QueuedTicket> Sorted(IEnumerable<QueuedTicket> tickets, SlaTerm term, Instant now) =>
        tickets
            .OrderByDescending(t => term.Score(t.StaticPriority, t.Due, now))
            .ThenBy(t => t.Due ?? Instant.MaxValue)
            .ThenBy(t => t.EnqueuedAt)
            .ThenBy(t => t.Id.Value, StringComparer.Ordinal)
            .ToList();

    private static Agent Online()
    {
        var agent = new Agent(new AgentId("a"), "A", Tech, SkillSet.Empty, 1000);
        agent.SetAvailability(Availability.Online);
        return agent;
    }

    private static List<QueuedTicket> Take(TicketQueue queue, Agent agent, int count, Instant now)
    {
        var taken = new List<QueuedTicket>();
        for (var i = 0; i < count && queue.NextFor(agent, now) is { } t; i++)
        {
            taken.Add(t);
            agent.ReleaseSlot();
        }

        return taken;
    }

    [FsCheck.Xunit.Property(MaxTest = 40)]
    public Property LargeBucket_RemovesUpdatesTakesAndReenqueues_KeepTheReferenceOrder() =>
        Prop.ForAll(
            Arb.From(Gen.ArrayOf(SpecGen()).Where(a => a.Length >= 30)),
            Arb.From(Gen.ArrayOf(Gen.Choose(0, 5))),
            (specs, actions) =>
            {
                var queue = new TicketQueue();
                var term = queue.SlaTerm;
                var model = new Dictionary<TicketId, QueuedTicket>();
                for (var i = 0; i < specs.Length; i++)
                {
                    var t = Ticket(i, specs[i]);
                    queue.Enqueue(t);
                    model.Add(t.Id, t);
                }

                // Remove (action 0) or change (action 1: due, priority and enqueue time from another spec) tickets anywhere in
                // their heaps; the rest stay.
                for (var i = 0; i < Math.Min(specs.Length, actions.Length); i++)
                {
                    var id = Ticket(i, specs[i]).Id;
                    if (actions[i] == 0)
                    {
                        Assert.True(queue.Remove(id));
                        Assert.False(queue.Remove(id));
                        model.Remove(id);
                    }
                    else if (actions[i] == 1)
                    {
                        var changed = Ticket(i, specs[(i * 7 + 3) % specs.Length]);
                        Assert.True(queue.Update(changed));
                        model[id] = changed;
                    }
                }

                foreach (var (id, expected) in model)
                {
                    Assert.True(queue.TryGet(id, out var actual));
                    Assert.Equal(expected, actual);
                }

                var agent = Online();
                Assert.Equal(Sorted(model.Values, term, Now).Take(12), queue.Top(12, Now));

                // Take a third, put the first half of them back, then drain: every take is the reference's best.
                var first = Take(queue, agent, model.Count / 3, Now);
                Assert.Equal(Sorted(model.Values, term, Now).Take(first.Count), first);
                foreach (var t in first.Skip(first.Count / 2))
                {
                    model.Remove(t.Id);
                }

                foreach (var t in first.Take(first.Count / 2))
                {
                    queue.Enqueue(t);
                }

                var later = Now + Duration.FromMinutes(25);
                var expectedDrain = Sorted(model.Values, term, later);
                var drained = Take(queue, agent, int.MaxValue, later);
                Assert.Equal(expectedDrain, drained);
                Assert.Equal(0, queue.Count);
                return !queue.Contains(expectedDrain[0].Id) && agent.ActiveCount == 0;
            });

    [Fact]
    public void ThousandsOfIds_RemovedInMixedOrderAndReused_AreFoundExactlyWhileQueued()
    {
        var queue = new TicketQueue();
        var random = new Random(11);
        const int n = 3000;
        var tickets = Enumerable.Range(0, n)
            .Select(i => Ticket(i, new Spec(random.Next(2), random.Next(5) == 0 ? null : random.Next(-40, 40), random.Next(4), random.Next(1000))))
            .ToArray();
        foreach (var t in tickets)
        {
            Assert.True(queue.TryEnqueue(t));
        }

        Assert.Equal(n, queue.Count);
        var order = Enumerable.Range(0, n).OrderBy(_ => random.Next()).ToArray();
        var queued = new HashSet<int>(Enumerable.Range(0, n));
        for (var k = 0; k < n / 2; k++)
        {
            Assert.True(queue.Remove(tickets[order[k]].Id));
            queued.Remove(order[k]);
            if (k % 300 == 299)
            {
                for (var i = 0; i < n; i++)
                {
                    Assert.Equal(queued.Contains(i), queue.Contains(tickets[i].Id));
                }
            }
        }

        // Freed entries are reused by new ids; the removed ids stay unknown, the kept ones keep their data.
        var fresh = Enumerable.Range(n, n / 2).Select(i => Ticket(i, new Spec(1, random.Next(-40, 40), 0, 0))).ToArray();
        foreach (var t in fresh)
        {
            queue.Enqueue(t);
        }

        Assert.Equal(n, queue.Count);
        for (var i = 0; i < n; i++)
        {
            Assert.Equal(queued.Contains(i), queue.TryGet(tickets[i].Id, out var got));
            Assert.Equal(queued.Contains(i) ? tickets[i] : default, got);
        }

        var everything = queued.Select(i => tickets[i]).Concat(fresh).ToList();
        Assert.Equal(Sorted(everything, queue.SlaTerm, Now), Take(queue, Online(), int.MaxValue, Now));
        Assert.All(fresh, t => Assert.False(queue.Contains(t.Id)));
    }

    [Fact]
    public void Overflow_LargeBucket_MovesExactlyTheOldTicketsAndKeepsTheOrder()
    {
        var queue = new TicketQueue();
        var general = new TeamId("general");
        var random = new Random(5);
        var tickets = Enumerable.Range(0, 400)
            .Select(i => new QueuedTicket(new TicketId("WT" + i.ToString("D4", CultureInfo.InvariantCulture)), Tech, 0,
                Now + Duration.FromMinutes(random.Next(-40, 40)), SkillSet.Empty, Now - Duration.FromMinutes(i % 20)))
            .ToArray();
        foreach (var t in tickets)
        {
            queue.Enqueue(t);
        }

        var cutoff = Now - Duration.FromMinutes(10);
        var moving = tickets.Where(t => t.EnqueuedAt <= cutoff).ToList();
        Assert.Equal(moving.Count, queue.Overflow(Tech, general, cutoff));
        Assert.Equal(0, queue.Overflow(Tech, general, cutoff));
        foreach (var t in tickets)
        {
            Assert.True(queue.TryGet(t.Id, out var got));
            Assert.Equal(t.EnqueuedAt <= cutoff ? general : Tech, got.Group);
        }

        var generalAgent = new Agent(new AgentId("g"), "G", general, SkillSet.Empty, 1000);
        generalAgent.SetAvailability(Availability.Online);
        Assert.Equal(Sorted(moving.Select(t => t.WithGroup(general)), queue.SlaTerm, Now), Take(queue, generalAgent, int.MaxValue, Now));
        Assert.Equal(tickets.Length - moving.Count, queue.Count);
    }
}
