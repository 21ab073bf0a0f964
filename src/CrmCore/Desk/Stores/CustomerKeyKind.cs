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
    /// Only in a lookup, never stored: the name keys similar to <see cref="CustomerKey.Value"/> (a name key) at
    /// <see cref="CustomerKey.Similarity"/> or more (<see cref="CustomerKey.BlockOf(string, double)"/>). The store reads the names of a few
    /// <see cref="NameGram"/> grams (<see cref="SimilarNames.Plan"/>; built at the store's first such lookup), a set that holds every such
    /// key, and answers with the similar <see cref="Name"/> keys. A lookup cut at <see cref="SimilarNames.MaxCandidates"/> says so (see <see cref="ICustomerKeyIndex"/>).
    /// </summary>
    NameBlock = 5,

    /// <summary>
    /// Never a key of <see cref="CustomerKey.Of"/> nor a lookup (a lookup with it is refused): the number of the grams of the company-name
    /// key (<see cref="SimilarNames.Grams"/>: two characters), what a <see cref="NameBlock"/> lookup reads. A store keeps them apart (the
    /// databases in a compact table of gram codes, <see cref="SimilarNames.Code"/>) and only from the first <see cref="NameBlock"/> lookup
    /// on: that lookup builds them for the customers stored before, so a host that never searches similar names never pays for them.
    /// </summary>
    NameGram = 6,
}
