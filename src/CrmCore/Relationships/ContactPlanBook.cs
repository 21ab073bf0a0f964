using CrmCore.Audit;
using CrmCore.Customers;
using CrmCore.Desk;
using CrmCore.Interactions;
using CrmCore.Relationships.Events;
using CrmCore.Tickets;
using NodaTime;

namespace CrmCore.Relationships;

/// <summary>
/// The contact plans of many customers, kept in an <see cref="IContactPlanRepository"/>: schedules the planner's entries without
/// duplicates, records manual entries, moves entries through 未开始 / 进行中 / 已完成 / 已取消 (a completed contact is stored with its
/// contact record), enforces do-not-contact, and yields due and overdue reminders. As the desk's <see cref="IPlanScheduler"/> its
/// <see cref="AdvanceAsync"/> runs on the service desk's timer (<c>ServiceDesk.AdvanceAsync</c>), so plan reminders are published with
/// the desk's events. Thread-safe: every change is a versioned write, and a change that lost a race fails with
/// <see cref="ConcurrencyConflictException"/> (except in <see cref="AdvanceAsync"/>, which leaves such an entry to its next call and
/// reminds the others; any other store failure is thrown). The book begins no store transaction of its own: called by the desk, it
/// runs in the desk's advance transaction (begun all or nothing), which a conflict leaves usable because the stores find it without a
/// failed statement.
/// </summary>
public sealed class ContactPlanBook : IPlanScheduler
{
    private readonly ICustomerRepository? _customers;

    /// <summary>Creates a book.</summary>
    /// <param name="planner">The planner that generates entries.</param>
    /// <param name="store">Where entries are kept; default a new <see cref="InMemoryContactPlanRepository"/>.</param>
    /// <param name="customers">
    /// The customers, read by <see cref="AdvanceAsync"/> to honour a do-not-contact request made after the entries were planned; null
    /// when the book is used without a desk (then only <see cref="ScheduleAsync"/> and <see cref="RecordAsync"/> apply the rule).
    /// </param>
    /// <exception cref="ArgumentNullException"><paramref name="planner"/> is null.</exception>
    public ContactPlanBook(ContactPlanner planner, IContactPlanRepository? store = null, ICustomerRepository? customers = null)
    {
        ArgumentNullException.ThrowIfNull(planner);
        Planner = planner;
        Store = store ?? new InMemoryContactPlanRepository();
        _customers = customers;
    }

    /// <summary>The planner.</summary>
    public ContactPlanner Planner { get; }

    /// <summary>Where entries and contact records are kept.</summary>
    public IContactPlanRepository Store { get; }

    /// <summary>The entry with an id, or null.</summary>
    /// <param name="id">The id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The entry or null.</returns>
    public async Task<ContactPlanEntry?> FindAsync(PlanEntryId id, CancellationToken cancellationToken = default) =>
        await Store.FindAsync(id, cancellationToken).ConfigureAwait(false) is { } state ? ContactPlanEntry.Restore(state) : null;

    /// <summary>The entries a query selects, by planned time.</summary>
    /// <param name="query">The filter; <see cref="ContactPlanQuery.All"/> for every entry.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The entries.</returns>
    public async Task<IReadOnlyList<ContactPlanEntry>> ListAsync(ContactPlanQuery query, CancellationToken cancellationToken = default)
    {
        var entries = new List<ContactPlanEntry>();
        await foreach (var state in Store.ListAsync(query, cancellationToken).ConfigureAwait(false))
        {
            entries.Add(ContactPlanEntry.Restore(state));
        }

        return entries;
    }

    /// <summary>
    /// Plans a window for a customer and adds the entries not already in the book. For a customer who asked not to be contacted nothing
    /// is added and every open generated entry of that customer is cancelled with the reason (manual entries are kept); once the
    /// customer gets in touch (the customer aggregate clears the flag on an inbound interaction), scheduling adds entries again,
    /// replacing those that were cancelled for the opt-out.
    /// </summary>
    /// <param name="subject">The customer.</param>
    /// <param name="from">The first date.</param>
    /// <param name="to">The last date (inclusive).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The entries added.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="subject"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The window is empty or too long (see <see cref="ContactPlanner.Plan"/>).</exception>
    public async Task<IReadOnlyList<ContactPlanEntry>> ScheduleAsync(PlanSubject subject, LocalDate from, LocalDate to, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var planned = Planner.Plan(subject, from, to);
        if (subject.DoNotContact)
        {
            var reason = OptOutReason(subject.Customer, subject.DoNotContactReason);
            await foreach (var state in Store.ListAsync(new ContactPlanQuery { Customer = subject.Customer, OpenOnly = true }, cancellationToken).ConfigureAwait(false))
            {
                if (state.Kind != PlanKind.Manual)
                {
                    await SuspendAsync(state, reason, cancellationToken).ConfigureAwait(false);
                }
            }

            return [];
        }

        var added = new List<ContactPlanEntry>();
        foreach (var entry in planned)
        {
            // An entry cancelled only because of an opt-out that has since ended is planned afresh.
            var existing = await Store.FindAsync(entry.Id, cancellationToken).ConfigureAwait(false);
            if (existing is null || existing.SuspendedByOptOut)
            {
                var version = existing?.Version ?? 0;
                await Store.SaveAsync(entry.ToState(version + 1), version, null, cancellationToken).ConfigureAwait(false);
                added.Add(entry);
            }
        }

        return added;
    }

    /// <summary>Records an entry the account manager made by hand (or any entry from elsewhere).</summary>
    /// <param name="subject">The customer the entry is for.</param>
    /// <param name="entry">The entry; its customer must be <paramref name="subject"/>'s.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when recorded.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The entry is for another customer, or its id is already in the book.</exception>
    /// <exception cref="CustomerContactRefusedException">The customer asked not to be contacted; nothing is recorded.</exception>
    public async Task RecordAsync(PlanSubject subject, ContactPlanEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(entry);
        if (entry.Customer != subject.Customer)
        {
            throw new ArgumentException($"Entry {entry.Id} is for customer {entry.Customer}, not {subject.Customer}.", nameof(entry));
        }

        if (subject.DoNotContact)
        {
            throw new CustomerContactRefusedException(subject.Customer);
        }

        try
        {
            await Store.SaveAsync(entry.ToState(1), 0, null, cancellationToken).ConfigureAwait(false);
        }
        catch (ConcurrencyConflictException e)
        {
            throw new ArgumentException($"Entry {entry.Id} is already in the plan.", nameof(entry), e);
        }
    }

    /// <summary>未开始 → 进行中. The audit trail records the change as made by <paramref name="by"/>.</summary>
    /// <param name="id">The entry.</param>
    /// <param name="at">When the contact was started.</param>
    /// <param name="by">Who started it (an agent id or name), recorded as the audit actor; null for <see cref="AuditActor.Current"/>
    /// (the host's scope, else <c>system</c>).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The entry after the change.</returns>
    /// <exception cref="ArgumentException">No such entry, or <paramref name="by"/> is blank or longer than <see cref="AuditEntry.MaxNameLength"/>.</exception>
    /// <exception cref="PlanTransitionException">The entry is not 未开始.</exception>
    /// <exception cref="ConcurrencyConflictException">The entry changed meanwhile; nothing is written.</exception>
    public async Task<ContactPlanEntry> StartAsync(PlanEntryId id, Instant at, string? by = null, CancellationToken cancellationToken = default)
    {
        using var actor = ActingAs(by);
        return await ChangeAsync(id, e => e.Start(at), _ => null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// 未开始 or 进行中 → 已完成: records the actual time, the feedback and the next action, and stores the contact record (an outbound
    /// <see cref="Interaction"/> on the entry's channel) in the same write. A completed contact is an interaction: when the book knows
    /// the customers, the customer's <see cref="Customer.LastInteractionAt"/> moves to <paramref name="at"/> (never back), so
    /// silent-customer care, churn factors and the rules' <c>DaysSinceLastInteraction</c> count it. The audit trail records both changes
    /// as made by <paramref name="by"/>. Refused for a customer who asked not to be contacted.
    /// </summary>
    /// <param name="id">The entry.</param>
    /// <param name="at">The actual time of the contact.</param>
    /// <param name="by">Who made the contact (an agent id or name); also the audit actor of the change.</param>
    /// <param name="feedback">The customer's feedback; required.</param>
    /// <param name="nextAction">The next action; null or blank for none.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The entry after the change.</returns>
    /// <exception cref="ArgumentException">No such entry, <paramref name="feedback"/> or <paramref name="by"/> is blank, or <paramref name="by"/>
    /// is longer than <see cref="AuditEntry.MaxNameLength"/>.</exception>
    /// <exception cref="PlanTransitionException">The entry is already completed or cancelled.</exception>
    /// <exception cref="CustomerContactRefusedException">The customer asked not to be contacted; nothing is written.</exception>
    /// <exception cref="ConcurrencyConflictException">The entry changed meanwhile; nothing is written.</exception>
    public async Task<ContactPlanEntry> CompleteAsync(PlanEntryId id, Instant at, string by, string feedback, string? nextAction = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(by);
        using var actor = ActingAs(by);
        var stored = await Store.FindAsync(id, cancellationToken).ConfigureAwait(false) ?? throw new ArgumentException($"There is no plan entry {id}.", nameof(id));
        if (_customers is not null && await _customers.FindAsync(stored.Customer, cancellationToken).ConfigureAwait(false) is { DoNotContactSince: not null })
        {
            throw new CustomerContactRefusedException(stored.Customer);
        }

        Interaction? record = null;
        var completed = await ChangeAsync(
            id,
            e => e.Complete(at, feedback, nextAction),
            e => record = new Interaction
            {
                CustomerId = e.Customer,
                At = at,
                Channel = InteractionChannel(e.Channel),
                Direction = InteractionDirection.Outbound,
                Summary = e.Purpose,
                By = by,
                CustomerFeedback = e.Feedback,
                NextAction = e.NextAction,
            },
            cancellationToken).ConfigureAwait(false);
        if (record is not null)
        {
            await TouchCustomerAsync(record, cancellationToken).ConfigureAwait(false);
        }

        return completed;
    }

    /// <summary>未开始 or 进行中 → 已取消. The audit trail records the change as made by <paramref name="by"/>.</summary>
    /// <param name="id">The entry.</param>
    /// <param name="reason">Why; required.</param>
    /// <param name="by">Who cancelled it (an agent id or name), recorded as the audit actor; null for <see cref="AuditActor.Current"/>
    /// (the host's scope, else <c>system</c>).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The entry after the change.</returns>
    /// <exception cref="ArgumentException">No such entry, <paramref name="reason"/> is blank, or <paramref name="by"/> is blank or longer than
    /// <see cref="AuditEntry.MaxNameLength"/>.</exception>
    /// <exception cref="PlanTransitionException">The entry is already completed or cancelled.</exception>
    /// <exception cref="ConcurrencyConflictException">The entry changed meanwhile; nothing is written.</exception>
    public async Task<ContactPlanEntry> CancelAsync(PlanEntryId id, string reason, string? by = null, CancellationToken cancellationToken = default)
    {
        using var actor = ActingAs(by);
        return await ChangeAsync(id, e => e.Cancel(reason), _ => null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The open entries that are due (planned time reached) or overdue (due time passed) at <paramref name="now"/>, overdue first, then by due time. Changes nothing.</summary>
    /// <param name="now">The current instant.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The reminders.</returns>
    public async Task<IReadOnlyList<PlanReminder>> DueAsync(Instant now, CancellationToken cancellationToken = default)
    {
        var open = await ListAsync(new ContactPlanQuery { OpenOnly = true }, cancellationToken).ConfigureAwait(false);
        return [.. open.Where(e => e.PlannedAt <= now)
            .Select(e => new PlanReminder(e, e.IsOverdueAt(now)))
            .OrderByDescending(r => r.IsOverdue).ThenBy(r => r.Entry.DueBy).ThenBy(r => r.Entry.Id.Value, StringComparer.Ordinal)];
    }

    /// <summary>
    /// Raises, once per entry, <see cref="ContactPlanEntryBecameDue"/> when an open entry's planned time has come and
    /// <see cref="ContactPlanEntryWentOverdue"/> when its due time has passed, in time order, and stores that they were raised. Calling
    /// it again with the same or an earlier instant raises nothing new. When the book knows the customers, an entry of a customer who
    /// has since asked not to be contacted raises nothing: a generated one is cancelled with the reason (planning replaces it once the
    /// customer gets in touch), a manual one waits.
    /// </summary>
    /// <param name="now">The current instant.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The events raised by this call.</returns>
    public async Task<IReadOnlyList<IDomainEvent>> AdvanceAsync(Instant now, CancellationToken cancellationToken = default)
    {
        var owing = new List<ContactPlanEntryState>();
        await foreach (var state in Store.ListOwingRemindersAsync(now, cancellationToken).ConfigureAwait(false))
        {
            owing.Add(state);
        }

        var events = new List<IDomainEvent>();
        var optedOut = new Dictionary<CustomerId, string?>();
        foreach (var state in owing)
        {
            if (await OptOutAsync(state.Customer, optedOut, cancellationToken).ConfigureAwait(false) is { } reason)
            {
                if (state.Kind != PlanKind.Manual)
                {
                    await SuspendAsync(state, reason, cancellationToken).ConfigureAwait(false);
                }

                continue;
            }

            var raised = new List<IDomainEvent>();
            if (!state.DueRaised)
            {
                raised.Add(new ContactPlanEntryBecameDue(state.Id, state.Customer, state.Owner, state.Kind, state.DueBy, state.PlannedAt));
            }

            var overdue = !state.OverdueRaised && state.DueBy <= now;
            if (overdue)
            {
                raised.Add(new ContactPlanEntryWentOverdue(state.Id, state.Customer, state.Owner, state.Kind, state.DueBy));
            }

            try
            {
                await Store.SaveAsync(state with { Version = state.Version + 1, DueRaised = true, OverdueRaised = state.OverdueRaised || overdue }, state.Version, null, cancellationToken)
                    .ConfigureAwait(false);
                events.AddRange(raised);
            }
            catch (ConcurrencyConflictException)
            {
                // Changed meanwhile (completed, or reminded by another instance): the next advance reads it afresh. Safe to go on inside the
                // desk's all-or-nothing transaction: the stores find a conflict without a failed statement (an UPDATE that matched no row),
                // so this save wrote nothing and the transaction is still usable (PostgreSQL's too). Any other failure stops the advance.
            }
        }

        events.Sort((a, b) => a.OccurredAt.CompareTo(b.OccurredAt));
        return events;
    }

    /// <summary>The entries of one customer due in the <paramref name="days"/> days from <paramref name="from"/> (the view behind <c>crm plan</c>), by planned time.</summary>
    /// <param name="customer">The customer.</param>
    /// <param name="from">The first date.</param>
    /// <param name="days">How many days, at least 1.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The entries.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="days"/> is less than 1.</exception>
    public Task<IReadOnlyList<ContactPlanEntry>> UpcomingAsync(CustomerId customer, LocalDate from, int days, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(days, 1);
        return ListAsync(new ContactPlanQuery { Customer = customer, DueFrom = from, DueTo = from.PlusDays(days - 1) }, cancellationToken);
    }

    /// <summary>Plan completion by account manager for the entries due in [<paramref name="from"/>, <paramref name="to"/>] (see <see cref="PlanCompletion.ByOwner"/>).</summary>
    /// <param name="from">The first due date counted.</param>
    /// <param name="to">The last due date counted (inclusive).</param>
    /// <param name="asOf">The instant overdue is judged at.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>One row per owner.</returns>
    public async Task<IReadOnlyList<PlanCompletionRow>> CompletionAsync(LocalDate from, LocalDate to, Instant asOf, CancellationToken cancellationToken = default) =>
        PlanCompletion.ByOwner(await ListAsync(new ContactPlanQuery { DueFrom = from, DueTo = to }, cancellationToken).ConfigureAwait(false), from, to, asOf);

    /// <summary>The contact channel's interaction channel (calls of either kind are by phone; care messages go by SMS).</summary>
    /// <param name="channel">The plan's channel.</param>
    /// <returns>The channel a contact record is kept under.</returns>
    public static Channel InteractionChannel(ContactChannel channel) => channel switch
    {
        ContactChannel.Call or ContactChannel.SupervisorCall => Channel.Phone,
        ContactChannel.Visit => Channel.Visit,
        ContactChannel.Email => Channel.Email,
        _ => Channel.Sms,
    };

    // The audit actor of a change a caller names: the stores audit plan and customer saves with AuditActor.Current.
    private static IDisposable? ActingAs(string? by)
    {
        if (by is null)
        {
            return null;
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(by);
        return by.Length <= AuditEntry.MaxNameLength
            ? AuditActor.Begin(by)
            : throw new ArgumentException($"'by' has {by.Length} characters; at most {AuditEntry.MaxNameLength} are allowed.", nameof(by));
    }

    private static string OptOutReason(CustomerId customer, string? reason) =>
        new CustomerContactRefusedException(customer).Message + (reason is { } r ? $" ({r})" : string.Empty);

    private async Task<string?> OptOutAsync(CustomerId customer, Dictionary<CustomerId, string?> seen, CancellationToken cancellationToken)
    {
        if (_customers is null)
        {
            return null;
        }

        if (!seen.TryGetValue(customer, out var reason))
        {
            var state = await _customers.FindAsync(customer, cancellationToken).ConfigureAwait(false);
            reason = state is { DoNotContactSince: not null } ? OptOutReason(customer, state.DoNotContactReason) : null;
            seen.Add(customer, reason);
        }

        return reason;
    }

    /// <summary>
    /// Moves the customer's <see cref="Customer.LastInteractionAt"/> to a completed contact (so silent-customer care, churn factors and
    /// the rules' <c>DaysSinceLastInteraction</c> see it). A write that lost a race is read and applied again, a few times at most.
    /// </summary>
    private async Task TouchCustomerAsync(Interaction contact, CancellationToken cancellationToken)
    {
        if (_customers is null)
        {
            return;
        }

        for (var attempt = 0; ; attempt++)
        {
            if (await _customers.FindAsync(contact.CustomerId, cancellationToken).ConfigureAwait(false) is not { } state
                || state.LastInteractionAt >= contact.At)
            {
                return;
            }

            var customer = Customer.Restore(state);
            customer.RecordInteraction(contact.At, contact);
            try
            {
                await _customers.SaveAsync(customer.ToState(), state.Version, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (ConcurrencyConflictException) when (attempt < 4)
            {
                // Changed meanwhile (for example by the desk): read it again.
            }
        }
    }

    private async Task SuspendAsync(ContactPlanEntryState state, string reason, CancellationToken cancellationToken)
    {
        var entry = ContactPlanEntry.Restore(state);
        entry.Cancel(reason);
        entry.SuspendedByOptOut = true;
        try
        {
            await Store.SaveAsync(entry.ToState(state.Version + 1), state.Version, null, cancellationToken).ConfigureAwait(false);
        }
        catch (ConcurrencyConflictException)
        {
            // Changed meanwhile; the next advance or schedule sees it again. Wrote nothing, found without a failed statement: the
            // transaction the call runs in (the desk's advance) goes on (see AdvanceAsync).
        }
    }

    private async Task<ContactPlanEntry> ChangeAsync(PlanEntryId id, Action<ContactPlanEntry> change, Func<ContactPlanEntry, Interaction?> contact, CancellationToken cancellationToken)
    {
        var stored = await Store.FindAsync(id, cancellationToken).ConfigureAwait(false) ?? throw new ArgumentException($"There is no plan entry {id}.", nameof(id));
        var entry = ContactPlanEntry.Restore(stored);
        change(entry);
        await Store.SaveAsync(entry.ToState(stored.Version + 1), stored.Version, contact(entry), cancellationToken).ConfigureAwait(false);
        return entry;
    }
}
