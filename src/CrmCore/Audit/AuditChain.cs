using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace CrmCore.Audit;

/// <summary>
/// The hash chain of the audit trail: how a record's hash is computed (<see cref="Seal"/>) and how a trail is checked
/// (<see cref="Verify"/>). The hash covers the sequence, every field of the entry (length-prefixed UTF-8, so no two entries encode
/// alike) and the previous record's hash. Thread-safe (stateless).
/// </summary>
public static class AuditChain
{
    /// <summary>The previous hash of the first record: 64 zeros.</summary>
    public const string GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

    /// <summary>Makes the record that follows <paramref name="previous"/>.</summary>
    /// <param name="previous">The last stored record, or null for the first.</param>
    /// <param name="entry">The entry to store.</param>
    /// <returns>The record with its sequence and hashes.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="entry"/> is null.</exception>
    public static AuditRecord Seal(AuditRecord? previous, AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var sequence = (previous?.Sequence ?? 0) + 1;
        var previousHash = previous?.Hash ?? GenesisHash;
        return new AuditRecord(sequence, entry, previousHash, HashOf(sequence, entry, previousHash));
    }

    /// <summary>The hash a record with these contents must carry.</summary>
    /// <param name="sequence">The sequence.</param>
    /// <param name="entry">The entry.</param>
    /// <param name="previousHash">The previous record's hash.</param>
    /// <returns>64 lowercase hex digits.</returns>
    public static string HashOf(long sequence, AuditEntry entry, string previousHash)
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
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>Checks a trail read in sequence order from its first record, and reports the first broken link.</summary>
    /// <param name="records">The records, in the order the store returns them (by sequence).</param>
    /// <returns>The result: intact, or the first record that does not follow from the one before.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="records"/> is null.</exception>
    public static AuditVerification Verify(IEnumerable<AuditRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var checker = new Checker();
        foreach (var record in records)
        {
            if (checker.Next(record) is { } broken)
            {
                return broken;
            }
        }

        return checker.Intact();
    }

    /// <summary>Checks the whole trail of a store, a page at a time (memory stays bounded).</summary>
    /// <param name="store">The store.</param>
    /// <param name="pageSize">Records per read; 1 to <see cref="AuditQuery.MaxLimit"/>.</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    /// <returns>The result.</returns>
    public static async Task<AuditVerification> VerifyAsync(IAuditStore store, int pageSize = 1000, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var checker = new Checker();
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
                return checker.Intact();
            }

            after = page[^1].Sequence;
        }
    }

    private sealed class Checker
    {
        private AuditRecord? _previous;
        private long _count;

        public AuditVerification? Next(AuditRecord record)
        {
            var expected = (_previous?.Sequence ?? 0) + 1;
            var expectedPrevious = _previous?.Hash ?? GenesisHash;
            string? problem = null;
            if (record.Sequence != expected)
            {
                problem = $"record {record.Sequence} follows record {expected - 1}; record {expected} is missing or out of order";
            }
            else if (!string.Equals(record.PreviousHash, expectedPrevious, StringComparison.Ordinal))
            {
                problem = $"record {record.Sequence} does not carry the hash of record {expected - 1} (deleted, inserted or reordered)";
            }
            else if (!string.Equals(record.Hash, HashOf(record.Sequence, record.Entry, record.PreviousHash), StringComparison.Ordinal))
            {
                problem = $"record {record.Sequence} was altered: its content does not match its hash";
            }

            if (problem is not null)
            {
                return new AuditVerification(_count, record.Sequence, problem);
            }

            _previous = record;
            _count++;
            return null;
        }

        public AuditVerification Intact() => new(_count, null, null);
    }
}
