using CrmCore.Access;
using CrmCore.Customers;
using NodaTime;

namespace CrmCore.Audit;

/// <summary>
/// The audit entries a customer's save records: its creation, and one <see cref="AuditAction.Update"/> per changed customer-level field
/// and per changed contact field, with the values of personal and sensitive fields masked as <see cref="CustomerFields"/> classifies them
/// (so the trail never holds what an erasure would have to remove). The stores write them with the save (in its transaction on SQLite and
/// PostgreSQL, under the store's lock in memory) when they were given a clock; <see cref="CustomerAccess.ChangesOf"/> gives the same
/// entries to a host that audits by hand. Thread-safe (stateless).
/// </summary>
public static class CustomerAudit
{
    /// <summary>The entries of a save from <paramref name="before"/> to <paramref name="after"/>.</summary>
    /// <param name="actor">Who saved it.</param>
    /// <param name="at">When.</param>
    /// <param name="before">The stored state, or null for a new customer (one <see cref="AuditAction.Create"/> entry).</param>
    /// <param name="after">The new state (same customer).</param>
    /// <returns>The entries, in field order; empty when nothing a view shows changed.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="after"/> is null.</exception>
    public static IReadOnlyList<AuditEntry> Changes(string actor, Instant at, CustomerState? before, CustomerState after)
    {
        ArgumentNullException.ThrowIfNull(after);
        if (before is null)
        {
            return [new AuditEntry(at, actor, AuditAction.Create, AuditEntityTypes.Customer, after.Id.Value)];
        }

        var entries = new List<AuditEntry>();
        void Add(string field, CustomerField kind, string? old, string? now)
        {
            if (!string.Equals(old, now, StringComparison.Ordinal))
            {
                entries.Add(new AuditEntry(at, actor, AuditAction.Update, AuditEntityTypes.Customer, after.Id.Value)
                {
                    Field = field,
                    OldValue = Value(kind, old),
                    NewValue = Value(kind, now),
                });
            }
        }

        foreach (var field in CustomerFields.All.Where(f => !CustomerFields.IsContactField(f)))
        {
            Add(CustomerFields.NameOf(field), field, CustomerFields.Read(before, field), CustomerFields.Read(after, field));
        }

        var names = before.Contacts.Select(c => c.Name).Union(after.Contacts.Select(c => c.Name), StringComparer.Ordinal);
        foreach (var name in names)
        {
            var old = before.Contacts.FirstOrDefault(c => c.Name == name);
            var now = after.Contacts.FirstOrDefault(c => c.Name == name);
            foreach (var field in CustomerFields.All.Where(CustomerFields.IsContactField))
            {
                Add(
                    $"{CustomerFields.NameOf(field)}[{CustomerFields.Mask(CustomerField.ContactName, name)}]",
                    field,
                    old is null ? null : CustomerFields.Read(old, field),
                    now is null ? null : CustomerFields.Read(now, field));
            }
        }

        return entries;
    }

    // Preference tags are not shown masked on screen, but an erasure removes them as personal data, so the trail never keeps them in clear.
    private static string? Value(CustomerField field, string? value) =>
        field == CustomerField.Preferences ? (string.IsNullOrEmpty(value) ? value : "***")
        : CustomerFields.IsPersonal(field) ? CustomerFields.Mask(field, value)
        : value;
}
