using System.Globalization;
using CrmCore.Agents;
using CrmCore.Routing;
using CrmCore.Tickets;
using NodaTime;

namespace CrmCore.Tests.Routing;

/// <summary>
/// The queue past its small-size paths: several entry chunks (1,024 entries each), repeated rehashing of the id index, heaps
/// that grow and shrink, freed slots reused, and many equal due times (ties read the entries). Checked against a sorting reference.
/// </summary>
public sealed class TicketQueueScaleTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 3, 2, 9, 0);
    private static readonly TeamId[] Groups = [new("tech"), new("service")];

    private static QueuedTicket Ticket(int i, Random random) => new(
        new TicketId("SC" + i.ToString("D6", CultureInfo.InvariantCulture)),
        Groups[random.Next(2)],
        random.Next(4) * 10,
        random.Next(8) == 0 ? null : Now + Duration.FromMinutes(random.Next(-600, 600) / 30 * 30), // coarse: many equal due times
        random.Next(3) == 0 ? SkillSet.Of(Skill.Technical) : SkillSet.Empty,
        Now - Duration.FromMinutes(random.Next(5)));

    private static IEnumerable<QueuedTicket> Reference(IEnumerable<QueuedTicket> tickets, SlaTerm term) => tickets
        .OrderByDescending(t => term.Score(t.StaticPriority, t.Due, Now))
        .ThenBy(t => t.Due ?? Instant.MaxValue)
        .ThenBy(t => t.EnqueuedAt)
        .ThenBy(t => t.Id.Value, StringComparer.Ordinal);

    [Fact]
    public void FiveThousandTickets_WithRemovesUpdatesAndReuse_DrainInReferenceOrder()
    {
        var random = new Random(7);
        var queue = new TicketQueue();
        var model = new Dictionary<TicketId, QueuedTicket>();
        for (var i = 0; i < 5000; i++)
        {
            var t = Ticket(i, random);
            queue.Enqueue(t);
            model.Add(t.Id, t);
        }

        // Remove every third, update every fifth (new data, possibly another bucket), then add 1,500 more into the freed slots.
        foreach (var id in model.Keys.Where((_, k) => k % 3 == 0).ToList())
        {
            Assert.True(queue.Remove(id));
            model.Remove(id);
        }

        foreach (var id in model.Keys.Where((_, k) => k % 5 == 0).ToList())
        {
            var changed = Ticket(int.Parse(id.Value[2..], CultureInfo.InvariantCulture), random);
            Assert.True(queue.Update(changed));
            model[id] = changed;
        }

        for (var i = 5000; i < 6500; i++)
        {
            var t = Ticket(i, random);
            queue.Enqueue(t);
            model.Add(t.Id, t);
        }

        Assert.Equal(model.Count, queue.Count);
        Assert.Equal(Reference(model.Values, queue.SlaTerm).Take(50), queue.Top(50, Now));
        Assert.All(model.Values.Take(200), t => Assert.True(queue.TryGet(t.Id, out var got) && got == t));

        var agent = new Agent(new AgentId("all"), "All", Groups[0], SkillSet.Of(Skill.Technical), 1);
        agent.JoinTeam(Groups[1]);
        agent.SetAvailability(Availability.Online);
        var drained = new List<QueuedTicket>();
        while (queue.NextFor(agent, Now) is { } next)
        {
            drained.Add(next);
            agent.ReleaseSlot();
        }

        Assert.Equal(Reference(model.Values, queue.SlaTerm), drained);
        Assert.Equal(0, queue.Count);
    }
}
