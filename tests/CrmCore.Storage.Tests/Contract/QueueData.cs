using CrmCore.Agents;
using CrmCore.Routing;
using CrmCore.Tickets;
using NodaTime;

namespace CrmCore.Storage.Tests.Contract;

/// <summary>Seeded random queues and agents for the claim-order tests.</summary>
internal static class QueueData
{
    public static readonly Instant Start = Instant.FromUtc(2026, 3, 2, 1, 0);

    public static readonly TeamId[] Teams = [new("billing"), new("tech"), new("vip")];

    public static readonly SkillSet[] SkillSets =
    [
        SkillSet.Empty,
        SkillSet.Of(Skill.Billing),
        SkillSet.Create(new SkillLevel(Skill.Technical, 3)),
        SkillSet.Create(new SkillLevel(Skill.Technical, 1), new SkillLevel(Skill.Complaints, 2)),
    ];

    public static List<QueuedTicket> Tickets(int count, int seed)
    {
        var random = new Random(seed);
        var list = new List<QueuedTicket>(count);
        for (var i = 0; i < count; i++)
        {
            Instant? due = random.Next(6) == 0 ? null : Start + Duration.FromSeconds(random.Next(-2 * 86_400, 3 * 86_400)) + Duration.FromTicks(random.Next(10_000_000));
            list.Add(new QueuedTicket(
                new TicketId($"WT{seed:00}{i:000000}"),
                Teams[random.Next(Teams.Length)],
                random.Next(4) * 40,
                due,
                SkillSets[random.Next(SkillSets.Length)],
                Start - Duration.FromSeconds(random.Next(0, 3 * 86_400))));
        }

        // Ties on purpose: equal due and enqueue times break on the ticket id.
        list.Add(new QueuedTicket(new TicketId("WT-TIE-B"), Teams[0], 40, Start + Duration.FromHours(1), SkillSet.Empty, Start));
        list.Add(new QueuedTicket(new TicketId("WT-TIE-A"), Teams[0], 40, Start + Duration.FromHours(1), SkillSet.Empty, Start));
        return list;
    }

    /// <summary>Agents of several teams and skills; each call makes fresh instances (capacity is per instance).</summary>
    public static List<Agent> Agents()
    {
        var agents = new List<Agent>
        {
            new(new AgentId("A-bill"), "Bill", Teams[0], SkillSet.Of(Skill.Billing), 1_000),
            new(new AgentId("A-tech"), "Tess", Teams[1], SkillSet.Create(new SkillLevel(Skill.Technical, 3), new SkillLevel(Skill.Complaints, 2)), 1_000),
            new(new AgentId("A-junior"), "Jun", Teams[1], SkillSet.Create(new SkillLevel(Skill.Technical, 1)), 1_000),
            new(new AgentId("A-all"), "Alex", Teams[2], SkillSet.Create(new SkillLevel(Skill.Technical, 5), new SkillLevel(Skill.Complaints, 5), new SkillLevel(Skill.Billing, 1)), 1_000),
            new(new AgentId("A-none"), "Nie", Teams[0], SkillSet.Empty, 1_000), // no skills: only buckets that require none
        };
        agents[3].JoinTeam(Teams[0]);
        agents[3].JoinTeam(Teams[1]);
        agents[4].JoinTeam(Teams[1]);
        foreach (var agent in agents)
        {
            agent.SetAvailability(Availability.Online);
        }

        return agents;
    }
}
