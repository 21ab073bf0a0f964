using CrmCore.Customers;
using CrmCore.Desk;
using CrmCore.Normalization;

namespace CrmCore.CallerId;

/// <summary>
/// Caller id for screen pops (document 004): finds the customer behind a phone number or an e-mail address in O(1), from any form
/// the number is written in (<c>138 1234 5678</c>, <c>+86-138-1234-5678</c>, <c>008613812345678</c>, full-width digits, ...; see
/// <see cref="PhoneNormalizer"/>) and any case of the address. A lookup does not allocate. Keep it current with <see cref="Upsert"/> and
/// <see cref="Remove(CustomerId)"/>, or wrap the desk's store in <see cref="CallerIdCustomerRepository"/>, which does it on every save.
/// Thread-safe: lookups and changes may run concurrently (one lock, held for a dictionary lookup).
/// </summary>
public sealed class CallerIdIndex
{
    private readonly Lock _lock = new();
    private readonly Dictionary<ulong, CustomerId[]> _phones = [];
    private readonly Dictionary<string, CustomerId[]> _emails = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<CustomerId, (ulong[] Phones, string[] Emails)> _byCustomer = [];
    // The version of each customer's state last indexed (with or without contacts): an older state arriving later is ignored.
    private readonly Dictionary<CustomerId, long> _versions = [];
    // Tombstones: the last version indexed of each removed customer, so that a state no newer arriving late cannot index it again.
    // At most _tombstoneCapacity, the oldest removal forgotten first (_removals holds them in removal order; an entry whose customer
    // was indexed again, or removed again since, no longer matches _removed and is skipped).
    private readonly Dictionary<CustomerId, long> _removed = [];
    private readonly Queue<(CustomerId Customer, long Version)> _removals = new();
    private readonly int _tombstoneCapacity;

    /// <summary>Creates an empty index.</summary>
    public CallerIdIndex()
        : this(DefaultTombstoneCapacity)
    {
    }

    internal CallerIdIndex(int tombstoneCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(tombstoneCapacity);
        _tombstoneCapacity = tombstoneCapacity;
    }

    // How many removals the index remembers (see Remove): about 1 MB at most.
    internal const int DefaultTombstoneCapacity = 16_384;

    /// <summary>How many customers have at least one indexed phone number or address.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _byCustomer.Count;
            }
        }
    }

    /// <summary>Builds an index of every customer in a store.</summary>
    /// <param name="customers">The store.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The index.</returns>
    public static async Task<CallerIdIndex> BuildAsync(ICustomerRepository customers, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(customers);
        var index = new CallerIdIndex();
        await foreach (var state in customers.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            index.Upsert(state);
        }

        return index;
    }

    /// <summary>Indexes a customer's contacts' phone numbers and addresses, replacing what was indexed for it before. Numbers that do
    /// not normalise (see <see cref="PhoneNormalizer"/>) are not indexed. A state older than the one indexed for the customer (a lower
    /// <see cref="CustomerState.Version"/>) is ignored: writers that report their saves late (a batch after its commit) never bring back
    /// numbers a newer save replaced. Nor is a state of a removed customer no newer than the last one indexed before its removal
    /// (see <see cref="Remove(CustomerId)"/>).</summary>
    /// <param name="customer">The customer's current state.</param>
    public void Upsert(CustomerState customer)
    {
        ArgumentNullException.ThrowIfNull(customer);
        var phones = new List<ulong>();
        var emails = new List<string>();
        foreach (var contact in customer.Contacts)
        {
            if (contact.Phone is { } phone && PhoneNormalizer.TryGetKey(phone, out var key) && !phones.Contains(key))
            {
                phones.Add(key);
            }

            if (EmailNormalizer.TryNormalize(contact.Email, out var email) && !emails.Contains(email))
            {
                emails.Add(email);
            }
        }

        lock (_lock)
        {
            if (_versions.TryGetValue(customer.Id, out var indexed) && indexed > customer.Version)
            {
                return;
            }

            if (_removed.TryGetValue(customer.Id, out var removed))
            {
                if (removed >= customer.Version)
                {
                    return;
                }

                _removed.Remove(customer.Id);
            }

            _versions[customer.Id] = customer.Version;
            RemoveCore(customer.Id);
            if (phones.Count == 0 && emails.Count == 0)
            {
                return;
            }

            foreach (var key in phones)
            {
                _phones[key] = Add(_phones.GetValueOrDefault(key), customer.Id);
            }

            foreach (var email in emails)
            {
                _emails[email] = Add(_emails.GetValueOrDefault(email), customer.Id);
            }

            _byCustomer[customer.Id] = ([.. phones], [.. emails]);
        }
    }

    /// <summary>
    /// Removes a customer from the index. The index keeps a tombstone, the version of the customer's state last indexed, so that a
    /// state no newer than it (a save reported late, after its transaction's commit) does not index the removed customer again; a newer
    /// state (a later save) does. When the customer was deleted at a known version, <see cref="Remove(CustomerId, long)"/> says so and
    /// also covers the saves not yet reported. Tombstones are bounded: the index remembers the last 16,384 removals (about 1 MB plus the
    /// ids they keep) and forgets the oldest first. A late state is one whose commit came before the removal and whose report after it,
    /// so it can only meet a recent tombstone. A customer whose state was never indexed leaves no tombstone here. A customer re-created
    /// under a removed id with versions starting again at 1 stays out of the index until its version passes the tombstone (or the
    /// tombstone is forgotten).
    /// </summary>
    /// <param name="customer">The customer id.</param>
    /// <returns>True when it was indexed with a phone number or an address.</returns>
    public bool Remove(CustomerId customer) => Remove(customer, 0);

    /// <summary>
    /// Removes a customer deleted at a version (its last saved state's): no state at or below that version, nor below the last one
    /// indexed, indexes it again, even when its save is reported after this call or was never indexed before it (the usual race: a
    /// save committed, then the customer deleted, then the save's report). See <see cref="Remove(CustomerId)"/> for the bound.
    /// </summary>
    /// <param name="customer">The customer id.</param>
    /// <param name="removedAtVersion">The version the customer was deleted at (0: unknown, the last indexed one counts).</param>
    /// <returns>True when it was indexed with a phone number or an address.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="removedAtVersion"/> is negative.</exception>
    public bool Remove(CustomerId customer, long removedAtVersion)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(removedAtVersion);
        lock (_lock)
        {
            var indexed = _versions.Remove(customer, out var version);
            var tombstone = Math.Max(indexed ? version : 0, removedAtVersion);
            if ((indexed || removedAtVersion > 0) && _tombstoneCapacity > 0)
            {
                var had = _removed.TryGetValue(customer, out var earlier);
                tombstone = Math.Max(tombstone, earlier);
                if (had && earlier == tombstone)
                {
                    // The same tombstone again: a second queue entry would let the first one's eviction drop it early.
                    return RemoveCore(customer);
                }

                _removed[customer] = tombstone;
                _removals.Enqueue((customer, tombstone));
                while (_removals.Count > _tombstoneCapacity)
                {
                    var (oldest, at) = _removals.Dequeue();
                    if (_removed.TryGetValue(oldest, out var kept) && kept == at)
                    {
                        _removed.Remove(oldest);
                    }
                }
            }

            return RemoveCore(customer);
        }
    }

    /// <summary>How many tombstones the index holds (removed customers whose last version it remembers).</summary>
    internal int TombstoneCount
    {
        get
        {
            lock (_lock)
            {
                return _removed.Count;
            }
        }
    }

    /// <summary>Finds the customer behind a phone number or an e-mail address (the text holds an <c>@</c>). When several customers share
    /// it, the one indexed first is returned. Does not allocate.</summary>
    /// <param name="phoneOrEmail">The number or address as the caller presents it.</param>
    /// <param name="customer">The customer.</param>
    /// <returns>True when a customer was found.</returns>
    public bool TryFind(ReadOnlySpan<char> phoneOrEmail, out CustomerId customer)
    {
        var all = Find(phoneOrEmail);
        customer = all.Length > 0 ? all[0] : default;
        return all.Length > 0;
    }

    /// <summary>Finds every customer behind a phone number or an e-mail address, in the order they were indexed. Does not allocate.</summary>
    /// <param name="phoneOrEmail">The number or address.</param>
    /// <returns>The customers; empty when none.</returns>
    public ReadOnlySpan<CustomerId> Find(ReadOnlySpan<char> phoneOrEmail)
    {
        phoneOrEmail = phoneOrEmail.Trim();
        if (phoneOrEmail.IndexOfAny('@', '＠') >= 0)
        {
            Span<char> buffer = stackalloc char[256];
            if (phoneOrEmail.Length > buffer.Length)
            {
                return [];
            }

            for (var i = 0; i < phoneOrEmail.Length; i++)
            {
                buffer[i] = TextNormalizer.ToHalfWidth(phoneOrEmail[i]);
            }

            ReadOnlySpan<char> address = buffer[..phoneOrEmail.Length].Trim();
            lock (_lock)
            {
                return _emails.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(address, out var found) ? found : [];
            }
        }

        if (!PhoneNormalizer.TryGetKey(phoneOrEmail, out var key))
        {
            return [];
        }

        lock (_lock)
        {
            return _phones.TryGetValue(key, out var found) ? found : [];
        }
    }

    private static CustomerId[] Add(CustomerId[]? existing, CustomerId id) => existing is null ? [id] : [.. existing, id];

    private static CustomerId[]? Without(CustomerId[] existing, CustomerId id)
    {
        var rest = existing.Where(x => x != id).ToArray();
        return rest.Length == 0 ? null : rest;
    }

    private bool RemoveCore(CustomerId customer)
    {
        if (!_byCustomer.Remove(customer, out var keys))
        {
            return false;
        }

        foreach (var phone in keys.Phones)
        {
            if (_phones.TryGetValue(phone, out var ids) && Without(ids, customer) is { } rest)
            {
                _phones[phone] = rest;
            }
            else
            {
                _phones.Remove(phone);
            }
        }

        foreach (var email in keys.Emails)
        {
            if (_emails.TryGetValue(email, out var ids) && Without(ids, customer) is { } rest)
            {
                _emails[email] = rest;
            }
            else
            {
                _emails.Remove(email);
            }
        }

        return true;
    }
}
