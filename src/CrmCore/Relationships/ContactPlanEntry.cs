using CrmCore.Agents;
using CrmCore.Customers;
using NodaTime;

namespace CrmCore.Relationships;

/// <summary>
/// One row of the customer contact plan (客户沟通计划表): what contact is due when, who owns it (the account manager), and what happened
/// (actual time, feedback, next action, status). Changes state only through <see cref="Start"/>, <see cref="Complete"/> and
/// <see cref="Cancel"/>, each checked against one transition table. Not thread-safe.
/// </summary>
public sealed class ContactPlanEntry
{
    /// <summary>Creates an entry in status 未开始.</summary>
    /// <param name="id">The id.</param>
    /// <param name="customer">The customer.</param>
    /// <param name="kind">Why the entry exists.</param>
    /// <param name="channel">How the contact is made.</param>
    /// <param name="owner">The account manager who owns it; null when the customer has none yet.</param>
    /// <param name="dueOn">The due date (already moved off holidays as the policy says).</param>
    /// <param name="plannedAt">The planned time: when the entry becomes due.</param>
    /// <param name="dueBy">The time by which it must be done; after it the entry is overdue. Must not be before <paramref name="plannedAt"/>.</param>
    /// <param name="purpose">What the contact is for, shown to the account manager.</param>
    /// <param name="occasion">The occasion for care and warnings (the birthday, the holiday, the contract's end); null otherwise.</param>
    /// <exception cref="ArgumentException"><paramref name="dueBy"/> is before <paramref name="plannedAt"/>, or <paramref name="purpose"/> is blank.</exception>
    public ContactPlanEntry(
        PlanEntryId id, CustomerId customer, PlanKind kind, ContactChannel channel, AgentId? owner, LocalDate dueOn, Instant plannedAt, Instant dueBy, string purpose, LocalDate? occasion = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(purpose);
        if (dueBy < plannedAt)
        {
            throw new ArgumentException($"The entry is due by {dueBy} but planned at the later {plannedAt}.", nameof(dueBy));
        }

        Id = id;
        Customer = customer;
        Kind = kind;
        Channel = channel;
        Owner = owner;
        DueOn = dueOn;
        PlannedAt = plannedAt;
        DueBy = dueBy;
        Purpose = purpose.Trim();
        Occasion = occasion;
    }

    /// <summary>The id.</summary>
    public PlanEntryId Id { get; }

    /// <summary>The customer.</summary>
    public CustomerId Customer { get; }

    /// <summary>Why the entry exists.</summary>
    public PlanKind Kind { get; }

    /// <summary>True for entries the library generated (every kind except <see cref="PlanKind.Manual"/>).</summary>
    public bool IsGenerated => Kind != PlanKind.Manual;

    /// <summary>How the contact is made.</summary>
    public ContactChannel Channel { get; }

    /// <summary>The account manager who owns the entry; null when the customer has none.</summary>
    public AgentId? Owner { get; }

    /// <summary>The due date on the business calendar.</summary>
    public LocalDate DueOn { get; }

    /// <summary>The planned time: when the entry becomes due.</summary>
    public Instant PlannedAt { get; }

    /// <summary>The time by which the contact must be done; later, an open entry is overdue.</summary>
    public Instant DueBy { get; }

    /// <summary>What the contact is for.</summary>
    public string Purpose { get; }

    /// <summary>The occasion for care and warnings; null for regular contact.</summary>
    public LocalDate? Occasion { get; }

    /// <summary>The status; starts at <see cref="PlanStatus.NotStarted"/>.</summary>
    public PlanStatus Status { get; private set; }

    /// <summary>True while the entry is 未开始 or 进行中.</summary>
    public bool IsOpen => PlanLifecycle.IsOpen(Status);

    /// <summary>When the account manager started the contact; null before.</summary>
    public Instant? StartedAt { get; private set; }

    /// <summary>The actual time of the contact (set on completion); null before.</summary>
    public Instant? ActualAt { get; private set; }

    /// <summary>The customer's feedback recorded on completion; null before.</summary>
    public string? Feedback { get; private set; }

    /// <summary>The next action agreed on completion; null when none.</summary>
    public string? NextAction { get; private set; }

    /// <summary>Why the entry was cancelled; null unless cancelled.</summary>
    public string? CancelReason { get; private set; }

    /// <summary>True when the entry was completed by <see cref="DueBy"/>.</summary>
    public bool CompletedOnTime => Status == PlanStatus.Completed && ActualAt <= DueBy;

    internal bool DueRaised { get; set; }

    internal bool OverdueRaised { get; set; }

    /// <summary>True when the book cancelled the entry because the customer asked not to be contacted; scheduling may then replace it.</summary>
    internal bool SuspendedByOptOut { get; set; }

    /// <summary>True when the entry is open and <paramref name="now"/> is at or after <see cref="DueBy"/>.</summary>
    /// <param name="now">The current instant.</param>
    /// <returns>Whether it is overdue.</returns>
    public bool IsOverdueAt(Instant now) => IsOpen && now >= DueBy;

    /// <summary>未开始 → 进行中.</summary>
    /// <param name="at">When the contact was started.</param>
    /// <exception cref="PlanTransitionException">The entry is not 未开始.</exception>
    public void Start(Instant at)
    {
        Status = Move(PlanMove.Start);
        StartedAt = at;
    }

    /// <summary>未开始 or 进行中 → 已完成, recording the actual time, the feedback and the next action.</summary>
    /// <param name="at">The actual time of the contact.</param>
    /// <param name="feedback">The customer's feedback; required (the plan table records it).</param>
    /// <param name="nextAction">The next action; null or blank for none.</param>
    /// <exception cref="ArgumentException"><paramref name="feedback"/> is blank.</exception>
    /// <exception cref="PlanTransitionException">The entry is already completed or cancelled.</exception>
    public void Complete(Instant at, string feedback, string? nextAction = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(feedback);
        Status = Move(PlanMove.Complete);
        ActualAt = at;
        Feedback = feedback.Trim();
        NextAction = string.IsNullOrWhiteSpace(nextAction) ? null : nextAction.Trim();
    }

    /// <summary>未开始 or 进行中 → 已取消.</summary>
    /// <param name="reason">Why; required.</param>
    /// <exception cref="ArgumentException"><paramref name="reason"/> is blank.</exception>
    /// <exception cref="PlanTransitionException">The entry is already completed or cancelled.</exception>
    public void Cancel(string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        Status = Move(PlanMove.Cancel);
        CancelReason = reason.Trim();
    }

    /// <summary>The stored form of this entry with a version.</summary>
    /// <param name="version">The version to stamp (the stored one plus one when saving a change).</param>
    /// <returns>The state.</returns>
    public ContactPlanEntryState ToState(long version) => new()
    {
        Id = Id,
        Version = version,
        Customer = Customer,
        Kind = Kind,
        Channel = Channel,
        Owner = Owner,
        DueOn = DueOn,
        PlannedAt = PlannedAt,
        DueBy = DueBy,
        Purpose = Purpose,
        Occasion = Occasion,
        Status = Status,
        StartedAt = StartedAt,
        ActualAt = ActualAt,
        Feedback = Feedback,
        NextAction = NextAction,
        CancelReason = CancelReason,
        DueRaised = DueRaised,
        OverdueRaised = OverdueRaised,
        SuspendedByOptOut = SuspendedByOptOut,
    };

    /// <summary>Rebuilds an entry from its stored form, as it was.</summary>
    /// <param name="state">The state.</param>
    /// <returns>The entry.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="state"/> is null.</exception>
    /// <exception cref="ArgumentException">The state is inconsistent (blank purpose, due before planned).</exception>
    public static ContactPlanEntry Restore(ContactPlanEntryState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return new ContactPlanEntry(state.Id, state.Customer, state.Kind, state.Channel, state.Owner, state.DueOn, state.PlannedAt, state.DueBy, state.Purpose, state.Occasion)
        {
            Status = state.Status,
            StartedAt = state.StartedAt,
            ActualAt = state.ActualAt,
            Feedback = state.Feedback,
            NextAction = state.NextAction,
            CancelReason = state.CancelReason,
            DueRaised = state.DueRaised,
            OverdueRaised = state.OverdueRaised,
            SuspendedByOptOut = state.SuspendedByOptOut,
        };
    }

    /// <inheritdoc />
    public override string ToString() => $"{Id} {Kind} {Channel} due {DueOn:yyyy-MM-dd} {Status}";

    private PlanStatus Move(PlanMove move) =>
        PlanLifecycle.TryMove(Status, move, out var to) ? to : throw new PlanTransitionException(Id, Status, move);
}
