using CrmCore.Access;
using CrmCore.Audit;
using CrmCore.Customers;
using CrmCore.Desk;
using CrmCore.Satisfaction;
using CrmCore.Tickets;
using NodaTime;

namespace CrmCore.Privacy;

/// <summary>
/// Personal-data requests of China's PIPL (and GDPR for hosts abroad): export everything held about one customer and its contacts
/// (<see cref="ExportAsync"/>), and erase (anonymise) their personal data while tickets and KPIs stay intact (<see cref="EraseAsync"/>).
/// Both need a reason and write one audit record. Erasure keeps the customer id, industry, size, tier, tags, transactions, tickets,
/// statuses, times and scores, so every aggregate figure is unchanged; it removes names, contacts, preferences and the opt-out
/// reason, and the same values wherever they were copied into ticket text, survey comments and the outbox. The do-not-contact flag
/// itself stays set, so nobody contacts an erased person. Thread-safe when its stores are.
/// </summary>
public sealed class PersonalDataRequests
{
    /// <summary>What erased values are replaced by: <c>[erased]</c>.</summary>
    public const string ErasedText = "[erased]";

    private readonly ICustomerRepository _customers;
    private readonly ITicketRepository _tickets;
    private readonly IAuditStore _audit;
    private readonly IClock _clock;
    private readonly IPersonalDataScrubber? _scrubber;

    /// <summary>Creates the service.</summary>
    /// <param name="customers">The customers.</param>
    /// <param name="tickets">The tickets.</param>
    /// <param name="audit">The audit trail.</param>
    /// <param name="clock">Gives "now".</param>
    /// <param name="scrubber">Removes copies elsewhere (the database storages' outbox), or null when there are none.</param>
    /// <exception cref="ArgumentNullException">A required argument is null.</exception>
    public PersonalDataRequests(ICustomerRepository customers, ITicketRepository tickets, IAuditStore audit, IClock clock, IPersonalDataScrubber? scrubber = null)
    {
        ArgumentNullException.ThrowIfNull(customers);
        ArgumentNullException.ThrowIfNull(tickets);
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(clock);
        _customers = customers;
        _tickets = tickets;
        _audit = audit;
        _clock = clock;
        _scrubber = scrubber;
    }

    /// <summary>Exports everything held about a customer and writes one <see cref="AuditAction.PersonalDataExport"/> record.</summary>
    /// <param name="customer">The customer.</param>
    /// <param name="actor">Who handles the request; not blank.</param>
    /// <param name="reason">The request (for example its number); not blank.</param>
    /// <param name="cancellationToken">Cancels the export.</param>
    /// <returns>The export.</returns>
    /// <exception cref="ArgumentException">The actor or reason is blank, or there is no such customer.</exception>
    public async Task<PersonalDataExport> ExportAsync(CustomerId customer, string actor, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        var state = await FindAsync(customer, cancellationToken).ConfigureAwait(false);
        var tickets = await TicketsOfAsync(customer, cancellationToken).ConfigureAwait(false);
        var trail = new List<AuditRecord>();
        foreach (var entityType in new[] { AuditEntityTypes.Customer, AuditEntityTypes.Ticket })
        {
            var ids = entityType == AuditEntityTypes.Customer ? [customer.Value] : tickets.Select(t => t.Id.Value);
            foreach (var id in ids)
            {
                var after = 0L;
                while (true)
                {
                    var page = await _audit.QueryAsync(new AuditQuery { EntityType = entityType, EntityId = id, AfterSequence = after }, cancellationToken).ConfigureAwait(false);
                    trail.AddRange(page);
                    if (page.Count < 1000)
                    {
                        break;
                    }

                    after = page[^1].Sequence;
                }
            }
        }

        var record = await _audit.AppendAsync(
            [new AuditEntry(_clock.GetCurrentInstant(), actor, AuditAction.PersonalDataExport, AuditEntityTypes.Customer, customer.Value)
            {
                Reason = reason.Trim(),
                NewValue = $"{tickets.Count} tickets, {trail.Count} audit records",
            }],
            cancellationToken).ConfigureAwait(false);
        trail.Sort((a, b) => a.Sequence.CompareTo(b.Sequence));
        trail.Add(record[0]);
        return new PersonalDataExport(state, tickets, trail);
    }

    /// <summary>
    /// Erases a customer's personal data (see the class summary) and writes one <see cref="AuditAction.Erase"/> record naming the fields,
    /// never the values. Running it again finds nothing left and changes nothing but the audit trail.
    /// </summary>
    /// <param name="customer">The customer.</param>
    /// <param name="actor">Who handles the request; not blank.</param>
    /// <param name="reason">The request (for example its number); not blank.</param>
    /// <param name="cancellationToken">Cancels the erasure between writes (what was written stays; run it again to finish).</param>
    /// <returns>What was erased.</returns>
    /// <exception cref="ArgumentException">The actor or reason is blank, or there is no such customer.</exception>
    /// <exception cref="ConcurrencyConflictException">The customer or a ticket changed meanwhile; run it again.</exception>
    public async Task<ErasureReport> EraseAsync(CustomerId customer, string actor, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        var state = await FindAsync(customer, cancellationToken).ConfigureAwait(false);
        var values = PersonalValues(state);
        var fields = new List<string>();
        if (values.Count > 0 || state.PreferenceTags.Count > 0)
        {
            fields.AddRange(CustomerFields.All.Where(CustomerFields.IsPersonal).Select(CustomerFields.NameOf));
            fields.Add(CustomerFields.NameOf(CustomerField.Preferences));
            var erased = state with
            {
                Version = state.Version + 1,
                Name = ErasedText,
                ShortName = null,
                Contacts = [],
                PreferenceTags = [],
                DoNotContactReason = null,
            };
            await _customers.SaveAsync(erased, state.Version, cancellationToken).ConfigureAwait(false);
        }

        var scrubbed = 0;
        foreach (var ticket in await TicketsOfAsync(customer, cancellationToken).ConfigureAwait(false))
        {
            if (Scrub(ticket, values) is { } clean)
            {
                await _tickets.SaveAsync(clean with { Version = ticket.Version + 1 }, ticket.Version, cancellationToken).ConfigureAwait(false);
                scrubbed++;
            }
        }

        var other = _scrubber is null || values.Count == 0 ? 0 : await _scrubber.ScrubAsync(values, ErasedText, cancellationToken).ConfigureAwait(false);
        var record = await _audit.AppendAsync(
            [new AuditEntry(_clock.GetCurrentInstant(), actor, AuditAction.Erase, AuditEntityTypes.Customer, customer.Value)
            {
                Field = fields.Count == 0 ? null : string.Join(", ", fields.Distinct(StringComparer.Ordinal)),
                Reason = reason.Trim(),
                NewValue = $"{values.Count} values, {scrubbed} tickets, {other} other items",
            }],
            cancellationToken).ConfigureAwait(false);
        return new ErasureReport(customer, values.Count, scrubbed, other, record[0]);
    }

    /// <summary>The clear personal values of a customer, longest first (so a name is replaced before a part of it), each at least 2 characters.</summary>
    internal static List<string> PersonalValues(CustomerState state)
    {
        var values = new HashSet<string>(StringComparer.Ordinal);
        void Add(string? value)
        {
            if (value is { Length: >= 2 } && value != ErasedText)
            {
                values.Add(value);
            }
        }

        Add(state.Name);
        Add(state.ShortName);
        Add(state.DoNotContactReason);
        foreach (var contact in state.Contacts)
        {
            Add(contact.Name);
            Add(contact.Phone);
            Add(contact.Phone is { } p ? new string([.. p.Where(char.IsAsciiDigit)]) : null);
            Add(contact.Email);
            Add(contact.Address);
        }

        return [.. values.OrderByDescending(v => v.Length).ThenBy(v => v, StringComparer.Ordinal)];
    }

    private static TicketState? Scrub(TicketState ticket, IReadOnlyList<string> values)
    {
        var changed = false;
        string Clean(string text)
        {
            var result = text;
            foreach (var value in values)
            {
                result = result.Replace(value, ErasedText, StringComparison.Ordinal);
            }

            changed |= !ReferenceEquals(result, text) && result != text;
            return result;
        }

        string? CleanOrNull(string? text) => text is null ? null : Clean(text);
        var description = Clean(ticket.Description);
        var solution = CleanOrNull(ticket.Solution);
        var timeline = ticket.Timeline.Select(n => n with { Text = Clean(n.Text) }).ToList();
        var surveys = ticket.Surveys
            .Select(survey => Clean(survey.Comment) is var comment && comment != survey.Comment
                ? new SurveyResponse(survey.Ticket, survey.Customer, survey.AnsweredAt, survey.Csat, survey.Nps, survey.DimensionScores, comment)
                : survey)
            .ToList();

        return changed ? ticket with { Description = description, Solution = solution, Timeline = timeline, Surveys = surveys } : null;
    }

    private async Task<CustomerState> FindAsync(CustomerId customer, CancellationToken cancellationToken) =>
        await _customers.FindAsync(customer, cancellationToken).ConfigureAwait(false)
        ?? throw new ArgumentException($"There is no customer {customer}.", nameof(customer));

    private async Task<List<TicketState>> TicketsOfAsync(CustomerId customer, CancellationToken cancellationToken)
    {
        var list = new List<TicketState>();
        await foreach (var ticket in _tickets.ListAsync(new TicketQuery { Customer = customer }, cancellationToken).ConfigureAwait(false))
        {
            list.Add(ticket);
        }

        return list;
    }
}
