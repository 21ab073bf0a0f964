using CrmCore.Agents;

namespace CrmCore.Routing;

/// <summary>
/// Skills match: the most specialised agent first (fewest skills, then lowest total proficiency), so that agents with rare or
/// broad skills stay free for the tickets only they can take; ties go to the least loaded. The queue still hands each agent only
/// tickets whose required skills it covers. Registered as <c>skills-match</c>. Stateless and thread-safe.
/// </summary>
public sealed class SkillsMatchStrategy : IAssignmentStrategy
{
    /// <summary>The registered name, <c>skills-match</c>.</summary>
    public const string StrategyName = "skills-match";

    /// <inheritdoc />
    public string Name => StrategyName;

    /// <inheritdoc />
    public Agent? Select(TeamId team, IReadOnlyList<Agent> candidates) => LeastLoadedStrategy.Best(candidates, Compare);

    private static int Compare(Agent x, Agent y)
    {
        var bySkills = x.Skills.Count.CompareTo(y.Skills.Count);
        if (bySkills != 0)
        {
            return bySkills;
        }

        var byLevel = x.Skills.Items.Sum(s => s.Level).CompareTo(y.Skills.Items.Sum(s => s.Level));
        return byLevel != 0 ? byLevel : LeastLoadedStrategy.Compare(x, y);
    }
}
