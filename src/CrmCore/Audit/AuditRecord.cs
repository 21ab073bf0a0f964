namespace CrmCore.Audit;

/// <summary>
/// A stored <see cref="AuditEntry"/>: its place in the trail (<see cref="Sequence"/>, unique and increasing in the order records were
/// chained), the chain it belongs to (<see cref="Chain"/>), the hash of the record before it in that chain and its own hash over all of
/// them (<see cref="AuditChain"/>), so that altering, deleting or reordering a stored record breaks its chain. Immutable and thread-safe.
/// </summary>
/// <param name="Sequence">The position in the trail, from 1; increasing within a chain, unique across chains (a database may leave gaps).</param>
/// <param name="Entry">What was recorded.</param>
/// <param name="PreviousHash">The <see cref="Hash"/> of the record before it in the same chain; <see cref="AuditChain.GenesisHash"/> for a
/// chain's first.</param>
/// <param name="Hash">SHA-256 (lowercase hex) over the sequence, the chain, the entry and <paramref name="PreviousHash"/>.</param>
public sealed record AuditRecord(long Sequence, AuditEntry Entry, string PreviousHash, string Hash)
{
    /// <summary>The chain the record is linked into: 0 to <see cref="AuditChain.ChainCount"/> - 1 (<see cref="AuditChain.ChainOf"/> of
    /// its entity). Records written before chains existed are all in chain 0.</summary>
    public int Chain { get; init; }
}
