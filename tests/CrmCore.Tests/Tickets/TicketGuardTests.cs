using CrmCore.Customers;
using CrmCore.Satisfaction;
using CrmCore.Tests.Support;
using CrmCore.Tickets;
using NodaTime;

namespace CrmCore.Tests.Tickets;

/// <summary>
/// Every guard of the ticket aggregate asserted exactly (the parameter it names and its message), the boundaries that are
/// allowed (an expected resolution at the raise time, a raise at the opening instant, a reopen at the last instant of the
/// window, a zero window), and what one change does to the version and the times.
/// </summary>
public sealed class TicketGuardTests
{
    private static readonly Instant Now = TestData.Start;
    private static readonly TicketId Id = new("WT1");

    public static TheoryData<string, TicketRequest, string, string> BadRequests => new()
    {
        { "no customer", TestData.Request() with { CustomerId = default }, "The ticket request names no customer.", "request.CustomerId" },
        { "undefined urgency", TestData.Request() with { Urgency = (Urgency)9 }, "Urgency 9 is not defined.", "request.Urgency" },
        { "default type", TestData.Request() with { Type = default }, "The ticket type and channel must not be the empty default instance.", "request.Type" },
        { "default channel", TestData.Request() with { Channel = default }, "The ticket type and channel must not be the empty default instance.", "request.Channel" },
        {
            "expected before raised", TestData.Request() with { RaisedAt = Now - Duration.FromHours(1), ExpectedResolutionAt = Now - Duration.FromHours(1) - Duration.Epsilon },
            $"The expected resolution time {Now - Duration.FromHours(1) - Duration.Epsilon} is before the ticket was raised.", "request.ExpectedResolutionAt"
        },
        { "expected before now", TestData.Request() with { ExpectedResolutionAt = Now - Duration.Epsilon }, $"The expected resolution time {Now - Duration.Epsilon} is before the ticket was raised.", "request.ExpectedResolutionAt" },
        { "raised after opening", TestData.Request() with { RaisedAt = Now + Duration.Epsilon }, $"The ticket was raised at {Now + Duration.Epsilon}, after it is opened ({Now}).", "request.RaisedAt" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public void Open_BadRequest_IsRefusedNamingTheRequestProperty(string why, TicketRequest request, string message, string paramName)
    {
        var e = Assert.Throws<ArgumentException>(() => Ticket.Open(Id, request, TestData.Alice, "desk", Now));

        Assert.True(e.ParamName == paramName, $"{why}: {e.ParamName}");
        Assert.StartsWith(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_BlankDescriptionOwnerActorOrId_IsRefusedByName()
    {
        Assert.Equal("request.Description", Assert.Throws<ArgumentException>(() => Ticket.Open(Id, TestData.Request(" "), TestData.Alice, "desk", Now)).ParamName);
        Assert.Equal("request", Assert.Throws<ArgumentNullException>(() => Ticket.Open(Id, null!, TestData.Alice, "desk", Now)).ParamName);
        Assert.Equal("by", Assert.Throws<ArgumentException>(() => Ticket.Open(Id, TestData.Request(), TestData.Alice, " ", Now)).ParamName);

        var owner = Assert.Throws<ArgumentException>(() => Ticket.Open(Id, TestData.Request(), default, "desk", Now));
        Assert.Equal("owner", owner.ParamName);
        Assert.StartsWith("A ticket always has exactly one owner: the agent id is empty.", owner.Message, StringComparison.Ordinal);

        var id = Assert.Throws<ArgumentException>(() => Ticket.Open(default, TestData.Request(), TestData.Alice, "desk", Now));
        Assert.Equal("id", id.ParamName);
        Assert.StartsWith("The ticket id is empty.", id.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_BoundariesThatAreAllowed_AndTheValuesKept()
    {
        var atRaise = Ticket.Open(Id, TestData.Request("  Jams  ") with { RaisedAt = Now, ExpectedResolutionAt = Now, Department = " ", RelatedAssetId = " A-1 " }, TestData.Alice, " desk ", Now);

        Assert.Equal((Now, Now, (Instant?)Now), (atRaise.RaisedAt, atRaise.CreatedAt, atRaise.ExpectedResolutionAt));
        Assert.Equal(("Jams", (string?)null, (string?)"A-1"), (atRaise.Description, atRaise.Department, atRaise.RelatedAssetId));
        Assert.Equal("desk", Assert.Single(atRaise.StatusHistory).By);
        Assert.Equal((1L, Now, (Instant?)null), (atRaise.Version, atRaise.LastChangeAt, atRaise.FirstResponseAt));
        Assert.Equal(Duration.FromDays(7), atRaise.ReopenWindow);

        var earlier = Ticket.Open(Id, TestData.Request() with { RaisedAt = Now - Duration.FromHours(2) }, TestData.Alice, "desk", Now);
        Assert.Equal((Now - Duration.FromHours(2), Now, "After-sales"), (earlier.RaisedAt, earlier.CreatedAt, earlier.Department));
        Assert.Equal("WT1 (Pending, owner alice)", earlier.ToString());
    }

    [Fact]
    public void OpenAndRestore_NegativeWindow_IsRefused_ZeroIsAllowed()
    {
        var negative = new TicketOptions { ReopenWindow = -Duration.Epsilon };
        var zero = new TicketOptions { ReopenWindow = Duration.Zero };
        var state = Ticket.Open(Id, TestData.Request(), TestData.Alice, "desk", Now).ToState();

        Assert.Equal("options", Assert.Throws<ArgumentOutOfRangeException>(() => Ticket.Open(Id, TestData.Request(), TestData.Alice, "desk", Now, negative)).ParamName);
        Assert.Equal("options", Assert.Throws<ArgumentOutOfRangeException>(() => Ticket.Restore(state, negative)).ParamName);
        Assert.Equal(Duration.Zero, Ticket.Open(Id, TestData.Request(), TestData.Alice, "desk", Now, zero).ReopenWindow);
        Assert.Equal(Duration.Zero, Ticket.Restore(state, zero).ReopenWindow);
        Assert.Equal(Duration.FromDays(7), Ticket.Restore(state).ReopenWindow);
        Assert.Equal("state", Assert.Throws<ArgumentNullException>(() => Ticket.Restore(null!)).ParamName);

        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new TicketFactory(TestData.NewClock(), new FixedIds(), negative));
        Assert.Equal("options", e.ParamName);
        Assert.StartsWith("The reopen window must not be negative.", e.Message, StringComparison.Ordinal);
        Assert.Equal("clock", Assert.Throws<ArgumentNullException>(() => new TicketFactory(null!, new FixedIds())).ParamName);
        Assert.Equal("ids", Assert.Throws<ArgumentNullException>(() => new TicketFactory(TestData.NewClock(), null!)).ParamName);
        Assert.Equal(Duration.Zero, new TicketFactory(TestData.NewClock(), new FixedIds(), zero).Open(TestData.Request(), TestData.Alice, "desk").ReopenWindow);
    }

    [Fact]
    public void Reopen_AtTheLastInstantOfTheWindow_IsAllowed()
    {
        var ticket = Resolved(out var resolvedAt);

        ticket.Reopen(resolvedAt + Duration.FromDays(7), "alice", "again");

        Assert.Equal((TicketStatus.InProgress, 1), (ticket.Status, ticket.ReopenCount));
    }

    [Fact]
    public void Reopen_ZeroWindow_AllowsOnlyTheSameInstant()
    {
        var ticket = Ticket.Open(Id, TestData.Request(), TestData.Alice, "desk", Now, new TicketOptions { ReopenWindow = Duration.Zero });
        ticket.Start(Now, "alice");
        ticket.Resolve(Now, "alice", "fixed");

        ticket.Reopen(Now, "alice", "again");
        ticket.Resolve(Now + Duration.FromHours(1), "alice", "fixed");

        Assert.Throws<TicketTransitionException>(() => ticket.Reopen(Now + Duration.FromHours(1) + Duration.Epsilon, "alice", "again"));
    }

    [Fact]
    public void TextArguments_BlankText_IsRefusedByName()
    {
        var ticket = Ticket.Open(Id, TestData.Request(), TestData.Alice, "desk", Now);
        ticket.Start(Now, "alice");

        Assert.Equal("question", Assert.Throws<ArgumentException>(() => ticket.WaitForCustomer(Now, "alice", " ")).ParamName);
        Assert.Equal("solution", Assert.Throws<ArgumentException>(() => ticket.Resolve(Now, "alice", " ")).ParamName);
        Assert.Equal("reason", Assert.Throws<ArgumentException>(() => ticket.MarkNoActionNeeded(Now, "alice", " ")).ParamName);
        Assert.Equal("message", Assert.Throws<ArgumentException>(() => ticket.RespondToCustomer(Now, "alice", " ")).ParamName);
        Assert.Equal("text", Assert.Throws<ArgumentException>(() => ticket.AddNote(Now, "alice", " ")).ParamName);
        Assert.Equal("by", Assert.Throws<ArgumentException>(() => ticket.AddNote(Now, " ", "note")).ParamName);
        Assert.Equal("newOwner", Assert.Throws<ArgumentException>(() => ticket.Reassign(Now, default, "lead")).ParamName);
        Assert.Equal("by", Assert.Throws<ArgumentException>(() => ticket.Reassign(Now, TestData.Bob, " ")).ParamName);

        var resolved = Resolved(out _);
        Assert.Equal("outcome", Assert.Throws<ArgumentException>(() => resolved.CompleteRevisit(Now, "alice", " ")).ParamName);
        Assert.Equal("reason", Assert.Throws<ArgumentException>(() => resolved.Reopen(Now, "alice", " ")).ParamName);
        Assert.Equal("by", Assert.Throws<ArgumentException>(() => resolved.Reopen(Now, " ", "why")).ParamName);
        Assert.Equal("by", Assert.Throws<ArgumentException>(() => resolved.Close(Now, " ")).ParamName);
        Assert.Equal(TicketStatus.InProgress, ticket.Status);
        Assert.Equal(2L, ticket.Version);
    }

    [Fact]
    public void Surveys_OfAnotherTicketOrCustomer_OrTheDefaultScore_AreRefused()
    {
        var ticket = Resolved(out var at);

        var score = Assert.Throws<ArgumentException>(() => ticket.RecordSatisfaction(at, default, "customer"));
        Assert.Equal("score", score.ParamName);
        Assert.StartsWith("The satisfaction score is the default instance, not a score from 1 to 5.", score.Message, StringComparison.Ordinal);

        var other = new SurveyResponse(new TicketId("WT2"), TestData.Acme, at, new CsatScore(4));
        var e = Assert.Throws<ArgumentException>(() => ticket.RecordSurvey(at, other, "customer"));
        Assert.Equal("survey", e.ParamName);
        Assert.StartsWith($"The survey is for ticket WT2 of customer {TestData.Acme}, not WT1 of {TestData.Acme}.", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => ticket.RecordSurvey(at, new SurveyResponse(Id, new CustomerId("C9"), at, new CsatScore(4)), "customer"));
        Assert.Equal("survey", Assert.Throws<ArgumentNullException>(() => ticket.RecordSurvey(at, null!, "customer")).ParamName);
        Assert.Null(ticket.Survey);

        ticket.RecordSatisfaction(at, new CsatScore(5), "customer");
        Assert.Equal(new CsatScore(5), ticket.Satisfaction);
    }

    [Fact]
    public void EveryChange_AddsOneVersion_AndAnEarlierClockKeepsTheLastTime()
    {
        var ticket = Ticket.Open(Id, TestData.Request(), TestData.Alice, "desk", Now);
        var later = Now + Duration.FromHours(1);

        ticket.Start(later, "alice");
        ticket.AddNote(Now, "alice", "  checked the cable  ");
        var unchanged = ticket.Reassign(later, TestData.Alice, "lead");
        ticket.RespondToCustomer(Now, "alice", "on it");

        Assert.False(unchanged);
        Assert.Equal(4L, ticket.Version);
        Assert.Equal(later, ticket.LastChangeAt);
        Assert.Equal([(later, "checked the cable", false), (later, "on it", true)], ticket.Timeline.Select(n => (n.At, n.Text, n.IsCustomerFacing)));
        Assert.Equal(later, ticket.FirstResponseAt);
    }

    // A blank actor is refused before the move is checked against the status (and, by Reopen, before its reason): each command checks
    // its actor once, ahead of the lifecycle. The tickets are in a status that forbids the move, so a later check would throw something else.
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" ")]
    public void EveryCommand_BlankActorInAStatusThatForbidsTheMove_IsRefusedByNameFirst(string? blank)
    {
        var by = blank!;
        var pending = Ticket.Open(Id, TestData.Request(), TestData.Alice, "desk", Now);
        var closed = Resolved(out var at);
        closed.ConfirmResolution(at, "customer");
        closed.Close(at, "alice");
        var survey = new SurveyResponse(Id, TestData.Acme, Now, new CsatScore(4));
        var commands = new (string Name, Ticket Ticket, Action<Ticket> Run)[]
        {
            ("Start", closed, t => t.Start(Now, by)),
            ("WaitForCustomer", pending, t => t.WaitForCustomer(Now, by, "which model?")),
            ("ResumeWork", pending, t => t.ResumeWork(Now, by)),
            ("Resolve", pending, t => t.Resolve(Now, by, "fixed")),
            ("ScheduleRevisit", pending, t => t.ScheduleRevisit(Now, by)),
            ("ConfirmResolution", pending, t => t.ConfirmResolution(Now, by)),
            ("CompleteRevisit", pending, t => t.CompleteRevisit(Now, by, "called")),
            ("Close", pending, t => t.Close(Now, by)),
            ("Reopen", pending, t => t.Reopen(Now, by, " ")),
            ("MarkNoActionNeeded", closed, t => t.MarkNoActionNeeded(Now, by, "duplicate")),
            ("Reassign", closed, t => t.Reassign(Now, TestData.Bob, by)),
            ("RespondToCustomer", closed, t => t.RespondToCustomer(Now, by, "hello")),
            ("RecordSurvey", pending, t => t.RecordSurvey(Now, survey, by)),
        };

        foreach (var (name, ticket, run) in commands)
        {
            var (status, version, events) = (ticket.Status, ticket.Version, ticket.DomainEvents.Count);
            var e = Assert.ThrowsAny<ArgumentException>(() => run(ticket));
            Assert.True(e.ParamName == "by", $"{name}: {e.GetType().Name} for '{e.ParamName}'");
            Assert.Equal((status, version, events), (ticket.Status, ticket.Version, ticket.DomainEvents.Count));
        }
    }

    [Fact]
    public void CloseAndReopen_RecordTheTrimmedActor_InTheHistoryAndTheirEvents()
    {
        var ticket = Resolved(out var at);
        ticket.ConfirmResolution(at, "customer");

        ticket.Close(at, "  alice  ");
        ticket.Reopen(at, " bob ", "again");

        Assert.Equal(["alice", "bob"], ticket.StatusHistory.TakeLast(2).Select(c => c.By));
        Assert.Equal("alice", Assert.Single(ticket.DomainEvents.OfType<TicketClosed>()).By);
        Assert.Equal("bob", Assert.Single(ticket.DomainEvents.OfType<TicketReopened>()).By);
        Assert.Equal("bob", ticket.Timeline[^1].By);
    }

    private static Ticket Resolved(out Instant resolvedAt)
    {
        var ticket = Ticket.Open(Id, TestData.Request(), TestData.Alice, "desk", Now);
        ticket.Start(Now + Duration.FromHours(1), "alice");
        resolvedAt = Now + Duration.FromHours(2);
        ticket.Resolve(resolvedAt, "alice", "fixed");
        return ticket;
    }

    private sealed class FixedIds : CrmCore.Identifiers.IIdGenerator<TicketId>
    {
        public TicketId Next() => Id;
    }
}
