using System.Collections.ObjectModel;
using CrmCore.Agents;
using CrmCore.Customers;
using CrmCore.Satisfaction;
using NodaTime;

namespace CrmCore.Tickets;

/// <summary>
/// A customer's service request, from receipt to archive. Open tickets with <see cref="TicketFactory"/>, which gives every ticket the
/// injected <see cref="IClock"/> and the <see cref="TicketOptions"/>. Every change goes through a method, is checked against
/// <see cref="TicketLifecycle"/>, records who and when, and adds a past-tense event to <see cref="DomainEvents"/>.
/// A refused change throws <see cref="TicketTransitionException"/> (or an <see cref="ArgumentException"/> for bad arguments) and
/// leaves the ticket unchanged. A ticket has exactly one owner at every moment: there is no unassign, only <see cref="Reassign"/>.
/// Times come from the clock but never run backwards within a ticket: a clock reading earlier than the ticket's last recorded change is
/// taken as that change's instant, so the status history stays ordered. Not thread-safe: use one ticket from one thread at a time.
/// </summary>
public sealed class Ticket
{
    private readonly IClock clock;
    private readonly TicketOptions options;
    private readonly List<StatusChange> history = [];
    private readonly List<ProgressNote> timeline = [];
    private readonly List<IDomainEvent> events = [];
    private readonly ReadOnlyCollection<StatusChange> historyView;
    private readonly ReadOnlyCollection<ProgressNote> timelineView;
    private readonly ReadOnlyCollection<IDomainEvent> eventsView;
    private Instant lastChangeAt;

    internal Ticket(TicketId id, TicketRequest request, AgentId owner, string by, IClock clock, TicketOptions options)
    {
        if (id.IsEmpty)
        {
            throw new ArgumentException("The ticket id is empty.", nameof(id));
        }

        var now = clock.GetCurrentInstant();
        Check(request, owner, by, now);
        by = by.Trim();
        historyView = history.AsReadOnly();
        timelineView = timeline.AsReadOnly();
        eventsView = events.AsReadOnly();
        this.clock = clock;
        this.options = options;

        Id = id;
        CustomerId = request.CustomerId;
        Description = request.Description.Trim();
        Urgency = request.Urgency;
        Type = request.Type;
        Channel = request.Channel;
        Department = string.IsNullOrWhiteSpace(request.Department) ? null : request.Department.Trim();
        ExpectedResolutionAt = request.ExpectedResolutionAt;
        RelatedAssetId = string.IsNullOrWhiteSpace(request.RelatedAssetId) ? null : request.RelatedAssetId.Trim();
        RaisedAt = request.RaisedAt ?? now;
        CreatedAt = now;
        Owner = owner;
        Status = TicketStatus.Pending;
        lastChangeAt = now;
        history.Add(new StatusChange(now, TicketStatus.Pending, TicketStatus.Pending, by));
        events.Add(new TicketCreated(id, now, by, CustomerId, owner, Urgency, Type, Channel));
    }

    /// <summary>The ticket id.</summary>
    public TicketId Id { get; }

    /// <summary>The customer who raised it.</summary>
    public CustomerId CustomerId { get; }

    /// <summary>What the customer reported.</summary>
    public string Description { get; }

    /// <summary>When the customer raised it (may be before <see cref="CreatedAt"/>, for example a voicemail).</summary>
    public Instant RaisedAt { get; }

    /// <summary>When the ticket was opened in the system (the first status history entry).</summary>
    public Instant CreatedAt { get; }

    /// <summary>The urgency.</summary>
    public Urgency Urgency { get; }

    /// <summary>The type.</summary>
    public TicketType Type { get; }

    /// <summary>The channel it came in by.</summary>
    public Channel Channel { get; }

    /// <summary>The responsible department, or null.</summary>
    public string? Department { get; }

    /// <summary>The promised resolution time, or null.</summary>
    public Instant? ExpectedResolutionAt { get; }

    /// <summary>The related asset id, or null.</summary>
    public string? RelatedAssetId { get; }

    /// <summary>The one agent responsible for the ticket. Never empty.</summary>
    public AgentId Owner { get; private set; }

    /// <summary>The current status.</summary>
    public TicketStatus Status { get; private set; }

    /// <summary>Every status change in order, starting with the creation entry (Pending → Pending). SLA clocks are computed from it.</summary>
    public IReadOnlyList<StatusChange> StatusHistory => historyView;

    /// <summary>The progress timeline: notes and replies in order.</summary>
    public IReadOnlyList<ProgressNote> Timeline => timelineView;

    /// <summary>The events raised since the last <see cref="ClearDomainEvents"/>, oldest first.</summary>
    public IReadOnlyList<IDomainEvent> DomainEvents => eventsView;

    /// <summary>The latest solution, or null before the first resolution.</summary>
    public string? Solution { get; private set; }

    /// <summary>The customer's satisfaction score, or null when none was recorded.</summary>
    public CsatScore? Satisfaction { get; private set; }

    /// <summary>How many times the ticket was reopened.</summary>
    public int ReopenCount { get; private set; }

    /// <summary>The first reply to the customer, or null when none yet.</summary>
    public Instant? FirstResponseAt { get; private set; }

    /// <summary>The latest resolution, or null when the ticket is not (or no longer) resolved.</summary>
    public Instant? ResolvedAt { get; private set; }

    /// <summary>When the ticket was closed, or null when it is not closed.</summary>
    public Instant? ClosedAt { get; private set; }

    /// <summary>When the customer confirmed the latest resolution, or null.</summary>
    public Instant? CustomerConfirmedAt { get; private set; }

    /// <summary>When the revisit of the latest resolution was completed, or null.</summary>
    public Instant? RevisitCompletedAt { get; private set; }

    /// <summary>The reopen window in force for this ticket (<see cref="TicketOptions.ReopenWindow"/>).</summary>
    public Duration ReopenWindow => options.ReopenWindow;

    /// <summary>Starts work: Pending → InProgress.</summary>
    /// <param name="by">Who starts.</param>
    /// <exception cref="TicketTransitionException">The ticket is not Pending.</exception>
    /// <exception cref="ArgumentException"><paramref name="by"/> is blank.</exception>
    public void Start(string by) => ChangeStatus(TicketMove.Start, by);

    /// <summary>Asks the customer for something and waits: InProgress → WaitingForCustomer. The question counts as a reply to the customer.</summary>
    /// <param name="by">Who asks.</param>
    /// <param name="question">What was asked; added to the timeline as a customer-facing note.</param>
    /// <exception cref="TicketTransitionException">The ticket is not InProgress.</exception>
    /// <exception cref="ArgumentException">An argument is blank.</exception>
    public void WaitForCustomer(string by, string question)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(question);
        var at = ChangeStatus(TicketMove.WaitForCustomer, by);
        AddNoteAt(at, by, question, isCustomerFacing: true);
    }

    /// <summary>Goes on after the customer answered: WaitingForCustomer → InProgress.</summary>
    /// <param name="by">Who resumes.</param>
    /// <exception cref="TicketTransitionException">The ticket is not WaitingForCustomer.</exception>
    /// <exception cref="ArgumentException"><paramref name="by"/> is blank.</exception>
    public void ResumeWork(string by) => ChangeStatus(TicketMove.ResumeWork, by);

    /// <summary>Gives a solution: InProgress → Resolved; raises <see cref="TicketResolved"/>. The solution counts as a reply to the customer.</summary>
    /// <param name="by">Who resolves.</param>
    /// <param name="solution">The solution; kept in <see cref="Solution"/> and the timeline.</param>
    /// <exception cref="TicketTransitionException">The ticket is not InProgress.</exception>
    /// <exception cref="ArgumentException">An argument is blank.</exception>
    public void Resolve(string by, string solution)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(solution);
        var at = ChangeStatus(TicketMove.Resolve, by);
        Solution = solution.Trim();
        ResolvedAt = at;
        AddNoteAt(at, by, Solution, isCustomerFacing: true);
        events.Add(new TicketResolved(Id, at, by.Trim(), Solution));
    }

    /// <summary>Puts a resolved ticket in line for its revisit call: Resolved → AwaitingRevisit.</summary>
    /// <param name="by">Who schedules.</param>
    /// <exception cref="TicketTransitionException">The ticket is not Resolved.</exception>
    /// <exception cref="ArgumentException"><paramref name="by"/> is blank.</exception>
    public void ScheduleRevisit(string by) => ChangeStatus(TicketMove.ScheduleRevisit, by);

    /// <summary>Records that the customer confirmed the resolution (status unchanged); allows <see cref="Close"/>.</summary>
    /// <param name="by">Who records it (the customer or the agent who heard it).</param>
    /// <exception cref="TicketTransitionException">The ticket is not Resolved or AwaitingRevisit.</exception>
    /// <exception cref="ArgumentException"><paramref name="by"/> is blank.</exception>
    public void ConfirmResolution(string by) => CustomerConfirmedAt = Act(TicketMove.ConfirmResolution, by);

    /// <summary>Records the completed revisit call (status unchanged); allows <see cref="Close"/>.</summary>
    /// <param name="by">Who made the call (by default policy the account manager).</param>
    /// <param name="outcome">What the customer said; added to the timeline.</param>
    /// <exception cref="TicketTransitionException">The ticket is not AwaitingRevisit.</exception>
    /// <exception cref="ArgumentException">An argument is blank.</exception>
    public void CompleteRevisit(string by, string outcome)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(outcome);
        var at = Act(TicketMove.CompleteRevisit, by);
        RevisitCompletedAt = at;
        AddNoteAt(at, by, outcome, isCustomerFacing: true);
    }

    /// <summary>
    /// Archives the ticket: Resolved or AwaitingRevisit → Closed; raises <see cref="TicketClosed"/>. Needs the customer's confirmation
    /// (<see cref="ConfirmResolution"/>) or, from AwaitingRevisit, a completed revisit (<see cref="CompleteRevisit"/>) since the latest resolution.
    /// </summary>
    /// <param name="by">Who closes.</param>
    /// <exception cref="TicketTransitionException">The status does not allow closing, or nothing confirms the resolution.</exception>
    /// <exception cref="ArgumentException"><paramref name="by"/> is blank.</exception>
    public void Close(string by)
    {
        Actor.Require(by);
        Require(TicketMove.Close, out _);
        if (CustomerConfirmedAt is null && RevisitCompletedAt is null)
        {
            throw new TicketTransitionException(Id, Status, TicketMove.Close, TicketTransitionFailure.ClosureNotConfirmed);
        }

        var at = ChangeStatus(TicketMove.Close, by);
        ClosedAt = at;
        events.Add(new TicketClosed(Id, at, by.Trim(), CustomerConfirmedAt is not null, RevisitCompletedAt is not null));
    }

    /// <summary>
    /// Reopens a resolved or closed ticket: Resolved, AwaitingRevisit or Closed → InProgress; raises <see cref="TicketReopened"/>.
    /// Allowed within <see cref="ReopenWindow"/> of the resolution (Resolved, AwaitingRevisit) or of closing (Closed), window end included.
    /// Clears the resolution, confirmation and revisit, so the ticket must be resolved and confirmed again.
    /// </summary>
    /// <param name="by">Who reopens.</param>
    /// <param name="reason">Why; added to the timeline.</param>
    /// <exception cref="TicketTransitionException">The status does not allow reopening, or the window has passed.</exception>
    /// <exception cref="ArgumentException">An argument is blank.</exception>
    public void Reopen(string by, string reason)
    {
        Actor.Require(by);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        Require(TicketMove.Reopen, out _);
        var from = Status;
        var windowStart = from == TicketStatus.Closed ? ClosedAt : ResolvedAt;
        if (windowStart is { } start && Now() - start > options.ReopenWindow)
        {
            throw new TicketTransitionException(Id, Status, TicketMove.Reopen, TicketTransitionFailure.ReopenWindowElapsed, options.ReopenWindow);
        }

        var at = ChangeStatus(TicketMove.Reopen, by);
        ReopenCount++;
        ResolvedAt = null;
        ClosedAt = null;
        CustomerConfirmedAt = null;
        RevisitCompletedAt = null;
        AddNoteAt(at, by, reason, isCustomerFacing: false);
        events.Add(new TicketReopened(Id, at, by.Trim(), from, reason.Trim(), ReopenCount));
    }

    /// <summary>Ends a ticket that needs no work (duplicate, misdirected): Pending or InProgress → NoActionNeeded.</summary>
    /// <param name="by">Who decides.</param>
    /// <param name="reason">Why; added to the timeline.</param>
    /// <exception cref="TicketTransitionException">The ticket is not Pending or InProgress.</exception>
    /// <exception cref="ArgumentException">An argument is blank.</exception>
    public void MarkNoActionNeeded(string by, string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        var at = ChangeStatus(TicketMove.MarkNoActionNeeded, by);
        AddNoteAt(at, by, reason, isCustomerFacing: false);
    }

    /// <summary>Hands the ticket to another agent (status unchanged); raises <see cref="TicketOwnerChanged"/>.</summary>
    /// <param name="newOwner">The new owner; must not be empty.</param>
    /// <param name="by">Who reassigns.</param>
    /// <returns>False (and nothing recorded) when <paramref name="newOwner"/> already owns the ticket.</returns>
    /// <exception cref="TicketTransitionException">The ticket is Closed or NoActionNeeded.</exception>
    /// <exception cref="ArgumentException"><paramref name="newOwner"/> is empty or <paramref name="by"/> is blank.</exception>
    public bool Reassign(AgentId newOwner, string by)
    {
        RequireOwner(newOwner, nameof(newOwner));
        Actor.Require(by);
        Require(TicketMove.Reassign, out _);
        if (newOwner == Owner)
        {
            return false;
        }

        var at = Act(TicketMove.Reassign, by);
        var previous = Owner;
        Owner = newOwner;
        events.Add(new TicketOwnerChanged(Id, at, by.Trim(), previous, newOwner));
        return true;
    }

    /// <summary>Records a reply sent to the customer (status unchanged); the first one sets <see cref="FirstResponseAt"/>.</summary>
    /// <param name="by">Who replied.</param>
    /// <param name="message">What was said.</param>
    /// <exception cref="TicketTransitionException">The ticket is Closed or NoActionNeeded.</exception>
    /// <exception cref="ArgumentException">An argument is blank.</exception>
    public void RespondToCustomer(string by, string message)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(message);
        var at = Act(TicketMove.RespondToCustomer, by);
        AddNoteAt(at, by, message, isCustomerFacing: true);
    }

    /// <summary>Adds an internal note to the timeline. Allowed in every status; changes nothing else and raises no event.</summary>
    /// <param name="by">Who writes.</param>
    /// <param name="text">The note.</param>
    /// <exception cref="ArgumentException">An argument is blank.</exception>
    public void AddNote(string by, string text)
    {
        Actor.Require(by);
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        AddNoteAt(Now(), by, text, isCustomerFacing: false);
    }

    /// <summary>Records the customer's satisfaction score (status unchanged); a later score replaces an earlier one.</summary>
    /// <param name="score">The score, 1–5.</param>
    /// <param name="by">Who records it.</param>
    /// <exception cref="TicketTransitionException">The ticket is not Resolved, AwaitingRevisit or Closed.</exception>
    /// <exception cref="ArgumentException"><paramref name="score"/> is the default (invalid) score or <paramref name="by"/> is blank.</exception>
    public void RecordSatisfaction(CsatScore score, string by)
    {
        if (score.Value == 0)
        {
            throw new ArgumentException("The satisfaction score is the default instance, not a score from 1 to 5.", nameof(score));
        }

        Act(TicketMove.RecordSatisfaction, by);
        Satisfaction = score;
    }

    /// <summary>Empties <see cref="DomainEvents"/>, typically after the host dispatched them.</summary>
    public void ClearDomainEvents() => events.Clear();

    /// <inheritdoc />
    public override string ToString() => $"{Id} ({Status}, owner {Owner})";

    /// <summary>Checks what a new ticket needs, before an id is taken for it.</summary>
    internal static void Check(TicketRequest request, AgentId owner, string by, Instant now)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.CustomerId.IsEmpty)
        {
            throw new ArgumentException("The ticket request names no customer.", nameof(request));
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(request.Description, nameof(request));
        if (!Enum.IsDefined(request.Urgency))
        {
            throw new ArgumentException($"Urgency {(int)request.Urgency} is not defined.", nameof(request));
        }

        if (request.Type.Code.Length == 0 || request.Channel.Code.Length == 0)
        {
            throw new ArgumentException("The ticket type and channel must not be the empty default instance.", nameof(request));
        }

        if (request.ExpectedResolutionAt < (request.RaisedAt ?? now))
        {
            throw new ArgumentException($"The expected resolution time {request.ExpectedResolutionAt} is before the ticket was raised.", nameof(request));
        }

        RequireOwner(owner, nameof(owner));
        Actor.Require(by);
        if (request.RaisedAt > now)
        {
            throw new ArgumentException($"The ticket was raised at {request.RaisedAt}, after it is opened ({now}).", nameof(request));
        }
    }

    private static void RequireOwner(AgentId owner, string paramName)
    {
        if (owner.IsEmpty)
        {
            throw new ArgumentException("A ticket always has exactly one owner: the agent id is empty.", paramName);
        }
    }

    private Instant Now()
    {
        var now = clock.GetCurrentInstant();
        return now < lastChangeAt ? lastChangeAt : now;
    }

    private void Require(TicketMove move, out TicketStatus to)
    {
        if (!TicketLifecycle.TryGetTarget(Status, move, out to))
        {
            throw new TicketTransitionException(Id, Status, move, TicketTransitionFailure.MoveNotAllowed);
        }
    }

    /// <summary>Performs a move that keeps the status: checks it, records the instant and returns it.</summary>
    private Instant Act(TicketMove move, string by)
    {
        Actor.Require(by);
        Require(move, out _);
        var at = Now();
        lastChangeAt = at;
        return at;
    }

    /// <summary>Performs a status change: checks it, appends to the history, raises <see cref="TicketStatusChanged"/>.</summary>
    private Instant ChangeStatus(TicketMove move, string by)
    {
        by = Actor.Require(by);
        Require(move, out var to);
        var at = Now();
        var from = Status;
        Status = to;
        lastChangeAt = at;
        history.Add(new StatusChange(at, from, to, by));
        events.Add(new TicketStatusChanged(Id, at, by, from, to, move));
        return at;
    }

    private void AddNoteAt(Instant at, string by, string text, bool isCustomerFacing)
    {
        by = by.Trim();
        lastChangeAt = at;
        timeline.Add(new ProgressNote(at, by, text.Trim(), isCustomerFacing));
        if (isCustomerFacing && FirstResponseAt is null)
        {
            FirstResponseAt = at;
            events.Add(new TicketFirstResponseGiven(Id, at, by));
        }
    }
}
