using System.Globalization;
using CrmCore.Localization;
using NodaTime;

namespace CrmCore.Tickets;

/// <summary>
/// Thrown when a ticket is asked to do something its lifecycle does not allow: a move the <see cref="TicketLifecycle"/> table does not
/// list for the current status, a Close without a customer confirmation or a completed revisit, or a Reopen after the window.
/// The ticket is left unchanged. <see cref="Exception.Message"/> is English; <see cref="LocalizedMessage"/> gives zh-Hans too.
/// </summary>
public sealed class TicketTransitionException : CrmException
{
    /// <summary>The stable error code, <c>CRM-TICKET-TRANSITION</c>.</summary>
    public const string ErrorCode = "CRM-TICKET-TRANSITION";

    /// <summary>Creates the exception.</summary>
    /// <param name="ticketId">The ticket.</param>
    /// <param name="current">The ticket's status when the move was asked.</param>
    /// <param name="move">The move that was refused.</param>
    /// <param name="failure">Why it was refused.</param>
    /// <param name="reopenWindow">The reopen window, for <see cref="TicketTransitionFailure.ReopenWindowElapsed"/>.</param>
    public TicketTransitionException(TicketId ticketId, TicketStatus current, TicketMove move, TicketTransitionFailure failure, Duration reopenWindow = default)
        : base(Describe(ticketId, current, move, failure, reopenWindow, CultureInfo.InvariantCulture))
    {
        TicketId = ticketId;
        Current = current;
        Move = move;
        Failure = failure;
        ReopenWindow = reopenWindow;
        Code = ErrorCode;
    }

    /// <summary>The ticket.</summary>
    public TicketId TicketId { get; }

    /// <summary>The ticket's status when the move was asked.</summary>
    public TicketStatus Current { get; }

    /// <summary>The refused move.</summary>
    public TicketMove Move { get; }

    /// <summary>Why the move was refused.</summary>
    public TicketTransitionFailure Failure { get; }

    /// <summary>The reopen window that applied; zero unless <see cref="Failure"/> is <see cref="TicketTransitionFailure.ReopenWindowElapsed"/>.</summary>
    public Duration ReopenWindow { get; }

    /// <summary>The message in the given culture (English and zh-Hans are provided; others fall back to English).</summary>
    /// <param name="culture">The culture; default <see cref="CultureInfo.CurrentUICulture"/>.</param>
    /// <returns>The localized message.</returns>
    public override string LocalizedMessage(CultureInfo? culture = null) =>
        Describe(TicketId, Current, Move, Failure, ReopenWindow, culture ?? CultureInfo.CurrentUICulture);

    private static string Describe(TicketId ticketId, TicketStatus current, TicketMove move, TicketTransitionFailure failure, Duration window, CultureInfo culture)
    {
        var key = failure switch
        {
            TicketTransitionFailure.ClosureNotConfirmed => "Error_TicketClosureNotConfirmed",
            TicketTransitionFailure.ReopenWindowElapsed => "Error_TicketReopenWindowElapsed",
            _ => "Error_TicketMoveNotAllowed",
        };
        return Strings.Format(key, culture, ticketId.Value, DisplayNames.Of(move, culture), DisplayNames.Of(current, culture), window.TotalHours);
    }
}
