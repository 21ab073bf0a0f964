using System.Globalization;
using System.Data.Common;
using NodaTime;

namespace CrmCore.Storage.Sqlite;

/// <summary>
/// Published rule sets and calendars in SQLite (table <c>crm_publication</c>). Inside a desk command's or a host's store transaction
/// (<see cref="SqliteStorage.Transactions"/>) every read and publish runs on that transaction's connection: a publish commits or rolls
/// back with the transaction (a nested unit's with its savepoint), and the reads see it before the commit. SQLite has one writer and the
/// transaction holds its write lock, so a publish on a connection of its own could not commit before the transaction ends. Outside a
/// transaction each publish is a transaction of its own. Thread-safe.
/// </summary>
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
        using var lease = _database.Lease();
        return Task.FromResult(Read(lease, kind, name, null));
    }

    /// <inheritdoc />
    public Task<PublishedDocument?> GetAsync(PublicationKind kind, string name, int version, CancellationToken cancellationToken = default)
    {
        using var lease = _database.Lease();
        return Task.FromResult(Read(lease, kind, name, version));
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<PublishedVersion>> ListAsync(PublicationKind kind, string name, CancellationToken cancellationToken = default)
    {
        using var lease = _database.Lease();
        var command = lease.Command($"SELECT {Columns} FROM crm_publication WHERE kind = $k AND name = $n ORDER BY version;");
        DeskSql.Add(command, "$k", (int)kind);
        DeskSql.Add(command, "$n", name);
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
        return Task.FromResult(Insert(kind, name, null, publishedBy, at, version, skipSame: false));
    }

    // Publishes content (or, for a roll-back, the content of version rolledBackFrom, read in the same transaction) as the next version.
    // Inside a store transaction this joins it; otherwise it is a write transaction of its own (BEGIN IMMEDIATE, so the version number
    // read is still the latest at the insert).
    private PublishedVersion Insert(PublicationKind kind, string name, string? content, string publishedBy, Instant at, int? rolledBackFrom, bool skipSame)
    {
        using var lease = _database.Lease();
        lease.Begin();
        if (content is null)
        {
            var version = rolledBackFrom!.Value;
            content = (Read(lease, kind, name, version) ?? throw new PublicationNotFoundException(kind, name, version)).Content;
        }

        var hash = ContentHash.Of(content);
        var current = Read(lease, kind, name, null);
        if (skipSame && current is not null && current.Version.ContentHash == hash)
        {
            lease.Commit();
            return current.Version;
        }

        var published = new PublishedVersion(kind, name, (current?.Version.Version ?? 0) + 1, hash, publishedBy, at, rolledBackFrom);
        var command = lease.Command($"INSERT INTO crm_publication ({Columns}) VALUES ($k, $n, $v, $h, $by, $at, $rb, $c);");
        DeskSql.Add(command, "$k", (int)kind);
        DeskSql.Add(command, "$n", name);
        DeskSql.Add(command, "$v", published.Version);
        DeskSql.Add(command, "$h", hash);
        DeskSql.Add(command, "$by", publishedBy);
        DeskSql.Add(command, "$at", at.ToUnixTimeTicks());
        DeskSql.Add(command, "$rb", rolledBackFrom);
        DeskSql.Add(command, "$c", content);
        command.ExecuteNonQuery();
        lease.Commit();
        return published;
    }

    private static PublishedDocument? Read(DbLease lease, PublicationKind kind, string name, int? version)
    {
        var command = lease.Command(version is null
            ? $"SELECT {Columns} FROM crm_publication WHERE kind = $k AND name = $n ORDER BY version DESC LIMIT 1;"
            : $"SELECT {Columns} FROM crm_publication WHERE kind = $k AND name = $n AND version = $v;");
        DeskSql.Add(command, "$k", (int)kind);
        DeskSql.Add(command, "$n", name);
        DeskSql.Add(command, "$v", version ?? 0);
        using var reader = command.ExecuteReader();
        return reader.Read() ? new PublishedDocument(ReadVersion(reader), reader.GetString(7)) : null;
    }

    private static PublishedVersion ReadVersion(DbDataReader reader) => new(
        (PublicationKind)reader.GetInt32(0),
        reader.GetString(1),
        reader.GetInt32(2),
        reader.GetString(3),
        reader.GetString(4),
        Instant.FromUnixTimeTicks(reader.GetInt64(5)),
        reader.IsDBNull(6) ? null : Convert.ToInt32(reader.GetInt64(6), CultureInfo.InvariantCulture));
}
