namespace CrmCore.Audit;

/// <summary>The newest record of one chain at the time a <see cref="AuditCheckpoint"/> was taken. Immutable and thread-safe.</summary>
/// <param name="Chain">The chain, 0 to <see cref="AuditChain.ChainCount"/> - 1.</param>
/// <param name="Sequence">The sequence of its newest record.</param>
/// <param name="Hash">That record's hash.</param>
public sealed record AuditChainHead(int Chain, long Sequence, string Hash);
