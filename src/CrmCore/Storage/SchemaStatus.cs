namespace CrmCore.Storage;

/// <summary>What a database holds, against the CrmCore schema version a library needs (see <see cref="SchemaState"/>).</summary>
public enum SchemaStatus
{
    /// <summary>Nothing: no tables at all (a new SQLite file, an empty PostgreSQL database). Migrating creates the store.</summary>
    Empty,

    /// <summary>Another program's tables and no CrmCore schema version table. CrmCore does not add its tables to it.</summary>
    Foreign,

    /// <summary>CrmCore's schema, older than the library's: migrating upgrades it.</summary>
    Older,

    /// <summary>CrmCore's schema of exactly the library's version.</summary>
    Current,

    /// <summary>CrmCore's schema, written by a later CrmCore than this library: it is neither read nor changed.</summary>
    Newer,
}
