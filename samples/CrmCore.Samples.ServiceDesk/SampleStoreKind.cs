namespace CrmCore.Samples.ServiceDesk;

/// <summary>The kinds of store the sample month can run on.</summary>
internal enum SampleStoreKind
{
    /// <summary>A SQLite file.</summary>
    Sqlite,

    /// <summary>The desk's in-memory stores.</summary>
    Memory,

    /// <summary>A PostgreSQL schema.</summary>
    PostgreSql,
}
