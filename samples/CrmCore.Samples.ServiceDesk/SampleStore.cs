using System.Globalization;
using CrmCore.Localization;
using CrmCore.Storage.PostgreSql;
using CrmCore.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CrmCore.Samples.ServiceDesk;

/// <summary>
/// Where the sample month keeps the desk's state: <c>sqlite[:path]</c> (the default, a fresh file of its own under the temp folder,
/// deleted at the end, so that runs at the same time never share one), <c>memory</c>, or <c>postgresql:&lt;connection string&gt;</c>.
/// Every run starts from an empty store, so it prints the same month.
/// </summary>
/// <param name="Kind">The kind of store.</param>
/// <param name="Target">The SQLite file or the PostgreSQL connection string.</param>
/// <param name="Temporary">True for a SQLite file the run made up and deletes at the end.</param>
internal sealed record SampleStore(SampleStoreKind Kind, string Target, bool Temporary = false)
{
    /// <summary>The schema the sample uses on PostgreSQL; dropped and recreated at the start of each run.</summary>
    public const string PostgreSqlSchema = "crm_sample";

    /// <summary>The default: a new SQLite file of this run's own in the system temp folder, deleted by <see cref="Cleanup"/>.</summary>
    public static SampleStore TemporarySqlite() =>
        new(SampleStoreKind.Sqlite, Path.Combine(Path.GetTempPath(), $"crmcore-sample-month-{Guid.NewGuid():N}.db"), Temporary: true);

    /// <summary>The desk's in-memory stores.</summary>
    public static SampleStore Memory { get; } = new(SampleStoreKind.Memory, "");

    /// <summary>Reads the value of <c>--store</c>.</summary>
    /// <param name="value">The value.</param>
    /// <param name="culture">The language of the error message (English by default).</param>
    /// <exception cref="ArgumentException">The value names no store the sample can use; the message says which values it takes.</exception>
    public static SampleStore Parse(string value, CultureInfo? culture = null)
    {
        var zh = TextCultures.IsSimplifiedChinese(culture ?? TextCultures.English);
        var colon = value.IndexOf(':', StringComparison.Ordinal);
        var kind = colon < 0 ? value : value[..colon];
        var target = colon < 0 ? "" : value[(colon + 1)..];
        return kind.ToLowerInvariant() switch
        {
            "sqlite" when target.Length == 0 => TemporarySqlite(),
            "sqlite" => new SampleStore(SampleStoreKind.Sqlite, Path.GetFullPath(target)),
            "memory" when target.Length == 0 => Memory,
            "postgresql" when target.Length > 0 => new SampleStore(SampleStoreKind.PostgreSql, target),
            "postgresql" => throw new ArgumentException(zh
                ? "错误：--store postgresql 需要连接字符串：--store \"postgresql:Host=…;Username=…;Password=…;Database=…\"。"
                : "error: --store postgresql needs a connection string: --store \"postgresql:Host=…;Username=…;Password=…;Database=…\"."),
            _ => throw new ArgumentException(zh
                ? $"错误：--store“{value}”无效：请使用 --store sqlite[:路径]、--store memory 或 --store postgresql:<连接字符串>。"
                : $"error: --store '{value}' is not valid: use --store sqlite[:path], --store memory or --store postgresql:<connection string>."),
        };
    }

    /// <summary>One line for the console saying where the month is stored (no password).</summary>
    /// <param name="culture">The language (English by default).</param>
    public string Describe(CultureInfo? culture = null) => (Kind, TextCultures.IsSimplifiedChinese(culture ?? TextCultures.English)) switch
    {
        (SampleStoreKind.Sqlite, false) when Temporary => $"Stored in temporary SQLite file {Target} (deleted at the end; --store sqlite:<path> keeps a file)",
        (SampleStoreKind.Sqlite, true) when Temporary => $"存储于临时 SQLite 文件 {Target}（结束时删除；--store sqlite:<路径> 可保留文件）",
        (SampleStoreKind.Sqlite, false) => $"Stored in SQLite file {Target}",
        (SampleStoreKind.Sqlite, true) => $"存储于 SQLite 文件 {Target}",
        (SampleStoreKind.PostgreSql, false) => $"Stored in PostgreSQL {Redacted()}, schema {PostgreSqlSchema}",
        (SampleStoreKind.PostgreSql, true) => $"存储于 PostgreSQL {Redacted()}，架构 {PostgreSqlSchema}",
        (_, false) => "Stored in memory (nothing persists)",
        (_, true) => "存储于内存（不保留任何数据）",
    };

    /// <summary>Empties the store (deletes the SQLite file, drops the PostgreSQL schema) and registers it after <c>AddCrmCore()</c>.</summary>
    public void Register(IServiceCollection services)
    {
        switch (Kind)
        {
            case SampleStoreKind.Sqlite:
                Directory.CreateDirectory(Path.GetDirectoryName(Target)!);
                foreach (var file in new[] { Target, Target + "-wal", Target + "-shm", Target + "-journal" })
                {
                    File.Delete(file);
                }

                services.AddCrmSqliteStorage(Target);
                break;
            case SampleStoreKind.PostgreSql:
                using (var connection = new NpgsqlConnection(Target))
                {
                    connection.Open();
                    using var drop = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {PostgreSqlSchema} CASCADE", connection);
                    drop.ExecuteNonQuery();
                }

                services.AddCrmPostgreSqlStorage(Target, o => o.Schema = PostgreSqlSchema);
                break;
            default:
                break;
        }
    }

    /// <summary>Deletes a temporary SQLite file and its journal files once the run's services are disposed; keeps any other store.</summary>
    public void Cleanup()
    {
        if (!Temporary)
        {
            return;
        }

        // Idle pooled connections hold the file open; connections in use elsewhere close when returned.
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { Target, Target + "-wal", Target + "-shm", Target + "-journal" })
        {
            try
            {
                File.Delete(file);
            }
            catch (IOException e)
            {
                Console.Error.WriteLine($"Could not delete the temporary SQLite file {file}: {e.Message}");
            }
        }
    }

    private string Redacted()
    {
        var builder = new NpgsqlConnectionStringBuilder(Target);
        return $"{builder.Host}:{builder.Port}/{builder.Database}";
    }
}
