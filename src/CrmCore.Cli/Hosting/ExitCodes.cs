namespace CrmCore.Cli.Hosting;

/// <summary>The process exit codes of <c>crm</c>; they are part of its contract with scripts.</summary>
internal static class ExitCodes
{
    /// <summary>The command did what was asked.</summary>
    public const int Success = 0;

    /// <summary>The input (data rows, rule files, calendars) is invalid, or the feature is not available in this build.</summary>
    public const int InvalidInput = 1;

    /// <summary>The command line itself is wrong: unknown command or option, missing or malformed argument.</summary>
    public const int Usage = 2;

    /// <summary><c>crm db status</c>: the store is CrmCore's, of an older schema than this version's (<c>crm db migrate</c> upgrades it).</summary>
    public const int StoreOlder = 3;

    /// <summary><c>crm db status</c>: the database is empty, or the SQLite file does not exist yet (<c>crm db migrate</c> creates the store).</summary>
    public const int StoreEmpty = 4;

    /// <summary><c>crm db status</c>: the store is CrmCore's, of a newer schema than this version knows.</summary>
    public const int StoreNewer = 5;

    /// <summary><c>crm db status</c>: the database holds another program's tables and no CrmCore schema.</summary>
    public const int StoreForeign = 6;
}
