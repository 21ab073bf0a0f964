using CrmCore.Cli.Hosting;
using CrmCore.Cli.Localization;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace CrmCore.Cli.Commands;

/// <summary>
/// Plain, localised messages for the failures of a desk store the user named with <c>--store</c>: a SQLite file that cannot be opened,
/// is not a database, is read-only or busy; a PostgreSQL server that cannot be reached or refuses. Each names the store, never a password.
/// </summary>
internal static class StoreErrors
{
    /// <summary>The message for a failure of the store of <paramref name="context"/>, or null when the failure is not the store's.</summary>
    public static string? Describe(CliContext context, Exception error)
    {
        if (context.Store is not { } spec)
        {
            return null;
        }

        if (spec.StartsWith("sqlite:", StringComparison.Ordinal) && Find<SqliteException>(error) is { } sqlite)
        {
            var reason = (sqlite.SqliteErrorCode & 0xFF) switch
            {
                14 => context.T(StoreMessages.SqliteCannotOpen), // SQLITE_CANTOPEN
                26 => null, // SQLITE_NOTADB
                8 => context.T(StoreMessages.SqliteReadOnly), // SQLITE_READONLY
                5 or 6 => context.T(StoreMessages.SqliteBusy), // SQLITE_BUSY, SQLITE_LOCKED
                11 => context.T(StoreMessages.SqliteCorrupt), // SQLITE_CORRUPT
                13 => context.T(StoreMessages.ReasonDiskFull), // SQLITE_FULL
                _ => sqlite.Message,
            };
            var path = spec["sqlite:".Length..];
            return reason is null ? context.T(StoreMessages.SqliteNotADatabase, path) : context.T(StoreMessages.SqliteFailed, path, reason);
        }

        if (spec.StartsWith("postgresql:", StringComparison.Ordinal) && Find<NpgsqlException>(error) is { } npgsql)
        {
            var server = Server(spec["postgresql:".Length..]);
            return npgsql is PostgresException refused
                ? context.T(StoreMessages.PostgreSqlRefused, server, refused.MessageText)
                : context.T(StoreMessages.PostgreSqlUnreachable, server);
        }

        return null;
    }

    /// <summary>The host and port of a connection string (never its password); the string's own words when it cannot be read.</summary>
    internal static string Server(string connectionString)
    {
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            return $"{builder.Host ?? "localhost"}:{builder.Port}";
        }
        catch (ArgumentException)
        {
            return "?";
        }
    }

    private static T? Find<T>(Exception error)
        where T : Exception
    {
        for (Exception? e = error; e is not null; e = e.InnerException)
        {
            if (e is T found)
            {
                return found;
            }
        }

        return null;
    }
}
