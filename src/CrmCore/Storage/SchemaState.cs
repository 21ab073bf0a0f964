namespace CrmCore.Storage;

/// <summary>
/// The schema a database holds, as read by a storage provider without changing it (<c>SqliteSchema.ReadState</c>,
/// <c>PostgreSqlSchema.ReadState</c>): empty, another program's, or CrmCore's of version <see cref="Found"/> against the
/// <see cref="Expected"/> version the library needs. Immutable and thread-safe.
/// </summary>
/// <param name="Status">What the database holds against <paramref name="Expected"/>.</param>
/// <param name="Found">The CrmCore schema version found: 0 when the database has no CrmCore schema (<see cref="SchemaStatus.Empty"/>,
/// <see cref="SchemaStatus.Foreign"/>), or a CrmCore schema version table with no rows.</param>
/// <param name="Expected">The schema version the library needs (the provider's latest).</param>
public readonly record struct SchemaState(SchemaStatus Status, int Found, int Expected);
