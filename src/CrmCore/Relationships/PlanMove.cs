namespace CrmCore.Relationships;

/// <summary>A move of a contact plan entry through its lifecycle (see <see cref="PlanStatus"/>).</summary>
public enum PlanMove
{
    /// <summary>未开始 → 进行中.</summary>
    Start,

    /// <summary>未开始 or 进行中 → 已完成.</summary>
    Complete,

    /// <summary>未开始 or 进行中 → 已取消.</summary>
    Cancel,
}
