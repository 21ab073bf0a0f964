using System.Collections.Frozen;

namespace CrmCore.Relationships;

/// <summary>The one table of contact plan moves: (status, move) → status. Every <see cref="ContactPlanEntry"/> change goes through it.</summary>
internal static class PlanLifecycle
{
    private static readonly FrozenDictionary<(PlanStatus, PlanMove), PlanStatus> Table = new Dictionary<(PlanStatus, PlanMove), PlanStatus>
    {
        [(PlanStatus.NotStarted, PlanMove.Start)] = PlanStatus.InProgress,
        [(PlanStatus.NotStarted, PlanMove.Complete)] = PlanStatus.Completed,
        [(PlanStatus.InProgress, PlanMove.Complete)] = PlanStatus.Completed,
        [(PlanStatus.NotStarted, PlanMove.Cancel)] = PlanStatus.Cancelled,
        [(PlanStatus.InProgress, PlanMove.Cancel)] = PlanStatus.Cancelled,
    }.ToFrozenDictionary();

    public static bool TryMove(PlanStatus from, PlanMove move, out PlanStatus to) => Table.TryGetValue((from, move), out to);

    public static bool IsOpen(PlanStatus status) => status is PlanStatus.NotStarted or PlanStatus.InProgress;
}
