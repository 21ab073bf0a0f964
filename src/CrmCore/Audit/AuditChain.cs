using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace CrmCore.Audit;

/// <summary>
/// The hash chains of the audit trail: which chain a record joins (<see cref="ChainOf"/>), how its hash is computed (<see cref="Seal(AuditRecord?, long, AuditEntry)"/>)
/// and how a trail is checked (<see cref="Verify(IEnumerable{AuditRecord})"/>). The trail is <see cref="ChainCount"/> independent chains, one per
/// shard of entities, so writers of unrelated entities never wait for each other; each record carries the hash of the record before it in
/// its chain. The hash covers the sequence, the chain, every field of the entry (length-prefixed UTF-8, so no two entries encode alike) and
/// the previous hash. Thread-safe (stateless).
/// </summary>
public static class AuditChain
{
    /// <summary>The previous hash of a chain's first record: 64 zeros.</summary>
    public const string GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

    /// <summary>How many chains the trail has: records of one entity always join the same chain (<see cref="ChainOf"/>).</summary>
    public const int ChainCount = 16;

    /// <summary>The chain an entry joins: a fixed hash (FNV-1a over UTF-8) of its entity type and id, modulo <see cref="ChainCount"/>.</summary>
    /// <param name="entry">The entry.</param>
    /// <returns>0 to <see cref="ChainCount"/> - 1.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="entry"/> is null.</exception>
    public static int ChainOf(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(entry.EntityType + "\0" + entry.EntityId))
        {
            hash = (hash ^ b) * 16777619u;
        }

        return (int)(hash % ChainCount);
    }

    /// <summary>Makes the record that follows <paramref name="previous"/> in its chain (chain 0 for the first), with the next sequence.</summary>
    /// <param name="previous">The last stored record, or null for the first.</param>
    /// <param name="entry">The entry to store.</param>
    /// <returns>The record with its sequence and hashes.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="entry"/> is null.</exception>
    public static AuditRecord Seal(AuditRecord? previous, AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var sequence = (previous?.Sequence ?? 0) + 1;
        var previousHash = previous?.Hash ?? GenesisHash;
        var chain = previous?.Chain ?? 0;
        return new AuditRecord(sequence, entry, previousHash, HashOf(sequence, chain, entry, previousHash)) { Chain = chain };
    }

    /// <summary>Makes the record of <paramref name="entry"/> in its chain (<see cref="ChainOf"/>) at <paramref name="sequence"/>.</summary>
    /// <param name="previousInChain">The newest stored record of the entry's chain, or null when the chain is empty.</param>
    /// <param name="sequence">The record's sequence: above every stored one.</param>
    /// <param name="entry">The entry to store.</param>
    /// <returns>The record.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="entry"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="previousInChain"/> is of another chain or not below <paramref name="sequence"/>.</exception>
    public static AuditRecord Seal(AuditRecord? previousInChain, long sequence, AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var chain = ChainOf(entry);
        if (previousInChain is not null && (previousInChain.Chain != chain || previousInChain.Sequence >= sequence))
        {
            throw new ArgumentException(
                $"Record {previousInChain.Sequence} of chain {previousInChain.Chain} cannot precede record {sequence} of chain {chain}.", nameof(previousInChain));
        }

        var previousHash = previousInChain?.Hash ?? GenesisHash;
        return new AuditRecord(sequence, entry, previousHash, HashOf(sequence, chain, entry, previousHash)) { Chain = chain };
    }

    /// <summary>The hash a chain-0 record with these contents must carry.</summary>
    /// <param name="sequence">The sequence.</param>
    /// <param name="entry">The entry.</param>
    /// <param name="previousHash">The previous record's hash.</param>
    /// <returns>64 lowercase hex digits.</returns>
    public static string HashOf(long sequence, AuditEntry entry, string previousHash) => HashOf(sequence, 0, entry, previousHash);

    /// <summary>The hash a record with these contents must carry (chain 0 hashes exactly as before chains existed).</summary>
    /// <param name="sequence">The sequence.</param>
    /// <param name="chain">The chain.</param>
    /// <param name="entry">The entry.</param>
    /// <param name="previousHash">The previous record's hash in the chain.</param>
    /// <returns>64 lowercase hex digits.</returns>
    public static string HashOf(long sequence, int chain, AuditEntry entry, string previousHash)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(previousHash);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var number = new byte[8];
        void Long(long value)
        {
            BinaryPrimitives.WriteInt64BigEndian(number, value);
            hash.AppendData(number);
        }

        void Text(string? value)
        {
            if (value is null)
            {
                Long(-1);
                return;
            }

            var bytes = Encoding.UTF8.GetBytes(value);
            Long(bytes.Length);
            hash.AppendData(bytes);
        }

        Text("crmcore.audit.v1");
        Long(sequence);
        Long(entry.At.ToUnixTimeTicks());
        Text(entry.Actor);
        Long((long)entry.Action);
        Text(entry.EntityType);
        Text(entry.EntityId);
        Text(entry.Field);
        Text(entry.OldValue);
        Text(entry.NewValue);
        Text(entry.Reason);
        Text(entry.CorrelationId);
        Text(previousHash);
        if (chain != 0)
        {
            Long(chain);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>Checks a trail read in sequence order from its first record, and reports the first broken link.</summary>
    /// <param name="records">The records, in the order the store returns them (by sequence).</param>
    /// <returns>The result: intact (with the checkpoint of the heads reached), or the first record that does not follow from the one before.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="records"/> is null.</exception>
    public static AuditVerification Verify(IEnumerable<AuditRecord> records) => Verify(records, null);

    /// <summary>Checks a trail as <see cref="Verify(IEnumerable{AuditRecord})"/> does and also that every head of <paramref name="expected"/> is
    /// still there, unchanged: deleting a chain's newest records (which no chain can show by itself) is reported at the missing head.</summary>
    /// <param name="records">The records, in sequence order.</param>
    /// <param name="expected">A checkpoint taken earlier (<see cref="AuditVerification.Checkpoint"/>), or null.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="records"/> is null.</exception>
    public static AuditVerification Verify(IEnumerable<AuditRecord> records, AuditCheckpoint? expected)
    {
        ArgumentNullException.ThrowIfNull(records);
        var checker = new Checker(expected);
        foreach (var record in records)
        {
            if (checker.Next(record) is { } broken)
            {
                return broken;
            }
        }

        return checker.End();
    }

    /// <summary>Checks the whole trail of a store, a page at a time (memory stays bounded).</summary>
    /// <param name="store">The store.</param>
    /// <param name="pageSize">Records per read; 1 to <see cref="AuditQuery.MaxLimit"/>.</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    /// <returns>The result.</returns>
    public static Task<AuditVerification> VerifyAsync(IAuditStore store, int pageSize = 1000, CancellationToken cancellationToken = default) =>
        VerifyAsync(store, null, pageSize, cancellationToken);

    /// <summary>Checks the whole trail of a store against a checkpoint taken earlier (see <see cref="Verify(IEnumerable{AuditRecord}, AuditCheckpoint?)"/>).</summary>
    /// <param name="store">The store.</param>
    /// <param name="expected">The checkpoint, or null for none.</param>
    /// <param name="pageSize">Records per read; 1 to <see cref="AuditQuery.MaxLimit"/>.</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    /// <returns>The result.</returns>
    public static async Task<AuditVerification> VerifyAsync(IAuditStore store, AuditCheckpoint? expected, int pageSize = 1000, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var checker = new Checker(expected);
        var after = 0L;
        while (true)
        {
            var page = await store.QueryAsync(new AuditQuery { AfterSequence = after, Limit = pageSize }, cancellationToken).ConfigureAwait(false);
            foreach (var record in page)
            {
                if (checker.Next(record) is { } broken)
                {
                    return broken;
                }
            }

            if (page.Count < pageSize)
            {
                return checker.End();
            }

            after = page[^1].Sequence;
        }
    }

    private sealed class Checker(AuditCheckpoint? expected)
    {
        private readonly Dictionary<int, AuditRecord> _heads = [];
        private readonly Dictionary<int, AuditChainHead> _expected = expected?.Heads.ToDictionary(h => h.Chain) ?? [];
        private long _lastSequence;
        private long _count;

        public AuditVerification? Next(AuditRecord record)
        {
            _heads.TryGetValue(record.Chain, out var previous);
            var expectedPrevious = previous?.Hash ?? GenesisHash;
            AuditFinding? finding = null;
            if (record.Chain is < 0 or >= ChainCount)
            {
                finding = new AuditFinding(AuditFindingKind.UnknownChain, record.Sequence, record.Chain);
            }
            else if (record.Sequence <= _lastSequence)
            {
                finding = new AuditFinding(AuditFindingKind.OutOfOrder, record.Sequence, record.Chain) { OtherSequence = _lastSequence };
            }
            else if (!string.Equals(record.PreviousHash, expectedPrevious, StringComparison.Ordinal))
            {
                finding = previous is null
                    ? new AuditFinding(AuditFindingKind.ChainStartMismatch, record.Sequence, record.Chain)
                    : new AuditFinding(AuditFindingKind.PreviousHashMismatch, record.Sequence, record.Chain) { OtherSequence = previous.Sequence };
            }
            else if (!string.Equals(record.Hash, HashOf(record.Sequence, record.Chain, record.Entry, record.PreviousHash), StringComparison.Ordinal))
            {
                finding = new AuditFinding(AuditFindingKind.Altered, record.Sequence, record.Chain);
            }
            else if (_expected.TryGetValue(record.Chain, out var head) && record.Sequence >= head.Sequence && (previous is null || previous.Sequence < head.Sequence))
            {
                finding = record.Sequence == head.Sequence && string.Equals(record.Hash, head.Hash, StringComparison.Ordinal)
                    ? null
                    : new AuditFinding(AuditFindingKind.CheckpointMismatch, record.Sequence, record.Chain) { CheckpointSequence = head.Sequence, CheckpointHash = head.Hash };
            }

            if (finding is not null)
            {
                return new AuditVerification(_count, record.Sequence, finding.ToString()) { Finding = finding };
            }

            _heads[record.Chain] = record;
            _lastSequence = record.Sequence;
            _count++;
            return null;
        }

        public AuditVerification End()
        {
            foreach (var head in _expected.Values.OrderBy(h => h.Sequence))
            {
                if (!_heads.TryGetValue(head.Chain, out var last) || last.Sequence < head.Sequence)
                {
                    var finding = new AuditFinding(AuditFindingKind.NewestDeleted, head.Sequence, head.Chain)
                    {
                        OtherSequence = last?.Sequence,
                        CheckpointSequence = head.Sequence,
                    };
                    return new AuditVerification(_count, head.Sequence, finding.ToString()) { Finding = finding };
                }
            }

            return new AuditVerification(_count, null, null)
            {
                Checkpoint = new AuditCheckpoint(_heads.Values.Select(r => new AuditChainHead(r.Chain, r.Sequence, r.Hash))),
            };
        }
    }
}
