namespace CrmCore.Audit;

/// <summary>
/// A stored <see cref="AuditEntry"/>: its place in the trail (<see cref="Sequence"/>, from 1 without gaps), the hash of the record before
/// it and its own hash over both (<see cref="AuditChain"/>), so that altering, deleting or reordering a stored record breaks the chain.
/// Immutable and thread-safe.
/// </summary>
/// <param name="Sequence">The position in the trail, from 1.</param>
/// <param name="Entry">What was recorded.</param>
/// <param name="PreviousHash">The <see cref="Hash"/> of record <c>Sequence - 1</c>; <see cref="AuditChain.GenesisHash"/> for the first.</param>
/// <param name="Hash">SHA-256 (lowercase hex) over the sequence, the entry and <paramref name="PreviousHash"/>.</param>
public sealed record AuditRecord(long Sequence, AuditEntry Entry, string PreviousHash, string Hash);
