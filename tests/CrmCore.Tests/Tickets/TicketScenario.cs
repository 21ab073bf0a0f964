using CrmCore.Agents;
using CrmCore.Satisfaction;
using CrmCore.Tests.Support;
using CrmCore.Tickets;
using NodaTime;
using NodaTime.Testing;

namespace CrmCore.Tests.Tickets;

/// <summary>
/// Runs a generated operation sequence against one ticket and keeps an independent model of what must hold:
/// refused operations change nothing, and a close is only accepted after a resolution plus a confirmation or a revisit.
/// </summary>
internal sealed class TicketScenario
{
    private static readonly AgentId[] Agents = [new("alice"), new("bob"), new("carol")];

    private bool resolvedSinceReopen;
    private bool confirmedSinceResolve;

    public TicketScenario(TicketOptions? options = null)
    {
        Clock = TestData.NewClock();
        Ticket = TestData.TicketFactory(Clock, options).Open(TestData.Request(), Agents[0], "desk");
    }

    public FakeClock Clock { get; }

    public Ticket Ticket { get; }

    public List<string> Violations { get; } = [];

    public int OwnerChanges { get; private set; }

    public int Accepted { get; private set; }

    public static TicketScenario Run(IEnumerable<TicketOperation> operations, TicketOptions? options = null)
    {
        var scenario = new TicketScenario(options);
        foreach (var operation in operations)
        {
            scenario.Apply(operation);
        }

        return scenario;
    }

    public void Apply(TicketOperation operation)
    {
        Clock.AdvanceMinutes(operation.AdvanceMinutes);
        var before = Snapshot();
        var ownerBefore = Ticket.Owner;
        try
        {
            var move = Perform(operation);
            Accepted++;
            if (Ticket.Owner != ownerBefore)
            {
                OwnerChanges++;
            }

            if (move is { } m)
            {
                Track(m, before.Status);
            }
        }
        catch (Exception ex) when (ex is TicketTransitionException or ArgumentException)
        {
            if (Snapshot() != before || Ticket.Owner != ownerBefore)
            {
                Violations.Add($"{operation} was refused ({ex.GetType().Name}) but changed the ticket: {before} -> {Snapshot()}");
            }
        }

        if (Ticket.Owner.IsEmpty)
        {
            Violations.Add($"after {operation} the ticket has no owner");
        }
    }

    private TicketMove? Perform(TicketOperation operation)
    {
        const string By = "agent";
        switch (operation.Kind)
        {
            case TicketOperationKind.AnyAllowedMove:
                var moves = TicketLifecycle.MovesFrom(Ticket.Status).ToArray();
                if (moves.Length == 0)
                {
                    return null;
                }

                var move = moves[operation.Pick % moves.Length];
                return Perform(new TicketOperation(KindOf(move), 0, operation.Pick));
            case TicketOperationKind.Start: Ticket.Start(Clock.GetCurrentInstant(), By); return TicketMove.Start;
            case TicketOperationKind.WaitForCustomer: Ticket.WaitForCustomer(Clock.GetCurrentInstant(), By, "Which model do you use?"); return TicketMove.WaitForCustomer;
            case TicketOperationKind.ResumeWork: Ticket.ResumeWork(Clock.GetCurrentInstant(), By); return TicketMove.ResumeWork;
            case TicketOperationKind.Resolve: Ticket.Resolve(Clock.GetCurrentInstant(), By, "Replaced the part"); return TicketMove.Resolve;
            case TicketOperationKind.ScheduleRevisit: Ticket.ScheduleRevisit(Clock.GetCurrentInstant(), By); return TicketMove.ScheduleRevisit;
            case TicketOperationKind.ConfirmResolution: Ticket.ConfirmResolution(Clock.GetCurrentInstant(), "customer"); return TicketMove.ConfirmResolution;
            case TicketOperationKind.CompleteRevisit: Ticket.CompleteRevisit(Clock.GetCurrentInstant(), "manager", "Customer is happy"); return TicketMove.CompleteRevisit;
            case TicketOperationKind.Close: Ticket.Close(Clock.GetCurrentInstant(), By); return TicketMove.Close;
            case TicketOperationKind.Reopen: Ticket.Reopen(Clock.GetCurrentInstant(), By, "It broke again"); return TicketMove.Reopen;
            case TicketOperationKind.MarkNoActionNeeded: Ticket.MarkNoActionNeeded(Clock.GetCurrentInstant(), By, "Duplicate"); return TicketMove.MarkNoActionNeeded;
            case TicketOperationKind.Reassign: Ticket.Reassign(Clock.GetCurrentInstant(), Agents[operation.Pick % Agents.Length], By); return TicketMove.Reassign;
            case TicketOperationKind.ReassignToNobody: Ticket.Reassign(Clock.GetCurrentInstant(), default, By); return TicketMove.Reassign;
            case TicketOperationKind.RespondToCustomer: Ticket.RespondToCustomer(Clock.GetCurrentInstant(), By, "We are on it"); return TicketMove.RespondToCustomer;
            case TicketOperationKind.AddNote: Ticket.AddNote(Clock.GetCurrentInstant(), By, "Called the supplier"); return null;
            case TicketOperationKind.RecordSatisfaction: Ticket.RecordSatisfaction(Clock.GetCurrentInstant(), new CsatScore(1 + (operation.Pick % 5)), "customer"); return TicketMove.RecordSatisfaction;
            case TicketOperationKind.ClockBack: Clock.Reset(Clock.GetCurrentInstant() - Duration.FromMinutes(operation.Pick)); return null;
            default: throw new ArgumentOutOfRangeException(nameof(operation));
        }
    }

    private static TicketOperationKind KindOf(TicketMove move) => Enum.Parse<TicketOperationKind>(move.ToString());

    private void Track(TicketMove move, TicketStatus from)
    {
        switch (move)
        {
            case TicketMove.Resolve:
                resolvedSinceReopen = true;
                confirmedSinceResolve = false;
                break;
            case TicketMove.ConfirmResolution or TicketMove.CompleteRevisit:
                confirmedSinceResolve = true;
                break;
            case TicketMove.Reopen:
                resolvedSinceReopen = false;
                confirmedSinceResolve = false;
                break;
            case TicketMove.Close:
                if (!resolvedSinceReopen || !confirmedSinceResolve)
                {
                    Violations.Add($"closed from {from} without resolution ({resolvedSinceReopen}) and confirmation or revisit ({confirmedSinceResolve})");
                }

                break;
        }
    }

    private State Snapshot() => new(Ticket.Status, Ticket.StatusHistory.Count, Ticket.DomainEvents.Count, Ticket.Timeline.Count, Ticket.ReopenCount, Ticket.Satisfaction);

    private readonly record struct State(TicketStatus Status, int History, int Events, int Timeline, int Reopens, CsatScore? Satisfaction);
}
