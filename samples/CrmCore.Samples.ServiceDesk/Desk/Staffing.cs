using CrmCore.Agents;

namespace CrmCore.Samples.ServiceDesk.Desk;

/// <summary>The desk's teams and agents. Team ids match the routing targets of the default rule pack.</summary>
internal static class Staffing
{
    public static readonly Skill Technical = new("technical");
    public static readonly Skill AfterSales = new("after-sales");

    public static readonly TeamId General = new("GeneralServiceGroup");

    public static readonly Shift EveningShift = new(
        new NodaTime.LocalTime(18, 0),
        new NodaTime.LocalTime(22, 0),
        Enum.GetValues<NodaTime.IsoDayOfWeek>().Where(d => d != NodaTime.IsoDayOfWeek.None));

    public static IReadOnlyList<Team> Teams { get; } =
    [
        new(General, "General service group"),
        new(new TeamId("ManufacturingGroup"), "Manufacturing group", General),
        new(new TeamId("RetailGroup"), "Retail group", General),
        new(new TeamId("ServicesGroup"), "Services group", General),
        new(new TeamId("TechGroup"), "Tech group", General),
        new(new TeamId("TechnicalSupport"), "Technical support", General),
    ];

    /// <summary>Builds the agents: after-sales specialists per industry group, technical support, and a general pool.</summary>
    public static IReadOnlyList<Agent> Agents(Random random)
    {
        var agents = new List<Agent>();
        var number = 0;
        foreach (var team in Teams)
        {
            var (count, skills) = team.Id.Value switch
            {
                "TechnicalSupport" => (12, SkillSet.Of(Technical)),
                "GeneralServiceGroup" => (6, SkillSet.Of(AfterSales, Technical)),
                _ => (8, SkillSet.Of(AfterSales)),
            };
            for (var i = 0; i < count; i++)
            {
                number++;
                var id = new AgentId($"A{number:000}");
                // Two of the general pool work the evening shift (18:00-22:00, every day); everybody else works the
                // business calendar's opening hours, make-up working days included.
                Shift? shift = team.Id == General && i < 2 ? EveningShift : null;
                var agent = new Agent(id, $"Agent {number:000}", team.Id, skills, capacity: random.Next(3, 6), shift);
                // Every agent also serves the general pool, so a ticket that overflows there after its wait widens
                // the set of agents who may take it instead of moving it to a handful of people.
                if (team.Id != General)
                {
                    agent.JoinTeam(General);
                }

                agents.Add(agent);
            }
        }

        return agents;
    }
}
