namespace CrmCore.Tickets;

/// <summary>Why a <see cref="TicketTransitionException"/> was thrown.</summary>
public enum TicketTransitionFailure
{
    /// <summary>The lifecycle table does not list the move for the current status.</summary>
    MoveNotAllowed = 0,

    /// <summary>Close was asked without a customer confirmation or a completed revisit.</summary>
    ClosureNotConfirmed = 1,

    /// <summary>Reopen was asked after the reopen window had passed.</summary>
    ReopenWindowElapsed = 2,
}
