namespace CrmCore.Desk;

/// <summary>A locked dictionary of versioned rows with optimistic-concurrency writes: the shared core of the in-memory stores.</summary>
internal sealed class VersionedTable<TKey, TRow>
    where TKey : notnull
{
    private readonly Dictionary<TKey, TRow> _rows = [];
    private readonly Func<TRow, long> _version;
    private readonly string _kind;
    private readonly Lock _gate = new();
    private readonly Action<TKey, TRow>? _written;

    /// <summary>Creates a table.</summary>
    /// <param name="kind">The row kind, for messages.</param>
    /// <param name="version">A row's version.</param>
    /// <param name="written">Called under the table's lock after each row is written, so data derived from rows (an index) changes with them.</param>
    public VersionedTable(string kind, Func<TRow, long> version, Action<TKey, TRow>? written = null)
    {
        _kind = kind;
        _version = version;
        _written = written;
    }

    public TRow? Find(TKey key)
    {
        lock (_gate)
        {
            return _rows.TryGetValue(key, out var row) ? row : default;
        }
    }

    public void Save(TKey key, TRow row, long expectedVersion)
    {
        CheckArguments(key, row, expectedVersion);
        lock (_gate)
        {
            CheckStored(key, expectedVersion);
            _rows[key] = row;
            _written?.Invoke(key, row);
        }
    }

    /// <summary>Throws what <see cref="Save"/> would throw now, without writing.</summary>
    public void Check(TKey key, TRow row, long expectedVersion)
    {
        CheckArguments(key, row, expectedVersion);
        lock (_gate)
        {
            CheckStored(key, expectedVersion);
        }
    }

    /// <summary>Saves several rows as one unit: every expected version is checked before any row is written.</summary>
    public void SaveAll(IReadOnlyList<(TKey Key, TRow Row, long ExpectedVersion)> writes)
    {
        CheckAllArguments(writes);
        lock (_gate)
        {
            CheckAllStored(writes);
            foreach (var (key, row, _) in writes)
            {
                _rows[key] = row;
                _written?.Invoke(key, row);
            }
        }
    }

    /// <summary>Throws what <see cref="SaveAll"/> would throw now, without writing.</summary>
    public void CheckAll(IReadOnlyList<(TKey Key, TRow Row, long ExpectedVersion)> writes)
    {
        CheckAllArguments(writes);
        lock (_gate)
        {
            CheckAllStored(writes);
        }
    }

    private void CheckArguments(TKey key, TRow row, long expectedVersion)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(expectedVersion);
        if (_version(row) <= expectedVersion)
        {
            throw new ArgumentException($"The new version {_version(row)} of {_kind} {key} must be above the expected version {expectedVersion}.", nameof(row));
        }
    }

    private void CheckAllArguments(IReadOnlyList<(TKey Key, TRow Row, long ExpectedVersion)> writes)
    {
        var keys = new HashSet<TKey>();
        foreach (var (key, row, expectedVersion) in writes)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(expectedVersion);
            if (_version(row) <= expectedVersion || !keys.Add(key))
            {
                throw new ArgumentException($"{_kind} {key} is written twice, or its new version {_version(row)} is not above the expected version {expectedVersion}.", nameof(writes));
            }
        }
    }

    // Under the lock.
    private void CheckStored(TKey key, long expectedVersion)
    {
        var stored = _rows.TryGetValue(key, out var current) ? _version(current) : 0;
        if (stored != expectedVersion)
        {
            throw new ConcurrencyConflictException($"{_kind} {key}", expectedVersion, stored);
        }
    }

    // Under the lock.
    private void CheckAllStored(IReadOnlyList<(TKey Key, TRow Row, long ExpectedVersion)> writes)
    {
        foreach (var (key, _, expectedVersion) in writes)
        {
            CheckStored(key, expectedVersion);
        }
    }

    /// <summary>Replaces a row whose stored version is <paramref name="version"/> by one of the same version (derived data only).</summary>
    public bool Replace(TKey key, TRow row, long version)
    {
        lock (_gate)
        {
            if (!_rows.TryGetValue(key, out var current) || _version(current) != version || _version(row) != version)
            {
                return false;
            }

            _rows[key] = row;
            _written?.Invoke(key, row);
            return true;
        }
    }

    public List<TRow> Snapshot()
    {
        lock (_gate)
        {
            return [.. _rows.Values];
        }
    }
}
