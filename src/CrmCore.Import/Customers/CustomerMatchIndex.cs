using System.Runtime.CompilerServices;
using System.Globalization;
using CrmCore.Customers;
using CrmCore.Desk;
using CrmCore.Import.Localization;
using CrmCore.Normalization;

namespace CrmCore.Import.Customers;

/// <summary>A duplicate candidate: the customer, what matched, where the customer came from (0 = the store, else the file line), whether
/// this run already created or changed it, and how alike the company names are (1 unless matched by a similar, not the same, name).</summary>
internal readonly record struct MatchCandidate(CustomerId Id, string MatchedBy, int SourceLine, bool Touched = false, double Score = 1);

/// <summary>
/// The keys of the customers an import matches against, each to the first customer that had it: id, phone keys, e-mail addresses and
/// company-name keys. With a store that has an <see cref="ICustomerKeyIndex"/> (memory, SQLite, PostgreSQL) it lives for one batch:
/// seeded with the stored customers the batch's keys find (<see cref="AddFound"/>), then grown by the batch's own rows. With any other
/// store it holds every stored customer and every customer the file created, for the whole run. Name similarity below 1 searches every held name
/// through its grams (<see cref="SimilarNameIndex"/>: complete for the similarity); a search cut at <see cref="SimilarNames.MaxCandidates"/>
/// entries, here or in the store's lookup, is counted in <see cref="IncompleteNameSearches"/>.
/// <para>
/// Built to stay small at millions of customers: each customer is a number (its ordinal); ids, e-mail addresses and name keys are
/// kept once as UTF-8 in <see cref="CompactKeyTable"/>s (no string per key, every hash match verified against the stored bytes),
/// phone keys are 64-bit integers in a <see cref="CompactNumberTable"/>, and per customer there is its source line and whether this run touched it. About 150 bytes per
/// customer; only the similarity index (when <see cref="CustomerImportOptions.NameSimilarity"/> is below 1) keeps name strings, plus 8 bytes per
/// gram of each name.
/// </para>
/// </summary>
internal sealed class CustomerMatchIndex
{
    private readonly CompactKeyTable _ids = new();
    private readonly List<int> _idOffsets = [];
    private readonly List<int> _lines = [];
    private readonly List<bool> _touched = [];
    private readonly List<bool> _created = [];
    // Touched by a row since the index was last cleared (the batch's own changes); _touched also holds what the run's ledger said.
    private readonly List<bool> _changed = [];
    private readonly CompactNumberTable _phones = new();
    private readonly CompactKeyTable _emails = new();
    private readonly CompactKeyTable _names = new();
    private readonly SimilarNameIndex? _similar;
    private readonly HashSet<string> _cutLookups = new(StringComparer.Ordinal);

    // The current name key of each customer a row of the same record renamed (by ordinal): its earlier name keys stay in the tables
    // (they have no removal) but no longer find it, as a store's key index, which knows customers by their current names, would not.
    private readonly Dictionary<int, string> _renamed = [];

    // What Warm read, kept so that its reads are not optimised away.
    private ulong _warmed;

    public CustomerMatchIndex(bool similarNames) => _similar = similarNames ? new SimilarNameIndex() : null;

    /// <summary>How many similar-name searches of this run were cut at <see cref="SimilarNames.MaxCandidates"/> gram entries (in this
    /// index, or in the store's lookup for the row's name): a row matched by none of them may still have a similar name stored.</summary>
    public int IncompleteNameSearches { get; private set; }

    /// <summary>Forgets every customer, keeping the tables' memory for the next batch.</summary>
    public void Clear()
    {
        _ids.Clear();
        _idOffsets.Clear();
        _lines.Clear();
        _touched.Clear();
        _created.Clear();
        _changed.Clear();
        _phones.Clear();
        _emails.Clear();
        _names.Clear();
        _similar?.Clear();
        _cutLookups.Clear();
        _renamed.Clear();
    }

    /// <summary>Records that a customer was renamed: its earlier name keys no longer find it (its new one is added as any name is).</summary>
    public void Renamed(CustomerId id, string nameKey)
    {
        if (_ids.TryGetValue(id.Value, out var ordinal))
        {
            _renamed[ordinal] = nameKey;
        }
    }

    /// <summary>Whether a name key found a customer by a name it no longer has.</summary>
    private bool Stale(int ordinal, string nameKey) =>
        _renamed.Count > 0 && _renamed.TryGetValue(ordinal, out var current) && !string.Equals(current, nameKey, StringComparison.Ordinal);

    /// <summary>How many customers the index holds.</summary>
    public int Customers => _lines.Count;

    /// <summary>Makes room for this many customers in the id, phone, e-mail and name tables at once (an import that knows about how many
    /// rows its file has), so they are not rehashed on the way there. Changes no answer.</summary>
    public void Reserve(int customers)
    {
        _ids.Reserve(customers);
        _phones.Reserve(customers);
        _emails.Reserve(customers);
        _names.Reserve(customers);
        _lines.EnsureCapacity(customers);
        _idOffsets.EnsureCapacity(customers);
        _touched.EnsureCapacity(customers);
        _created.EnsureCapacity(customers);
        _changed.EnsureCapacity(customers);
    }

    /// <summary>The customer with an id, or null when the id is unknown.</summary>
    public MatchCandidate? FindById(string id) => _ids.TryGetValue(id, out var ordinal) ? new(new CustomerId(id), "id", _lines[ordinal], _touched[ordinal]) : null;

    /// <summary>The customer with a row's id (made ready ahead when <see cref="CustomerRow.IdKey"/> is), or null when the id is unknown.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public MatchCandidate? FindById(CustomerRow row)
    {
        if (!row.IdKey.IsReady)
        {
            return FindById(row.Id!);
        }

        return _ids.TryGetValue(row.IdKey, out var ordinal) ? new(new CustomerId(row.Id!), "id", _lines[ordinal], _touched[ordinal]) : null;
    }

    /// <summary>
    /// Reads, for every row of a batch, the slots where its probes into the id, phone, e-mail and name tables start, in one tight pass, so
    /// the row-by-row matching that follows finds them in the cache instead of waiting for memory once per probe. Changes nothing.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Warm(IEnumerable<CustomerRow> rows)
    {
        var sink = 0UL;
        foreach (var row in rows)
        {
            sink ^= (row.IdKey.IsReady ? _ids.Touch(row.IdKey.Hash) : 0)
                ^ (row.Phone is not null ? _phones.Touch(row.PhoneKey) : 0)
                ^ (row.EmailKey.IsReady ? _emails.Touch(row.EmailKey.Hash) : 0)
                ^ (row.NameKey.Key.IsReady ? _names.Touch(row.NameKey.Key.Hash) : 0);
        }

        _warmed = sink;
    }

    /// <summary>Whether this run created the customer with an id (false for one on record before the run, or an unknown id).</summary>
    public bool IsCreated(string id) => _ids.TryGetValue(id, out var ordinal) && _created[ordinal];

    /// <summary>Where a known id came from: 0 for the store, else its first line in the file; null when unknown.</summary>
    public int? SourceOf(string id) => _ids.TryGetValue(id, out var ordinal) ? _lines[ordinal] : null;

    public void MarkSource(string id, int line) => _lines[Ordinal(id, line)] = line;

    /// <summary>Adds a customer's keys; <paramref name="touch"/> marks it created or changed by this run. A phone or e-mail another
    /// customer has already goes to the one that comes first in the order a batch's index is seeded in (<see cref="Outranks"/>), not to
    /// the one that got it first: a merge can give an earlier customer a later one's key, and the store's key index, which knows both,
    /// answers with the earlier one, so the whole-run index must too.</summary>
    public void Add(CustomerId id, int sourceLine, string? nameKey, IEnumerable<Contact> contacts, bool touch = false)
    {
        var ordinal = AddName(id, sourceLine, nameKey, touch);
        foreach (var contact in contacts)
        {
            if (contact.Phone is not null && PhoneNormalizer.TryGetKey(contact.Phone, out var key)
                && !_phones.TryAdd(key, ordinal) && _phones.TryGetValue(key, out var holder) && Outranks(ordinal, holder))
            {
                _phones.SetValue(key, ordinal);
            }

            if (EmailNormalizer.TryNormalize(contact.Email, out var address)
                && !_emails.TryAdd(address, ordinal, out var at) && Outranks(ordinal, _emails.ValueAt(at)))
            {
                _emails.SetValueAt(at, ordinal);
            }
        }
    }

    /// <summary>Whether customer <paramref name="a"/> comes before <paramref name="b"/> for a key both have: a customer on record
    /// before this run before one it created, stored ones by id, created ones by the line that created them (then by id).</summary>
    private bool Outranks(int a, int b)
    {
        if (a == b)
        {
            return false;
        }

        if (_created[a] != _created[b])
        {
            return !_created[a];
        }

        if (_created[a] && _lines[a] != _lines[b])
        {
            return _lines[a] < _lines[b];
        }

        return string.CompareOrdinal(_ids.KeyAt(_idOffsets[a]), _ids.KeyAt(_idOffsets[b])) < 0;
    }

    /// <summary>Adds the keys of a customer a row created: its name key, and the row's phone key and (normalised) e-mail when it has them.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void AddCreated(CustomerId id, CustomerRow row, string nameKey)
    {
        var ordinal = AddName(id, row.Line, nameKey, touch: true, row);
        _created[ordinal] = true;
        if (row.Phone is not null)
        {
            _phones.TryAdd(row.PhoneKey, ordinal);
        }

        if (row.EmailKey.IsReady)
        {
            _emails.TryAdd(row.EmailKey, ordinal, out _);
        }
        else if (row.Email is not null)
        {
            _emails.TryAdd(row.Email, ordinal, out _);
        }
    }

    /// <summary>Adds a further phone key of a customer already in the index (a row's second number); the first customer with a key keeps it.</summary>
    public void AddPhone(CustomerId id, ulong key)
    {
        if (_ids.TryGetValue(id.Value, out var ordinal))
        {
            _phones.TryAdd(key, ordinal);
        }
    }

    /// <summary>
    /// Adds a stored customer found by one of its keys (<see cref="ICustomerKeyIndex.FindByKeysAsync"/>), with what this run recorded of
    /// it: its source line, whether this run touched it, whether this run created it. Add customers in the order they should win a
    /// shared key.
    /// </summary>
    public void AddFound(CustomerId id, int sourceLine, bool touched, bool created, CustomerKey key)
    {
        if (key.Kind == CustomerKeyKind.NameBlock)
        {
            // The store's similar-name lookup for this name was cut (the match carries no customer).
            _cutLookups.Add(key.Value);
            return;
        }

        var ordinal = Ordinal(id.Value, sourceLine);
        _touched[ordinal] |= touched;
        _created[ordinal] |= created;
        switch (key.Kind)
        {
            case CustomerKeyKind.Phone:
                _phones.TryAdd(ulong.Parse(key.Value.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture), ordinal);
                break;
            case CustomerKeyKind.Email:
                _emails.TryAdd(key.Value, ordinal, out _);
                break;
            case CustomerKeyKind.Name:
                AddName(id, sourceLine, key.Value, touch: false);
                break;
        }
    }

    /// <summary>Every customer a row created or changed since the index was last cleared (not those only found with the run's earlier
    /// changes: their ledger record stands): its id, source line and whether this run created it.</summary>
    public IEnumerable<(CustomerId Id, int Line, bool Created)> Touched()
    {
        for (var ordinal = 0; ordinal < _lines.Count; ordinal++)
        {
            if (_changed[ordinal])
            {
                yield return (new CustomerId(_ids.KeyAt(_idOffsets[ordinal])), _lines[ordinal], _created[ordinal]);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public MatchCandidate? Find(CustomerRow row, string nameKey, bool byContact, double? similarity)
    {
        if (byContact && row.Phone is not null && _phones.TryGetValue(row.PhoneKey, out var byPhone))
        {
            return Candidate(byPhone, "phone");
        }

        if (byContact && row.Email is not null && (row.EmailKey.IsReady ? _emails.TryGetValue(row.EmailKey, out var byEmail) : _emails.TryGetValue(row.Email, out byEmail)))
        {
            return Candidate(byEmail, "email");
        }

        if (similarity is null || nameKey.Length == 0)
        {
            return null;
        }

        if ((row.NameKey.Key.IsReady && string.Equals(row.NameKey.Text, nameKey, StringComparison.Ordinal) ? _names.TryGetValue(row.NameKey.Key, out var byName) : _names.TryGetValue(nameKey, out byName))
            && !Stale(byName, nameKey))
        {
            return Candidate(byName, "name");
        }

        if (similarity < 1 && _similar is not null)
        {
            var best = (Ordinal: -1, Score: 0.0);
            var similar = _similar.Find(nameKey, similarity.Value, out var complete);
            foreach (var other in similar)
            {
                var score = CompanyNameNormalizer.Similarity(nameKey, other);
                if (score > best.Score && _names.TryGetValue(other, out var ordinal) && !Stale(ordinal, other))
                {
                    best = (ordinal, score);
                }
            }

            if (!complete || _cutLookups.Contains(nameKey))
            {
                IncompleteNameSearches++;
            }

            if (best.Ordinal >= 0)
            {
                return Candidate(best.Ordinal, "name") with { Score = best.Score };
            }
        }

        return null;
    }

    /// <summary>Adds a customer's id and name key (with the keys a row made ready when it is the row's own); returns its ordinal.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int AddName(CustomerId id, int sourceLine, string? nameKey, bool touch, CustomerRow? row = null)
    {
        var ordinal = row is { IdKey.IsReady: true } && string.Equals(row.Id, id.Value, StringComparison.Ordinal)
            ? Ordinal(_ids.TryAdd(row.IdKey, _lines.Count, out var offset), offset, sourceLine)
            : Ordinal(id.Value, sourceLine);
        _touched[ordinal] |= touch;
        _changed[ordinal] |= touch;
        var prepared = row is not null && row.NameKey.Key.IsReady && string.Equals(row.NameKey.Text, nameKey, StringComparison.Ordinal);
        if (string.IsNullOrEmpty(nameKey))
        {
            return ordinal;
        }

        if (prepared ? _names.TryAdd(row!.NameKey.Key, ordinal, out var at) : _names.TryAdd(nameKey, ordinal, out at))
        {
            _similar?.Add(nameKey);
        }
        else if (_names.ValueAt(at) is var owner && owner != ordinal && Stale(owner, nameKey))
        {
            // The key's first customer was renamed within the file: the name now belongs to this one (else a later row with that name
            // would find neither and be inserted again under the same derived id).
            _names.SetValueAt(at, ordinal);
        }

        return ordinal;
    }

    /// <summary>The ordinal of a customer id, added with its source line when new.</summary>
    private int Ordinal(string id, int sourceLine) => Ordinal(_ids.TryAdd(id, _lines.Count, out var offset), offset, sourceLine);

    /// <summary>The ordinal of an id just offered to the id table: new (added with its source line) or the one it had.</summary>
    private int Ordinal(bool added, int offset, int sourceLine)
    {
        if (added)
        {
            _idOffsets.Add(offset);
            _lines.Add(sourceLine);
            _touched.Add(false);
            _created.Add(false);
            _changed.Add(false);
            return _lines.Count - 1;
        }

        return _ids.ValueAt(offset);
    }

    private MatchCandidate Candidate(int ordinal, string by) => new(new CustomerId(_ids.KeyAt(_idOffsets[ordinal])), by, _lines[ordinal], _touched[ordinal]);
}
