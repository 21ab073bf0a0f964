using CrmCore.Customers;
using CrmCore.Relationships.Events;
using NodaTime;

namespace CrmCore.Relationships;

/// <summary>
/// The contact plans of many customers: schedules the planner's entries without duplicates, records manual entries, enforces
/// do-not-contact, and yields due and overdue reminders. <see cref="Advance(Instant)"/> is the seam the service desk's own
/// <c>Advance(now)</c> calls. In memory; not thread-safe (the desk serialises access).
/// </summary>
public sealed class ContactPlanBook
{
    private readonly Dictionary<PlanEntryId, ContactPlanEntry> _entries = [];

    /// <summary>Creates an empty book.</summary>
    /// <param name="planner">The planner that generates entries.</param>
    /// <exception cref="ArgumentNullException"><paramref name="planner"/> is null.</exception>
    public ContactPlanBook(ContactPlanner planner)
    {
        ArgumentNullException.ThrowIfNull(planner);
        Planner = planner;
    }

    /// <summary>The planner.</summary>
    public ContactPlanner Planner { get; }

    /// <summary>Every entry, in no particular order.</summary>
    public IReadOnlyCollection<ContactPlanEntry> Entries => _entries.Values;

    /// <summary>The entry with an id, or null.</summary>
    /// <param name="id">The id.</param>
    /// <returns>The entry or null.</returns>
    public ContactPlanEntry? Find(PlanEntryId id) => _entries.GetValueOrDefault(id);

    /// <summary>
    /// Plans a window for a customer and adds the entries not already in the book. For a customer who asked not to be contacted nothing
    /// is added and every open generated entry of that customer is cancelled with the reason (manual entries are kept); once the
    /// customer gets in touch (the customer aggregate clears the flag on an inbound interaction), scheduling adds entries again,
    /// replacing those that were cancelled for the opt-out.
    /// </summary>
    /// <param name="subject">The customer.</param>
    /// <param name="from">The first date.</param>
    /// <param name="to">The last date (inclusive).</param>
    /// <returns>The entries added.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="subject"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The window is empty or too long (see <see cref="ContactPlanner.Plan"/>).</exception>
    public IReadOnlyList<ContactPlanEntry> Schedule(PlanSubject subject, LocalDate from, LocalDate to)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var planned = Planner.Plan(subject, from, to);
        if (subject.DoNotContact)
        {
            var reason = new CustomerContactRefusedException(subject.Customer).Message + (subject.DoNotContactReason is { } r ? $" ({r})" : string.Empty);
            foreach (var entry in _entries.Values.Where(e => e.Customer == subject.Customer && e.IsGenerated && e.IsOpen))
            {
                entry.Cancel(reason);
                entry.SuspendedByOptOut = true;
            }

            return [];
        }

        var added = new List<ContactPlanEntry>();
        foreach (var entry in planned)
        {
            // An entry cancelled only because of an opt-out that has since ended is planned afresh.
            if (!_entries.TryGetValue(entry.Id, out var existing) || existing.SuspendedByOptOut)
            {
                _entries[entry.Id] = entry;
                added.Add(entry);
            }
        }

        return added;
    }

    /// <summary>Records an entry the account manager made by hand (or any entry from elsewhere).</summary>
    /// <param name="subject">The customer the entry is for.</param>
    /// <param name="entry">The entry; its customer must be <paramref name="subject"/>'s.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The entry is for another customer, or its id is already in the book.</exception>
    /// <exception cref="CustomerContactRefusedException">The customer asked not to be contacted; nothing is recorded.</exception>
    public void Record(PlanSubject subject, ContactPlanEntry entry)
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

        if (!_entries.TryAdd(entry.Id, entry))
        {
            throw new ArgumentException($"Entry {entry.Id} is already in the plan.", nameof(entry));
        }
    }

    /// <summary>The open entries that are due (planned time reached) or overdue (due time passed) at <paramref name="now"/>, overdue first, then by due time. Changes nothing.</summary>
    /// <param name="now">The current instant.</param>
    /// <returns>The reminders.</returns>
    public IReadOnlyList<PlanReminder> Due(Instant now) =>
        [.. _entries.Values.Where(e => e.IsOpen && e.PlannedAt <= now)
            .Select(e => new PlanReminder(e, e.IsOverdueAt(now)))
            .OrderByDescending(r => r.IsOverdue).ThenBy(r => r.Entry.DueBy).ThenBy(r => r.Entry.Id.Value, StringComparer.Ordinal)];

    /// <summary>
    /// Raises, once per entry, <see cref="ContactPlanEntryBecameDue"/> when an open entry's planned time has come and
    /// <see cref="ContactPlanEntryWentOverdue"/> when its due time has passed, in time order. Calling it again with the same or an
    /// earlier instant raises nothing new.
    /// </summary>
    /// <param name="now">The current instant.</param>
    /// <returns>The events raised by this call.</returns>
    public IReadOnlyList<IDomainEvent> Advance(Instant now)
    {
        var events = new List<IDomainEvent>();
        foreach (var entry in _entries.Values.Where(e => e.IsOpen && e.PlannedAt <= now))
        {
            if (!entry.DueRaised)
            {
                entry.DueRaised = true;
                events.Add(new ContactPlanEntryBecameDue(entry.Id, entry.Customer, entry.Owner, entry.Kind, entry.DueBy, entry.PlannedAt));
            }

            if (!entry.OverdueRaised && entry.DueBy <= now)
            {
                entry.OverdueRaised = true;
                events.Add(new ContactPlanEntryWentOverdue(entry.Id, entry.Customer, entry.Owner, entry.Kind, entry.DueBy));
            }
        }

        events.Sort((a, b) => a.OccurredAt.CompareTo(b.OccurredAt));
        return events;
    }

    /// <summary>The entries of one customer due in the <paramref name="days"/> days from <paramref name="from"/> (the view behind <c>crm plan</c>), by due time.</summary>
    /// <param name="customer">The customer.</param>
    /// <param name="from">The first date.</param>
    /// <param name="days">How many days, at least 1.</param>
    /// <returns>The entries.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="days"/> is less than 1.</exception>
    public IReadOnlyList<ContactPlanEntry> Upcoming(CustomerId customer, LocalDate from, int days)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(days, 1);
        var end = from.PlusDays(days);
        return [.. _entries.Values.Where(e => e.Customer == customer && e.DueOn >= from && e.DueOn < end).OrderBy(e => e.PlannedAt).ThenBy(e => e.Id.Value, StringComparer.Ordinal)];
    }
}
