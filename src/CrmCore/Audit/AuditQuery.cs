using NodaTime;

namespace CrmCore.Audit;

/// <summary>Which audit records to read: every filter set must match; records come in sequence order, at most <see cref="Limit"/>.</summary>
public sealed record AuditQuery
{
    /// <summary>The most records one query returns.</summary>
    public const int MaxLimit = 10_000;

    /// <summary>The entity type, or null for any.</summary>
    public string? EntityType { get; init; }

    /// <summary>The entity id, or null for any.</summary>
    public string? EntityId { get; init; }

    /// <summary>The actor, or null for any.</summary>
    public string? Actor { get; init; }

    /// <summary>The action, or null for any.</summary>
    public AuditAction? Action { get; init; }

    /// <summary>Records at or after this instant, or null.</summary>
    public Instant? From { get; init; }

    /// <summary>Records before this instant, or null.</summary>
    public Instant? To { get; init; }

    /// <summary>Only records with a greater sequence (for paging); default 0.</summary>
    public long AfterSequence { get; init; }

    /// <summary>The most records to return: 1 to <see cref="MaxLimit"/>; default 1000.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Set outside 1 to <see cref="MaxLimit"/>.</exception>
    public int Limit
    {
        get;
        init => field = value is >= 1 and <= MaxLimit ? value : throw new ArgumentOutOfRangeException(nameof(Limit), value, $"The limit is 1 to {MaxLimit}.");
    } = 1000;

    /// <summary>True when the record matches every filter (sequence and limit aside).</summary>
    /// <param name="record">The record.</param>
    /// <returns>True when it matches.</returns>
    public bool Matches(AuditRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var e = record.Entry;
        return (EntityType is null || string.Equals(e.EntityType, EntityType, StringComparison.Ordinal))
            && (EntityId is null || string.Equals(e.EntityId, EntityId, StringComparison.Ordinal))
            && (Actor is null || string.Equals(e.Actor, Actor, StringComparison.Ordinal))
            && (Action is null || e.Action == Action)
            && (From is null || e.At >= From)
            && (To is null || e.At < To);
    }
}
