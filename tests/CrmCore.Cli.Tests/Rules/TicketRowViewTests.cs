using CrmCore.Agents;
using CrmCore.Cli.Input;
using CrmCore.Cli.Rules;
using CrmCore.Customers;
using CrmCore.Desk;
using CrmCore.Rules.Desk;
using CrmCore.Tickets;
using NodaTime;

namespace CrmCore.Cli.Tests.Rules;

/// <summary>A ticket row of a file reaches the rules through the desk's one ticket shape, so it gets the desk's facts.</summary>
public sealed class TicketRowViewTests
{
    private static readonly Instant Raised = Instant.FromUtc(2026, 3, 2, 2, 0);
    private static readonly Instant Now = Raised + Duration.FromHours(5);

    [Fact]
    public void ToFacts_SameTicketAsTheDesksView_SameFacts_PlusTheRowsSlaDueAndEscalationLevel()
    {
        var row = new TicketRow
        {
            Id = "WT1", CustomerId = "C1", RaisedAt = Raised, Urgency = Urgency.Major, Type = "Fault", Channel = "Email",
            Department = "售后", Status = TicketStatus.InProgress, ReopenCount = 2, SlaDueAt = Raised + Duration.FromHours(4), EscalationLevel = 1,
        };
        var customer = new CustomerRow { Id = "C1", Name = "客户", Industry = "制造业", Tier = "B" };
        var desk = DeskView("A", ["key-account", "active"]);

        var fromRow = TicketRowView.ToFacts(row, customer, "A", ["key-account", "active"], Now);
        var fromDesk = TicketFactsProjection.ToFacts(desk, Now, row.SlaDueAt);

        Assert.Equal(
            (fromDesk.Urgency, fromDesk.Type, fromDesk.Channel, fromDesk.Department, fromDesk.CustomerTier, fromDesk.CustomerIndustry, fromDesk.AgeMinutes, fromDesk.IsOverdue, fromDesk.MinutesToSlaDue),
            (fromRow.Urgency, fromRow.Type, fromRow.Channel, fromRow.Department, fromRow.CustomerTier, fromRow.CustomerIndustry, fromRow.AgeMinutes, fromRow.IsOverdue, fromRow.MinutesToSlaDue));
        Assert.Equal(["active", "key-account"], fromRow.CustomerTags.Order(StringComparer.Ordinal));
        Assert.Equal(("A", "制造业", true, 1, 2, "InProgress"), (fromRow.CustomerTier, fromRow.CustomerIndustry, fromRow.IsOverdue, fromRow.EscalationLevel, fromRow.ReopenCount, fromRow.Status));
    }

    [Fact]
    public void ToView_NoCustomerRowAndNoRuleResult_HasNoCustomer_AndTheDesksDefaults()
    {
        var view = TicketRowView.ToView(new TicketRow { Id = "WT2", CustomerId = "C9", RaisedAt = Raised }, null, null, []);

        Assert.Null(view.Customer);
        Assert.Equal((Urgency.General, TicketType.Consultation, Channel.Phone, TicketStatus.Pending), (view.Ticket.Urgency, view.Ticket.Type, view.Ticket.Channel, view.Ticket.Status));
    }

    private static TicketView DeskView(string tier, string[] tags)
    {
        var id = new CustomerId("C1");
        var request = new TicketRequest { CustomerId = id, Description = "故障", Urgency = Urgency.Major, Type = TicketType.Fault, Channel = new Channel("Email"), Department = "售后", RaisedAt = Raised };
        var ticket = Ticket.Open(new TicketId("WT1"), request, new AgentId("A1"), "phone", Raised);
        ticket.Start(Raised + Duration.FromMinutes(5), "A1");
        var customer = Customer.Create(id, new CustomerProfile { Name = "客户", Industry = new Industry("制造业"), FirstContactOn = new LocalDate(2025, 1, 1) }, Raised).ToState() with { Tier = tier, Tags = tags };
        return new TicketView(ticket.ToState(), customer);
    }
}
