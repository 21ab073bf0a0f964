using CrmCore.Customers;
using CrmCore.Normalization;

namespace CrmCore.Desk;

/// <summary>
/// One match key of a customer: what duplicate detection looks customers up by. Every key is computed here, in one place, both for what
/// a store writes (<see cref="Of"/>) and for what an import looks up, so the two can never differ. Immutable; thread-safe.
/// </summary>
/// <param name="Kind">What the key holds.</param>
/// <param name="Value">The normalised text (never empty).</param>
public readonly record struct CustomerKey(CustomerKeyKind Kind, string Value)
{
    /// <summary>For a <see cref="CustomerKeyKind.NameBlock"/> lookup, the least similarity of the names it finds (0.5 to 1); 0 for
    /// every other key. Part of the key's equality.</summary>
    public double Similarity { get; init; }

    /// <summary>The keys a customer holds: its id, its company-name key (when not empty), and each contact's canonical phone number and
    /// case-folded e-mail address that normalise; each key once, in that order. The name key's grams are not keys: a store keeps them
    /// apart, and only once a similar-name lookup asked for them (<see cref="CustomerKeyKind.NameGram"/>).</summary>
    /// <param name="state">The customer.</param>
    /// <returns>The keys.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="state"/> is null.</exception>
    public static IReadOnlyList<CustomerKey> Of(CustomerState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var keys = new List<CustomerKey>(2 + (state.Contacts.Count * 2)) { ForId(state.Id) };
        var name = CompanyNameNormalizer.Key(state.Name);
        if (name.Length > 0)
        {
            keys.Add(new CustomerKey(CustomerKeyKind.Name, name));
        }

        foreach (var contact in state.Contacts)
        {
            if (TryPhone(contact.Phone, out var phone) && !keys.Contains(phone))
            {
                keys.Add(phone);
            }

            if (TryEmail(contact.Email, out var email) && !keys.Contains(email))
            {
                keys.Add(email);
            }
        }

        return keys;
    }

    /// <summary>The similarity a name-block lookup searches at: its own, or the least one when it names none.</summary>
    internal double SearchSimilarity => Similarity > 0 ? Similarity : SimilarNames.LeastSimilarity;

    /// <summary>Checks the keys of an <see cref="ICustomerKeyIndex.FindByKeysAsync"/> lookup, the same for every store: each key has a
    /// known kind other than <see cref="CustomerKeyKind.NameGram"/> (grams are not looked up) and a value that is not empty.</summary>
    /// <param name="keys">The keys.</param>
    /// <exception cref="ArgumentException">A key is not a lookup key.</exception>
    internal static void CheckLookup(IEnumerable<CustomerKey> keys)
    {
        foreach (var key in keys)
        {
            if (key.Kind is < CustomerKeyKind.Id or >= CustomerKeyKind.NameGram || string.IsNullOrEmpty(key.Value))
            {
                throw new ArgumentException(
                    $"The customer key {key.Kind}:'{key.Value}' is not a lookup key: its kind must be Id, Phone, Email, Name or NameBlock (name grams are not looked up) and its value not empty.",
                    nameof(keys));
            }
        }
    }

    /// <summary>The key of a customer id.</summary>
    /// <param name="id">The id.</param>
    /// <returns>The key.</returns>
    public static CustomerKey ForId(CustomerId id) => new(CustomerKeyKind.Id, id.Value);

    /// <summary>The key of a phone number already reduced to <see cref="PhoneNormalizer.TryGetKey"/>'s integer.</summary>
    /// <param name="phoneKey">The integer key.</param>
    /// <returns>The key, holding the canonical form (<c>+8613800765432</c>).</returns>
    public static CustomerKey ForPhoneKey(ulong phoneKey) => new(CustomerKeyKind.Phone, PhoneNormalizer.FromKey(phoneKey));

    /// <summary>The key of a phone number in any form <see cref="PhoneNormalizer"/> accepts.</summary>
    /// <param name="text">The raw number, or null.</param>
    /// <param name="key">The key, when the text is a phone number.</param>
    /// <returns>True when the text is a phone number.</returns>
    public static bool TryPhone(string? text, out CustomerKey key)
    {
        key = default;
        if (text is null || !PhoneNormalizer.TryGetKey(text, out var number))
        {
            return false;
        }

        key = ForPhoneKey(number);
        return true;
    }

    /// <summary>The key of an e-mail address: cleaned and case-folded (<see cref="EmailNormalizer.TryNormalize"/>).</summary>
    /// <param name="text">The raw address, or null.</param>
    /// <param name="key">The key, when the text is an address.</param>
    /// <returns>True when the text is an address.</returns>
    public static bool TryEmail(string? text, out CustomerKey key)
    {
        key = default;
        if (!EmailNormalizer.TryNormalize(text, out var address))
        {
            return false;
        }

        key = new CustomerKey(CustomerKeyKind.Email, address);
        return true;
    }

    /// <summary>The key of a company-name key already computed by <see cref="CompanyNameNormalizer.Key"/>.</summary>
    /// <param name="nameKey">The name key; not empty.</param>
    /// <returns>The key.</returns>
    /// <exception cref="ArgumentException"><paramref name="nameKey"/> is empty.</exception>
    public static CustomerKey ForNameKey(string nameKey)
    {
        ArgumentException.ThrowIfNullOrEmpty(nameKey);
        return new CustomerKey(CustomerKeyKind.Name, nameKey);
    }

    /// <summary>The lookup of the name keys similar to a name key at <see cref="SimilarNames.LeastSimilarity"/> (0.5) or more: complete for
    /// every similarity an import accepts; pass the import's own similarity to <see cref="BlockOf(string, double)"/> to read fewer names.</summary>
    /// <param name="nameKey">The name key; not empty.</param>
    /// <returns>The <see cref="CustomerKeyKind.NameBlock"/> key.</returns>
    /// <exception cref="ArgumentException"><paramref name="nameKey"/> is empty.</exception>
    public static CustomerKey BlockOf(string nameKey) => BlockOf(nameKey, SimilarNames.LeastSimilarity);

    /// <summary>The lookup of the name keys at least <paramref name="similarity"/> similar to a name key
    /// (<see cref="Normalization.CompanyNameNormalizer.Similarity"/>), the key itself included.</summary>
    /// <param name="nameKey">The name key; not empty.</param>
    /// <param name="similarity">The least similarity, 0.5 to 1.</param>
    /// <returns>The <see cref="CustomerKeyKind.NameBlock"/> key.</returns>
    /// <exception cref="ArgumentException"><paramref name="nameKey"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="similarity"/> is not between 0.5 and 1.</exception>
    public static CustomerKey BlockOf(string nameKey, double similarity)
    {
        ArgumentException.ThrowIfNullOrEmpty(nameKey);
        if (double.IsNaN(similarity) || similarity < SimilarNames.LeastSimilarity || similarity > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(similarity), similarity, "A name similarity is between 0.5 and 1.");
        }

        return new CustomerKey(CustomerKeyKind.NameBlock, nameKey) { Similarity = similarity };
    }
}
