namespace CrmCore.Desk;

/// <summary>
/// Thrown by a store when a save was made from a stale copy: the stored version is not the one the caller read. Nothing was written;
/// read again and retry the command.
/// </summary>
public sealed class ConcurrencyConflictException : CrmException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="entity">What was saved (for example <c>ticket WT202403001</c>).</param>
    /// <param name="expectedVersion">The version the caller read.</param>
    /// <param name="actualVersion">The version stored, or 0 when there is none.</param>
    public ConcurrencyConflictException(string entity, long expectedVersion, long actualVersion)
        : base($"{entity} was changed by someone else: expected version {expectedVersion}, stored version {actualVersion}. Nothing was written.")
    {
        Entity = entity;
        ExpectedVersion = expectedVersion;
        ActualVersion = actualVersion;
        Code = "CRM-DESK-CONCURRENCY";
    }

    /// <summary>What was saved.</summary>
    public string Entity { get; }

    /// <summary>The version the caller read.</summary>
    public long ExpectedVersion { get; }

    /// <summary>The version stored, or 0 when there is none.</summary>
    public long ActualVersion { get; }
}
