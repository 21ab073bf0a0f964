using CrmCore.Cli.Hosting;
using CrmCore.Cli.Localization;
using CrmCore.Storage;
using CrmCore.Storage.PostgreSql;
using CrmCore.Storage.Sqlite;

namespace CrmCore.Cli.Commands;

/// <summary>What <c>crm</c> may do to a store it opens: only read it, or also write (create a new one, upgrade a CrmCore one).</summary>
internal enum StoreAccess
{
    /// <summary>Nothing is created or migrated: the store must be a CrmCore database of this version's schema.</summary>
    ReadOnly,

    /// <summary>A new, empty database is created and an older CrmCore schema upgraded; another program's database is refused.</summary>
    Write,

    /// <summary>The store is changed (records are removed, say) but neither created nor migrated: it must be a CrmCore database of this
    /// version's schema, as for <see cref="ReadOnly"/>, and what refuses it says that the command writes.</summary>
    WriteExisting,
}

/// <summary>
/// Looks at a database before <c>crm</c> opens it as a desk store, without creating or changing anything (the providers' own
/// <see cref="SqliteSchema.ReadState"/> and <see cref="PostgreSqlSchema.ReadState"/>, queries only): whether it is empty, another
/// program's, or CrmCore's and of which schema version; and refuses what <see cref="StoreAccess"/> does not allow with one line naming the
/// store (the PostgreSQL password masked) and what to do. The storage's own <c>PrepareSchema</c> would create or migrate the schema on
/// first use, even for a read.
/// </summary>
internal static class StoreSchemaCheck
{
    /// <summary>Checks the SQLite file at <paramref name="fullPath"/> (it exists: checked before) for <paramref name="access"/>.</summary>
    /// <exception cref="CliException">The database may not be opened so (exit code 1).</exception>
    public static void CheckSqlite(CliContext context, string shown, string fullPath, StoreAccess access) =>
        Refuse(context, shown, SqliteSchema.ReadState(fullPath), access);

    /// <summary>Checks the PostgreSQL database of <paramref name="connectionString"/> (its schema <paramref name="schema"/>) for <paramref name="access"/>.</summary>
    /// <exception cref="CliException">The database may not be opened so (exit code 1).</exception>
    public static void CheckPostgreSql(CliContext context, string connectionString, string schema, StoreAccess access)
    {
        var state = PostgreSqlSchema.ReadState(connectionString, schema);
        context.StoreReached = true;
        Refuse(context, StoreErrors.MaskPassword(connectionString), state, access);
    }

    private static void Refuse(CliContext context, string shown, SchemaState state, StoreAccess access)
    {
        if (Refusal(context, shown, state, access) is { } refusal)
        {
            throw new CliException(refusal);
        }
    }

    /// <summary>
    /// Why a store of <paramref name="state"/> may not be opened for <paramref name="access"/>, in the run's language and naming the store
    /// as <paramref name="shown"/>, or null when it may: another program's database never; a newer CrmCore schema never; an empty database
    /// or an older schema only to write (which creates or upgrades it).
    /// </summary>
    internal static string? Refusal(CliContext context, string shown, SchemaState state, StoreAccess access) => state.Status switch
    {
        SchemaStatus.Foreign => context.T(
            access switch { StoreAccess.ReadOnly => StoreMessages.StoreNotCrmRead, StoreAccess.WriteExisting => StoreMessages.StoreNotCrmExisting, _ => StoreMessages.StoreNotCrmWrite },
            shown),
        SchemaStatus.Newer => context.T(StoreMessages.StoreNewer, shown, state.Found, state.Expected),
        SchemaStatus.Empty when access != StoreAccess.Write =>
            context.T(access == StoreAccess.ReadOnly ? StoreMessages.StoreEmpty : StoreMessages.StoreEmptyExisting, shown),
        SchemaStatus.Older when access != StoreAccess.Write =>
            context.T(access == StoreAccess.ReadOnly ? StoreMessages.StoreOlder : StoreMessages.StoreOlderExisting, shown, state.Found, state.Expected),
        _ => null,
    };
}
