using CrmCore.Customers;
using CrmCore.Satisfaction;
using CrmCore.Tests.Support;
using CrmCore.Tickets;
using NodaTime;

namespace CrmCore.Tests.Desk;

public class RestoreTests
{
    private readonly NodaTime.Testing.FakeClock clock = TestData.NewClock();

    [Fact]
    public void TicketRestore_FromToState_KeepsHistoryVersionAndSurveyAndAcceptsNextCommand()
    {
        var ticket = TestData.ResolvedTicket(clock, TestData.TicketFactory(clock));
        ticket.RecordSurvey(clock.GetCurrentInstant(), new SurveyResponse(ticket.Id, ticket.CustomerId, clock.GetCurrentInstant(), new CsatScore(4), new NpsScore(9), comment: "fast"), "alice");
        var state = ticket.ToState();

        var restored = Ticket.Restore(state);

        Assert.Equal(state, restored.ToState() with { StatusHistory = state.StatusHistory, Timeline = state.Timeline, Surveys = state.Surveys });
        Assert.Equal(ticket.StatusHistory, restored.StatusHistory);
        Assert.Equal(ticket.Timeline, restored.Timeline);
        Assert.Equal(4, ticket.Version);
        Assert.Equal(ticket.Version, restored.Version);
        Assert.Empty(restored.DomainEvents);
        Assert.Equal(new CsatScore(4), restored.Satisfaction);

        clock.AdvanceHours(1);
        restored.ConfirmResolution(clock.GetCurrentInstant(), "customer");
        Assert.Equal(5, restored.Version);
        Assert.IsType<TicketResolutionConfirmed>(Assert.Single(restored.DomainEvents));
    }

    [Fact]
    public void TicketRestore_SurveyedReopenedAndSurveyedAgain_KeepsEveryAnswer_LatestCounts()
    {
        var ticket = TestData.ResolvedTicket(clock, TestData.TicketFactory(clock));
        ticket.RecordSurvey(clock.GetCurrentInstant(), new SurveyResponse(ticket.Id, ticket.CustomerId, clock.GetCurrentInstant(), new CsatScore(2), comment: "slow"), "alice");
        clock.AdvanceHours(1);
        ticket.Reopen(clock.GetCurrentInstant(), "customer", "broken again");
        ticket.Resolve(clock.GetCurrentInstant(), "alice", "fixed for good");
        ticket.RecordSurvey(clock.GetCurrentInstant(), new SurveyResponse(ticket.Id, ticket.CustomerId, clock.GetCurrentInstant(), new CsatScore(5), comment: "good"), "alice");

        var restored = Ticket.Restore(ticket.ToState());

        Assert.Equal(["slow", "good"], restored.Surveys.Select(s => s.Comment));
        Assert.Equal(new CsatScore(5), restored.Satisfaction);
        Assert.Equal(ticket.Surveys, restored.ToState().Surveys);
    }

    [Fact]
    public void TicketRestore_EarlierSurveyOfAnotherTicket_IsRefused()
    {
        var ticket = TestData.ResolvedTicket(clock, TestData.TicketFactory(clock));
        ticket.RecordSurvey(clock.GetCurrentInstant(), new SurveyResponse(ticket.Id, ticket.CustomerId, clock.GetCurrentInstant(), new CsatScore(4)), "alice");
        var state = ticket.ToState();
        var foreign = new SurveyResponse(new TicketId("WT-OTHER"), ticket.CustomerId, clock.GetCurrentInstant(), new CsatScore(1));

        var error = Assert.Throws<ArgumentException>(() => Ticket.Restore(state with { Surveys = [foreign, .. state.Surveys] }));

        Assert.Contains("WT-OTHER", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TicketRestore_HistoryThatSkipsAStep_IsRefusedNamingTheTicket()
    {
        var ticket = TestData.ResolvedTicket(clock, TestData.TicketFactory(clock));
        var state = ticket.ToState();
        var broken = state with { StatusHistory = [state.StatusHistory[0], new StatusChange(state.CreatedAt, TicketStatus.Pending, TicketStatus.Resolved, "x")] };

        var error = Assert.Throws<ArgumentException>(() => Ticket.Restore(broken));

        Assert.Contains(ticket.Id.Value, error.Message, StringComparison.Ordinal);
        Assert.Contains("not a move of the lifecycle table", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TicketRestore_StatusNotWhereHistoryEnds_IsRefused()
    {
        var state = TestData.ResolvedTicket(clock, TestData.TicketFactory(clock)).ToState() with { Status = TicketStatus.Closed };

        var error = Assert.Throws<ArgumentException>(() => Ticket.Restore(state));

        Assert.Contains("history ends at Resolved", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryTicketCommand_RaisesAnEventAndAddsOneVersion()
    {
        var ticket = TestData.ResolvedTicket(clock, TestData.TicketFactory(clock));
        var now = clock.GetCurrentInstant();
        var steps = new List<Action>
        {
            () => ticket.AddNote(now, "alice", "called back"),
            () => ticket.RespondToCustomer(now, "alice", "anything else?"),
            () => ticket.RecordSatisfaction(now, new CsatScore(5), "alice"),
            () => ticket.ScheduleRevisit(now, "alice"),
            () => ticket.CompleteRevisit(now, "manager", "all fine"),
            () => ticket.ConfirmResolution(now, "customer"),
            () => ticket.Close(now, "manager"),
        };

        foreach (var step in steps)
        {
            var version = ticket.Version;
            ticket.ClearDomainEvents();
            step();
            Assert.Equal(version + 1, ticket.Version);
            Assert.NotEmpty(ticket.DomainEvents);
        }
    }

    [Fact]
    public void CustomerRestore_FromToState_KeepsEverythingAndVersion()
    {
        var customer = TestData.CustomerFactory(clock).Create(TestData.Profile() with { Contacts = [new Contact("王经理", ContactRole.DecisionMaker) { Phone = "13800138000" }] });
        customer.AssignTier(clock.GetCurrentInstant(), "A", "tier-001");
        customer.Tag(clock.GetCurrentInstant(), "近期有投诉记录");
        customer.AddPreference(clock.GetCurrentInstant(), "prefers phone");
        customer.OptOutOfContact(clock.GetCurrentInstant(), "无需联系");
        customer.UpdateTransactions(clock.GetCurrentInstant(), new TransactionSummary(new LocalDate(2020, 1, 1), Money.Cny(600_000), ["ERP"], 12));
        var state = customer.ToState();

        var restored = Customer.Restore(state);

        Assert.Equal(6, customer.Version);
        Assert.Equal(customer.Version, restored.Version);
        Assert.Equal(state.Contacts, restored.ToState().Contacts);
        Assert.Equal(state.Tags, restored.ToState().Tags);
        Assert.Equal(state.Products, restored.ToState().Products);
        Assert.Equal(state with { Contacts = [], Tags = [], Products = [], PreferenceTags = [] }, restored.ToState() with { Contacts = [], Tags = [], Products = [], PreferenceTags = [] });
        Assert.True(restored.DoNotContact);
        Assert.Empty(restored.DomainEvents);
    }

    [Fact]
    public void CustomerRestore_BlankTag_IsRefusedNamingTheCustomer()
    {
        var state = TestData.CustomerFactory(clock).Create(TestData.Profile()).ToState() with { Tags = [" "] };

        var error = Assert.Throws<ArgumentException>(() => Customer.Restore(state));

        Assert.Contains(state.Id.Value, error.Message, StringComparison.Ordinal);
    }
}
