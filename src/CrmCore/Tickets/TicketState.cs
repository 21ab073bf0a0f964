using CrmCore.Agents;
using CrmCore.Customers;
using CrmCore.Satisfaction;
using NodaTime;

namespace CrmCore.Tickets;

/// <summary>
/// A ticket as plain data, for stores: what <see cref="Ticket.ToState"/> writes and <see cref="Ticket.Restore"/> reads. Ids and codes are
/// the library's small value types (each one string: <c>Id.Value</c>, <c>Type.Code</c>, <c>Channel.Code</c>, <c>Owner.Value</c>), statuses
/// and urgencies are enums, times are <see cref="Instant"/>s, the history and timeline are lists in order. A store maps these to columns or
/// child rows by hand; nothing here needs a serializer.
/// </summary>
public sealed record TicketState
{
    /// <summary>The ticket id.</summary>
    public required TicketId Id { get; init; }

    /// <summary>The version (1 when opened, one more per change); used by stores for optimistic concurrency.</summary>
    public required long Version { get; init; }

    /// <summary>The customer who raised it.</summary>
    public required CustomerId CustomerId { get; init; }

    /// <summary>What the customer reported.</summary>
    public required string Description { get; init; }

    /// <summary>The urgency.</summary>
    public required Urgency Urgency { get; init; }

    /// <summary>The type code.</summary>
    public required TicketType Type { get; init; }

    /// <summary>The channel code.</summary>
    public required Channel Channel { get; init; }

    /// <summary>The responsible department, or null.</summary>
    public string? Department { get; init; }

    /// <summary>The promised resolution time, or null.</summary>
    public Instant? ExpectedResolutionAt { get; init; }

    /// <summary>The related asset id, or null.</summary>
    public string? RelatedAssetId { get; init; }

    /// <summary>When the customer raised it.</summary>
    public required Instant RaisedAt { get; init; }

    /// <summary>When it was opened (the first history entry).</summary>
    public required Instant CreatedAt { get; init; }

    /// <summary>The one owner.</summary>
    public required AgentId Owner { get; init; }

    /// <summary>The current status; equals the last history entry's target.</summary>
    public required TicketStatus Status { get; init; }

    /// <summary>The latest solution, or null.</summary>
    public string? Solution { get; init; }

    /// <summary>
    /// Every survey answer recorded on the ticket, oldest first: a reopened ticket that is revisited again keeps the earlier answers.
    /// Default empty. A store usually keeps them in tables of their own keyed by ticket (see <c>ISurveyRepository</c>).
    /// </summary>
    public IReadOnlyList<SurveyResponse> Surveys { get; init; } = [];

    /// <summary>The latest survey answer (the last of <see cref="Surveys"/>), or null: the one that counts for KPIs and reports.</summary>
    public SurveyResponse? Survey => Surveys.Count == 0 ? null : Surveys[^1];

    /// <summary>How many times it was reopened.</summary>
    public int ReopenCount { get; init; }

    /// <summary>The first reply to the customer, or null.</summary>
    public Instant? FirstResponseAt { get; init; }

    /// <summary>The latest resolution, or null.</summary>
    public Instant? ResolvedAt { get; init; }

    /// <summary>When it was closed, or null.</summary>
    public Instant? ClosedAt { get; init; }

    /// <summary>When the customer confirmed the latest resolution, or null.</summary>
    public Instant? CustomerConfirmedAt { get; init; }

    /// <summary>When the revisit of the latest resolution was completed, or null.</summary>
    public Instant? RevisitCompletedAt { get; init; }

    /// <summary>When the ticket last changed; no later command is recorded earlier than this.</summary>
    public required Instant LastChangeAt { get; init; }

    /// <summary>The status history in order, starting with the creation entry (Pending → Pending).</summary>
    public required IReadOnlyList<StatusChange> StatusHistory { get; init; }

    /// <summary>The progress timeline in order.</summary>
    public IReadOnlyList<ProgressNote> Timeline { get; init; } = [];

    /// <summary>
    /// The due times the service desk derived at its last save or advance (stored with the row, for queries and the desk's due-time
    /// index); null when not computed, for example for a state written by <see cref="Ticket.ToState"/> alone, and then a store counts
    /// the ticket as due. Not part of the aggregate: <see cref="Ticket.Restore"/> ignores it.
    /// </summary>
    public TicketDueTimes? Due { get; init; }

    /// <summary>
    /// The group (team) the service desk routed the ticket to when it was raised: its original group. An overflow moves only the queue
    /// entry to <see cref="Desk.DeskOptions.OverflowGroup"/>, so this keeps the group for reports and for a return to it; null for a
    /// ticket never routed by the desk (or stored before schema 7). <see cref="Ticket.Restore"/> and <see cref="Ticket.ToState"/> carry it.
    /// </summary>
    public TeamId? RoutedGroup { get; init; }
}
