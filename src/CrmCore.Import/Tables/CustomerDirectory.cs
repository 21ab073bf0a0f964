using System.Globalization;
using CrmCore.Customers;
using CrmCore.Desk;
using CrmCore.Import.Localization;
using CrmCore.Normalization;

namespace CrmCore.Import.Tables;

/// <summary>
/// The stored customers by id, by company-name key and by short name (简称), so that a ticket or plan row may name its customer any of
/// those ways; a name or id that finds no customer is rejected with the stored customers it most likely meant, never resolved by guess.
/// </summary>
internal sealed class CustomerDirectory(ICustomerRepository customers, long suggestionBudget = CustomerDirectory.SuggestionBudget)
{
    /// <summary>How many stored customers a rejection names at most.</summary>
    internal const int MaxSuggestions = 3;

    /// <summary>How many stored names the suggestions of one import compare in all: a file of many unknown names against a large store
    /// stays bounded in time; past it, a rejection names no candidates.</summary>
    internal const long SuggestionBudget = 20_000_000;

    private readonly Dictionary<string, (string Name, string? ShortName)> _ids = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string?> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string?> _byShortName = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Letters, ulong Number), List<string>> _byIdNumber = [];
    private readonly List<(string Id, string NameKey, string ShortKey)> _keys = [];
    private readonly Dictionary<string, string?> _suggested = new(StringComparer.Ordinal);
    private long _compared;

    /// <summary>Reads the stored customers.</summary>
    public async ValueTask LoadAsync(CancellationToken cancellationToken)
    {
        await foreach (var customer in customers.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            var id = customer.Id.Value;
            _ids[id] = (customer.Name, customer.ShortName);
            var key = CompanyNameNormalizer.Key(customer.Name);
            var shortKey = CompanyNameNormalizer.Key(customer.ShortName);
            // A name two customers share names neither: null marks it ambiguous.
            AddUnique(_byName, key, id);
            AddUnique(_byShortName, shortKey, id);
            _keys.Add((id, key, shortKey));
            if (IdNumber(id) is { } number)
            {
                (_byIdNumber.TryGetValue(number, out var ids) ? ids : _byIdNumber[number] = []).Add(id);
            }
        }
    }

    private static void AddUnique(Dictionary<string, string?> names, string key, string id)
    {
        if (key.Length > 0)
        {
            names[key] = names.ContainsKey(key) ? null : id;
        }
    }

    /// <summary>
    /// The customer a row names by id (which must be stored) or else by name: the company name of exactly one stored customer, or, when
    /// no company name matches, the short name (简称) of exactly one. A row naming no stored customer is rejected with the stored
    /// customers it may have meant (an id with other leading zeros, a name one contains the other of), for the analyst to write the id.
    /// </summary>
    public CustomerId? Resolve<TField>(FieldReader<TField> row, TField idField, TField nameField)
        where TField : struct, Enum
    {
        if (row.Optional(idField, 64) is { } id)
        {
            if (_ids.ContainsKey(id))
            {
                return new CustomerId(id);
            }

            row.Fail(idField, Unknown(row.Culture, id, SuggestIds(id)));
            return null;
        }

        if (row.Text(nameField) is not { } name)
        {
            row.Fail(idField, ImportReasons.Required.Format(row.Culture, row.Header(idField) + " / " + row.Header(nameField)));
            return null;
        }

        var key = CompanyNameNormalizer.Key(name);
        if (_byName.TryGetValue(key, out var found) || _byShortName.TryGetValue(key, out found))
        {
            if (found is not null)
            {
                return new CustomerId(found);
            }

            row.Fail(nameField, ImportReasons.CustomerAmbiguous.Format(row.Culture, name));
            return null;
        }

        row.Fail(nameField, Unknown(row.Culture, name, SuggestNames(key)));
        return null;
    }

    /// <summary>The stored name of a customer found by id, when the row's name for it is another company's (compared by company-name
    /// key, as the customer import compares names: 甲公司 and 甲公司（北京） differ, 甲 公司 and 甲公司 do not; the customer's short name
    /// is its name too); null when the row gives no name or one of the customer's.</summary>
    public string? OtherName(CustomerId id, string? rowName)
    {
        if (rowName is null || !_ids.TryGetValue(id.Value, out var stored))
        {
            return null;
        }

        var key = CompanyNameNormalizer.Key(rowName);
        return string.Equals(key, CompanyNameNormalizer.Key(stored.Name), StringComparison.Ordinal)
            || (stored.ShortName is not null && string.Equals(key, CompanyNameNormalizer.Key(stored.ShortName), StringComparison.Ordinal))
            ? null : stored.Name;
    }

    private static RowReason Unknown(CultureInfo? culture, string given, string? candidates) =>
        candidates is null
            ? ImportReasons.CustomerUnknown.Format(culture, given)
            : ImportReasons.CustomerUnknownSuggest.Format(culture, given, candidates);

    /// <summary>Stored ids that are the given id with other leading zeros (KH001 for KH0001), listed with their names.</summary>
    private string? SuggestIds(string id) =>
        IdNumber(id) is { } number && _byIdNumber.TryGetValue(number, out var ids)
            ? string.Join(", ", ids.Order(StringComparer.Ordinal).Take(MaxSuggestions).Select(Named))
            : null;

    /// <summary>
    /// Stored customers whose company or short name contains the row's name or is contained in it (科技 and 某某科技), closest in length
    /// first; computed once per name, and only while the import's comparison budget lasts.
    /// </summary>
    internal string? SuggestNames(string key)
    {
        if (key.Length < 2)
        {
            return null;
        }

        if (_suggested.TryGetValue(key, out var cached))
        {
            return cached;
        }

        if (_compared + _keys.Count > suggestionBudget)
        {
            return null;
        }

        _compared += _keys.Count;
        var found = new List<(int Distance, string Id)>();
        foreach (var (id, nameKey, shortKey) in _keys)
        {
            var distance = Math.Min(Distance(key, nameKey), Distance(key, shortKey));
            if (distance < int.MaxValue)
            {
                found.Add((distance, id));
            }
        }

        var text = found.Count == 0 ? null
            : string.Join(", ", found.OrderBy(f => f.Distance).ThenBy(f => f.Id, StringComparer.Ordinal).Take(MaxSuggestions).Select(f => Named(f.Id)));
        _suggested[key] = text;
        return text;
    }

    /// <summary>How far apart two name keys are when one contains the other (the difference in length); otherwise none.</summary>
    private static int Distance(string key, string stored) =>
        stored.Length < 2 ? int.MaxValue
        : stored.Contains(key, StringComparison.Ordinal) || key.Contains(stored, StringComparison.Ordinal) ? Math.Abs(stored.Length - key.Length)
        : int.MaxValue;

    private string Named(string id) => string.Create(CultureInfo.InvariantCulture, $"{id} {_ids[id].Name}");

    /// <summary>An id's letters (case folded) and the number that follows them, for ids such as KH0001 or C202405001; null otherwise.</summary>
    private static (string Letters, ulong Number)? IdNumber(string id)
    {
        var digits = 0;
        while (digits < id.Length && char.IsAsciiLetter(id[digits]))
        {
            digits++;
        }

        var rest = id.AsSpan(digits);
        return digits > 0 && rest.Length is > 0 and <= 18 && !rest.ContainsAnyExceptInRange('0', '9')
            ? (id[..digits].ToUpperInvariant(), ulong.Parse(rest, CultureInfo.InvariantCulture))
            : null;
    }
}
