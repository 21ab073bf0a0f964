namespace CrmCore.Tickets;

/// <summary>
/// Everything that can be done to a ticket and is checked against its status. <see cref="TicketLifecycle"/> lists, for each move,
/// the statuses it is allowed in and the status it leads to (moves such as <see cref="Reassign"/> keep the status).
/// </summary>
public enum TicketMove
{
    /// <summary>The owner starts working on a pending ticket: Pending → InProgress.</summary>
    Start = 0,

    /// <summary>The owner asks the customer for something and waits: InProgress → WaitingForCustomer.</summary>
    WaitForCustomer = 1,

    /// <summary>The customer answered, work goes on: WaitingForCustomer → InProgress.</summary>
    ResumeWork = 2,

    /// <summary>A solution is given: InProgress → Resolved.</summary>
    Resolve = 3,

    /// <summary>The resolution waits for a revisit call: Resolved → AwaitingRevisit.</summary>
    ScheduleRevisit = 4,

    /// <summary>The customer confirms the resolution (allowed in Resolved and AwaitingRevisit; keeps the status).</summary>
    ConfirmResolution = 5,

    /// <summary>The revisit call was made (allowed in AwaitingRevisit; keeps the status).</summary>
    CompleteRevisit = 6,

    /// <summary>The ticket is archived: Resolved or AwaitingRevisit → Closed; needs a customer confirmation or a completed revisit.</summary>
    Close = 7,

    /// <summary>The issue came back: Resolved, AwaitingRevisit or Closed → InProgress, within the reopen window.</summary>
    Reopen = 8,

    /// <summary>Nothing needs doing (duplicate, misdirected): Pending or InProgress → NoActionNeeded.</summary>
    MarkNoActionNeeded = 9,

    /// <summary>Another agent becomes the owner (allowed while the ticket is not Closed or NoActionNeeded; keeps the status).</summary>
    Reassign = 10,

    /// <summary>A reply to the customer is recorded (allowed while work is open or awaiting confirmation; keeps the status).</summary>
    RespondToCustomer = 11,

    /// <summary>The customer's satisfaction score is recorded (allowed in Resolved, AwaitingRevisit and Closed; keeps the status).</summary>
    RecordSatisfaction = 12,
}
