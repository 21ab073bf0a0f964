using CrmCore.Agents;
using CrmCore.Identifiers;
using NodaTime;

namespace CrmCore.Tickets;

/// <summary>
/// Opens tickets: gives each one an id (from the <see cref="IIdGenerator{TId}"/> or the host), its creation instant from the injected
/// <see cref="IClock"/> (tickets hold no clock) and the
/// <see cref="TicketOptions"/>. Registered as a singleton by <c>AddCrmCore()</c>. Thread-safe when the id generator is (the library's is).
/// </summary>
public sealed class TicketFactory
{
    private readonly IClock clock;
    private readonly IIdGenerator<TicketId> ids;
    private readonly TicketOptions options;

    /// <summary>Creates a factory.</summary>
    /// <param name="clock">The clock every ticket reads "now" from.</param>
    /// <param name="ids">The id generator used by <see cref="Open(TicketRequest, AgentId, string)"/>.</param>
    /// <param name="options">The ticket policies; default <see cref="TicketOptions"/> defaults (7-day reopen window). Copied here.</param>
    /// <exception cref="ArgumentNullException"><paramref name="clock"/> or <paramref name="ids"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The reopen window is negative.</exception>
    public TicketFactory(IClock clock, IIdGenerator<TicketId> ids, TicketOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(ids);
        var window = options?.ReopenWindow ?? new TicketOptions().ReopenWindow;
        if (window < Duration.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), window, "The reopen window must not be negative.");
        }

        this.clock = clock;
        this.ids = ids;
        this.options = new TicketOptions { ReopenWindow = window };
    }

    /// <summary>Opens a ticket with a generated id, status Pending, at the clock's "now"; raises <see cref="TicketCreated"/>.</summary>
    /// <param name="request">What is known about the issue.</param>
    /// <param name="owner">The first owner; required (a ticket always has exactly one).</param>
    /// <param name="by">Who opens it.</param>
    /// <returns>The new ticket.</returns>
    /// <exception cref="ArgumentException">The request has no customer or description, an undefined urgency, an empty type or channel,
    /// <see cref="TicketRequest.RaisedAt"/> in the future or <see cref="TicketRequest.ExpectedResolutionAt"/> before it; the owner is empty or
    /// <paramref name="by"/> is blank. No id is taken.</exception>
    /// <exception cref="IdSequenceExhaustedException">The id generator has no number left in the period.</exception>
    public Ticket Open(TicketRequest request, AgentId owner, string by)
    {
        var now = clock.GetCurrentInstant();
        Ticket.Check(request, owner, by, now);
        return new Ticket(ids.Next(), request, owner, by, now, options);
    }

    /// <summary>Opens a ticket with an id the host brings; otherwise as <see cref="Open(TicketRequest, AgentId, string)"/>.</summary>
    /// <param name="id">The ticket id; must not be empty.</param>
    /// <param name="request">What is known about the issue.</param>
    /// <param name="owner">The first owner.</param>
    /// <param name="by">Who opens it.</param>
    /// <returns>The new ticket.</returns>
    /// <exception cref="ArgumentException">The id is empty, or as <see cref="Open(TicketRequest, AgentId, string)"/>.</exception>
    public Ticket Open(TicketId id, TicketRequest request, AgentId owner, string by) => new(id, request, owner, by, clock.GetCurrentInstant(), options);
}
