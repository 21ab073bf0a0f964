namespace CrmCore.Audit;

/// <summary>
/// The append-only audit trail. Appends are serialised: each record gets the next sequence and carries the previous record's hash
/// (<see cref="AuditChain"/>). Records are never updated or deleted through this interface. Implementations: <see cref="InMemoryAuditStore"/>,
/// SQLite and PostgreSQL (table <c>audit_log</c>). Thread-safe.
/// </summary>
public interface IAuditStore
{
    /// <summary>Appends entries in order, as one unit: all are stored, or none.</summary>
    /// <param name="entries">The entries, oldest first.</param>
    /// <param name="cancellationToken">Cancels the write before it commits.</param>
    /// <returns>The stored records.</returns>
    Task<IReadOnlyList<AuditRecord>> AppendAsync(IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken = default);

    /// <summary>Reads records by entity, actor, action and time, in sequence order.</summary>
    /// <param name="query">The filters and paging.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>At most <see cref="AuditQuery.Limit"/> records.</returns>
    Task<IReadOnlyList<AuditRecord>> QueryAsync(AuditQuery query, CancellationToken cancellationToken = default);
}
