using CrmCore.Sla;
using CrmCore.Tickets;
using NodaTime;

namespace CrmCore.Tests.Sla;

/// <summary>Builds an <see cref="SlaTicket"/> from a raised instant and a sequence of status moves.</summary>
internal sealed class SlaTicketBuilder
{
    private readonly List<StatusChange> _history = [];
    private readonly Instant _raised;
    private Urgency _urgency;
    private TicketType _type = CrmCore.Tickets.TicketType.Consultation;
    private Channel _channel = CrmCore.Tickets.Channel.Phone;
    private Instant? _firstResponse;
    private Instant? _awaitingReply;

    public SlaTicketBuilder(Instant raised)
    {
        _raised = raised;
        _history.Add(new StatusChange(raised, TicketStatus.Pending, TicketStatus.Pending, "system"));
    }

    public SlaTicketBuilder Urgency(Urgency u)
    {
        _urgency = u;
        return this;
    }

    public SlaTicketBuilder Type(TicketType t)
    {
        _type = t;
        return this;
    }

    public SlaTicketBuilder Channel(Channel c)
    {
        _channel = c;
        return this;
    }

    public SlaTicketBuilder Responded(Instant at)
    {
        _firstResponse = at;
        return this;
    }

    public SlaTicketBuilder AwaitingReply(Instant since)
    {
        _awaitingReply = since;
        return this;
    }

    public SlaTicketBuilder Move(Instant at, TicketStatus to)
    {
        _history.Add(new StatusChange(at, _history[^1].To, to, "agent"));
        return this;
    }

    public SlaTicket Build() => new()
    {
        Id = new TicketId("WT202602001"),
        RaisedAt = _raised,
        Urgency = _urgency,
        Type = _type,
        Channel = _channel,
        History = [.. _history],
        FirstResponseAt = _firstResponse,
        AwaitingReplySince = _awaitingReply,
    };
}
