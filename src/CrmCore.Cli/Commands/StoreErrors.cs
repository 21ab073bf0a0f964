using System.Globalization;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using CrmCore.Cli.Hosting;
using CrmCore.Cli.Localization;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace CrmCore.Cli.Commands;

/// <summary>
/// Plain, localised messages for the failures of a desk store the user named (<c>--store</c>, or <c>crm audit --connection</c>): a SQLite
/// file that cannot be opened, is not a database, is read-only or busy; a PostgreSQL store that cannot be reached (connection refused, host
/// not found, no answer in time), that refuses the login (authentication failed, database missing) or refuses a statement. Each message is
/// one line that names the store, with any password masked (<see cref="MaskPassword"/>), and the cause; never a stack trace.
/// </summary>
internal static class StoreErrors
{
    /// <summary>The SQLSTATE of a missing database (invalid_catalog_name).</summary>
    private const string DatabaseMissing = "3D000";

    /// <summary>The keys of a connection string whose value is a secret: Password, SSL Password... and the synonyms Pwd and Psw.</summary>
    private static readonly Regex Secret = new(
        """(?<key>(?:^|;)\s*(?:[^;=]*password|pwd|psw)\s*=\s*)(?:'(?:[^']|'')*'|"(?:[^"]|"")*"|[^;]*)""",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant,
        TimeSpan.FromSeconds(1));

    /// <summary>A password key and everything after it.</summary>
    private static readonly Regex SecretToEnd = new(
        """(?<key>(?:^|;)\s*(?:[^;=]*password|pwd|psw)\s*=\s*).*""",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Singleline,
        TimeSpan.FromSeconds(1));

    /// <summary>The message for a failure of the store of <paramref name="context"/>, or null when the failure is not the store's.</summary>
    public static string? Describe(CliContext context, Exception error)
    {
        if (context.Store is not { } spec)
        {
            return null;
        }

        if (spec.StartsWith("sqlite:", StringComparison.Ordinal) && Find<SqliteException>(error) is { } sqlite)
        {
            var path = spec["sqlite:".Length..];
            if (IsNotADatabase(sqlite))
            {
                return context.T(StoreMessages.SqliteNotADatabase, path);
            }

            // A cause crm cannot name is SQLite's code (the extended one, which tells more), with SQLite's own (English) text on a detail line.
            return SqliteReason(context, sqlite) is { } reason
                ? context.T(StoreMessages.SqliteFailed, path, reason)
                : OutputPaths.WithDetail(context, context.T(StoreMessages.SqliteFailed, path, SqliteCode(context, sqlite)), sqlite);
        }

        if (spec.StartsWith("postgresql:", StringComparison.Ordinal) && Find<NpgsqlException>(error) is { } npgsql)
        {
            var connectionString = spec["postgresql:".Length..];
            var store = MaskPassword(connectionString);
            if (context.StoreReached && SessionCause(context, connectionString, npgsql) is var (lost, lostDetail))
            {
                return OutputPaths.WithDetail(context, context.T(StoreMessages.PostgreSqlSessionFailed, store, lost), lostDetail);
            }

            if (ConnectionCause(context, connectionString, npgsql) is var (cause, detail))
            {
                return OutputPaths.WithDetail(context, context.T(StoreMessages.PostgreSqlUnreachable, store, cause), detail);
            }

            // A statement the server refused: the cause by its SQLSTATE in the run's language, the server's own (English) text on a detail line.
            var refused = (PostgresException)npgsql;
            return OutputPaths.WithDetail(context, context.T(StoreMessages.PostgreSqlRefused, store, PostgreSqlReason(context, connectionString, refused)), refused.MessageText);
        }

        return null;
    }

    /// <summary>
    /// Why SQLite could not use a file as a database, in the run's language, or null when the failure is not the file's (a statement
    /// SQLite refused, such as one on a missing table, which is the database's content and not its file): not a database, damaged,
    /// cannot be opened, read-only, busy, a full disk, or a write to the disk that failed (which a full disk also gives: SQLite says
    /// SQLITE_IOERR, not SQLITE_FULL, when a WAL database's shared-memory file cannot grow).
    /// </summary>
    public static string? SqliteReason(CliContext context, SqliteException error) => (error.SqliteErrorCode & 0xFF) switch
    {
        10 when IsFailedWrite(error.SqliteExtendedErrorCode) => context.T(StoreMessages.SqliteWriteFailed), // SQLITE_IOERR of a write
        14 => context.T(StoreMessages.SqliteCannotOpen), // SQLITE_CANTOPEN
        26 => context.T(StoreMessages.SqliteNotSqlite), // SQLITE_NOTADB
        8 => context.T(StoreMessages.SqliteReadOnly), // SQLITE_READONLY
        5 or 6 => context.T(StoreMessages.StoreBusy), // SQLITE_BUSY, SQLITE_LOCKED
        11 => context.T(StoreMessages.SqliteCorrupt), // SQLITE_CORRUPT
        13 => DiskFull(context), // SQLITE_FULL
        _ => null,
    };

    /// <summary>
    /// Why a PostgreSQL server refused a statement, by its SQLSTATE, in the run's language, worded as the same causes are for SQLite where
    /// they are the same: no permission for the login (42501), a table, column or schema of the store missing (42P01, 3F000, 42703, 42883,
    /// 42704), a server that takes only reads (25006), a lock another session holds or a conflict with one (55P03, 40P01, 40001: busy), the
    /// statement cancelled (57014), the session ended by the server (57P01: pg_terminate_backend or a shutdown), the server shutting down
    /// (57P02), its disk full (53100), out of other resources (53...), damaged
    /// data (XX001, XX002), a failed disk read or write (58030); any other is the server's refusal with its SQLSTATE.
    /// </summary>
    private static string PostgreSqlReason(CliContext context, string connectionString, PostgresException error) => error.SqlState switch
    {
        "42501" => context.T(StoreMessages.ReasonPermissionDenied, UserOf(connectionString)),
        "42P01" or "3F000" or "42703" or "42883" or "42704" => context.T(StoreMessages.ReasonStoreObjectMissing),
        "25006" => context.T(StoreMessages.ReasonServerReadOnly),
        "55P03" or "40P01" or "40001" => context.T(StoreMessages.StoreBusy),
        "57014" => context.T(StoreMessages.ReasonStatementCancelled),
        "57P01" => context.T(StoreMessages.ReasonSessionEnded),
        "57P02" => context.T(StoreMessages.ReasonServerShuttingDown),
        "53100" => DiskFull(context),
        { } state when state.StartsWith("53", StringComparison.Ordinal) => context.T(StoreMessages.ReasonServerOutOfResources),
        "XX001" or "XX002" => context.T(StoreMessages.ReasonServerDataDamaged),
        "58030" => context.T(StoreMessages.ReasonServerDiskFailed),
        var state => context.T(StoreMessages.ReasonServerRefused, state),
    };

    /// <summary>A full disk, SQLite's (SQLITE_FULL) or a PostgreSQL server's (53100), worded as the import words every full disk.</summary>
    private static string DiskFull(CliContext context) => CrmCore.Import.Localization.ImportStrings.Get("IoCause_DiskFull", context.Language.Culture);

    /// <summary>The user a connection string logs in as: its Username, else Npgsql's default (PGUSER, else the operating system's user).</summary>
    private static string UserOf(string connectionString) =>
        Builder(connectionString)?.Username is { Length: > 0 } user ? user
        : Environment.GetEnvironmentVariable("PGUSER") is { Length: > 0 } fromEnvironment ? fromEnvironment : Environment.UserName;

    /// <summary>The <see cref="SqliteReason(CliContext, SqliteException)"/> of the SQLite failure in <paramref name="error"/> or its inner
    /// exceptions, or null when there is none or it is not the file's.</summary>
    public static string? SqliteReason(CliContext context, Exception error) => Find<SqliteException>(error) is { } sqlite ? SqliteReason(context, sqlite) : null;

    /// <summary>A SQLite failure crm does not name, by SQLite's code (the extended one, which tells more): <c>SQLite reported error N</c>, in
    /// the run's language; the caller puts SQLite's own text on a detail line. Null when <paramref name="error"/> holds no SQLite failure.</summary>
    public static string? SqliteCode(CliContext context, Exception error) =>
        Find<SqliteException>(error) is { } sqlite ? context.T(StoreMessages.SqliteOtherError, sqlite.SqliteExtendedErrorCode) : null;

    private static bool IsNotADatabase(SqliteException error) => (error.SqliteErrorCode & 0xFF) == 26;

    /// <summary>
    /// Whether an extended SQLITE_IOERR code is a write to the disk that failed: SQLITE_IOERR_WRITE (778), _FSYNC (1034), _DIR_FSYNC
    /// (1290), _TRUNCATE (1546) or _SHMSIZE (4874), the one a WAL database gets when its shared-memory file cannot grow on a full disk.
    /// </summary>
    private static bool IsFailedWrite(int extendedCode) => extendedCode is 778 or 1034 or 1290 or 1546 or 4874;

    /// <summary>
    /// Whether the SQLite failure in <paramref name="error"/> or its inner exceptions is a statement on a table or column the database
    /// does not have (SQLITE_ERROR, <c>no such table</c> / <c>no such column</c>): the database's schema, not its file.
    /// </summary>
    public static bool IsMissingSchemaObject(Exception error) =>
        Find<SqliteException>(error) is { } sqlite
        && (sqlite.SqliteErrorCode & 0xFF) == 1
        && (sqlite.Message.Contains("no such table", StringComparison.Ordinal) || sqlite.Message.Contains("no such column", StringComparison.Ordinal));

    /// <summary>Whether <paramref name="error"/> or one of its inner exceptions is a PostgreSQL failure (of the connection or of a statement).</summary>
    public static bool IsPostgreSql(Exception error) => Find<NpgsqlException>(error) is not null;

    /// <summary>Whether <paramref name="error"/> or one of its inner exceptions is a SQLite failure.</summary>
    public static bool IsSqlite(Exception error) => Find<SqliteException>(error) is not null;

    /// <summary>
    /// Why a PostgreSQL connection string given to <paramref name="option"/> cannot be read, as the usage error to print in the run's
    /// language, or null when it can: an unknown keyword, a bad value, or text that is not <c>key=value;...</c>. The password is masked.
    /// </summary>
    public static string? ConnectionStringProblem(CliLanguage language, string option, string connectionString)
    {
        try
        {
            _ = new NpgsqlConnectionStringBuilder(connectionString);
            return null;
        }
        catch (ArgumentException e)
        {
            var masked = MaskPassword(connectionString);
            // The keyword named must be one of the string's keys as the mask reads them; otherwise (Password=sec;ret;... read as the
            // keyword 'ret;username') the text may hold part of a password: the generic reason, and everything after a password key hidden.
            var key = e.ParamName is { } named && KeysOf(masked).Contains(named.Trim(), StringComparer.OrdinalIgnoreCase) ? named : null;
            var reason = e switch
            {
                { InnerException: KeyNotFoundException } when key is not null => string.Format(CultureInfo.InvariantCulture, StoreMessages.UnknownKeyword.In(language), key),
                _ when key is not null => string.Format(CultureInfo.InvariantCulture, StoreMessages.BadValue.In(language), key),
                _ => StoreMessages.NotKeyValue.In(language),
            };
            var shown = key is null ? MaskFromPassword(connectionString) : masked;
            return string.Format(CultureInfo.InvariantCulture, StoreMessages.BadConnectionString.In(language), option, shown, reason);
        }
    }

    /// <summary>
    /// The connection string as the user wrote it, with the value of every password key (<c>Password</c>, <c>SSL Password</c>, <c>Pwd</c>,
    /// <c>Psw</c>, in any case, quoted or not) replaced by <c>***</c>.
    /// </summary>
    internal static string MaskPassword(string connectionString) => Secret.Replace(connectionString, m => m.Groups["key"].Value + "***");

    /// <summary>
    /// The connection string with everything from the value of its first password key to the end replaced by <c>***</c>: for a string
    /// that cannot be read as <c>key=value;...</c>, where the password's own end is not known.
    /// </summary>
    internal static string MaskFromPassword(string connectionString) => SecretToEnd.Replace(connectionString, m => m.Groups["key"].Value + "***", 1);

    /// <summary>The keys of a (masked) connection string as written: the text before the first <c>=</c> of each <c>;</c>-separated part.</summary>
    private static IEnumerable<string> KeysOf(string connectionString) =>
        connectionString.Split(';').Where(part => part.Contains('=', StringComparison.Ordinal)).Select(part => part[..part.IndexOf('=', StringComparison.Ordinal)].Trim());

    /// <summary>
    /// The cause of a failure to connect or log in, in the run's language, with the server's, .NET's or Npgsql's own text for a detail line
    /// when the cause is not one crm names in full (null when it is); null when the server refused a statement instead.
    /// </summary>
    private static (string Cause, string? Detail)? ConnectionCause(CliContext context, string connectionString, NpgsqlException error)
    {
        var builder = Builder(connectionString);
        var host = builder?.Host ?? "localhost";
        var server = $"{host}:{builder?.Port ?? NpgsqlConnection.DefaultPort}";
        if (error is PostgresException refused)
        {
            if (!IsLoginRefusal(refused))
            {
                return null;
            }

            return refused.SqlState switch
            {
                DatabaseMissing => (context.T(StoreMessages.ReasonDatabaseMissing, builder?.Database ?? builder?.Username ?? "?"), null),
                _ when refused.SqlState.StartsWith("28", StringComparison.Ordinal) => (context.T(StoreMessages.ReasonAuthentication, builder?.Username ?? "?"), null),
                "53300" => (context.T(StoreMessages.ReasonServerFull), refused.MessageText),
                "57P03" => (context.T(StoreMessages.ReasonServerShuttingDown), refused.MessageText),
                var state => (context.T(StoreMessages.ReasonLoginRefused, state), refused.MessageText),
            };
        }

        if (Find<SocketException>(error) is { } socket)
        {
            return socket.SocketErrorCode switch
            {
                SocketError.ConnectionRefused => (context.T(StoreMessages.ReasonConnectionRefused, server), null),
                SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain => (context.T(StoreMessages.ReasonHostNotFound, host), null),
                SocketError.TimedOut => (context.T(StoreMessages.ReasonTimedOut, server), null),
                SocketError.NetworkUnreachable or SocketError.HostUnreachable => (context.T(StoreMessages.ReasonNetworkUnreachable, server), null),
                var code => (context.T(StoreMessages.ReasonNetworkFailed), $"{code}: {socket.Message}"),
            };
        }

        if (Find<TimeoutException>(error) is not null)
        {
            return (context.T(StoreMessages.ReasonTimedOut, server), null);
        }

        // A TLS failure, or another of Npgsql's (a protocol error): said in plain words, the innermost text on the detail line.
        // A connection string that asks for TLS (SSL Mode=Require or stricter) and fails before the server answered (a server without
        // SSL says so in Npgsql's words, with no AuthenticationException) is the secure connection's failure too.
        var innermost = Innermost(error);
        return Find<System.Security.Authentication.AuthenticationException>(error) is not null
            || (!context.StoreReached && builder?.SslMode is SslMode.Require or SslMode.VerifyCA or SslMode.VerifyFull)
            ? (context.T(StoreMessages.ReasonTlsFailed), innermost.Message)
            : (context.T(StoreMessages.ReasonConnectionFailed), innermost.Message);
    }

    /// <summary>
    /// The cause of a failure of a server that was reached (<see cref="CliContext.StoreReached"/>), in the run's language, with .NET's
    /// text for a detail line when there is one: a statement that ran past Command Timeout= (Npgsql's client timeout, a
    /// <see cref="TimeoutException"/>), or a connection lost (a socket or I/O failure); null for another failure (a refusal by SQLSTATE).
    /// </summary>
    private static (string Cause, string? Detail)? SessionCause(CliContext context, string connectionString, NpgsqlException error)
    {
        if (error is PostgresException)
        {
            return null;
        }

        if (Find<TimeoutException>(error) is not null)
        {
            var seconds = Builder(connectionString)?.CommandTimeout ?? 30; // Npgsql's default when the string cannot be read (not in practice)
            return (context.T(StoreMessages.ReasonCommandTimedOut, seconds), null);
        }

        return Find<SocketException>(error) is not null || Find<IOException>(error) is not null
            ? (context.T(StoreMessages.ReasonConnectionLost), Innermost(error).Message)
            : null;
    }

    /// <summary>The connection string read by Npgsql, or null when it cannot be (checked before anything was sent, so not in practice).</summary>
    private static NpgsqlConnectionStringBuilder? Builder(string connectionString)
    {
        try
        {
            return new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static Exception Innermost(Exception error)
    {
        var innermost = error;
        while (innermost.InnerException is { } inner)
        {
            innermost = inner;
        }

        return innermost;
    }

    /// <summary>Whether the server refused the login: a connection exception (08), bad credentials (28), a missing database, or a server
    /// that cannot take connections now (57P03) or more of them (53300).</summary>
    private static bool IsLoginRefusal(PostgresException error) =>
        error.SqlState.StartsWith("08", StringComparison.Ordinal)
        || error.SqlState.StartsWith("28", StringComparison.Ordinal)
        || error.SqlState is DatabaseMissing or "57P03" or "53300";

    /// <summary>A text on one line: its lines joined by spaces, each trimmed.</summary>
    internal static string OneLine(string text) => string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

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
