using System.Globalization;
using CrmCore.Localization;

namespace CrmCore.Storage;

/// <summary>
/// A database's schema version does not fit this library: it is older and the host turned automatic schema preparation off
/// (run <c>crm db migrate</c>, or apply the scripts from <c>crm db script</c>, first), or it is newer (a newer CrmCore upgraded it; upgrade this host too).
/// </summary>
public sealed class SchemaVersionException : CrmException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="database">The database (file path or schema name).</param>
    /// <param name="found">The version found (0 when there is no schema).</param>
    /// <param name="expected">The version this library needs.</param>
    public SchemaVersionException(string database, int found, int expected)
        : base(Format(CultureInfo.InvariantCulture, database, found, expected))
    {
        Database = database;
        Found = found;
        Expected = expected;
        Code = "CRM-STORAGE-SCHEMA-VERSION";
    }

    /// <summary>The database (file path or schema name).</summary>
    public string Database { get; }

    /// <summary>The version found.</summary>
    public int Found { get; }

    /// <summary>The version this library needs.</summary>
    public int Expected { get; }

    /// <inheritdoc />
    public override string LocalizedMessage(CultureInfo? culture = null) => Format(culture ?? CultureInfo.CurrentUICulture, Database, Found, Expected);

    private static string Format(CultureInfo culture, string database, int found, int expected) =>
        Strings.Format(found > expected ? "Error_SchemaVersionNewer" : "Error_SchemaVersionOlder", culture, database, found, expected);
}
