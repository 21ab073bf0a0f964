using System.Globalization;
using CrmCore.Localization;

namespace CrmCore.Desk;

/// <summary>
/// Thrown by a store when a save was made from a stale copy: the stored version is not the one the caller read. Nothing was written;
/// read again and retry the command.
/// </summary>
public sealed class ConcurrencyConflictException : CrmException
{
    // The stores' entity texts ("<kind> <key>"), longest kind first, and the resource that words each in the user's language.
    private static readonly (string Kind, string Key)[] EntityKinds =
    [
        ("escalation state of ticket ", "Entity_EscalationState"),
        ("contact plan entry ", "Entity_ContactPlanEntry"),
        ("knowledge article ", "Entity_KnowledgeArticle"),
        ("customer ", "Entity_Customer"),
        ("ticket ", "Entity_Ticket"),
        ("agent ", "Entity_Agent"),
        ("asset ", "Entity_Asset"),
    ];

    /// <summary>Creates the exception.</summary>
    /// <param name="entity">What was saved (for example <c>ticket WT202403001</c>).</param>
    /// <param name="expectedVersion">The version the caller read.</param>
    /// <param name="actualVersion">The version stored, or 0 when there is none.</param>
    public ConcurrencyConflictException(string entity, long expectedVersion, long actualVersion)
        : base(Strings.Format("Error_ConcurrencyConflict", CultureInfo.InvariantCulture, entity, expectedVersion, actualVersion))
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

    /// <inheritdoc />
    public override string LocalizedMessage(CultureInfo? culture = null)
    {
        culture ??= CultureInfo.CurrentUICulture;
        return Strings.Format("Error_ConcurrencyConflict", culture, EntityIn(culture), ExpectedVersion, ActualVersion);
    }

    // The entity in the culture's words when it is one of the stores' kinds; as given otherwise.
    private string EntityIn(CultureInfo culture)
    {
        foreach (var (kind, key) in EntityKinds)
        {
            if (Entity.StartsWith(kind, StringComparison.Ordinal))
            {
                return Strings.Format(key, culture, Entity[kind.Length..]);
            }
        }

        return Entity;
    }
}
