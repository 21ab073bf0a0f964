namespace CrmCore.Access;

/// <summary>
/// One contact as a principal may see it: hidden fields absent, masked fields masked. Made by <see cref="CustomerAccess"/> only.
/// Immutable and thread-safe.
/// </summary>
public sealed class ContactView
{
    private readonly string?[] _values;
    private readonly ulong _present;
    private readonly ulong _masked;

    internal ContactView(string?[] values, ulong present, ulong masked)
    {
        _values = values;
        _present = present;
        _masked = masked;
    }

    /// <summary>The value of a field as the principal may see it; null when the field is absent from the view or has no value.</summary>
    /// <param name="field">A contact field (<c>contact.*</c>).</param>
    public string? this[CustomerField field] => Has(field) ? _values[(int)field] : null;

    /// <summary>The fields in the view (not hidden) with their values, in declaration order.</summary>
    public IEnumerable<KeyValuePair<CustomerField, string?>> Fields =>
        CustomerFields.All.Where(Has).Select(f => KeyValuePair.Create(f, _values[(int)f]));

    /// <summary>True when the field is in the view (the policy does not hide it).</summary>
    /// <param name="field">The field.</param>
    /// <returns>True when present.</returns>
    public bool Has(CustomerField field) => (_present & (1UL << (int)field)) != 0;

    /// <summary>True when the field's value is shown masked.</summary>
    /// <param name="field">The field.</param>
    /// <returns>True when masked.</returns>
    public bool IsMasked(CustomerField field) => (_masked & (1UL << (int)field)) != 0;
}
