using CrmCore.Tests.Support;
using CrmCore.Tickets;
using FsCheck.Xunit;
using NodaTime;

namespace CrmCore.Tests.Tickets;

public class TicketPropertyTests
{
    [Property(Arbitrary = [typeof(Arbitraries)], MaxTest = 300)]
    public void AnySequence_RefusedOperations_ChangeNothingAndOwnerIsNeverEmpty(TicketOperation[] operations)
    {
        var scenario = TicketScenario.Run(operations);

        Assert.Empty(scenario.Violations);
        Assert.False(scenario.Ticket.Owner.IsEmpty);
    }

    [Property(Arbitrary = [typeof(Arbitraries)], MaxTest = 300)]
    public void AnySequence_Closed_OnlyAfterResolutionAndConfirmationOrRevisit(TicketOperation[] operations)
    {
        var scenario = TicketScenario.Run(operations);
        var history = scenario.Ticket.StatusHistory;

        Assert.Empty(scenario.Violations);
        for (var i = 0; i < history.Count; i++)
        {
            if (history[i].To != TicketStatus.Closed)
            {
                continue;
            }

            var sinceReopen = history.Take(i).Reverse().TakeWhile(c => !(c.To == TicketStatus.InProgress && c.From is TicketStatus.Resolved or TicketStatus.AwaitingRevisit or TicketStatus.Closed));
            Assert.Contains(sinceReopen, c => c.To == TicketStatus.Resolved);
        }

        foreach (var closed in scenario.Ticket.DomainEvents.OfType<TicketClosed>())
        {
            Assert.True(closed.ConfirmedByCustomer || closed.RevisitCompleted);
        }
    }

    [Property(Arbitrary = [typeof(Arbitraries)], MaxTest = 300)]
    public void AnySequence_StatusHistory_IsAChainOfTableMovesInTimeOrder(TicketOperation[] operations)
    {
        var history = TicketScenario.Run(operations).Ticket.StatusHistory;

        Assert.Equal(new StatusChange(history[0].At, TicketStatus.Pending, TicketStatus.Pending, "desk"), history[0]);
        for (var i = 1; i < history.Count; i++)
        {
            Assert.Equal(history[i - 1].To, history[i].From);
            Assert.True(history[i].At >= history[i - 1].At, $"entry {i} goes back in time");
            Assert.Contains(TicketLifecycle.Transitions, t => t.From == history[i].From && t.To == history[i].To && t.ChangesStatus);
        }
    }

    [Property(Arbitrary = [typeof(Arbitraries)], MaxTest = 300)]
    public void AnySequence_DomainEvents_MatchStateChangesOneToOne(TicketOperation[] operations)
    {
        var scenario = TicketScenario.Run(operations);
        var ticket = scenario.Ticket;
        var events = ticket.DomainEvents;
        var changes = ticket.StatusHistory.Skip(1).ToList();

        Assert.IsType<TicketCreated>(events[0]);
        Assert.Single(events.OfType<TicketCreated>());
        var statusEvents = events.OfType<TicketStatusChanged>().Select(e => new StatusChange(e.OccurredAt, e.From, e.To, e.By)).ToList();
        Assert.Equal(changes, statusEvents);
        Assert.Equal(changes.Count(c => c.To == TicketStatus.Resolved), events.OfType<TicketResolved>().Count());
        Assert.Equal(changes.Count(c => c.To == TicketStatus.Closed), events.OfType<TicketClosed>().Count());
        Assert.Equal(ticket.ReopenCount, events.OfType<TicketReopened>().Count());
        Assert.Equal(changes.Count(c => c.From is TicketStatus.Resolved or TicketStatus.AwaitingRevisit or TicketStatus.Closed && c.To == TicketStatus.InProgress), ticket.ReopenCount);
        Assert.Equal(scenario.OwnerChanges, events.OfType<TicketOwnerChanged>().Count());
        Assert.Equal(ticket.FirstResponseAt is null ? 0 : 1, events.OfType<TicketFirstResponseGiven>().Count());
        Assert.Equal(events.OrderBy(e => e.OccurredAt).ToList(), events);
    }

    [Property(Arbitrary = [typeof(Arbitraries)], MaxTest = 100)]
    public void AnySequence_ZeroReopenWindow_NeverReopensAfterTimePassed(TicketOperation[] operations)
    {
        var scenario = TicketScenario.Run(operations, new TicketOptions { ReopenWindow = Duration.Zero });

        foreach (var reopened in scenario.Ticket.DomainEvents.OfType<TicketReopened>())
        {
            var resolvedOrClosed = scenario.Ticket.StatusHistory.Last(c => c.At <= reopened.OccurredAt && c.To == reopened.From);
            Assert.Equal(resolvedOrClosed.At, reopened.OccurredAt);
        }
    }
}
