using Npgsql;
using NodaTime;

namespace CrmCore.Storage.PostgreSql;

/// <summary>Published rule sets and calendars in PostgreSQL (table <c>publication</c>). Thread-safe; concurrent publishers of one name take turns.</summary>
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
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await ReadAsync(connection, null, kind, name, null, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<PublishedDocument?> GetAsync(PublicationKind kind, string name, int version, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await ReadAsync(connection, null, kind, name, version, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<PublishedVersion>> ListAsync(PublicationKind kind, string name, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = _database.Sql($"SELECT {Columns} FROM {{schema}}.publication WHERE kind = @k AND name = @n ORDER BY version;");
        command.Parameters.AddWithValue("k", (int)kind);
        command.Parameters.AddWithValue("n", name);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var list = new List<PublishedVersion>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            list.Add(ReadVersion(reader));
        }

        return list;
    }

    /// <inheritdoc />
    public async Task<PublishedVersion> RollBackAsync(PublicationKind kind, string name, int version, string publishedBy, Instant at, CancellationToken cancellationToken = default)
    {
        PublicationRules.Check(name, publishedBy);
        var old = await GetAsync(kind, name, version, cancellationToken).ConfigureAwait(false) ?? throw new PublicationNotFoundException(kind, name, version);
        return await InsertAsync(kind, name, old.Content, publishedBy, at, version, skipSame: false, cancellationToken).ConfigureAwait(false);
    }

    private async Task<PublishedVersion> InsertAsync(
        PublicationKind kind, string name, string content, string publishedBy, Instant at, int? rolledBackFrom, bool skipSame, CancellationToken cancellationToken)
    {
        var hash = ContentHash.Of(content);
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtextextended(@key, 0));", connection, transaction))
        {
            lockCommand.Parameters.AddWithValue("key", $"crmcore.publication.{_database.Options.Schema}.{(int)kind}.{name}");
            await lockCommand.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        var current = await ReadAsync(connection, transaction, kind, name, null, cancellationToken).ConfigureAwait(false);
        if (skipSame && current is not null && current.Version.ContentHash == hash)
        {
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return current.Version;
        }

        var published = new PublishedVersion(kind, name, (current?.Version.Version ?? 0) + 1, hash, publishedBy, at, rolledBackFrom);
        await using var command = new NpgsqlCommand(
            _database.Sql($"INSERT INTO {{schema}}.publication ({Columns}) VALUES (@k, @n, @v, @h, @by, @at, @rb, @c);"), connection, transaction);
        command.Parameters.AddWithValue("k", (int)kind);
        command.Parameters.AddWithValue("n", name);
        command.Parameters.AddWithValue("v", published.Version);
        command.Parameters.AddWithValue("h", hash);
        command.Parameters.AddWithValue("by", publishedBy);
        command.Parameters.AddWithValue("at", at.ToDateTimeUtc());
        command.Parameters.Add(new NpgsqlParameter<int?>("rb", rolledBackFrom));
        command.Parameters.AddWithValue("c", content);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return published;
    }

    private async Task<PublishedDocument?> ReadAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, PublicationKind kind, string name, int? version, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            _database.Sql(version is null
                ? $"SELECT {Columns} FROM {{schema}}.publication WHERE kind = @k AND name = @n ORDER BY version DESC LIMIT 1;"
                : $"SELECT {Columns} FROM {{schema}}.publication WHERE kind = @k AND name = @n AND version = @v;"),
            connection,
            transaction);
        command.Parameters.AddWithValue("k", (int)kind);
        command.Parameters.AddWithValue("n", name);
        command.Parameters.AddWithValue("v", version ?? 0);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? new PublishedDocument(ReadVersion(reader), reader.GetString(7)) : null;
    }

    private static PublishedVersion ReadVersion(NpgsqlDataReader reader) => new(
        (PublicationKind)reader.GetInt32(0),
        reader.GetString(1),
        reader.GetInt32(2),
        reader.GetString(3),
        reader.GetString(4),
        Instant.FromDateTimeUtc(reader.GetDateTime(5)),
        reader.IsDBNull(6) ? null : reader.GetInt32(6));
}
