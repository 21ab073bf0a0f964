using CrmCore.Tickets;

namespace CrmCore.Tests.Tickets;

public class TicketLifecycleTests
{
    [Theory]
    [InlineData(TicketStatus.Pending, TicketMove.Start, TicketStatus.InProgress)]
    [InlineData(TicketStatus.InProgress, TicketMove.Resolve, TicketStatus.Resolved)]
    [InlineData(TicketStatus.Resolved, TicketMove.ScheduleRevisit, TicketStatus.AwaitingRevisit)]
    [InlineData(TicketStatus.AwaitingRevisit, TicketMove.Close, TicketStatus.Closed)]
    [InlineData(TicketStatus.Resolved, TicketMove.Close, TicketStatus.Closed)]
    [InlineData(TicketStatus.Pending, TicketMove.MarkNoActionNeeded, TicketStatus.NoActionNeeded)]
    [InlineData(TicketStatus.InProgress, TicketMove.MarkNoActionNeeded, TicketStatus.NoActionNeeded)]
    [InlineData(TicketStatus.InProgress, TicketMove.WaitForCustomer, TicketStatus.WaitingForCustomer)]
    [InlineData(TicketStatus.WaitingForCustomer, TicketMove.ResumeWork, TicketStatus.InProgress)]
    [InlineData(TicketStatus.Resolved, TicketMove.Reopen, TicketStatus.InProgress)]
    [InlineData(TicketStatus.AwaitingRevisit, TicketMove.Reopen, TicketStatus.InProgress)]
    [InlineData(TicketStatus.Closed, TicketMove.Reopen, TicketStatus.InProgress)]
    public void TryGetTarget_ListedMove_GivesTarget(TicketStatus from, TicketMove move, TicketStatus expected)
    {
        Assert.True(TicketLifecycle.TryGetTarget(from, move, out var to));
        Assert.Equal(expected, to);
    }

    [Theory]
    [InlineData(TicketStatus.Pending, TicketMove.Close)]
    [InlineData(TicketStatus.Pending, TicketMove.Resolve)]
    [InlineData(TicketStatus.InProgress, TicketMove.Close)]
    [InlineData(TicketStatus.WaitingForCustomer, TicketMove.Resolve)]
    [InlineData(TicketStatus.Resolved, TicketMove.MarkNoActionNeeded)]
    [InlineData(TicketStatus.NoActionNeeded, TicketMove.Reopen)]
    [InlineData(TicketStatus.Closed, TicketMove.Reassign)]
    public void IsAllowed_UnlistedMove_False(TicketStatus from, TicketMove move) => Assert.False(TicketLifecycle.IsAllowed(from, move));

    [Fact]
    public void Transitions_EachStatusAndMove_ListedAtMostOnce() =>
        Assert.Equal(TicketLifecycle.Transitions.Count, TicketLifecycle.Transitions.Select(t => (t.From, t.Move)).Distinct().Count());

    [Fact]
    public void Transitions_FromPending_ReachEveryStatus()
    {
        var reached = new HashSet<TicketStatus> { TicketStatus.Pending };
        var grew = true;
        while (grew)
        {
            var next = TicketLifecycle.Transitions.Where(t => reached.Contains(t.From)).Select(t => t.To).ToList();
            grew = next.Any(reached.Add);
        }

        Assert.Equal(Enum.GetValues<TicketStatus>().ToHashSet(), reached);
    }

    [Fact]
    public void MovesFrom_NoActionNeeded_IsEmpty() => Assert.Empty(TicketLifecycle.MovesFrom(TicketStatus.NoActionNeeded));

    [Fact]
    public void Transitions_StatusKeepingMoves_NeverChangeStatus()
    {
        var keeping = new[] { TicketMove.Reassign, TicketMove.ConfirmResolution, TicketMove.CompleteRevisit, TicketMove.RespondToCustomer, TicketMove.RecordSatisfaction };

        Assert.All(TicketLifecycle.Transitions.Where(t => keeping.Contains(t.Move)), t => Assert.False(t.ChangesStatus));
    }
}
