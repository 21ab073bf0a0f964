using CrmCore.Customers;

namespace CrmCore.Access;

/// <summary>
/// A customer as a principal may see it: the only shape in which customer data leaves the library for a principal (screens, queries,
/// exports). Hidden fields are absent, masked fields are masked, sensitive fields are never clear (see <see cref="FieldAccess"/>). Made
/// by <see cref="CustomerAccess"/> only. Immutable and thread-safe.
/// </summary>
public sealed class CustomerView
{
    private readonly string?[] _values;
    private readonly ulong _present;
    private readonly ulong _masked;

    internal CustomerView(CustomerId id, string?[] values, ulong present, ulong masked, IReadOnlyList<ContactView> contacts)
    {
        Id = id;
        _values = values;
        _present = present;
        _masked = masked;
        Contacts = contacts;
    }

    /// <summary>The customer id (always shown: it identifies the record and is not personal).</summary>
    public CustomerId Id { get; }

    /// <summary>The contacts as the principal may see them; empty when every contact field is hidden.</summary>
    public IReadOnlyList<ContactView> Contacts { get; }

    /// <summary>The value of a customer-level field as the principal may see it; null when absent from the view or without value.</summary>
    /// <param name="field">A customer-level field.</param>
    public string? this[CustomerField field] => Has(field) ? _values[(int)field] : null;

    /// <summary>The customer-level fields in the view with their values, in declaration order.</summary>
    public IEnumerable<KeyValuePair<CustomerField, string?>> Fields =>
        CustomerFields.All.Where(f => !CustomerFields.IsContactField(f) && Has(f)).Select(f => KeyValuePair.Create(f, _values[(int)f]));

    /// <summary>True when the field is in the view (the policy does not hide it).</summary>
    /// <param name="field">The field.</param>
    /// <returns>True when present.</returns>
    public bool Has(CustomerField field) => (_present & (1UL << (int)field)) != 0;

    /// <summary>True when the field's value is shown masked.</summary>
    /// <param name="field">The field.</param>
    /// <returns>True when masked.</returns>
    public bool IsMasked(CustomerField field) => (_masked & (1UL << (int)field)) != 0;

    /// <inheritdoc />
    public override string ToString() => Id.Value;
}
