using NodaTime;

namespace CrmCore.Storage.PostgreSql;

/// <summary>
/// Published rule sets and calendars in PostgreSQL (table <c>publication</c>). Inside a desk command's or a host's store transaction
/// (<see cref="PostgreSqlStorage.Transactions"/>) every read and publish runs on that transaction's connection, as on SQLite: a publish or
/// roll-back commits or rolls back with the transaction (a nested unit's with its savepoint), and the reads see it before the commit.
/// Outside a transaction each publish is a transaction of its own. Concurrent publishers of one name take turns: a publish holds the name's
/// lock until its transaction ends, so inside a host transaction another host's publish of that name waits for the host's commit or
/// rollback. Thread-safe.
/// </summary>
public sealed class PostgreSqlPublicationStore : IPublicationStore
{
    private const string Columns = "kind, name, version, content_hash, published_by, published_at, rolled_back_from, content";
    private readonly PostgreSqlDatabase _database;

    /// <summary>Creates the store.</summary>
    /// <param name="options">The storage settings.</param>
    /// <exception cref="ArgumentException">A setting is invalid.</exception>
    public PostgreSqlPublicationStore(PostgreSqlStorageOptions options)
        : this(new PostgreSqlDatabase(options))
    {
    }

    internal PostgreSqlPublicationStore(PostgreSqlDatabase database) => _database = database;

    /// <inheritdoc />
    public Task<PublishedVersion> PublishAsync(PublicationKind kind, string name, string content, string publishedBy, Instant at, CancellationToken cancellationToken = default)
    {
        PublicationRules.Check(name, publishedBy);
        ArgumentNullException.ThrowIfNull(content);
        return InsertAsync(kind, name, content, publishedBy, at, null, skipSame: true, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<PublishedDocument?> GetCurrentAsync(PublicationKind kind, string name, CancellationToken cancellationToken = default)
    {
        await using var lease = await _database.LeaseAsync(cancellationToken).ConfigureAwait(false);
        return await ReadAsync(lease, kind, name, null, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<PublishedDocument?> GetAsync(PublicationKind kind, string name, int version, CancellationToken cancellationToken = default)
    {
        await using var lease = await _database.LeaseAsync(cancellationToken).ConfigureAwait(false);
        return await ReadAsync(lease, kind, name, version, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<PublishedVersion>> ListAsync(PublicationKind kind, string name, CancellationToken cancellationToken = default)
    {
        await using var lease = await _database.LeaseAsync(cancellationToken).ConfigureAwait(false);
        var command = lease.Command(_database.Sql($"SELECT {Columns} FROM {{schema}}.publication WHERE kind = @k AND name = @n ORDER BY version;"));
        DeskSql.Add(command, "k", (int)kind);
        DeskSql.Add(command, "n", name);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var list = new List<PublishedVersion>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            list.Add(ReadVersion(reader));
        }

        return list;
    }

    /// <inheritdoc />
    public Task<PublishedVersion> RollBackAsync(PublicationKind kind, string name, int version, string publishedBy, Instant at, CancellationToken cancellationToken = default)
    {
        PublicationRules.Check(name, publishedBy);
        return InsertAsync(kind, name, null, publishedBy, at, version, skipSame: false, cancellationToken);
    }

    // Publishes content (or, for a roll-back, the content of version rolledBackFrom, read in the same transaction) as the next version.
    // Inside a store transaction this joins it; otherwise it is a transaction of its own. Either way the name's advisory lock, taken first,
    // is held to the end of the transaction, so a concurrent publisher of the same name reads the version number after this one's commit.
    private async Task<PublishedVersion> InsertAsync(
        PublicationKind kind, string name, string? content, string publishedBy, Instant at, int? rolledBackFrom, bool skipSame, CancellationToken cancellationToken)
    {
        await using var lease = await _database.LeaseAsync(cancellationToken).ConfigureAwait(false);
        await lease.BeginAsync(cancellationToken).ConfigureAwait(false);
        var lockCommand = lease.Command("SELECT pg_advisory_xact_lock(hashtextextended(@key, 0));");
        DeskSql.Add(lockCommand, "key", $"crmcore.publication.{_database.Options.Schema}.{(int)kind}.{name}");
        await lockCommand.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);

        if (content is null)
        {
            var version = rolledBackFrom!.Value;
            content = (await ReadAsync(lease, kind, name, version, cancellationToken).ConfigureAwait(false)
                       ?? throw new PublicationNotFoundException(kind, name, version)).Content;
        }

        var hash = ContentHash.Of(content);
        var current = await ReadAsync(lease, kind, name, null, cancellationToken).ConfigureAwait(false);
        if (skipSame && current is not null && current.Version.ContentHash == hash)
        {
            await lease.CommitAsync(cancellationToken).ConfigureAwait(false);
            return current.Version;
        }

        var published = new PublishedVersion(kind, name, (current?.Version.Version ?? 0) + 1, hash, publishedBy, at, rolledBackFrom);
        var command = lease.Command(_database.Sql($"INSERT INTO {{schema}}.publication ({Columns}) VALUES (@k, @n, @v, @h, @by, @at, @rb, @c);"));
        DeskSql.Add(command, "k", (int)kind);
        DeskSql.Add(command, "n", name);
        DeskSql.Add(command, "v", published.Version);
        DeskSql.Add(command, "h", hash);
        DeskSql.Add(command, "by", publishedBy);
        DeskSql.Add(command, "at", at.ToDateTimeUtc());
        DeskSql.Add(command, "rb", rolledBackFrom);
        DeskSql.Add(command, "c", content);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        await lease.CommitAsync(cancellationToken).ConfigureAwait(false);
        return published;
    }

    private async Task<PublishedDocument?> ReadAsync(DbLease lease, PublicationKind kind, string name, int? version, CancellationToken cancellationToken)
    {
        var command = lease.Command(_database.Sql(version is null
            ? $"SELECT {Columns} FROM {{schema}}.publication WHERE kind = @k AND name = @n ORDER BY version DESC LIMIT 1;"
            : $"SELECT {Columns} FROM {{schema}}.publication WHERE kind = @k AND name = @n AND version = @v;"));
        DeskSql.Add(command, "k", (int)kind);
        DeskSql.Add(command, "n", name);
        if (version is not null)
        {
            DeskSql.Add(command, "v", version.Value);
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? new PublishedDocument(ReadVersion(reader), reader.GetString(7)) : null;
    }

    private static PublishedVersion ReadVersion(System.Data.Common.DbDataReader reader) => new(
        (PublicationKind)reader.GetInt32(0),
        reader.GetString(1),
        reader.GetInt32(2),
        reader.GetString(3),
        reader.GetString(4),
        Instant.FromDateTimeUtc(reader.GetDateTime(5)),
        reader.IsDBNull(6) ? null : reader.GetInt32(6));
}
