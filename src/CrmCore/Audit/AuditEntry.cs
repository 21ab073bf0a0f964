using NodaTime;

namespace CrmCore.Audit;

/// <summary>
/// One fact for the audit trail before it is stored: who did what to which entity, when, and (for changes) the old and new value.
/// Values of sensitive fields are stored masked: build them with <see cref="Access.CustomerFields.Mask"/> (as
/// <see cref="Access.CustomerAccess"/> does). Texts are bounded so one entry can never be large. Immutable and thread-safe.
/// </summary>
public sealed record AuditEntry
{
    /// <summary>The longest actor, entity type, entity id and field name accepted.</summary>
    public const int MaxNameLength = 200;

    /// <summary>The longest value, reason and correlation id accepted.</summary>
    public const int MaxTextLength = 4000;

    /// <summary>Creates an entry.</summary>
    /// <param name="at">When it happened.</param>
    /// <param name="actor">Who did it (a user id or a system name); not blank.</param>
    /// <param name="action">What was done.</param>
    /// <param name="entityType">The kind of entity, for example <c>customer</c> or <c>ticket</c>; not blank.</param>
    /// <param name="entityId">The entity's id; not blank (for bulk acts, what was acted on, for example <c>customers</c>).</param>
    /// <exception cref="ArgumentException">A text is blank or too long.</exception>
    public AuditEntry(Instant at, string actor, AuditAction action, string entityType, string entityId)
    {
        At = at;
        Actor = actor;
        Action = action;
        EntityType = entityType;
        EntityId = entityId;
    }

    /// <summary>When it happened.</summary>
    public Instant At { get; init; }

    /// <summary>Who did it.</summary>
    /// <exception cref="ArgumentException">Set to a blank or too long value.</exception>
    public string Actor { get; init => field = Name(value, nameof(Actor)); }

    /// <summary>What was done.</summary>
    public AuditAction Action { get; init; }

    /// <summary>The kind of entity.</summary>
    /// <exception cref="ArgumentException">Set to a blank or too long value.</exception>
    public string EntityType { get; init => field = Name(value, nameof(EntityType)); }

    /// <summary>The entity's id.</summary>
    /// <exception cref="ArgumentException">Set to a blank or too long value.</exception>
    public string EntityId { get; init => field = Name(value, nameof(EntityId)); }

    /// <summary>The field concerned (for example <c>contact.phone</c> or <c>status</c>), or null.</summary>
    /// <exception cref="ArgumentException">Set to a too long value.</exception>
    public string? Field { get; init => field = Optional(value, MaxNameLength, nameof(Field)); }

    /// <summary>The value before (masked for sensitive fields), or null.</summary>
    /// <exception cref="ArgumentException">Set to a too long value.</exception>
    public string? OldValue { get; init => field = Optional(value, MaxTextLength, nameof(OldValue)); }

    /// <summary>The value after (masked for sensitive fields), or null.</summary>
    /// <exception cref="ArgumentException">Set to a too long value.</exception>
    public string? NewValue { get; init => field = Optional(value, MaxTextLength, nameof(NewValue)); }

    /// <summary>Why (required for reveals and personal-data requests), or null.</summary>
    /// <exception cref="ArgumentException">Set to a too long value.</exception>
    public string? Reason { get; init => field = Optional(value, MaxTextLength, nameof(Reason)); }

    /// <summary>Ties entries of one operation together (for example the import batch or the request id), or null.</summary>
    /// <exception cref="ArgumentException">Set to a too long value.</exception>
    public string? CorrelationId { get; init => field = Optional(value, MaxNameLength, nameof(CorrelationId)); }

    private static string Name(string value, string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value, name);
        value = value.Trim();
        return value.Length <= MaxNameLength ? value : throw new ArgumentException($"The audit {name} is {value.Length} characters long; at most {MaxNameLength} are kept.", name);
    }

    private static string? Optional(string? value, int max, string name) =>
        value is null ? null
        : value.Length <= max ? value
        : throw new ArgumentException($"The audit {name} is {value.Length} characters long; at most {max} are kept.", name);
}
