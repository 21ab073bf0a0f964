using System.Collections.ObjectModel;
using CrmCore.Agents;
using CrmCore.Customers;
using CrmCore.Satisfaction;
using NodaTime;

namespace CrmCore.Tickets;

/// <summary>
/// A customer's service request, from receipt to archive. Open tickets with <see cref="TicketFactory"/> (or through the service desk);
/// bring a stored one back with <see cref="Restore"/>. Every change goes through a method that takes "now" as an argument (the ticket
/// holds no clock), is checked against <see cref="TicketLifecycle"/>, records who and when, adds one <see cref="Version"/> and adds a
/// past-tense event to <see cref="DomainEvents"/>. A refused change throws <see cref="TicketTransitionException"/> (or an
/// <see cref="ArgumentException"/> for bad arguments) and leaves the ticket unchanged. A ticket has exactly one owner at every moment:
/// there is no unassign, only <see cref="Reassign"/>. Times never run backwards within a ticket: a "now" earlier than the ticket's last
/// recorded change is taken as that change's instant, so the status history stays ordered. Not thread-safe: use one ticket from one
/// thread at a time.
/// </summary>
public sealed class Ticket
{
    private readonly TicketOptions options;
    private readonly List<StatusChange> history = [];
    private readonly List<ProgressNote> timeline = [];
    private readonly List<SurveyResponse> surveys = [];
    private readonly List<IDomainEvent> events = [];
    private readonly ReadOnlyCollection<StatusChange> historyView;
    private readonly ReadOnlyCollection<ProgressNote> timelineView;
    private readonly ReadOnlyCollection<IDomainEvent> eventsView;
    private Instant lastChangeAt;

    internal Ticket(TicketId id, TicketRequest request, AgentId owner, string by, Instant now, TicketOptions options)
    {
        if (id.IsEmpty)
        {
            throw new ArgumentException("The ticket id is empty.", nameof(id));
        }

        Check(request, owner, by, now);
        by = by.Trim();
        historyView = history.AsReadOnly();
        timelineView = timeline.AsReadOnly();
        eventsView = events.AsReadOnly();
        this.options = options;
        Version = 1;

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

    private Ticket(TicketState state, TicketOptions options)
    {
        historyView = history.AsReadOnly();
        timelineView = timeline.AsReadOnly();
        eventsView = events.AsReadOnly();
        this.options = options;
        Id = state.Id;
        CustomerId = state.CustomerId;
        Description = state.Description;
        Urgency = state.Urgency;
        Type = state.Type;
        Channel = state.Channel;
        Department = state.Department;
        ExpectedResolutionAt = state.ExpectedResolutionAt;
        RelatedAssetId = state.RelatedAssetId;
        RaisedAt = state.RaisedAt;
        CreatedAt = state.CreatedAt;
        Owner = state.Owner;
        Status = state.Status;
        Version = state.Version;
        Solution = state.Solution;
        surveys.AddRange(state.Surveys);
        ReopenCount = state.ReopenCount;
        FirstResponseAt = state.FirstResponseAt;
        ResolvedAt = state.ResolvedAt;
        ClosedAt = state.ClosedAt;
        CustomerConfirmedAt = state.CustomerConfirmedAt;
        RevisitCompletedAt = state.RevisitCompletedAt;
        history.AddRange(state.StatusHistory);
        timeline.AddRange(state.Timeline);
        lastChangeAt = state.LastChangeAt;
        RoutedGroup = state.RoutedGroup;
    }

    /// <summary>The ticket id.</summary>
    public TicketId Id { get; }

    /// <summary>The group the service desk routed it to when it was raised, kept when it overflows (see <see cref="TicketState.RoutedGroup"/>).</summary>
    public TeamId? RoutedGroup { get; }

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

    /// <summary>The related asset id (an <c>AssetId</c>'s text), or null: given when the ticket is raised or set later with <see cref="LinkAsset"/>.</summary>
    public string? RelatedAssetId { get; private set; }

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

    /// <summary>The customer's latest survey answer for this ticket (CSAT, NPS, dimension scores, comment), or null when none was
    /// recorded. The only record of the ticket's satisfaction: KPIs and reports read it from here (an earlier answer of a ticket that
    /// was reopened and surveyed again is in <see cref="Surveys"/> but does not count).</summary>
    public SurveyResponse? Survey => surveys.Count == 0 ? null : surveys[^1];

    /// <summary>Every survey answer recorded on this ticket, oldest first; the last is <see cref="Survey"/>.</summary>
    public IReadOnlyList<SurveyResponse> Surveys => surveys.AsReadOnly();

    /// <summary>The customer's satisfaction score (<see cref="Survey"/>'s CSAT), or null when none was recorded.</summary>
    public CsatScore? Satisfaction => Survey?.Csat;

    /// <summary>How many changes the ticket has had: 1 when opened, one more for every command that changed it. A store compares it to
    /// refuse a save made from a stale copy (optimistic concurrency).</summary>
    public long Version { get; private set; }

    /// <summary>When the ticket last changed (the latest status change, note, reassignment, confirmation or survey).</summary>
    public Instant LastChangeAt => lastChangeAt;

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
    /// <param name="now">When it happens (taken as the ticket's last change if earlier).</param>
    /// <param name="by">Who starts.</param>
    /// <exception cref="TicketTransitionException">The ticket is not Pending.</exception>
    /// <exception cref="ArgumentException"><paramref name="by"/> is blank.</exception>
    public void Start(Instant now, string by) => Commit(ChangeStatus(now, TicketMove.Start, by));

    /// <summary>Asks the customer for something and waits: InProgress → WaitingForCustomer. The question counts as a reply to the customer.</summary>
    /// <param name="now">When it happens (taken as the ticket's last change if earlier).</param>
    /// <param name="by">Who asks.</param>
    /// <param name="question">What was asked; added to the timeline as a customer-facing note.</param>
    /// <exception cref="TicketTransitionException">The ticket is not InProgress.</exception>
    /// <exception cref="ArgumentException">An argument is blank.</exception>
    public void WaitForCustomer(Instant now, string by, string question)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(question);
        var at = ChangeStatus(now, TicketMove.WaitForCustomer, by);
        AddNoteAt(at, by, question, isCustomerFacing: true);
        Commit(at);
    }

    /// <summary>Goes on after the customer answered: WaitingForCustomer → InProgress.</summary>
    /// <param name="now">When it happens (taken as the ticket's last change if earlier).</param>
    /// <param name="by">Who resumes.</param>
    /// <exception cref="TicketTransitionException">The ticket is not WaitingForCustomer.</exception>
    /// <exception cref="ArgumentException"><paramref name="by"/> is blank.</exception>
    public void ResumeWork(Instant now, string by) => Commit(ChangeStatus(now, TicketMove.ResumeWork, by));

    /// <summary>Gives a solution: InProgress → Resolved; raises <see cref="TicketResolved"/>. The solution counts as a reply to the customer.</summary>
    /// <param name="now">When it happens (taken as the ticket's last change if earlier).</param>
    /// <param name="by">Who resolves.</param>
    /// <param name="solution">The solution; kept in <see cref="Solution"/> and the timeline.</param>
    /// <exception cref="TicketTransitionException">The ticket is not InProgress.</exception>
    /// <exception cref="ArgumentException">An argument is blank.</exception>
    public void Resolve(Instant now, string by, string solution)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(solution);
        var at = ChangeStatus(now, TicketMove.Resolve, by);
        Solution = solution.Trim();
        ResolvedAt = at;
        AddNoteAt(at, by, Solution, isCustomerFacing: true);
        events.Add(new TicketResolved(Id, at, by.Trim(), Solution));
        Commit(at);
    }

    /// <summary>Puts a resolved ticket in line for its revisit call: Resolved → AwaitingRevisit.</summary>
    /// <param name="now">When it happens (taken as the ticket's last change if earlier).</param>
    /// <param name="by">Who schedules.</param>
    /// <exception cref="TicketTransitionException">The ticket is not Resolved.</exception>
    /// <exception cref="ArgumentException"><paramref name="by"/> is blank.</exception>
    public void ScheduleRevisit(Instant now, string by) => Commit(ChangeStatus(now, TicketMove.ScheduleRevisit, by));

    /// <summary>Records that the customer confirmed the resolution (status unchanged); allows <see cref="Close"/>. Raises
    /// <see cref="TicketResolutionConfirmed"/>.</summary>
    /// <param name="now">When it happens (taken as the ticket's last change if earlier).</param>
    /// <param name="by">Who records it (the customer or the agent who heard it).</param>
    /// <exception cref="TicketTransitionException">The ticket is not Resolved or AwaitingRevisit.</exception>
    /// <exception cref="ArgumentException"><paramref name="by"/> is blank.</exception>
    public void ConfirmResolution(Instant now, string by)
    {
        var at = Act(now, TicketMove.ConfirmResolution, by);
        CustomerConfirmedAt = at;
        events.Add(new TicketResolutionConfirmed(Id, at, by.Trim()));
        Commit(at);
    }

    /// <summary>Records the completed revisit call (status unchanged); allows <see cref="Close"/>. Raises <see cref="TicketRevisitCompleted"/>.</summary>
    /// <param name="now">When it happens (taken as the ticket's last change if earlier).</param>
    /// <param name="by">Who made the call (by default policy the account manager).</param>
    /// <param name="outcome">What the customer said; added to the timeline.</param>
    /// <exception cref="TicketTransitionException">The ticket is not AwaitingRevisit.</exception>
    /// <exception cref="ArgumentException">An argument is blank.</exception>
    public void CompleteRevisit(Instant now, string by, string outcome)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(outcome);
        var at = Act(now, TicketMove.CompleteRevisit, by);
        RevisitCompletedAt = at;
        AddNoteAt(at, by, outcome, isCustomerFacing: true);
        events.Add(new TicketRevisitCompleted(Id, at, by.Trim(), outcome.Trim()));
        Commit(at);
    }

    /// <summary>
    /// Archives the ticket: Resolved or AwaitingRevisit → Closed; raises <see cref="TicketClosed"/>. Needs the customer's confirmation
    /// (<see cref="ConfirmResolution"/>) or, from AwaitingRevisit, a completed revisit (<see cref="CompleteRevisit"/>) since the latest resolution.
    /// </summary>
    /// <param name="now">When it happens (taken as the ticket's last change if earlier).</param>
    /// <param name="by">Who closes.</param>
    /// <exception cref="TicketTransitionException">The status does not allow closing, or nothing confirms the resolution.</exception>
    /// <exception cref="ArgumentException"><paramref name="by"/> is blank.</exception>
    public void Close(Instant now, string by)
    {
        var actor = Actor.Require(by);
        Require(TicketMove.Close, out var to);
        if (CustomerConfirmedAt is null && RevisitCompletedAt is null)
        {
            throw new TicketTransitionException(Id, Status, TicketMove.Close, TicketTransitionFailure.ClosureNotConfirmed);
        }

        var at = MoveTo(now, TicketMove.Close, to, actor);
        ClosedAt = at;
        events.Add(new TicketClosed(Id, at, actor, CustomerConfirmedAt is not null, RevisitCompletedAt is not null));
        Commit(at);
    }

    /// <summary>
    /// Reopens a resolved or closed ticket: Resolved, AwaitingRevisit or Closed → InProgress; raises <see cref="TicketReopened"/>.
    /// Allowed within <see cref="ReopenWindow"/> of the resolution (Resolved, AwaitingRevisit) or of closing (Closed), window end included.
    /// Clears the resolution, confirmation and revisit, so the ticket must be resolved and confirmed again. A recorded survey stays.
    /// </summary>
    /// <param name="now">When it happens (taken as the ticket's last change if earlier).</param>
    /// <param name="by">Who reopens.</param>
    /// <param name="reason">Why; added to the timeline.</param>
    /// <exception cref="TicketTransitionException">The status does not allow reopening, or the window has passed.</exception>
    /// <exception cref="ArgumentException">An argument is blank.</exception>
    public void Reopen(Instant now, string by, string reason)
    {
        var actor = Actor.Require(by);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        Require(TicketMove.Reopen, out var to);
        var from = Status;
        var windowStart = from == TicketStatus.Closed ? ClosedAt : ResolvedAt;
        if (windowStart is { } start && Clamp(now) - start > options.ReopenWindow)
        {
            throw new TicketTransitionException(Id, Status, TicketMove.Reopen, TicketTransitionFailure.ReopenWindowElapsed, options.ReopenWindow);
        }

        var at = MoveTo(now, TicketMove.Reopen, to, actor);
        ReopenCount++;
        ResolvedAt = null;
        ClosedAt = null;
        CustomerConfirmedAt = null;
        RevisitCompletedAt = null;
        AddNoteAt(at, actor, reason, isCustomerFacing: false);
        events.Add(new TicketReopened(Id, at, actor, from, reason.Trim(), ReopenCount));
        Commit(at);
    }

    /// <summary>Ends a ticket that needs no work (duplicate, misdirected): Pending or InProgress → NoActionNeeded.</summary>
    /// <param name="now">When it happens (taken as the ticket's last change if earlier).</param>
    /// <param name="by">Who decides.</param>
    /// <param name="reason">Why; added to the timeline.</param>
    /// <exception cref="TicketTransitionException">The ticket is not Pending or InProgress.</exception>
    /// <exception cref="ArgumentException">An argument is blank.</exception>
    public void MarkNoActionNeeded(Instant now, string by, string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        var at = ChangeStatus(now, TicketMove.MarkNoActionNeeded, by);
        AddNoteAt(at, by, reason, isCustomerFacing: false);
        Commit(at);
    }

    /// <summary>Hands the ticket to another agent (status unchanged); raises <see cref="TicketOwnerChanged"/>.</summary>
    /// <param name="now">When it happens (taken as the ticket's last change if earlier).</param>
    /// <param name="newOwner">The new owner; must not be empty.</param>
    /// <param name="by">Who reassigns.</param>
    /// <returns>False (and nothing recorded) when <paramref name="newOwner"/> already owns the ticket.</returns>
    /// <exception cref="TicketTransitionException">The ticket is Closed or NoActionNeeded.</exception>
    /// <exception cref="ArgumentException"><paramref name="newOwner"/> is empty or <paramref name="by"/> is blank.</exception>
    public bool Reassign(Instant now, AgentId newOwner, string by)
    {
        RequireOwner(newOwner, nameof(newOwner));
        var actor = Actor.Require(by);
        Require(TicketMove.Reassign, out _);
        if (newOwner == Owner)
        {
            return false;
        }

        var at = Stamp(now);
        var previous = Owner;
        Owner = newOwner;
        events.Add(new TicketOwnerChanged(Id, at, actor, previous, newOwner));
        Commit(at);
        return true;
    }

    /// <summary>Records a reply sent to the customer (status unchanged); the first one sets <see cref="FirstResponseAt"/>
    /// and raises <see cref="TicketFirstResponseGiven"/>; every one raises <see cref="TicketNoteAdded"/>.</summary>
    /// <param name="now">When it happens (taken as the ticket's last change if earlier).</param>
    /// <param name="by">Who replied.</param>
    /// <param name="message">What was said.</param>
    /// <exception cref="TicketTransitionException">The ticket is Closed or NoActionNeeded.</exception>
    /// <exception cref="ArgumentException">An argument is blank.</exception>
    public void RespondToCustomer(Instant now, string by, string message)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(message);
        var at = Act(now, TicketMove.RespondToCustomer, by);
        AddNoteAt(at, by, message, isCustomerFacing: true);
        events.Add(new TicketNoteAdded(Id, at, by.Trim(), message.Trim(), IsCustomerFacing: true));
        Commit(at);
    }

    /// <summary>Adds an internal note to the timeline; raises <see cref="TicketNoteAdded"/>. Allowed in every status; changes nothing else.</summary>
    /// <param name="now">When it happens (taken as the ticket's last change if earlier).</param>
    /// <param name="by">Who writes.</param>
    /// <param name="text">The note.</param>
    /// <exception cref="ArgumentException">An argument is blank.</exception>
    public void AddNote(Instant now, string by, string text)
    {
        Actor.Require(by);
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        var at = Clamp(now);
        AddNoteAt(at, by, text, isCustomerFacing: false);
        events.Add(new TicketNoteAdded(Id, at, by.Trim(), text.Trim(), IsCustomerFacing: false));
        Commit(at);
    }

    /// <summary>
    /// Links the ticket to the asset it is about (an engineer finds out which device failed), moves the link to another asset, or removes
    /// it; raises <see cref="TicketAssetLinked"/>. Allowed in every status (a closed fault can still be attributed for the failure
    /// analysis); linking the asset already linked changes nothing and raises nothing.
    /// </summary>
    /// <param name="now">When it happens (taken as the ticket's last change if earlier).</param>
    /// <param name="by">Who links it.</param>
    /// <param name="asset">The asset; null to remove the link.</param>
    /// <returns>True when the link changed.</returns>
    /// <exception cref="ArgumentException"><paramref name="by"/> is blank, or <paramref name="asset"/> is the default (empty) id.</exception>
    public bool LinkAsset(Instant now, string by, Assets.AssetId? asset)
    {
        Actor.Require(by);
        if (asset is { Value.Length: 0 })
        {
            throw new ArgumentException("The asset id is empty.", nameof(asset));
        }

        var linked = asset?.Value;
        if (string.Equals(linked, RelatedAssetId, StringComparison.Ordinal))
        {
            return false;
        }

        var at = Clamp(now);
        events.Add(new TicketAssetLinked(Id, at, by.Trim(), linked, RelatedAssetId));
        RelatedAssetId = linked;
        Commit(at);
        return true;
    }

    /// <summary>Records the customer's satisfaction score alone (no NPS, dimensions or comment); see
    /// <see cref="RecordSurvey(Instant, SurveyResponse, string)"/>.</summary>
    /// <param name="now">When it happens (taken as the ticket's last change if earlier).</param>
    /// <param name="score">The score, 1–5.</param>
    /// <param name="by">Who records it.</param>
    /// <exception cref="TicketTransitionException">The ticket is not Resolved, AwaitingRevisit or Closed.</exception>
    /// <exception cref="ArgumentException"><paramref name="score"/> is the default (invalid) score or <paramref name="by"/> is blank.</exception>
    public void RecordSatisfaction(Instant now, CsatScore score, string by)
    {
        if (score.Value == 0)
        {
            throw new ArgumentException("The satisfaction score is the default instance, not a score from 1 to 5.", nameof(score));
        }

        RecordSurvey(now, new SurveyResponse(Id, CustomerId, Clamp(now), score), by);
    }

    /// <summary>Records the customer's survey answer (status unchanged); a later answer becomes the one that counts (<see cref="Survey"/>)
    /// and the earlier ones stay in <see cref="Surveys"/>. Raises
    /// <see cref="TicketSurveyRecorded"/>.</summary>
    /// <param name="now">When it happens (taken as the ticket's last change if earlier).</param>
    /// <param name="survey">The answer; must name this ticket and its customer.</param>
    /// <param name="by">Who records it.</param>
    /// <exception cref="TicketTransitionException">The ticket is not Resolved, AwaitingRevisit or Closed.</exception>
    /// <exception cref="ArgumentException">The survey is for another ticket or customer, or <paramref name="by"/> is blank.</exception>
    public void RecordSurvey(Instant now, SurveyResponse survey, string by)
    {
        ArgumentNullException.ThrowIfNull(survey);
        if (survey.Ticket != Id || survey.Customer != CustomerId)
        {
            throw new ArgumentException($"The survey is for ticket {survey.Ticket} of customer {survey.Customer}, not {Id} of {CustomerId}.", nameof(survey));
        }

        var at = Act(now, TicketMove.RecordSatisfaction, by);
        surveys.Add(survey);
        events.Add(new TicketSurveyRecorded(Id, at, by.Trim(), survey.Csat, survey.Nps));
        Commit(at);
    }

    /// <summary>Opens a ticket with an id the caller took (for example from an id sequence store), status Pending; raises
    /// <see cref="TicketCreated"/>. <see cref="TicketFactory"/> does the same with its clock and id generator.</summary>
    /// <param name="id">The ticket id; must not be empty.</param>
    /// <param name="request">What is known about the issue.</param>
    /// <param name="owner">The first owner; required (a ticket always has exactly one).</param>
    /// <param name="by">Who opens it.</param>
    /// <param name="now">When it is opened.</param>
    /// <param name="options">The ticket policies; default <see cref="TicketOptions"/> defaults.</param>
    /// <returns>The new ticket, version 1.</returns>
    /// <exception cref="ArgumentException">The id or owner is empty, <paramref name="by"/> is blank, or the request is incomplete
    /// (see <see cref="TicketFactory.Open(TicketRequest, AgentId, string)"/>).</exception>
    public static Ticket Open(TicketId id, TicketRequest request, AgentId owner, string by, Instant now, TicketOptions? options = null)
    {
        var window = options?.ReopenWindow ?? new TicketOptions().ReopenWindow;
        ArgumentOutOfRangeException.ThrowIfLessThan(window, Duration.Zero, nameof(options));
        return new Ticket(id, request, owner, by, now, new TicketOptions { ReopenWindow = window });
    }

    /// <summary>
    /// Brings back a stored ticket from its state, status history and timeline included, without replaying commands and without raising
    /// events. The state is checked first: a state that no sequence of commands could have produced is refused.
    /// </summary>
    /// <param name="state">The stored state (from <see cref="ToState"/> or a store).</param>
    /// <param name="options">The ticket policies in force; default <see cref="TicketOptions"/> defaults (7-day reopen window).</param>
    /// <returns>The ticket, with <see cref="Version"/> as stored and no pending events.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="state"/> is null.</exception>
    /// <exception cref="ArgumentException">The state is inconsistent; the message names the ticket and the problem.</exception>
    public static Ticket Restore(TicketState state, TicketOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(state);
        var problem = TicketStateCheck.Find(state);
        if (problem is not null)
        {
            throw new ArgumentException($"The stored state of ticket {state.Id} cannot be restored: {problem}", nameof(state));
        }

        var window = options?.ReopenWindow ?? new TicketOptions().ReopenWindow;
        ArgumentOutOfRangeException.ThrowIfLessThan(window, Duration.Zero, nameof(options));
        return new Ticket(state, new TicketOptions { ReopenWindow = window });
    }

    /// <summary>The ticket's state as plain data for a store: everything <see cref="Restore"/> needs, pending events excluded.</summary>
    /// <returns>A new snapshot; later changes to the ticket do not show in it.</returns>
    public TicketState ToState() => new()
    {
        Id = Id,
        Version = Version,
        CustomerId = CustomerId,
        Description = Description,
        Urgency = Urgency,
        Type = Type,
        Channel = Channel,
        Department = Department,
        ExpectedResolutionAt = ExpectedResolutionAt,
        RelatedAssetId = RelatedAssetId,
        RaisedAt = RaisedAt,
        CreatedAt = CreatedAt,
        Owner = Owner,
        Status = Status,
        Solution = Solution,
        Surveys = [.. surveys],
        ReopenCount = ReopenCount,
        FirstResponseAt = FirstResponseAt,
        ResolvedAt = ResolvedAt,
        ClosedAt = ClosedAt,
        CustomerConfirmedAt = CustomerConfirmedAt,
        RevisitCompletedAt = RevisitCompletedAt,
        LastChangeAt = lastChangeAt,
        StatusHistory = [.. history],
        Timeline = [.. timeline],
        RoutedGroup = RoutedGroup,
    };

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
            throw new ArgumentException("The ticket request names no customer.", "request.CustomerId");
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(request.Description, "request.Description");
        if (!Enum.IsDefined(request.Urgency))
        {
            throw new ArgumentException($"Urgency {(int)request.Urgency} is not defined.", "request.Urgency");
        }

        if (request.Type.Code.Length == 0 || request.Channel.Code.Length == 0)
        {
            throw new ArgumentException("The ticket type and channel must not be the empty default instance.", request.Type.Code.Length == 0 ? "request.Type" : "request.Channel");
        }

        if (request.ExpectedResolutionAt < (request.RaisedAt ?? now))
        {
            throw new ArgumentException($"The expected resolution time {request.ExpectedResolutionAt} is before the ticket was raised.", "request.ExpectedResolutionAt");
        }

        RequireOwner(owner, nameof(owner));
        Actor.Require(by);
        if (request.RaisedAt > now)
        {
            throw new ArgumentException($"The ticket was raised at {request.RaisedAt}, after it is opened ({now}).", "request.RaisedAt");
        }
    }

    private static void RequireOwner(AgentId owner, string paramName)
    {
        if (owner.IsEmpty)
        {
            throw new ArgumentException("A ticket always has exactly one owner: the agent id is empty.", paramName);
        }
    }

    private Instant Clamp(Instant now) => Instant.Max(now, lastChangeAt);

    /// <summary>Ends a successful command: one more version.</summary>
    private void Commit(Instant at)
    {
        lastChangeAt = at;
        Version++;
    }

    private void Require(TicketMove move, out TicketStatus to)
    {
        if (!TicketLifecycle.TryGetTarget(Status, move, out to))
        {
            throw new TicketTransitionException(Id, Status, move, TicketTransitionFailure.MoveNotAllowed);
        }
    }

    /// <summary>Performs a move that keeps the status: checks the actor and the move, records the instant and returns it.</summary>
    private Instant Act(Instant now, TicketMove move, string by)
    {
        Actor.Require(by);
        Require(move, out _);
        return Stamp(now);
    }

    /// <summary>Records the instant of a checked change and returns it.</summary>
    private Instant Stamp(Instant now)
    {
        var at = Clamp(now);
        lastChangeAt = at;
        return at;
    }

    /// <summary>Performs a status change: checks the actor and the move, then <see cref="MoveTo"/>.</summary>
    private Instant ChangeStatus(Instant now, TicketMove move, string by)
    {
        var actor = Actor.Require(by);
        Require(move, out var to);
        return MoveTo(now, move, to, actor);
    }

    /// <summary>Performs a checked status change (<paramref name="actor"/> trimmed, <paramref name="to"/> from the lifecycle):
    /// appends to the history, raises <see cref="TicketStatusChanged"/>.</summary>
    private Instant MoveTo(Instant now, TicketMove move, TicketStatus to, string actor)
    {
        var at = Clamp(now);
        var from = Status;
        Status = to;
        lastChangeAt = at;
        history.Add(new StatusChange(at, from, to, actor));
        events.Add(new TicketStatusChanged(Id, at, actor, from, to, move));
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
