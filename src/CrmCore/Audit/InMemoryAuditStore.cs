namespace CrmCore.Audit;

/// <summary>The in-memory <see cref="IAuditStore"/>. Nothing survives the process. Thread-safe.</summary>
public sealed class InMemoryAuditStore : IAuditStore
{
    private readonly List<AuditRecord> _records = [];
    private readonly Lock _gate = new();

    /// <inheritdoc />
    public Task<IReadOnlyList<AuditRecord>> AppendAsync(IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var sealedRecords = new List<AuditRecord>(entries.Count);
        lock (_gate)
        {
            var previous = _records.Count == 0 ? null : _records[^1];
            foreach (var entry in entries)
            {
                previous = AuditChain.Seal(previous, entry);
                sealedRecords.Add(previous);
            }

            _records.AddRange(sealedRecords);
        }

        return Task.FromResult<IReadOnlyList<AuditRecord>>(sealedRecords);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<AuditRecord>> QueryAsync(AuditQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        lock (_gate)
        {
            var start = _records.FindIndex(r => r.Sequence > query.AfterSequence);
            var found = start < 0 ? [] : _records.Skip(start).Where(query.Matches).Take(query.Limit).ToList();
            return Task.FromResult<IReadOnlyList<AuditRecord>>(found);
        }
    }

    /// <summary>Removes a stored record, for tamper tests; the real stores have no such method.</summary>
    internal void RemoveAt(int index)
    {
        lock (_gate)
        {
            _records.RemoveAt(index);
        }
    }
}
