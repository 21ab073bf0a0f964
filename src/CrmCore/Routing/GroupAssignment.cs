using CrmCore.Agents;

namespace CrmCore.Routing;

/// <summary>Where a ticket goes: the team (service group) that serves it and the skills an agent needs. Immutable.</summary>
/// <param name="Group">The team.</param>
/// <param name="RequiredSkills">The skills an agent must have (levels are minimums); empty when any agent of the team will do.</param>
public readonly record struct GroupAssignment(TeamId Group, SkillSet RequiredSkills);
