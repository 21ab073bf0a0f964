namespace CrmCore.Tickets;

/// <summary>
/// The lifecycle states of a ticket. The allowed moves between them are defined in one table,
/// <c>TicketLifecycle</c>; display names in English and zh-Hans come from resources.
/// </summary>
public enum TicketStatus
{
    /// <summary>Received, nobody is working on it yet (待处理).</summary>
    Pending = 0,

    /// <summary>Being worked on by its owner (处理中).</summary>
    InProgress = 1,

    /// <summary>Waiting for the customer to answer; pauses some SLA clocks (等待客户).</summary>
    WaitingForCustomer = 2,

    /// <summary>A solution was given (已解决).</summary>
    Resolved = 3,

    /// <summary>Resolved and waiting for the revisit call (待回访).</summary>
    AwaitingRevisit = 4,

    /// <summary>Closed after customer confirmation or revisit (已关闭).</summary>
    Closed = 5,

    /// <summary>Closed without action, for example a duplicate or a misdirected request (无需处理).</summary>
    NoActionNeeded = 6,
}
