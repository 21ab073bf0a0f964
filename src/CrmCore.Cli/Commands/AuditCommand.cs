using System.CommandLine;
using System.Globalization;
using CrmCore.Audit;
using CrmCore.Cli.Hosting;
using CrmCore.Cli.Localization;
using CrmCore.Storage.PostgreSql;
using CrmCore.Storage.Sqlite;
using NodaTime;
using NodaTime.Text;

namespace CrmCore.Cli.Commands;

/// <summary>
/// <c>crm audit list|verify --provider sqlite|postgresql --connection X [--schema crm]</c>: reads the audit trail of a CrmCore
/// database (never changes it, nor its schema). <c>verify</c> exits 1 and names the first broken link when a chain is broken; it prints a
/// checkpoint of the chain heads, which <c>verify --expect-head</c> checks later to catch deleted newest records.
/// </summary>
internal static class AuditCommand
{
    public static Command Create(ICliConsole console)
    {
        var audit = new Command("audit", "Read and verify the audit trail of a CrmCore database.");
        audit.Add(List(console));
        audit.Add(Verify(console));
        return audit;
    }

    private static (Option<string> Provider, Option<string> Connection, Option<string> Schema) StoreOptions(Command command)
    {
        var provider = new Option<string>("--provider") { Description = "sqlite or postgresql (default sqlite).", DefaultValueFactory = _ => "sqlite" };
        provider.AcceptOnlyFromAmong("sqlite", "postgresql");
        var connection = new Option<string>("--connection") { Description = "The SQLite file, or the PostgreSQL connection string.", Required = true };
        var schema = new Option<string>("--schema") { Description = "PostgreSQL schema name (default crm).", DefaultValueFactory = _ => "crm" };
        command.Add(provider);
        command.Add(connection);
        command.Add(schema);
        return (provider, connection, schema);
    }

    private static IAuditStore? Open(CliContext context, ParseResult parse, (Option<string> Provider, Option<string> Connection, Option<string> Schema) options)
    {
        var connection = parse.GetValue(options.Connection)!;
        if (parse.GetValue(options.Provider) == "postgresql")
        {
            if (StoreErrors.ConnectionStringProblem(context.Language, "--connection", connection) is { } problem)
            {
                throw new CliException(problem, ExitCodes.Usage);
            }

            // A server that cannot be reached or refuses the login is reported as the store's (StoreErrors), as for --store. Another
            // program's database, an empty one and a CrmCore schema of another version are said as the other read-only commands say them.
            context.Store = "postgresql:" + connection;
            var schema = parse.GetValue(options.Schema) ?? "crm";
            var postgreSql = new PostgreSqlStorageOptions { ConnectionString = connection, Schema = schema, PrepareSchema = false };
            if (postgreSql.Validate().Count == 0)
            {
                // Settings that are not valid (a schema name that is no identifier) are refused by the storage itself, below, as before.
                StoreSchemaCheck.CheckPostgreSql(context, connection, schema, StoreAccess.ReadOnly);
            }

            return new PostgreSqlStorage(postgreSql).Audit;
        }

        var path = context.ResolvePath(connection);
        if (!File.Exists(path))
        {
            context.WriteError(context.T(AuditMessages.DatabaseMissing, connection));
            return null;
        }

        context.Store = "sqlite:" + connection;

        // Looked at through a read-only connection first: opening the storage sets the file's journal mode (WAL), a change to the file
        // that another program's database, or an empty one, must not get from a command that only reads.
        if (!TryRead(context, () => SqliteSchema.ReadState(path), out var state))
        {
            return null;
        }

        // Said as the other read-only commands say it (StoreSchemaCheck), in the user's language: another program's database is not
        // one to add CrmCore's tables to, an empty one has no store yet, and a CrmCore schema of another version is named as older or newer.
        if (StoreSchemaCheck.Refusal(context, connection, state, StoreAccess.ReadOnly) is { } refusal)
        {
            context.WriteError(refusal);
            return null;
        }

        return new SqliteStorage(new SqliteStorageOptions { DataSource = path, PrepareSchema = false }).Audit;
    }

    // A file that SQLite cannot use as a database (not one, damaged, unreadable, busy, a failed write) is not a usable CrmCore database:
    // said with the file and the cause. A database without the audit table (older than schema 3, or of another program) or of a newer
    // schema is a user's mistake, reported as such, never as an internal error. Any other SQLite failure is the store's, said as every
    // command says it (StoreErrors.Describe: SQLite's code, its English text only on a detail line), never as a missing trail. Every
    // PostgreSQL failure goes on to the store's message (StoreErrors, through SetCliAction): a server that cannot be reached or refuses the
    // login, and a statement it refuses (no permission, a dropped table...), by its SQLSTATE, the server's text only on a detail line.
    internal static bool TryRead<T>(CliContext context, Func<T> read, out T value)
    {
        try
        {
            value = read();
            return true;
        }
        catch (Exception e) when (StoreErrors.SqliteReason(context, e) is { } reason)
        {
            context.WriteError(context.T(AuditMessages.NotACrmDatabase, StoreName(context), reason));
            value = default!;
            return false;
        }
        catch (Exception e) when (StoreErrors.IsSqlite(e) && !StoreErrors.IsMissingSchemaObject(e) && StoreErrors.Describe(context, e) is { } message)
        {
            context.WriteError(message);
            value = default!;
            return false;
        }
        catch (Exception e) when ((e is System.Data.Common.DbException or CrmCore.Storage.SchemaVersionException) && !StoreErrors.IsPostgreSql(e))
        {
            // Why, in the run's language: a schema of another version in its own words; a statement SQLite refused by SQLite's code,
            // SQLite's English text on a detail line.
            context.WriteError(e is CrmException known
                ? context.T(AuditMessages.NoTrail, StoreName(context), known.LocalizedMessage(context.Language.Culture))
                : OutputPaths.WithDetail(context, context.T(AuditMessages.NoTrail, StoreName(context), StoreErrors.SqliteCode(context, e)), e));
            value = default!;
            return false;
        }
    }

    /// <summary>The store as the user named it: the SQLite file, or the PostgreSQL connection string with its password masked.</summary>
    private static string StoreName(CliContext context) => context.Store switch
    {
        { } spec when spec.StartsWith("sqlite:", StringComparison.Ordinal) => spec["sqlite:".Length..],
        { } spec when spec.StartsWith("postgresql:", StringComparison.Ordinal) => StoreErrors.MaskPassword(spec["postgresql:".Length..]),
        _ => string.Empty,
    };

    private static Command Verify(ICliConsole console)
    {
        var verify = new Command("verify", "Check that no audit record was altered, deleted or reordered; names the first broken link.");
        var store = StoreOptions(verify);
        var expectHead = new Option<string>("--expect-head")
        {
            Description = "A checkpoint printed by an earlier verify (v1;chain:sequence:hash...): also fail when records it names were deleted.",
        };
        verify.Add(expectHead);
        verify.SetCliAction(console, (context, parse) =>
        {
            AuditCheckpoint? expected = null;
            if (parse.GetValue(expectHead) is { } text)
            {
                try
                {
                    expected = AuditCheckpoint.Parse(text);
                }
                catch (FormatException e)
                {
                    context.WriteError(context.T(AuditMessages.BadCheckpoint, e.Message));
                    return ExitCodes.Usage;
                }
            }

            if (Open(context, parse, store) is not { } audit)
            {
                return ExitCodes.InvalidInput;
            }

            if (!TryRead(context, () => AuditChain.VerifyAsync(audit, expected).GetAwaiter().GetResult(), out var result))
            {
                return ExitCodes.InvalidInput;
            }

            if (result.IsIntact)
            {
                context.Out.WriteLine(context.T(AuditMessages.Intact, result.Verified));
                context.Out.WriteLine(context.T(AuditMessages.Checkpoint, result.Checkpoint));
                return ExitCodes.Success;
            }

            context.WriteError(context.T(AuditMessages.Broken, result.BrokenAt, result.Verified, result.Finding?.Describe(context.Language.Culture) ?? result.Problem));
            return ExitCodes.InvalidInput;
        });
        return verify;
    }

    private static Command List(ICliConsole console)
    {
        var list = new Command("list", "List audit records by entity, actor and time, oldest first.");
        var store = StoreOptions(list);
        var entity = new Option<string>("--entity") { Description = "Only records of this entity, type:id (e.g. customer:KH0001)." };
        var actor = new Option<string>("--actor") { Description = "Only records by this actor." };
        var from = new Option<string>("--from") { Description = "Only records at or after this instant (e.g. 2026-03-01T00:00:00+08:00)." };
        var to = new Option<string>("--to") { Description = "Only records before this instant." };
        var limit = new Option<int>("--limit") { Description = "At most this many records (1-10000, default 100).", DefaultValueFactory = _ => 100 }.Range(1, AuditQuery.MaxLimit);
        list.Add(entity);
        list.Add(actor);
        list.Add(from);
        list.Add(to);
        list.Add(limit);
        list.SetCliAction(console, (context, parse) =>
        {
            var query = new AuditQuery { Actor = parse.GetValue(actor), Limit = parse.GetValue(limit) };
            if (parse.GetValue(entity) is { } e)
            {
                var colon = e.IndexOf(':', StringComparison.Ordinal);
                if (colon <= 0 || colon == e.Length - 1)
                {
                    context.WriteError(context.T(AuditMessages.BadEntity, e));
                    return ExitCodes.Usage;
                }

                query = query with { EntityType = e[..colon], EntityId = e[(colon + 1)..] };
            }

            foreach (var (option, set) in new (Option<string>, Func<AuditQuery, Instant, AuditQuery>)[]
            {
                (from, (q, i) => q with { From = i }),
                (to, (q, i) => q with { To = i }),
            })
            {
                if (parse.GetValue(option) is { } text)
                {
                    var parsed = OffsetDateTimePattern.ExtendedIso.Parse(text);
                    if (!parsed.Success)
                    {
                        context.WriteError(context.T(AuditMessages.BadInstant, text));
                        return ExitCodes.Usage;
                    }

                    query = set(query, parsed.Value.ToInstant());
                }
            }

            if (Open(context, parse, store) is not { } audit)
            {
                return ExitCodes.InvalidInput;
            }

            if (!TryRead(context, () => audit.QueryAsync(query).GetAwaiter().GetResult(), out var records))
            {
                return ExitCodes.InvalidInput;
            }

            if (records.Count == 0)
            {
                context.Out.WriteLine(context.T(AuditMessages.NoRecords));
                return ExitCodes.Success;
            }

            context.Out.WriteLine(context.T(AuditMessages.Header));
            foreach (var r in records)
            {
                var x = r.Entry;
                context.Out.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{r.Sequence}  {InstantPattern.General.Format(x.At)}  {x.Actor}  {context.T(AuditMessages.Action(x.Action))}  {x.EntityType}:{x.EntityId}  {x.Field ?? "-"}  {x.OldValue ?? "-"} -> {x.NewValue ?? "-"}  {x.Reason ?? "-"}"));
            }

            return ExitCodes.Success;
        });
        return list;
    }
}
