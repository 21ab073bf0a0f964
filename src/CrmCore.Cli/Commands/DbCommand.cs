using System.CommandLine;
using CrmCore.Cli.Hosting;
using CrmCore.Cli.Localization;
using CrmCore.Storage;
using CrmCore.Storage.PostgreSql;
using CrmCore.Storage.Sqlite;

namespace CrmCore.Cli.Commands;

/// <summary>
/// <c>crm db script|status|migrate</c>: the storage schema for administrators. <c>script</c> prints its SQL; <c>status</c> says what a
/// store holds (provider, schema version found and expected, current, older, newer, empty or another program's) with an exit code for each;
/// <c>migrate</c> creates or upgrades it in one transaction, or with <c>--dry-run</c> prints the SQL it would run (the SQL of
/// <c>script</c>, from the version found). All three read the schema the providers' one way (<see cref="SqliteSchema.ReadState"/>,
/// <see cref="PostgreSqlSchema.ReadState"/>), as the other commands do before they open a store (<see cref="StoreSchemaCheck"/>).
/// </summary>
internal static class DbCommand
{
    /// <summary>The schema of a PostgreSQL store named by <c>--store</c> (as <see cref="ImportCommand.OpenStore"/> opens it).</summary>
    private const string PostgreSqlSchemaName = "crm";

    public static Command Create(ICliConsole console)
    {
        var db = new Command("db", "Work with CrmCore's database storage.");
        db.Add(Script(console));
        db.Add(Status(console));
        db.Add(Migrate(console));
        return db;
    }

    private static Command Script(ICliConsole console)
    {
        var script = new Command("script", "Print the SQL that creates or upgrades the storage schema (for hosts that set PrepareSchema = false).");
        var provider = new Option<string>("--provider") { Description = "sqlite or postgresql (default postgresql).", DefaultValueFactory = _ => "postgresql" };
        provider.AcceptOnlyFromAmong("sqlite", "postgresql");
        var schema = new Option<string>("--schema") { Description = "PostgreSQL schema name (default crm).", DefaultValueFactory = _ => "crm" };
        script.Add(provider);
        script.Add(schema);
        script.SetCliAction(console, (context, parse) =>
        {
            var name = parse.GetValue(schema) ?? "crm";
            if (parse.GetValue(provider) == "sqlite")
            {
                context.Out.Write(SqliteSchema.Script());
                return ExitCodes.Success;
            }

            try
            {
                context.Out.Write(PostgreSqlSchema.Script(name));
                return ExitCodes.Success;
            }
            catch (ArgumentException error)
            {
                context.WriteError(error.Message);
                return ExitCodes.Usage;
            }
        });
        return script;
    }

    private static Command Status(ICliConsole console)
    {
        var status = new Command(
            "status",
            "Show a store's schema: provider, version found, the version this crm expects, and whether it is current, older, newer, empty or another program's (exit code 0, 3, 5, 4 or 6).");
        var store = StoreOption();
        status.Add(store);
        status.SetCliAction(console, (context, parse) =>
        {
            var target = Target.Of(context, parse.GetValue(store)!);
            var state = target.ReadState(context);
            var expected = target.IsSqlite ? SqliteSchema.LatestVersion : PostgreSqlSchema.LatestVersion;
            var (text, code) = state?.Status switch
            {
                null => (DbMessages.StateMissing, ExitCodes.StoreEmpty),
                SchemaStatus.Current => (DbMessages.StateCurrent, ExitCodes.Success),
                SchemaStatus.Older => (DbMessages.StateOlder, ExitCodes.StoreOlder),
                SchemaStatus.Newer => (DbMessages.StateNewer, ExitCodes.StoreNewer),
                SchemaStatus.Empty => (DbMessages.StateEmpty, ExitCodes.StoreEmpty),
                _ => (DbMessages.StateForeign, ExitCodes.StoreForeign),
            };
            var found = state is { Status: SchemaStatus.Current or SchemaStatus.Older or SchemaStatus.Newer } s
                ? s.Found.ToString(System.Globalization.CultureInfo.InvariantCulture)
                : context.T(DbMessages.None);
            context.Out.WriteLine($"{context.T(DbMessages.Store)}: {target.Shown}");
            context.Out.WriteLine($"{context.T(DbMessages.Provider)}: {(target.IsSqlite ? "sqlite" : "postgresql")}");
            context.Out.WriteLine($"{context.T(DbMessages.VersionFound)}: {found}");
            context.Out.WriteLine(System.FormattableString.Invariant($"{context.T(DbMessages.VersionExpected)}: {expected}"));
            context.Out.WriteLine($"{context.T(DbMessages.State)}: {context.T(text)}");
            return code;
        });
        return status;
    }

    private static Command Migrate(ICliConsole console)
    {
        var migrate = new Command(
            "migrate",
            "Create or upgrade a store's schema in one transaction; another program's database and a newer schema are refused.");
        var store = StoreOption();
        var dryRun = new Option<bool>("--dry-run") { Description = "Print the SQL the migration would run (as `crm db script` writes it) and change nothing." };
        migrate.Add(store);
        migrate.Add(dryRun);
        migrate.SetCliAction(console, (context, parse) =>
        {
            var target = Target.Of(context, parse.GetValue(store)!);
            var state = target.ReadState(context);
            var from = state?.Found ?? 0;
            if (state is { } known && StoreSchemaCheck.Refusal(context, target.Shown, known, StoreAccess.Write) is { } refusal)
            {
                throw new CliException(refusal);
            }

            var latest = target.IsSqlite ? SqliteSchema.LatestVersion : PostgreSqlSchema.LatestVersion;
            if (parse.GetValue(dryRun))
            {
                // The SQL `crm db script` prints, from the version found: written once, in the providers.
                context.Out.Write(target.IsSqlite ? SqliteSchema.Script(from) : PostgreSqlSchema.Script(PostgreSqlSchemaName, from));
                return ExitCodes.Success;
            }

            if (state is { Status: SchemaStatus.Current })
            {
                context.Out.WriteLine(context.T(DbMessages.MigrateCurrent, target.Shown, latest));
                return ExitCodes.Success;
            }

            int applied;
            try
            {
                applied = target.IsSqlite
                    ? SqliteSchema.Migrate(new SqliteStorageOptions { DataSource = target.FullPath! })
                    : PostgreSqlSchema.Migrate(target.ConnectionString!, PostgreSqlSchemaName);
            }
            catch (SchemaVersionException newer)
            {
                // A later CrmCore upgraded the store between the look and the migration.
                throw new CliException(context.T(StoreMessages.StoreNewer, target.Shown, newer.Found, newer.Expected));
            }
            finally
            {
                // The migration's pooled connection is closed now, so SQLite checkpoints the WAL and removes its -wal and -shm files.
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            }

            context.Out.WriteLine(from == 0
                ? context.T(DbMessages.MigrateCreated, target.Shown, latest)
                : context.T(DbMessages.MigrateUpgraded, target.Shown, from, latest, applied));
            return ExitCodes.Success;
        });
        return migrate;
    }

    private static Option<string> StoreOption() => new("--store")
    {
        Description = "The store: sqlite:PATH or postgresql:CONNECTION-STRING (its crm schema).",
        Required = true,
    };

    /// <summary>The database of <c>--store</c>: a SQLite file (<see cref="FullPath"/>) or a PostgreSQL connection string.</summary>
    private sealed record Target(bool IsSqlite, string Shown, string? FullPath, string? ConnectionString)
    {
        /// <summary>Reads <c>--store</c>: <c>sqlite:PATH</c> or <c>postgresql:CONNECTION-STRING</c>; <c>memory</c> or anything else is a usage error.</summary>
        /// <exception cref="CliException">Not a database store (exit code 2).</exception>
        public static Target Of(CliContext context, string spec)
        {
            context.Store = spec;
            if (spec.StartsWith("sqlite:", StringComparison.Ordinal) && spec.Length > "sqlite:".Length)
            {
                var path = spec["sqlite:".Length..];
                return new Target(true, path, context.ResolvePath(path), null);
            }

            if (spec.StartsWith("postgresql:", StringComparison.Ordinal) && spec.Length > "postgresql:".Length)
            {
                var connectionString = spec["postgresql:".Length..];
                return new Target(false, StoreErrors.MaskPassword(connectionString), null, connectionString);
            }

            throw new CliException(context.T(spec == "memory" ? DbMessages.NeedsDatabase : StoreMessages.NotAStore, spec), ExitCodes.Usage);
        }

        /// <summary>
        /// The schema the store holds, read with queries only; null for a SQLite file that does not exist yet (its folder must). A folder,
        /// a file that is not a SQLite database and a missing folder are refused as the other commands refuse them.
        /// </summary>
        /// <exception cref="CliException">The path cannot be a SQLite store (exit code 1).</exception>
        public SchemaState? ReadState(CliContext context)
        {
            if (!IsSqlite)
            {
                // Once read, the server was reached: a later failure (a migration past Command Timeout=) is not one to connect.
                var state = PostgreSqlSchema.ReadState(ConnectionString!, PostgreSqlSchemaName);
                context.StoreReached = true;
                return state;
            }

            ImportCommand.CheckSqliteFile(context, Shown, mustExist: false);
            return File.Exists(FullPath) ? SqliteSchema.ReadState(FullPath!) : null;
        }
    }
}
