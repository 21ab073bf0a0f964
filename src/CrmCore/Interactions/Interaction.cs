using CrmCore.Customers;
using CrmCore.Tickets;
using NodaTime;

namespace CrmCore.Interactions;

/// <summary>
/// A communication record (沟通记录): when, how and by whom the customer was in touch, what was said, what the customer thought,
/// and what happens next. Record it on the customer with <see cref="Customer.RecordInteraction"/>, which applies the do-not-contact rule.
/// Immutable (values are checked when set) and thread-safe.
/// </summary>
public sealed record Interaction
{
    /// <summary>The customer. Required, not empty.</summary>
    /// <exception cref="ArgumentException">Set to an empty id.</exception>
    public required CustomerId CustomerId
    {
        get;
        init => field = value.IsEmpty ? throw new ArgumentException("The interaction names no customer.", nameof(CustomerId)) : value;
    }

    /// <summary>When it happened (given by the host: a record may be entered after the fact). Required.</summary>
    public required Instant At { get; init; }

    /// <summary>The channel. Required, not empty.</summary>
    /// <exception cref="ArgumentException">Set to the default (empty) channel.</exception>
    public required Channel Channel
    {
        get;
        init => field = value.Code.Length == 0 ? throw new ArgumentException("The interaction channel is empty.", nameof(Channel)) : value;
    }

    /// <summary>Who started it; default <see cref="InteractionDirection.Inbound"/>.</summary>
    public InteractionDirection Direction { get; init; } = InteractionDirection.Inbound;

    /// <summary>What was discussed. Required, not blank; trimmed.</summary>
    /// <exception cref="ArgumentException">Set to a blank text.</exception>
    public required string Summary
    {
        get;
        init => field = Required(value, nameof(Summary));
    }

    /// <summary>Who on the company side took part (an agent id or name). Required, not blank; trimmed.</summary>
    /// <exception cref="ArgumentException">Set to a blank text.</exception>
    public required string By
    {
        get;
        init => field = Required(value, nameof(By));
    }

    /// <summary>The customer's feedback, or null.</summary>
    public string? CustomerFeedback
    {
        get;
        init => field = Optional(value);
    }

    /// <summary>The agreed next action, or null.</summary>
    public string? NextAction
    {
        get;
        init => field = Optional(value);
    }

    /// <summary>The date of the next planned contact, or null.</summary>
    public LocalDate? NextContactOn { get; init; }

    /// <summary>The ticket it belongs to, or null.</summary>
    public TicketId? TicketId { get; init; }

    private static string Required(string value, string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value, name);
        return value.Trim();
    }

    private static string? Optional(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
