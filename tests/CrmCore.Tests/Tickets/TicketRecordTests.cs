using CrmCore.Assets;
using CrmCore.Satisfaction;
using CrmCore.Tests.Support;
using CrmCore.Tickets;
using NodaTime;
using NodaTime.Testing;

namespace CrmCore.Tests.Tickets;

/// <summary>
/// What every command records: one more version, the instant as the last change, exactly its events, and its note on the timeline
/// marked customer-facing or internal. Argument errors come before lifecycle errors.
/// </summary>
public sealed class TicketRecordTests
{
    private readonly FakeClock clock = TestData.NewClock();
    private readonly Ticket ticket;

    public TicketRecordTests()
    {
        ticket = TestData.TicketFactory(clock).Open(TestData.Request(), TestData.Alice, "desk");
        ticket.ClearDomainEvents();
    }

    private TicketId Id => ticket.Id;

    /// <summary>Runs a command one minute later and checks the version, the last change and the events it raised.</summary>
    private Instant Step(Action<Instant> command, Func<Instant, IDomainEvent[]> expected)
    {
        clock.AdvanceMinutes(1);
        var now = clock.GetCurrentInstant();
        var version = ticket.Version;
        var before = ticket.DomainEvents.Count;

        command(now);

        Assert.Equal(version + 1, ticket.Version);
        Assert.Equal(now, ticket.LastChangeAt);
        Assert.Equal(expected(now), ticket.DomainEvents.Skip(before));
        return now;
    }

    private TicketStatusChanged Moved(Instant at, TicketStatus from, TicketStatus to, TicketMove move, string by = "agent") => new(Id, at, by, from, to, move);

    [Fact]
    public void EveryCommand_AddsOneVersionItsEventsAndItsNote()
    {
        var started = Step(t => ticket.Start(t, "agent"), t => [Moved(t, TicketStatus.Pending, TicketStatus.InProgress, TicketMove.Start)]);
        var asked = Step(t => ticket.WaitForCustomer(t, "agent", "Which model?"),
            t => [Moved(t, TicketStatus.InProgress, TicketStatus.WaitingForCustomer, TicketMove.WaitForCustomer), new TicketFirstResponseGiven(Id, t, "agent")]);
        Step(t => ticket.ResumeWork(t, "agent"), t => [Moved(t, TicketStatus.WaitingForCustomer, TicketStatus.InProgress, TicketMove.ResumeWork)]);
        var replied = Step(t => ticket.RespondToCustomer(t, " agent ", " On it "), t => [new TicketNoteAdded(Id, t, "agent", "On it", IsCustomerFacing: true)]);
        var noted = Step(t => ticket.AddNote(t, "agent", " Called the supplier "), t => [new TicketNoteAdded(Id, t, "agent", "Called the supplier", IsCustomerFacing: false)]);
        Step(t => Assert.True(ticket.Reassign(t, TestData.Bob, "lead")), t => [new TicketOwnerChanged(Id, t, "lead", TestData.Alice, TestData.Bob)]);
        Step(t => Assert.True(ticket.LinkAsset(t, "engineer", new AssetId("PR-1"))), t => [new TicketAssetLinked(Id, t, "engineer", "PR-1", null)]);
        var resolved = Step(t => ticket.Resolve(t, "agent", "Replaced the roller"),
            t => [Moved(t, TicketStatus.InProgress, TicketStatus.Resolved, TicketMove.Resolve), new TicketResolved(Id, t, "agent", "Replaced the roller")]);
        Step(t => ticket.ConfirmResolution(t, " customer "), t => [new TicketResolutionConfirmed(Id, t, "customer")]);
        Step(t => ticket.RecordSatisfaction(t, new CsatScore(4), "customer"), t => [new TicketSurveyRecorded(Id, t, "customer", new CsatScore(4), null)]);
        Step(t => ticket.Close(t, "agent"), t => [Moved(t, TicketStatus.Resolved, TicketStatus.Closed, TicketMove.Close), new TicketClosed(Id, t, "agent", true, false)]);
        var reopened = Step(t => ticket.Reopen(t, "agent", " Jams again "),
            t => [Moved(t, TicketStatus.Closed, TicketStatus.InProgress, TicketMove.Reopen), new TicketReopened(Id, t, "agent", TicketStatus.Closed, "Jams again", 1)]);
        var resolvedAgain = Step(t => ticket.Resolve(t, "agent", "New fuser"),
            t => [Moved(t, TicketStatus.InProgress, TicketStatus.Resolved, TicketMove.Resolve), new TicketResolved(Id, t, "agent", "New fuser")]);
        Step(t => ticket.ScheduleRevisit(t, "agent"), t => [Moved(t, TicketStatus.Resolved, TicketStatus.AwaitingRevisit, TicketMove.ScheduleRevisit)]);
        var revisited = Step(t => ticket.CompleteRevisit(t, " manager ", " Works fine "), t => [new TicketRevisitCompleted(Id, t, "manager", "Works fine")]);
        Step(t => ticket.Close(t, "agent"), t => [Moved(t, TicketStatus.AwaitingRevisit, TicketStatus.Closed, TicketMove.Close), new TicketClosed(Id, t, "agent", false, true)]);

        Assert.Equal(17, ticket.Version);
        Assert.Equal(asked, ticket.FirstResponseAt);
        Assert.Equal(
        [
            new ProgressNote(asked, "agent", "Which model?", true),
            new ProgressNote(replied, "agent", "On it", true),
            new ProgressNote(noted, "agent", "Called the supplier", false),
            new ProgressNote(resolved, "agent", "Replaced the roller", true),
            new ProgressNote(reopened, "agent", "Jams again", false),
            new ProgressNote(resolvedAgain, "agent", "New fuser", true),
            new ProgressNote(revisited, "manager", "Works fine", true),
        ], ticket.Timeline);
        Assert.Equal(started, ticket.StatusHistory[1].At);
    }

    [Fact]
    public void MarkNoActionNeeded_RecordsAnInternalNote()
    {
        var at = Step(t => ticket.MarkNoActionNeeded(t, "agent", " Duplicate of WT1 "),
            t => [Moved(t, TicketStatus.Pending, TicketStatus.NoActionNeeded, TicketMove.MarkNoActionNeeded)]);

        Assert.Equal([new ProgressNote(at, "agent", "Duplicate of WT1", false)], ticket.Timeline);
        Assert.Null(ticket.FirstResponseAt);
    }

    [Fact]
    public void Resolve_WithoutAnEarlierReply_TheSolutionIsTheFirstResponse()
    {
        ticket.Start(clock.GetCurrentInstant(), "agent");
        var at = Step(t => ticket.Resolve(t, "agent", "Reset the router"),
            t => [Moved(t, TicketStatus.InProgress, TicketStatus.Resolved, TicketMove.Resolve), new TicketFirstResponseGiven(Id, t, "agent"), new TicketResolved(Id, t, "agent", "Reset the router")]);

        Assert.Equal(at, ticket.FirstResponseAt);
    }

    [Fact]
    public void LinkAsset_LinksMovesAndRemoves_SameAssetChangesNothing()
    {
        Step(t => Assert.True(ticket.LinkAsset(t, "engineer", new AssetId("PR-1"))), t => [new TicketAssetLinked(Id, t, "engineer", "PR-1", null)]);
        var version = ticket.Version;
        var events = ticket.DomainEvents.Count;
        Assert.False(ticket.LinkAsset(clock.GetCurrentInstant() + Duration.FromHours(1), "engineer", new AssetId("PR-1")));
        Assert.Equal((version, events), (ticket.Version, ticket.DomainEvents.Count));

        Step(t => Assert.True(ticket.LinkAsset(t, "engineer", new AssetId("PR-2"))), t => [new TicketAssetLinked(Id, t, "engineer", "PR-2", "PR-1")]);
        Assert.Equal("PR-2", ticket.RelatedAssetId);
        Step(t => Assert.True(ticket.LinkAsset(t, "engineer", null)), t => [new TicketAssetLinked(Id, t, "engineer", null, "PR-2")]);
        Assert.Null(ticket.RelatedAssetId);
        Assert.False(ticket.LinkAsset(clock.GetCurrentInstant(), "engineer", null));
    }

    [Fact]
    public void LinkAsset_BadArguments_ThrowAndChangeNothing()
    {
        Assert.Equal("asset", Assert.Throws<ArgumentException>(() => ticket.LinkAsset(clock.GetCurrentInstant(), "engineer", default(AssetId))).ParamName);
        Assert.Equal("by", Assert.Throws<ArgumentException>(() => ticket.LinkAsset(clock.GetCurrentInstant(), " ", new AssetId("PR-1"))).ParamName);
        Assert.Null(ticket.RelatedAssetId);
        Assert.Equal(1, ticket.Version);
        Assert.Empty(ticket.DomainEvents);
    }

    [Fact]
    public void LinkAsset_ClosedTicket_IsAllowed()
    {
        var closed = TestData.ResolvedTicket(clock, TestData.TicketFactory(clock));
        closed.ConfirmResolution(clock.GetCurrentInstant(), "customer");
        closed.Close(clock.GetCurrentInstant(), "agent");

        Assert.True(closed.LinkAsset(clock.GetCurrentInstant(), "engineer", new AssetId("PR-9")));
        Assert.Equal("PR-9", closed.RelatedAssetId);
    }

    [Fact]
    public void Close_BlankActorOnAnUnconfirmedTicket_IsAnArgumentError()
    {
        var resolved = TestData.ResolvedTicket(clock, TestData.TicketFactory(clock));

        Assert.Equal("by", Assert.Throws<ArgumentException>(() => resolved.Close(clock.GetCurrentInstant(), " ")).ParamName);
    }

    [Fact]
    public void Reassign_BlankActorToTheCurrentOwner_IsAnArgumentError() =>
        Assert.Equal("by", Assert.Throws<ArgumentException>(() => ticket.Reassign(clock.GetCurrentInstant(), TestData.Alice, " ")).ParamName);

    [Fact]
    public void Reassign_ToTheCurrentOwner_RecordsNothing()
    {
        Assert.False(ticket.Reassign(clock.GetCurrentInstant() + Duration.FromHours(1), TestData.Alice, "lead"));

        Assert.Equal(1, ticket.Version);
        Assert.Equal(TestData.Start, ticket.LastChangeAt);
        Assert.Empty(ticket.DomainEvents);
    }

    [Fact]
    public void Open_BlankActor_IsAnArgumentError() =>
        Assert.Equal("by", Assert.Throws<ArgumentException>(() => Ticket.Open(new TicketId("WT1"), TestData.Request(), TestData.Alice, " ", TestData.Start)).ParamName);

    [Fact]
    public void Open_ExpectedResolutionIsComparedWithTheRaisedInstant()
    {
        var opened = TestData.Start;
        var request = TestData.Request() with { RaisedAt = opened - Duration.FromHours(3), ExpectedResolutionAt = opened - Duration.FromHours(1) };

        var ticket = Ticket.Open(new TicketId("WT1"), request, TestData.Alice, "desk", opened);

        Assert.Equal(opened - Duration.FromHours(1), ticket.ExpectedResolutionAt);
        var tooEarly = request with { ExpectedResolutionAt = opened - Duration.FromHours(4) };
        Assert.Equal("request.ExpectedResolutionAt", Assert.Throws<ArgumentException>(() => Ticket.Open(new TicketId("WT1"), tooEarly, TestData.Alice, "desk", opened)).ParamName);
    }

    [Fact]
    public void Command_AtTheLastChangeInstant_KeepsIt()
    {
        ticket.Start(TestData.Start, "agent");

        Assert.Equal(TestData.Start, ticket.LastChangeAt);
        Assert.Equal(TestData.Start, ticket.StatusHistory[^1].At);
    }

    [Fact]
    public void Restore_KeepsHistoryAndTimeline()
    {
        ticket.Start(clock.GetCurrentInstant(), "agent");
        ticket.AddNote(clock.GetCurrentInstant(), "agent", "Called the supplier");

        var restored = Ticket.Restore(ticket.ToState());

        Assert.Equal(ticket.StatusHistory, restored.StatusHistory);
        Assert.Equal(ticket.Timeline, restored.Timeline);
        Assert.Equal(ticket.Version, restored.Version);
        Assert.Empty(restored.DomainEvents);
    }

    [Fact]
    public void State_Survey_IsTheLatestAnswerOrNull()
    {
        var resolved = TestData.ResolvedTicket(clock, TestData.TicketFactory(clock));
        Assert.Null(resolved.ToState().Survey);

        resolved.RecordSatisfaction(clock.GetCurrentInstant(), new CsatScore(2), "customer");
        resolved.RecordSatisfaction(clock.GetCurrentInstant(), new CsatScore(5), "customer");

        Assert.Equal(new CsatScore(5), resolved.ToState().Survey!.Csat);
        Assert.Equal(2, resolved.ToState().Surveys.Count);
    }

    [Theory]
    [InlineData(TicketStatus.Pending, false)]
    [InlineData(TicketStatus.InProgress, false)]
    [InlineData(TicketStatus.WaitingForCustomer, false)]
    [InlineData(TicketStatus.Resolved, false)]
    [InlineData(TicketStatus.AwaitingRevisit, false)]
    [InlineData(TicketStatus.Closed, true)]
    [InlineData(TicketStatus.NoActionNeeded, true)]
    public void Lifecycle_IsFinished_OnlyClosedAndNoActionNeeded(TicketStatus status, bool finished) =>
        Assert.Equal(finished, TicketLifecycle.IsFinished(status));
}
