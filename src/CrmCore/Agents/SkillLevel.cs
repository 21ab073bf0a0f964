using System.Globalization;

namespace CrmCore.Agents;

/// <summary>
/// A skill with a proficiency level. On an agent it is the level the agent has; on a ticket it is the minimum level required
/// (use <see cref="MinLevel"/> when any proficiency will do).
/// </summary>
public readonly record struct SkillLevel
{
    /// <summary>The lowest level, 1: the default and the "any proficiency" requirement.</summary>
    public const int MinLevel = 1;

    /// <summary>The highest level, 5.</summary>
    public const int MaxLevel = 5;

    /// <summary>Creates a skill level.</summary>
    /// <param name="skill">The skill; must not be the default instance.</param>
    /// <param name="level">The proficiency, from <see cref="MinLevel"/> (1, the default) to <see cref="MaxLevel"/> (5).</param>
    /// <exception cref="ArgumentException">The skill is the default instance.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The level is outside 1–5.</exception>
    public SkillLevel(Skill skill, int level = MinLevel)
    {
        if (skill.Code.Length == 0)
        {
            throw new ArgumentException("The skill must not be the default instance.", nameof(skill));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(level, MinLevel);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(level, MaxLevel);
        Skill = skill;
        Level = level;
    }

    /// <summary>The skill.</summary>
    public Skill Skill { get; }

    /// <summary>The proficiency level, 1–5.</summary>
    public int Level { get; }

    /// <inheritdoc />
    public override string ToString() => Level == MinLevel ? Skill.Code : Skill.Code + ":" + Level.ToString(CultureInfo.InvariantCulture);
}
