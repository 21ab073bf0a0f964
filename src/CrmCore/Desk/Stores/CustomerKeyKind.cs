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
    /// <see cref="NameGram"/> keys (<see cref="SimilarNames.Plan"/>), a set that holds every such key, and answers with the similar
    /// <see cref="Name"/> keys. A lookup cut at <see cref="SimilarNames.MaxCandidates"/> says so (see <see cref="ICustomerKeyIndex"/>).
    /// </summary>
    NameBlock = 5,

    /// <summary>A gram of the company-name key (<see cref="SimilarNames.Grams"/>: two characters), one key per distinct gram: what a
    /// <see cref="NameBlock"/> lookup reads.</summary>
    NameGram = 6,
}
