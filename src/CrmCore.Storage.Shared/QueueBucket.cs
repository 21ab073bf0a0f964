using CrmCore.Agents;

namespace CrmCore.Storage;

/// <summary>A queue bucket row: every ticket waiting for one team at one static priority with one set of required skills.</summary>
internal sealed record QueueBucket(long Id, TeamId Team, long StaticPriority, SkillSet Skills);
