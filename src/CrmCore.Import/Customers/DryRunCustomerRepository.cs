using System.Runtime.CompilerServices;
using CrmCore.Customers;
using CrmCore.Desk;
using CrmCore.Normalization;

namespace CrmCore.Import.Customers;

/// <summary>
/// For <c>--dry-run</c>: reads go to the real store, writes stay in memory, so a dry run matches and reports exactly as the real import
/// would, and writes nothing to the store: no customer, no key, no name gram. The overlay holds every customer the dry run would have
/// written (it grows with them: a dry run of a million new customers holds a million states); its keys are found together with the
/// store's, in the order the port promises. A batch is written to the overlay whole or not at all, as <see cref="ICustomerBatchRepository"/>
/// promises.
/// <para>
/// A store's first lookups can build index data (<see cref="ICustomerKeyIndex"/>: the keys of customers stored before the key table, and
/// the name grams, turned on and built by the first similar-name lookup). The dry run asks the store first, without writing
/// (<see cref="ICustomerKeyIndexState"/>), and never makes it build:
/// </para>
/// <list type="bullet">
/// <item>the store's index is complete (grams on and built, or no similar names asked): every lookup is the store's, reading only;</item>
/// <item>every customer has its keys but the grams are off or half built: exact keys are the store's; similar names are searched in
/// memory, in a <see cref="SimilarNameIndex"/> of every stored company-name key (read once from the store at the first similar-name
/// lookup, each name counted once per customer as the store's gram table counts it, and kept up to date with the overlay). The names
/// found are then looked up as exact name keys. Memory: the distinct name keys and 8 bytes per gram entry, about 250 bytes per stored
/// customer (<c>benchmarks/results/import.md</c>), bounded at <see cref="MaxNameEntries"/> gram entries: a name that would go beyond
/// is left out, and from then on every similar-name search of the run is reported incomplete (the names it still finds are the
/// held ones), as a search cut at <see cref="SimilarNames.MaxCandidates"/> is;</item>
/// <item>some customers are waiting for their keys (a database from before the key table never looked up since): every key of the
/// stored customers is held in memory (a <see cref="CustomerKeyTable"/>, as the memory store holds them; about 800 bytes per customer),
/// read once at the first lookup, and found together with the overlay's, as the store's keys are in the first case. The table is bounded
/// at <see cref="MaxKeyCustomers"/> customers: the customers listed after are not held, and from then on every lookup of the run is
/// counted incomplete (<see cref="IncompleteKeyLookups"/>: each phone, e-mail or name key looked up; ids are still found exactly,
/// read one by one from the store) and every similar-name search is reported incomplete, as a cut one is. The overlay's customers
/// (what the run would write) are always found.</item>
/// </list>
/// <para>
/// The same customers are found either way, and a similar-name search is reported incomplete (cut at
/// <see cref="SimilarNames.MaxCandidates"/> gram entries) exactly when the store's would be. Which candidates a cut search still finds is
/// not promised by any store, so a row whose search was cut may merge differently; the report's incomplete-search count says so. Not
/// thread-safe: one import's.
/// </para>
/// </summary>
internal sealed class DryRunCustomerRepository(
    ICustomerRepository inner, int maxNameEntries = DryRunCustomerRepository.MaxNameEntries, int maxKeyCustomers = DryRunCustomerRepository.MaxKeyCustomers)
    : ICustomerBatchRepository, ICustomerKeyIndex
{
    /// <summary>The most stored customers whose keys the in-memory key table holds (500,000: about 400 MB); the constructor's bound
    /// unless a test sets a smaller one.</summary>
    internal const int MaxKeyCustomers = 500_000;

    /// <summary>The most gram entries the in-memory similar-name index holds (8,000,000: 64 MB of entries plus the name keys, several
    /// hundred thousand stored customers); the constructor's bound unless a test sets a smaller one.</summary>
    internal const int MaxNameEntries = 8_000_000;

    private readonly InMemoryCustomerRepository _overlay = new();

    /// <summary>How lookups are answered, decided at the first one (see the type's remarks); null before.</summary>
    private LookupMode? _mode;

    /// <summary>In <see cref="LookupMode.MemoryNames"/>: every name key of the store and the overlay, once the first similar-name lookup
    /// built it.</summary>
    private SimilarNameIndex? _names;

    /// <summary>True once a name was left out of <see cref="_names"/> at <see cref="MaxNameEntries"/>: every later similar-name search
    /// is reported incomplete.</summary>
    private bool _namesFull;

    /// <summary>In <see cref="LookupMode.MemoryKeys"/>: every key of the stored customers (up to <see cref="MaxKeyCustomers"/> of them),
    /// as stored, once the first lookup read them; the overlay's customers are found in the overlay.</summary>
    private CustomerKeyTable? _keys;

    /// <summary>True once a stored customer was left out of <see cref="_keys"/> at the bound: every later lookup is incomplete.</summary>
    private bool _keysFull;

    /// <summary>How many stored customers <see cref="_keys"/> holds (at most the bound).</summary>
    internal int HeldKeyCustomers { get; private set; }

    /// <summary>
    /// How many phone, e-mail and exact name keys were looked up in a key table that could not hold every stored customer (so a stored
    /// customer holding one may not have been found); 0 while every lookup was complete. Similar-name searches then are reported cut,
    /// as the port says (a match with the name-block key and no customer), and counted by the import with the others.
    /// </summary>
    public int IncompleteKeyLookups { get; private set; }

    /// <summary>How the dry run answers a lookup without making the store write.</summary>
    private enum LookupMode
    {
        /// <summary>The store's lookups write nothing: all of them are the store's.</summary>
        Store,

        /// <summary>The store's grams are off or half built: similar names are searched in memory.</summary>
        MemoryNames,

        /// <summary>The store has customers without keys: every key is held in memory.</summary>
        MemoryKeys,
    }

    /// <summary>This overlay as a key index when the real store has one, else null.</summary>
    public ICustomerKeyIndex? KeyIndex => inner is ICustomerKeyIndex ? this : null;

    /// <summary>This overlay as a batch store when the real store writes batches, else null (the import then saves customer by customer,
    /// as it would to the real store, so a customer changed by someone else during the run rejects only its own rows in both).</summary>
    public ICustomerBatchRepository? Batches => inner is ICustomerBatchRepository ? this : null;

    public async ValueTask<CustomerState?> FindAsync(CustomerId id, CancellationToken cancellationToken = default) =>
        await _overlay.FindAsync(id, cancellationToken).ConfigureAwait(false) ?? await inner.FindAsync(id, cancellationToken).ConfigureAwait(false);

    public ValueTask SaveAsync(CustomerState state, long expectedVersion, CancellationToken cancellationToken = default) =>
        SaveAllAsync([(state, expectedVersion)], cancellationToken);

    /// <summary>As the real store's batch: all of the batch or none of it in the overlay, a stale version rejecting the whole batch.
    /// Every expected version is checked (against the overlay's copy, else the store's) before the overlay changes at all, so a conflict
    /// leaves no copy of a stored customer behind. The import calls it only through <see cref="Batches"/>, when the real store writes
    /// batches too. The in-memory similar-name index follows the overlay (the in-memory key table keeps the stored keys; the overlay's
    /// own are found in the overlay).</summary>
    public async ValueTask SaveAllAsync(IReadOnlyList<(CustomerState State, long ExpectedVersion)> writes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writes);
        var copies = new List<(CustomerState State, long ExpectedVersion)>();
        var before = new List<CustomerState?>(writes.Count);
        foreach (var (state, expectedVersion) in writes)
        {
            var id = (state ?? throw new ArgumentException("A write has no state.", nameof(writes))).Id;
            var current = await _overlay.FindAsync(id, cancellationToken).ConfigureAwait(false);
            if (current is null && expectedVersion > 0 && await inner.FindAsync(id, cancellationToken).ConfigureAwait(false) is { } stored)
            {
                copies.Add((stored, 0));
                current = stored;
            }

            if ((current?.Version ?? 0) != expectedVersion)
            {
                throw new ConcurrencyConflictException($"customer {id}", expectedVersion, current?.Version ?? 0);
            }

            before.Add(current);
        }

        // Nothing can conflict now: the overlay is this dry run's own. A stored customer's first write copies it in at its stored
        // version, read afresh here (not the state the import read before), so a save from a stale copy conflicts as in the store.
        if (copies.Count > 0)
        {
            await _overlay.SaveAllAsync(copies, cancellationToken).ConfigureAwait(false);
        }

        await _overlay.SaveAllAsync(writes, cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < writes.Count; i++)
        {
            var state = writes[i].State;
            if (_names is not null)
            {
                if (before[i] is { } old && CompanyNameNormalizer.Key(old.Name) is { Length: > 0 } oldName)
                {
                    _names.Remove(oldName);
                }

                AddName(_names, state);
            }
        }
    }

    /// <summary>The store's matches for customers the overlay does not hold (their keys are the overlay's now), and the overlay's; the
    /// store is never made to write (see the type's remarks).</summary>
    public async ValueTask<IReadOnlyList<CustomerKeyMatch>> FindByKeysAsync(IReadOnlyCollection<CustomerKey> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var distinct = new HashSet<CustomerKey>(keys);
        CustomerKey.CheckLookup(distinct);
        _mode ??= await ModeAsync(cancellationToken).ConfigureAwait(false);
        if (_mode == LookupMode.MemoryKeys)
        {
            _keys ??= await LoadKeysAsync(cancellationToken).ConfigureAwait(false);
            return await FindHeldAndWrittenAsync(_keys, distinct, cancellationToken).ConfigureAwait(false);
        }

        if (_mode == LookupMode.Store || !distinct.Any(k => k.Kind == CustomerKeyKind.NameBlock))
        {
            return await FindStoredAndWrittenAsync(distinct, cancellationToken).ConfigureAwait(false);
        }

        // Similar names in memory, then every name found (and every other key) looked up exactly.
        _names ??= await LoadNamesAsync(cancellationToken).ConfigureAwait(false);

        var exact = new HashSet<CustomerKey>();
        var cut = new List<CustomerKeyMatch>();
        foreach (var key in distinct)
        {
            if (key.Kind != CustomerKeyKind.NameBlock)
            {
                exact.Add(key);
                continue;
            }

            var similar = _names.Find(key.Value, key.SearchSimilarity, out var complete);
            foreach (var name in similar)
            {
                exact.Add(CustomerKey.ForNameKey(name));
            }

            if (!complete || _namesFull)
            {
                cut.Add(new CustomerKeyMatch(key, default));
            }
        }

        var matches = new List<CustomerKeyMatch>(exact.Count == 0 ? [] : await FindStoredAndWrittenAsync(exact, cancellationToken).ConfigureAwait(false));
        matches.AddRange(cut);
        matches.Sort(CustomerKeyMatch.Order);
        return matches;
    }

    public async IAsyncEnumerable<CustomerState> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var state in inner.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return state;
        }
    }

    /// <summary>Asks the store, without writing, whether its lookups would write (a store that cannot say is taken not to).</summary>
    private async ValueTask<LookupMode> ModeAsync(CancellationToken cancellationToken)
    {
        if (inner is not ICustomerKeyIndexState state)
        {
            return LookupMode.Store;
        }

        if (!await state.KeysCompleteAsync(cancellationToken).ConfigureAwait(false))
        {
            return LookupMode.MemoryKeys;
        }

        return await state.SimilarNamesReadyAsync(cancellationToken).ConfigureAwait(false) ? LookupMode.Store : LookupMode.MemoryNames;
    }

    /// <summary>The store's matches for customers the overlay does not hold, and the overlay's, in the port's order.</summary>
    private async ValueTask<List<CustomerKeyMatch>> FindStoredAndWrittenAsync(IReadOnlyCollection<CustomerKey> keys, CancellationToken cancellationToken) =>
        await WithWrittenAsync(await ((ICustomerKeyIndex)inner).FindByKeysAsync(keys, cancellationToken).ConfigureAwait(false), keys, cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// Matches found before this run's writes (the store's, or the held keys'), less those of customers the overlay holds, with the
    /// overlay's own matches, in the port's order; a cut similar-name search (a match naming no customer) once, whichever side cut it.
    /// </summary>
    private async ValueTask<List<CustomerKeyMatch>> WithWrittenAsync(IReadOnlyList<CustomerKeyMatch> stored, IReadOnlyCollection<CustomerKey> keys, CancellationToken cancellationToken)
    {
        var written = await _overlay.FindByKeysAsync(keys, cancellationToken).ConfigureAwait(false);
        var matches = new List<CustomerKeyMatch>(stored.Count + written.Count);
        foreach (var match in stored)
        {
            if (match.CustomerId.IsEmpty ? !matches.Contains(match) : await _overlay.FindAsync(match.CustomerId, cancellationToken).ConfigureAwait(false) is null)
            {
                matches.Add(match);
            }
        }

        foreach (var match in written)
        {
            if (!match.CustomerId.IsEmpty || !matches.Contains(match))
            {
                matches.Add(match);
            }
        }

        matches.Sort(CustomerKeyMatch.Order);
        return matches;
    }

    /// <summary>
    /// In <see cref="LookupMode.MemoryKeys"/>: the held stored customers' matches for customers the overlay does not hold, and the
    /// overlay's, in the port's order. Past the bound, ids are read from the store one by one (exact), every other key is counted in
    /// <see cref="IncompleteKeyLookups"/> and every similar-name search answers as cut.
    /// </summary>
    private async ValueTask<List<CustomerKeyMatch>> FindHeldAndWrittenAsync(CustomerKeyTable keys, HashSet<CustomerKey> distinct, CancellationToken cancellationToken)
    {
        var stored = new List<CustomerKeyMatch>();
        if (_keysFull)
        {
            var held = new HashSet<CustomerKey>();
            foreach (var key in distinct)
            {
                switch (key.Kind)
                {
                    case CustomerKeyKind.Id:
                        if (await inner.FindAsync(new CustomerId(key.Value), cancellationToken).ConfigureAwait(false) is { } state)
                        {
                            stored.Add(new CustomerKeyMatch(key, state.Id));
                        }

                        continue;
                    case CustomerKeyKind.NameBlock:
                        stored.Add(new CustomerKeyMatch(key, default));
                        break;
                    default:
                        IncompleteKeyLookups++;
                        break;
                }

                held.Add(key);
            }

            stored.AddRange(held.Count == 0 ? [] : keys.Find(held));
        }
        else
        {
            stored.AddRange(keys.Find(distinct));
        }

        return await WithWrittenAsync(stored, distinct, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Every stored customer (as the overlay has it, when it does) in one customer's state at a time.</summary>
    private async IAsyncEnumerable<CustomerState> CurrentAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var state in inner.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            if (await _overlay.FindAsync(state.Id, cancellationToken).ConfigureAwait(false) is null)
            {
                yield return state;
            }
        }

        await foreach (var state in _overlay.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return state;
        }
    }

    /// <summary>The name keys of every customer, stored or written, each counted once per customer, until the index is full.</summary>
    private async ValueTask<SimilarNameIndex> LoadNamesAsync(CancellationToken cancellationToken)
    {
        var names = new SimilarNameIndex();
        await foreach (var state in CurrentAsync(cancellationToken).ConfigureAwait(false))
        {
            AddName(names, state);
            if (_namesFull)
            {
                // The rest is not read: it could not be held, and every search of the run is now reported incomplete.
                break;
            }
        }

        return names;
    }

    /// <summary>Every key of the stored customers, as stored, up to <see cref="MaxKeyCustomers"/> customers (then
    /// <see cref="_keysFull"/> says the rest is not held).</summary>
    private async ValueTask<CustomerKeyTable> LoadKeysAsync(CancellationToken cancellationToken)
    {
        var table = new CustomerKeyTable();
        await foreach (var state in inner.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            if (HeldKeyCustomers >= maxKeyCustomers)
            {
                // The rest is not read: it could not be held, and every lookup of the run is now incomplete.
                _keysFull = true;
                break;
            }

            table.Write(state.Id, state);
            HeldKeyCustomers++;
        }

        return table;
    }

    /// <summary>Adds a customer's name key to the similar-name index, unless its grams would take the index beyond the bound (a key
    /// already held adds none and is always counted): then it is left out and <see cref="_namesFull"/> says so.</summary>
    private void AddName(SimilarNameIndex names, CustomerState state)
    {
        if (CompanyNameNormalizer.Key(state.Name) is not { Length: > 0 } name)
        {
            return;
        }

        // A key has at most as many distinct grams as characters, so the exact count is needed only near the bound.
        if ((long)names.Entries + name.Length > maxNameEntries && names.Entries + SimilarNames.Grams(name).Count > maxNameEntries
            && !names.Contains(name))
        {
            _namesFull = true;
            return;
        }

        names.Add(name);
    }
}
