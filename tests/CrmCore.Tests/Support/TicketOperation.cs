namespace CrmCore.Tests.Support;

/// <summary>What a generated step does to a ticket.</summary>
public enum TicketOperationKind
{
    /// <summary>Pick one of the moves the lifecycle table allows now (index taken modulo their number): drives tickets deep into the lifecycle.</summary>
    AnyAllowedMove,
    Start,
    WaitForCustomer,
    ResumeWork,
    Resolve,
    ScheduleRevisit,
    ConfirmResolution,
    CompleteRevisit,
    Close,
    Reopen,
    MarkNoActionNeeded,
    Reassign,
    ReassignToNobody,
    RespondToCustomer,
    AddNote,
    RecordSatisfaction,
    ClockBack,
}

/// <summary>One generated step: advance the clock, then do <see cref="Kind"/>.</summary>
/// <param name="Kind">The operation.</param>
/// <param name="AdvanceMinutes">Minutes the clock moves forward before the operation (up to several days, to cross the reopen window).</param>
/// <param name="Pick">A free number: the agent for Reassign, the score for RecordSatisfaction, the move for AnyAllowedMove.</param>
public sealed record TicketOperation(TicketOperationKind Kind, int AdvanceMinutes, int Pick)
{
    public override string ToString() => $"{Kind}(+{AdvanceMinutes}m, {Pick})";
}
