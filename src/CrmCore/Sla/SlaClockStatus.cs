namespace CrmCore.Sla;

/// <summary>The state of one SLA clock at an instant.</summary>
public enum SlaClockStatus
{
    /// <summary>The clock has not started or does not apply (for example no revisit before resolution) (未开始).</summary>
    NotStarted = 0,

    /// <summary>Counting, within the allowance (计时中).</summary>
    Running = 1,

    /// <summary>Not counting because of the ticket's status, within the allowance (已暂停).</summary>
    Paused = 2,

    /// <summary>Stopped within the allowance (达标).</summary>
    Met = 3,

    /// <summary>The allowance is used up: stopped late, or still open after its due time (超时).</summary>
    Breached = 4,
}
