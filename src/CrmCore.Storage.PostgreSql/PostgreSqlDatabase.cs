using Npgsql;

namespace CrmCore.Storage.PostgreSql;

/// <summary>
/// One <see cref="NpgsqlDataSource"/> (a connection pool) for one database and schema; each operation opens a pooled
/// connection, and the schema is prepared once before the first operation. Thread-safe; dispose with the host.
/// </summary>
internal sealed class PostgreSqlDatabase : IDisposable
{
    private readonly Lazy<bool> _prepared;

    public PostgreSqlDatabase(PostgreSqlStorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", problems), nameof(options));
        }

        Options = options;
        // Statements are few and repeated: let Npgsql prepare them on the server unless the host chose otherwise.
        var connection = new NpgsqlConnectionStringBuilder(options.ConnectionString);
        if (connection.MaxAutoPrepare == 0)
        {
            connection.MaxAutoPrepare = 64;
        }

        DataSource = NpgsqlDataSource.Create(connection.ConnectionString);
        if (options.AsynchronousQueueCommit)
        {
            var builder = new NpgsqlConnectionStringBuilder(connection.ConnectionString);
            builder.Options = (builder.Options + " -c synchronous_commit=off").Trim();
            QueueDataSource = NpgsqlDataSource.Create(builder.ConnectionString);
        }
        else
        {
            QueueDataSource = DataSource;
        }
        _prepared = new Lazy<bool>(Prepare, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public PostgreSqlStorageOptions Options { get; }

    public NpgsqlDataSource DataSource { get; }

    /// <summary>The pool for queue claims, completions and releases: <see cref="DataSource"/>, or one with <c>synchronous_commit=off</c>.</summary>
    public NpgsqlDataSource QueueDataSource { get; }

    /// <summary>Replaces <c>{schema}</c> in SQL text by the configured schema (validated to be a plain identifier).</summary>
    public string Sql(string text) => text.Replace("{schema}", Options.Schema, StringComparison.Ordinal);

    public NpgsqlConnection Open()
    {
        _ = _prepared.Value;
        return DataSource.OpenConnection();
    }

    public async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        _ = _prepared.Value;
        return await DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<NpgsqlConnection> OpenQueueAsync(CancellationToken cancellationToken)
    {
        _ = _prepared.Value;
        return await QueueDataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
    }

    public void Dispose()
    {
        if (!ReferenceEquals(QueueDataSource, DataSource))
        {
            QueueDataSource.Dispose();
        }

        DataSource.Dispose();
    }

    private bool Prepare()
    {
        using var connection = DataSource.OpenConnection();
        PostgreSqlSchema.Apply(connection, Options.Schema, Options.PrepareSchema);
        return true;
    }
}
