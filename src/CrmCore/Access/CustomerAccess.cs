using CrmCore.Audit;
using CrmCore.Customers;
using NodaTime;

namespace CrmCore.Access;

/// <summary>
/// Enforces an <see cref="AccessPolicy"/> for a principal: which customers it sees (<see cref="CanSee(Principal, CustomerState)"/>),
/// the <see cref="CustomerView"/> it gets instead of the aggregate (<see cref="Project(Principal, CustomerState)"/>), the reveal act that
/// returns one clear sensitive value with a reason and always writes one audit record (<see cref="RevealAsync"/>), checks before an
/// update (<see cref="EnsureCanUpdate"/>), and the audit record of a bulk export (<see cref="RecordExportAsync"/>). Reads of masked
/// views are not audited (as in Dataverse and ABP); every clear read is. Thread-safe.
/// </summary>
public sealed class CustomerAccess
{
    private readonly IAuditStore _audit;
    private readonly IClock _clock;

    /// <summary>Creates the service.</summary>
    /// <param name="policy">The access policy.</param>
    /// <param name="audit">Where reveals and exports are recorded.</param>
    /// <param name="clock">Gives "now" for audit records.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public CustomerAccess(AccessPolicy policy, IAuditStore audit, IClock clock)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(clock);
        Policy = policy;
        _audit = audit;
        _clock = clock;
    }

    /// <summary>The policy enforced.</summary>
    public AccessPolicy Policy { get; }

    /// <summary>True when the customer is in the principal's record scope.</summary>
    /// <param name="principal">Who asks.</param>
    /// <param name="customer">The customer's state.</param>
    /// <returns>True when visible.</returns>
    public bool CanSee(Principal principal, CustomerState customer)
    {
        ArgumentNullException.ThrowIfNull(customer);
        return InScope(Policy.For(principal), principal, customer);
    }

    /// <summary>The customer as the principal may see it.</summary>
    /// <param name="principal">Who asks.</param>
    /// <param name="customer">The customer.</param>
    /// <returns>The view.</returns>
    /// <exception cref="AccessDeniedException">The customer is outside the principal's scope.</exception>
    public CustomerView Project(Principal principal, Customer customer)
    {
        ArgumentNullException.ThrowIfNull(customer);
        return Project(principal, customer.ToState());
    }

    /// <summary>The customer as the principal may see it.</summary>
    /// <param name="principal">Who asks.</param>
    /// <param name="customer">The customer's state.</param>
    /// <returns>The view.</returns>
    /// <exception cref="AccessDeniedException">The customer is outside the principal's scope.</exception>
    public CustomerView Project(Principal principal, CustomerState customer)
    {
        ArgumentNullException.ThrowIfNull(customer);
        var role = Policy.For(principal);
        return InScope(role, principal, customer)
            ? Build(role, customer)
            : throw new AccessDeniedException(AccessDenial.OutOfScope, principal, customer.Id);
    }

    /// <summary>The views of the customers in the principal's scope, in the given order; the others are left out (as in a query or an
    /// export). Lazy: each view is built as it is enumerated.</summary>
    /// <param name="principal">Who asks.</param>
    /// <param name="customers">The customers' states.</param>
    /// <returns>The views.</returns>
    public IEnumerable<CustomerView> ProjectVisible(Principal principal, IEnumerable<CustomerState> customers)
    {
        ArgumentNullException.ThrowIfNull(customers);
        var role = Policy.For(principal);
        return customers.Where(c => InScope(role, principal, c)).Select(c => Build(role, c));
    }

    /// <summary>
    /// Reveals one clear value of a field the principal may read unmasked, and appends exactly one <see cref="AuditAction.Reveal"/>
    /// record (who, when, which customer and field, the reason; never the value). The value is returned only after the record is stored.
    /// </summary>
    /// <param name="principal">Who asks.</param>
    /// <param name="customer">The customer's state.</param>
    /// <param name="field">The field.</param>
    /// <param name="reason">Why (for example the ticket being handled or the approval); not blank.</param>
    /// <param name="contactName">For a contact field, the contact's name; ignored otherwise.</param>
    /// <param name="cancellationToken">Cancels before the record is written.</param>
    /// <returns>The clear value, or null when the field has none (the reveal is recorded all the same).</returns>
    /// <exception cref="AccessDeniedException">Outside the scope, the field is not read-unmasked for the principal, or no reason was given;
    /// nothing is revealed or recorded.</exception>
    /// <exception cref="ArgumentException">A contact field without a contact of that name.</exception>
    public async Task<string?> RevealAsync(
        Principal principal, CustomerState customer, CustomerField field, string reason, string? contactName = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(customer);
        var role = Policy.For(principal);
        if (!InScope(role, principal, customer))
        {
            throw new AccessDeniedException(AccessDenial.OutOfScope, principal, customer.Id, field);
        }

        if (role.AccessTo(field) != FieldAccess.ReadUnmasked)
        {
            throw new AccessDeniedException(AccessDenial.RevealNotAllowed, principal, customer.Id, field);
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new AccessDeniedException(AccessDenial.ReasonRequired, principal, customer.Id, field);
        }

        string? value;
        var fieldName = CustomerFields.NameOf(field);
        if (CustomerFields.IsContactField(field))
        {
            var contact = customer.Contacts.FirstOrDefault(c => string.Equals(c.Name, contactName?.Trim(), StringComparison.Ordinal))
                ?? throw new ArgumentException($"Customer {customer.Id} has no contact named '{contactName}'.", nameof(contactName));
            value = CustomerFields.Read(contact, field);
            fieldName = $"{fieldName}[{CustomerFields.Mask(CustomerField.ContactName, contact.Name)}]";
        }
        else
        {
            value = CustomerFields.Read(customer, field);
        }

        await _audit.AppendAsync(
            [new AuditEntry(_clock.GetCurrentInstant(), principal.User.Value, AuditAction.Reveal, AuditEntityTypes.Customer, customer.Id.Value)
            {
                Field = fieldName,
                Reason = reason.Trim(),
            }],
            cancellationToken).ConfigureAwait(false);
        return value;
    }

    /// <summary>Checks that the principal may change a field of the customer; call it before applying the change.</summary>
    /// <param name="principal">Who asks.</param>
    /// <param name="customer">The customer's state.</param>
    /// <param name="field">The field to change.</param>
    /// <exception cref="AccessDeniedException">Outside the scope, or the policy does not let the principal's roles update the field.</exception>
    public void EnsureCanUpdate(Principal principal, CustomerState customer, CustomerField field)
    {
        ArgumentNullException.ThrowIfNull(customer);
        var role = Policy.For(principal);
        if (!InScope(role, principal, customer))
        {
            throw new AccessDeniedException(AccessDenial.OutOfScope, principal, customer.Id, field);
        }

        if (!role.CanUpdate(field))
        {
            throw new AccessDeniedException(AccessDenial.UpdateNotAllowed, principal, customer.Id, field);
        }
    }

    /// <summary>
    /// The audit entries of a change from <paramref name="before"/> to <paramref name="after"/>: one <see cref="AuditAction.Update"/> per
    /// changed customer-level field and per changed contact field, values masked for sensitive and personal fields.
    /// </summary>
    /// <param name="actor">Who changed it.</param>
    /// <param name="before">The state before.</param>
    /// <param name="after">The state after (same customer).</param>
    /// <returns>The entries, in field order; empty when nothing a view shows changed.</returns>
    public IReadOnlyList<AuditEntry> ChangesOf(string actor, CustomerState before, CustomerState after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        return CustomerAudit.Changes(actor, _clock.GetCurrentInstant(), before, after);
    }

    /// <summary>Appends one <see cref="AuditAction.Export"/> record for a bulk export of customer views (who, when, how many, what).</summary>
    /// <param name="principal">Who exported.</param>
    /// <param name="count">How many customers were exported.</param>
    /// <param name="what">What was exported (for example the file name or format).</param>
    /// <param name="correlationId">Ties the record to the export run, or null.</param>
    /// <param name="cancellationToken">Cancels before the record is written.</param>
    /// <returns>The stored record.</returns>
    public async Task<AuditRecord> RecordExportAsync(Principal principal, int count, string what, string? correlationId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(principal);
        ArgumentException.ThrowIfNullOrWhiteSpace(what);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var records = await _audit.AppendAsync(
            [new AuditEntry(_clock.GetCurrentInstant(), principal.User.Value, AuditAction.Export, AuditEntityTypes.Customer, "*")
            {
                NewValue = $"{count} customers: {what}",
                CorrelationId = correlationId,
            }],
            cancellationToken).ConfigureAwait(false);
        return records[0];
    }

    private static bool InScope(RolePolicy role, Principal principal, CustomerState customer) => role.Scope switch
    {
        RecordScope.All => true,
        RecordScope.Team => customer.AccountManager is { } m && principal.TeamMembers.Contains(m),
        RecordScope.Own => customer.AccountManager == principal.User,
        _ => false,
    };

    /// <summary>Builds a view; <paramref name="mask"/> false copies every visible value in clear (the benchmark baseline only).</summary>
    internal static CustomerView Build(RolePolicy role, CustomerState customer, bool mask = true)
    {
        var values = new string?[CustomerFields.Count];
        ulong present = 0;
        ulong masked = 0;
        for (var i = 0; i < (int)CustomerField.ContactName; i++)
        {
            var field = (CustomerField)i;
            var access = role.AccessTo(field);
            if (access == FieldAccess.Hidden)
            {
                continue;
            }

            present |= 1UL << i;
            var value = CustomerFields.Read(customer, field);
            if (mask && (access == FieldAccess.Masked || CustomerFields.IsSensitive(field)))
            {
                masked |= 1UL << i;
                value = CustomerFields.Mask(field, value);
            }

            values[i] = value;
        }

        IReadOnlyList<ContactView> contacts = [];
        var anyContactField = false;
        for (var i = (int)CustomerField.ContactName; i < CustomerFields.Count; i++)
        {
            anyContactField |= role.AccessTo((CustomerField)i) != FieldAccess.Hidden;
        }

        if (anyContactField && customer.Contacts.Count > 0)
        {
            var list = new ContactView[customer.Contacts.Count];
            for (var c = 0; c < list.Length; c++)
            {
                list[c] = BuildContact(role, customer.Contacts[c], mask);
            }

            contacts = list;
        }

        return new CustomerView(customer.Id, values, present, masked, contacts);
    }

    private static ContactView BuildContact(RolePolicy role, Contact contact, bool mask)
    {
        var values = new string?[CustomerFields.Count];
        ulong present = 0;
        ulong masked = 0;
        for (var i = (int)CustomerField.ContactName; i < CustomerFields.Count; i++)
        {
            var field = (CustomerField)i;
            var access = role.AccessTo(field);
            if (access == FieldAccess.Hidden)
            {
                continue;
            }

            present |= 1UL << i;
            var value = CustomerFields.Read(contact, field);
            if (mask && (access == FieldAccess.Masked || CustomerFields.IsSensitive(field)))
            {
                masked |= 1UL << i;
                value = CustomerFields.Mask(field, value);
            }

            values[i] = value;
        }

        return new ContactView(values, present, masked);
    }
}
