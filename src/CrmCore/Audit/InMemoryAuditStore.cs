namespace CrmCore.Audit;

/// <summary>The in-memory <see cref="IAuditStore"/>: records in <see cref="AuditChain.ChainCount"/> chains under one lock. Nothing survives
/// the process. Thread-safe.</summary>
public sealed class InMemoryAuditStore : IAuditStore
{
    private readonly List<AuditRecord> _records = [];
    private readonly AuditRecord?[] _heads = new AuditRecord?[AuditChain.ChainCount];
    private readonly Lock _gate = new();

    /// <inheritdoc />
    public Task<IReadOnlyList<AuditRecord>> AppendAsync(IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var sealedRecords = new List<AuditRecord>(entries.Count);
        lock (_gate)
        {
            var sequence = _records.Count == 0 ? 0 : _records[^1].Sequence;
            var heads = (AuditRecord?[])_heads.Clone();
            foreach (var entry in entries)
            {
                ArgumentNullException.ThrowIfNull(entry, nameof(entries));
                var record = AuditChain.Seal(heads[AuditChain.ChainOf(entry)], ++sequence, entry);
                heads[record.Chain] = record;
                sealedRecords.Add(record);
            }

            _records.AddRange(sealedRecords);
            heads.CopyTo(_heads, 0);
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
