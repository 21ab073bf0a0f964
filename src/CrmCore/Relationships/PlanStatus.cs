namespace CrmCore.Relationships;

/// <summary>
/// The status of a contact plan entry (客户沟通计划表). Display names come from the resx localisation through
/// <see cref="Localization.DisplayNames.Of(PlanStatus, System.Globalization.CultureInfo?)"/> (未开始 / 进行中 / 已完成 / 已取消).
/// </summary>
public enum PlanStatus
{
    /// <summary>未开始: planned, nothing done yet (the initial status).</summary>
    NotStarted,

    /// <summary>进行中: the account manager has started the contact.</summary>
    InProgress,

    /// <summary>已完成: the contact took place; the actual time and the feedback are recorded.</summary>
    Completed,

    /// <summary>已取消: the contact will not take place; the reason is recorded.</summary>
    Cancelled,
}
