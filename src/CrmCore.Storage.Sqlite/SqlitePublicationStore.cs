using System.Globalization;
using Microsoft.Data.Sqlite;
using NodaTime;

namespace CrmCore.Storage.Sqlite;

/// <summary>Published rule sets and calendars in SQLite (table <c>crm_publication</c>). Thread-safe.</summary>
public sealed class SqlitePublicationStore : IPublicationStore
{
    private const string Columns = "kind, name, version, content_hash, published_by, published_at, rolled_back_from, content";
    private readonly SqliteDatabase _database;

    /// <summary>Creates the store.</summary>
    /// <param name="options">The storage settings.</param>
    /// <exception cref="ArgumentException">A setting is invalid.</exception>
    public SqlitePublicationStore(SqliteStorageOptions options)
        : this(new SqliteDatabase(options))
    {
    }

    internal SqlitePublicationStore(SqliteDatabase database) => _database = database;

    /// <inheritdoc />
    public Task<PublishedVersion> PublishAsync(PublicationKind kind, string name, string content, string publishedBy, Instant at, CancellationToken cancellationToken = default)
    {
        PublicationRules.Check(name, publishedBy);
        ArgumentNullException.ThrowIfNull(content);
        return Task.FromResult(Insert(kind, name, content, publishedBy, at, rolledBackFrom: null, skipSame: true));
    }

    /// <inheritdoc />
    public Task<PublishedDocument?> GetCurrentAsync(PublicationKind kind, string name, CancellationToken cancellationToken = default)
    {
        using var connection = _database.Open();
        return Task.FromResult(Read(connection, null, kind, name, null));
    }

    /// <inheritdoc />
    public Task<PublishedDocument?> GetAsync(PublicationKind kind, string name, int version, CancellationToken cancellationToken = default)
    {
        using var connection = _database.Open();
        return Task.FromResult(Read(connection, null, kind, name, version));
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<PublishedVersion>> ListAsync(PublicationKind kind, string name, CancellationToken cancellationToken = default)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM crm_publication WHERE kind = $k AND name = $n ORDER BY version;";
        command.Parameters.AddWithValue("$k", (int)kind);
        command.Parameters.AddWithValue("$n", name);
        using var reader = command.ExecuteReader();
        var list = new List<PublishedVersion>();
        while (reader.Read())
        {
            list.Add(ReadVersion(reader));
        }

        return Task.FromResult<IReadOnlyList<PublishedVersion>>(list);
    }

    /// <inheritdoc />
    public Task<PublishedVersion> RollBackAsync(PublicationKind kind, string name, int version, string publishedBy, Instant at, CancellationToken cancellationToken = default)
    {
        PublicationRules.Check(name, publishedBy);
        using var connection = _database.Open();
        var old = Read(connection, null, kind, name, version) ?? throw new PublicationNotFoundException(kind, name, version);
        return Task.FromResult(Insert(kind, name, old.Content, publishedBy, at, version, skipSame: false));
    }

    private PublishedVersion Insert(PublicationKind kind, string name, string content, string publishedBy, Instant at, int? rolledBackFrom, bool skipSame)
    {
        var hash = ContentHash.Of(content);
        using var connection = _database.Open();
        using var transaction = connection.BeginTransaction();
        var current = Read(connection, transaction, kind, name, null);
        if (skipSame && current is not null && current.Version.ContentHash == hash)
        {
            transaction.Commit();
            return current.Version;
        }

        var published = new PublishedVersion(kind, name, (current?.Version.Version ?? 0) + 1, hash, publishedBy, at, rolledBackFrom);
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"INSERT INTO crm_publication ({Columns}) VALUES ($k, $n, $v, $h, $by, $at, $rb, $c);";
        command.Parameters.AddWithValue("$k", (int)kind);
        command.Parameters.AddWithValue("$n", name);
        command.Parameters.AddWithValue("$v", published.Version);
        command.Parameters.AddWithValue("$h", hash);
        command.Parameters.AddWithValue("$by", publishedBy);
        command.Parameters.AddWithValue("$at", at.ToUnixTimeTicks());
        command.Parameters.AddWithValue("$rb", (object?)rolledBackFrom ?? DBNull.Value);
        command.Parameters.AddWithValue("$c", content);
        command.ExecuteNonQuery();
        transaction.Commit();
        return published;
    }

    private static PublishedDocument? Read(SqliteConnection connection, SqliteTransaction? transaction, PublicationKind kind, string name, int? version)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = version is null
            ? $"SELECT {Columns} FROM crm_publication WHERE kind = $k AND name = $n ORDER BY version DESC LIMIT 1;"
            : $"SELECT {Columns} FROM crm_publication WHERE kind = $k AND name = $n AND version = $v;";
        command.Parameters.AddWithValue("$k", (int)kind);
        command.Parameters.AddWithValue("$n", name);
        command.Parameters.AddWithValue("$v", version ?? 0);
        using var reader = command.ExecuteReader();
        return reader.Read() ? new PublishedDocument(ReadVersion(reader), reader.GetString(7)) : null;
    }

    private static PublishedVersion ReadVersion(SqliteDataReader reader) => new(
        (PublicationKind)reader.GetInt32(0),
        reader.GetString(1),
        reader.GetInt32(2),
        reader.GetString(3),
        reader.GetString(4),
        Instant.FromUnixTimeTicks(reader.GetInt64(5)),
        reader.IsDBNull(6) ? null : Convert.ToInt32(reader.GetInt64(6), CultureInfo.InvariantCulture));
}
