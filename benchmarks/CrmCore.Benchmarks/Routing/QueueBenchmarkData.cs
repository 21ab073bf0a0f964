using System.Globalization;
using CrmCore.Agents;
using CrmCore.Routing;
using CrmCore.Tickets;
using NodaTime;

namespace CrmCore.Benchmarks.Routing;

/// <summary>
/// Seeded queue workloads: tickets over 2 groups × <c>priorities</c> static priorities × 5 skill sets, and an agent of the first
/// group whose skills cover 3 of the 5 sets, so it is eligible for 3 × <c>priorities</c> buckets (48 with 16 priorities).
/// </summary>
internal static class QueueBenchmarkData
{
    public static readonly Instant Now = Instant.FromUtc(2026, 3, 2, 9, 0);

    private static readonly TeamId[] Groups = [new("tech"), new("service")];

    private static readonly SkillSet[] Skills =
    [
        SkillSet.Empty,
        SkillSet.Of(Skill.Technical),
        SkillSet.Of(Skill.AfterSales),
        SkillSet.Create(new SkillLevel(Skill.Technical, 4)),
        SkillSet.Of(Skill.Billing),
    ];

    public static QueuedTicket[] Tickets(int count, int priorities, int seed, string prefix)
    {
        var random = new Random(seed);
        var tickets = new QueuedTicket[count];
        for (var i = 0; i < count; i++)
        {
            tickets[i] = new QueuedTicket(
                new TicketId(prefix + i.ToString("D8", CultureInfo.InvariantCulture)),
                Groups[random.Next(2)],
                random.Next(priorities) * 100,
                random.Next(10) == 0 ? null : Now + Duration.FromMinutes(random.Next(-2 * 1440, 3 * 1440)),
                Skills[random.Next(Skills.Length)],
                Now - Duration.FromSeconds(random.Next(86_400)));
        }

        return tickets;
    }

    public static Agent Agent()
    {
        var agent = new Agent(new AgentId("bench"), "Bench", Groups[0],
            SkillSet.Create(new SkillLevel(Skill.Technical, 3), new SkillLevel(Skill.AfterSales)), 1000);
        agent.SetAvailability(Availability.Online);
        return agent;
    }

    /// <summary>Bytes retained per ticket by a queue filled with default growth (no presizing), measured with a full GC.</summary>
    public static (TicketQueue Queue, double BytesPerTicket) Fill(QueuedTicket[] tickets) =>
        Fill(tickets, static () => new TicketQueue(), static (queue, t) => queue.Enqueue(t));

    /// <summary>Bytes retained per ticket by any queue <paramref name="create"/> makes, filled one ticket at a time.</summary>
    public static (TQueue Queue, double BytesPerTicket) Fill<TQueue>(QueuedTicket[] tickets, Func<TQueue> create, Action<TQueue, QueuedTicket> enqueue)
    {
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var queue = create();
        foreach (var t in tickets)
        {
            enqueue(queue, t);
        }

        var after = GC.GetTotalMemory(forceFullCollection: true);
        return (queue, (after - before) / (double)tickets.Length);
    }
}
