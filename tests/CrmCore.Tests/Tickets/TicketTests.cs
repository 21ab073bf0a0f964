using CrmCore.Satisfaction;
using CrmCore.Tests.Support;
using CrmCore.Tickets;
using NodaTime;

namespace CrmCore.Tests.Tickets;

public class TicketTests
{
    private readonly NodaTime.Testing.FakeClock clock = TestData.NewClock();
    private readonly TicketFactory factory;

    public TicketTests() => factory = TestData.TicketFactory(clock);

    [Fact]
    public void Open_ValidRequest_IsPendingWithCreationEntryAndEvent()
    {
        var ticket = factory.Open(TestData.Request(), TestData.Alice, "desk");

        Assert.Equal("WT202403001", ticket.Id.Value);
        Assert.Equal(TicketStatus.Pending, ticket.Status);
        Assert.Equal(TestData.Alice, ticket.Owner);
        Assert.Equal(TestData.Start, ticket.RaisedAt);
        Assert.Equal([new StatusChange(TestData.Start, TicketStatus.Pending, TicketStatus.Pending, "desk")], ticket.StatusHistory);
        var created = Assert.IsType<TicketCreated>(Assert.Single(ticket.DomainEvents));
        Assert.Equal(new TicketCreated(ticket.Id, TestData.Start, "desk", TestData.Acme, TestData.Alice, Urgency.Urgent, TicketType.Fault, Channel.Phone), created);
    }

    [Fact]
    public void Open_EmptyOwner_ThrowsAndTakesNoId()
    {
        Assert.Throws<ArgumentException>(() => factory.Open(TestData.Request(), default, "desk"));

        Assert.Equal("WT202403001", factory.Open(TestData.Request(), TestData.Alice, "desk").Id.Value);
    }

    [Fact]
    public void Open_RaisedInTheFuture_Throws()
    {
        var request = TestData.Request() with { RaisedAt = TestData.Start + Duration.FromMinutes(1) };

        Assert.Throws<ArgumentException>(() => factory.Open(request, TestData.Alice, "desk"));
    }

    [Fact]
    public void Open_BadRequestFields_ThrowAndTakeNoId()
    {
        TicketRequest[] bad =
        [
            TestData.Request() with { Urgency = (Urgency)9 },
            TestData.Request() with { Type = default },
            TestData.Request() with { Channel = default },
            TestData.Request() with { CustomerId = default },
            TestData.Request() with { Description = " " },
            TestData.Request() with { ExpectedResolutionAt = TestData.Start - Duration.FromMinutes(1) },
        ];

        Assert.All(bad, request => Assert.Throws<ArgumentException>(() => factory.Open(request, TestData.Alice, "desk")));
        Assert.Equal("WT202403001", factory.Open(TestData.Request(), TestData.Alice, "desk").Id.Value);
    }

    [Fact]
    public void Open_HostId_KeepsItAndEarlierRaisedAt()
    {
        var raised = TestData.Start - Duration.FromHours(3);

        var ticket = factory.Open(new TicketId("EXT-42"), TestData.Request() with { RaisedAt = raised }, TestData.Alice, "desk");

        Assert.Equal("EXT-42", ticket.Id.Value);
        Assert.Equal(raised, ticket.RaisedAt);
        Assert.Equal(TestData.Start, ticket.CreatedAt);
    }

    [Fact]
    public void Start_FromPending_RecordsWhoAndWhenFromClock()
    {
        var ticket = factory.Open(TestData.Request(), TestData.Alice, "desk");
        clock.AdvanceMinutes(5);

        ticket.Start(clock.GetCurrentInstant(), "alice");

        Assert.Equal(TicketStatus.InProgress, ticket.Status);
        Assert.Equal(new StatusChange(TestData.Start + Duration.FromMinutes(5), TicketStatus.Pending, TicketStatus.InProgress, "alice"), ticket.StatusHistory[^1]);
        Assert.Equal(new TicketStatusChanged(ticket.Id, clock.GetCurrentInstant(), "alice", TicketStatus.Pending, TicketStatus.InProgress, TicketMove.Start), ticket.DomainEvents[^1]);
    }

    [Fact]
    public void Start_WhenInProgress_ThrowsNamingTicketStatusAndMove()
    {
        var ticket = factory.Open(TestData.Request(), TestData.Alice, "desk");
        ticket.Start(clock.GetCurrentInstant(), "alice");

        var ex = Assert.Throws<TicketTransitionException>(() => ticket.Start(clock.GetCurrentInstant(), "alice"));

        Assert.Equal(ticket.Id, ex.TicketId);
        Assert.Equal(TicketStatus.InProgress, ex.Current);
        Assert.Equal(TicketMove.Start, ex.Move);
        Assert.Equal(TicketTransitionFailure.MoveNotAllowed, ex.Failure);
        Assert.Contains("WT202403001", ex.Message, StringComparison.Ordinal);
        Assert.Equal(2, ticket.StatusHistory.Count);
    }

    [Fact]
    public void Close_AfterRevisitCompleted_ClosesWithEvent()
    {
        var ticket = TestData.ResolvedTicket(clock, factory);
        ticket.ScheduleRevisit(clock.GetCurrentInstant(), "system");
        clock.AdvanceDays(1);
        ticket.CompleteRevisit(clock.GetCurrentInstant(), "manager", "Works fine now");

        ticket.Close(clock.GetCurrentInstant(), "manager");

        Assert.Equal(TicketStatus.Closed, ticket.Status);
        Assert.Equal(clock.GetCurrentInstant(), ticket.ClosedAt);
        Assert.Equal(new TicketClosed(ticket.Id, clock.GetCurrentInstant(), "manager", false, true), ticket.DomainEvents[^1]);
        Assert.Equal(
            [TicketStatus.Pending, TicketStatus.InProgress, TicketStatus.Resolved, TicketStatus.AwaitingRevisit, TicketStatus.Closed],
            ticket.StatusHistory.Select(c => c.To));
    }

    [Fact]
    public void Close_WithoutConfirmationOrRevisit_ThrowsAndKeepsStatus()
    {
        var ticket = TestData.ResolvedTicket(clock, factory);
        ticket.ScheduleRevisit(clock.GetCurrentInstant(), "system");

        var ex = Assert.Throws<TicketTransitionException>(() => ticket.Close(clock.GetCurrentInstant(), "alice"));

        Assert.Equal(TicketTransitionFailure.ClosureNotConfirmed, ex.Failure);
        Assert.Equal(TicketStatus.AwaitingRevisit, ticket.Status);
    }

    [Fact]
    public void Close_FromResolvedWhenCustomerConfirmed_Closes()
    {
        var ticket = TestData.ResolvedTicket(clock, factory);
        ticket.ConfirmResolution(clock.GetCurrentInstant(), "customer");

        ticket.Close(clock.GetCurrentInstant(), "alice");

        Assert.Equal(TicketStatus.Closed, ticket.Status);
        Assert.True(Assert.IsType<TicketClosed>(ticket.DomainEvents[^1]).ConfirmedByCustomer);
    }

    [Fact]
    public void CompleteRevisit_WhenOnlyResolved_Throws()
    {
        var ticket = TestData.ResolvedTicket(clock, factory);

        Assert.Throws<TicketTransitionException>(() => ticket.CompleteRevisit(clock.GetCurrentInstant(), "manager", "ok"));
    }

    [Fact]
    public void Reopen_ClosedWithinWindow_GoesBackToInProgressAndNeedsNewConfirmation()
    {
        var ticket = TestData.ResolvedTicket(clock, factory);
        ticket.ConfirmResolution(clock.GetCurrentInstant(), "customer");
        ticket.Close(clock.GetCurrentInstant(), "alice");
        clock.AdvanceDays(7);

        ticket.Reopen(clock.GetCurrentInstant(), "alice", "Jams again");

        Assert.Equal(TicketStatus.InProgress, ticket.Status);
        Assert.Equal(1, ticket.ReopenCount);
        Assert.Null(ticket.CustomerConfirmedAt);
        Assert.Null(ticket.ClosedAt);
        Assert.Equal(new TicketReopened(ticket.Id, clock.GetCurrentInstant(), "alice", TicketStatus.Closed, "Jams again", 1), ticket.DomainEvents[^1]);
        ticket.Resolve(clock.GetCurrentInstant(), "alice", "New roller");
        Assert.Throws<TicketTransitionException>(() => ticket.Close(clock.GetCurrentInstant(), "alice"));
    }

    [Fact]
    public void Reopen_AfterWindow_ThrowsWindowElapsed()
    {
        var ticket = TestData.ResolvedTicket(clock, factory);
        clock.Advance(Duration.FromDays(7) + Duration.FromSeconds(1));

        var ex = Assert.Throws<TicketTransitionException>(() => ticket.Reopen(clock.GetCurrentInstant(), "alice", "Still broken"));

        Assert.Equal(TicketTransitionFailure.ReopenWindowElapsed, ex.Failure);
        Assert.Equal(Duration.FromDays(7), ex.ReopenWindow);
        Assert.Equal(TicketStatus.Resolved, ticket.Status);
    }

    [Fact]
    public void Reopen_ConfiguredWindow_IsUsed()
    {
        var shortFactory = TestData.TicketFactory(clock, new TicketOptions { ReopenWindow = Duration.FromHours(1) });
        var ticket = TestData.ResolvedTicket(clock, shortFactory);
        clock.AdvanceMinutes(61);

        Assert.Throws<TicketTransitionException>(() => ticket.Reopen(clock.GetCurrentInstant(), "alice", "Still broken"));
    }

    [Fact]
    public void Reopen_FromPending_Throws()
    {
        var ticket = factory.Open(TestData.Request(), TestData.Alice, "desk");

        Assert.Equal(TicketTransitionFailure.MoveNotAllowed, Assert.Throws<TicketTransitionException>(() => ticket.Reopen(clock.GetCurrentInstant(), "alice", "why")).Failure);
    }

    [Fact]
    public void WaitForCustomer_ThenResume_AlternatesAndCountsAsFirstResponse()
    {
        var ticket = factory.Open(TestData.Request(), TestData.Alice, "desk");
        ticket.Start(clock.GetCurrentInstant(), "alice");
        clock.AdvanceMinutes(10);

        ticket.WaitForCustomer(clock.GetCurrentInstant(), "alice", "Which model?");
        ticket.ResumeWork(clock.GetCurrentInstant(), "alice");

        Assert.Equal(TicketStatus.InProgress, ticket.Status);
        Assert.Equal(clock.GetCurrentInstant(), ticket.FirstResponseAt);
        Assert.Single(ticket.DomainEvents.OfType<TicketFirstResponseGiven>());
        Assert.True(ticket.Timeline[^1].IsCustomerFacing);
    }

    [Fact]
    public void RespondToCustomer_Twice_RaisesFirstResponseOnce()
    {
        var ticket = factory.Open(TestData.Request(), TestData.Alice, "desk");
        clock.AdvanceMinutes(3);
        ticket.RespondToCustomer(clock.GetCurrentInstant(), "alice", "Received, looking into it");
        var first = clock.GetCurrentInstant();
        clock.AdvanceMinutes(3);

        ticket.RespondToCustomer(clock.GetCurrentInstant(), "alice", "Update");

        Assert.Equal(first, ticket.FirstResponseAt);
        Assert.Single(ticket.DomainEvents.OfType<TicketFirstResponseGiven>());
        Assert.Equal(2, ticket.Timeline.Count);
    }

    [Fact]
    public void Reassign_OtherAgent_ChangesOwnerWithEvent()
    {
        var ticket = factory.Open(TestData.Request(), TestData.Alice, "desk");

        Assert.True(ticket.Reassign(clock.GetCurrentInstant(), TestData.Bob, "supervisor"));

        Assert.Equal(TestData.Bob, ticket.Owner);
        Assert.Equal(new TicketOwnerChanged(ticket.Id, TestData.Start, "supervisor", TestData.Alice, TestData.Bob), ticket.DomainEvents[^1]);
    }

    [Fact]
    public void Reassign_SameOwner_ReturnsFalseWithoutEvent()
    {
        var ticket = factory.Open(TestData.Request(), TestData.Alice, "desk");

        Assert.False(ticket.Reassign(clock.GetCurrentInstant(), TestData.Alice, "supervisor"));
        Assert.Single(ticket.DomainEvents);
    }

    [Fact]
    public void Reassign_EmptyAgent_ThrowsAndKeepsOwner()
    {
        var ticket = factory.Open(TestData.Request(), TestData.Alice, "desk");

        Assert.Throws<ArgumentException>(() => ticket.Reassign(clock.GetCurrentInstant(), default, "supervisor"));
        Assert.Equal(TestData.Alice, ticket.Owner);
    }

    [Fact]
    public void Reassign_NoActionNeeded_Throws()
    {
        var ticket = factory.Open(TestData.Request(), TestData.Alice, "desk");
        ticket.MarkNoActionNeeded(clock.GetCurrentInstant(), "alice", "Duplicate of WT202402017");

        Assert.Throws<TicketTransitionException>(() => ticket.Reassign(clock.GetCurrentInstant(), TestData.Bob, "supervisor"));
    }

    [Fact]
    public void MarkNoActionNeeded_Resolved_Throws()
    {
        var ticket = TestData.ResolvedTicket(clock, factory);

        Assert.Throws<TicketTransitionException>(() => ticket.MarkNoActionNeeded(clock.GetCurrentInstant(), "alice", "nothing"));
    }

    [Fact]
    public void RecordSatisfaction_Pending_ThrowsButClosed_Records()
    {
        var ticket = factory.Open(TestData.Request(), TestData.Alice, "desk");
        Assert.Throws<TicketTransitionException>(() => ticket.RecordSatisfaction(clock.GetCurrentInstant(), new CsatScore(5), "customer"));
        ticket.Start(clock.GetCurrentInstant(), "alice");
        ticket.Resolve(clock.GetCurrentInstant(), "alice", "Done");
        ticket.ConfirmResolution(clock.GetCurrentInstant(), "customer");
        ticket.Close(clock.GetCurrentInstant(), "alice");

        ticket.RecordSatisfaction(clock.GetCurrentInstant(), new CsatScore(4), "customer");

        Assert.Equal(new CsatScore(4), ticket.Satisfaction);
    }

    [Fact]
    public void RecordSatisfaction_DefaultScore_Throws()
    {
        var ticket = TestData.ResolvedTicket(clock, factory);

        Assert.Throws<ArgumentException>(() => ticket.RecordSatisfaction(clock.GetCurrentInstant(), default, "customer"));
    }

    [Fact]
    public void Resolve_ClockWentBack_HistoryStaysOrdered()
    {
        var ticket = factory.Open(TestData.Request(), TestData.Alice, "desk");
        clock.AdvanceHours(2);
        ticket.Start(clock.GetCurrentInstant(), "alice");
        clock.Reset(TestData.Start);

        ticket.Resolve(clock.GetCurrentInstant(), "alice", "Done");

        Assert.Equal(ticket.StatusHistory[^2].At, ticket.StatusHistory[^1].At);
    }

    [Fact]
    public void AnyMove_BlankActor_ThrowsArgumentException()
    {
        var ticket = factory.Open(TestData.Request(), TestData.Alice, "desk");

        Assert.Throws<ArgumentException>(() => ticket.Start(clock.GetCurrentInstant(), " "));
        Assert.Equal(TicketStatus.Pending, ticket.Status);
    }

    [Fact]
    public void ClearDomainEvents_AfterChanges_EmptiesListButKeepsHistory()
    {
        var ticket = factory.Open(TestData.Request(), TestData.Alice, "desk");
        ticket.Start(clock.GetCurrentInstant(), "alice");

        ticket.ClearDomainEvents();

        Assert.Empty(ticket.DomainEvents);
        Assert.Equal(2, ticket.StatusHistory.Count);
    }

    [Fact]
    public void TicketFactory_NegativeReopenWindow_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => TestData.TicketFactory(clock, new TicketOptions { ReopenWindow = Duration.FromHours(-1) }));
}
