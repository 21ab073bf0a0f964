namespace CrmCore.Storage;

/// <summary>Tells a <see cref="SchemaState"/> from what a provider's queries found, the one rule both providers use.</summary>
internal static class SchemaStates
{
    /// <summary>The state of a database: CrmCore's (a schema version table, of <paramref name="version"/>), else another program's when it
    /// has any other object, else empty.</summary>
    public static SchemaState Of(bool hasVersionTable, int version, bool hasOtherObjects, int latest) =>
        !hasVersionTable ? new SchemaState(hasOtherObjects ? SchemaStatus.Foreign : SchemaStatus.Empty, 0, latest)
        : version > latest ? new SchemaState(SchemaStatus.Newer, version, latest)
        : version == latest ? new SchemaState(SchemaStatus.Current, version, latest)
        : new SchemaState(SchemaStatus.Older, version, latest);
}
