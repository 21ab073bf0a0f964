namespace CrmCore.Desk;

/// <summary>What a <see cref="CustomerKey"/> holds. The numbers are stored (table <c>customer_key</c>): never renumber them.</summary>
public enum CustomerKeyKind
{
    /// <summary>The customer id, as written.</summary>
    Id = 1,

    /// <summary>A contact's phone number in canonical form (<c>+8613800765432</c>; see <see cref="Normalization.PhoneNormalizer"/>).</summary>
    Phone = 2,

    /// <summary>A contact's e-mail address, cleaned and case-folded (see <see cref="Normalization.EmailNormalizer"/>).</summary>
    Email = 3,

    /// <summary>The company-name key (<see cref="Normalization.CompanyNameNormalizer.Key"/>).</summary>
    Name = 4,

    /// <summary>
    /// Only in a lookup, never stored: the name block, the first character (Unicode scalar) of a name key. It finds the
    /// <see cref="Name"/> keys that start with it (at most <see cref="CustomerKey.MaxBlockMatches"/> per block, in ordinal order), the
    /// candidates a name similarity below 1 compares with.
    /// </summary>
    NameBlock = 5,
}
