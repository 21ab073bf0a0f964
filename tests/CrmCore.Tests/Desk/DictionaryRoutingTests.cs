using CrmCore.Agents;
using CrmCore.Customers;
using CrmCore.Desk;
using CrmCore.Tickets;
using NodaTime;

namespace CrmCore.Tests.Desk;

public sealed class DictionaryRoutingTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 3, 2, 2, 0);
    private static readonly TeamId General = new("general");

    private static readonly DictionaryRouting Routing = new(
        General,
        new Dictionary<string, TeamId> { ["Retail"] = new("retail") },
        new Dictionary<TicketType, SkillSet> { [TicketType.Fault] = SkillSet.Of(Skill.Technical) });

    private static TicketView View(TicketType type, string? industry)
    {
        var id = new CustomerId("K1");
        var ticket = Ticket.Open(new TicketId("WT1"), new TicketRequest { CustomerId = id, Description = "问题", Type = type }, new AgentId("queue"), "phone", Now).ToState();
        var customer = industry is null
            ? null
            : Customer.Create(id, new CustomerProfile { Name = "客户", Industry = new Industry(industry), FirstContactOn = new LocalDate(2025, 1, 1) }, Now).ToState();
        return new TicketView(ticket, customer);
    }

    [Theory]
    [InlineData("retail", "Fault", "retail", true)]
    [InlineData("Retail", "Consultation", "retail", false)]
    [InlineData("Education", "Fault", "general", true)]
    [InlineData(null, "Complaint", "general", false)]
    public void Route_ReadsTheCustomersIndustryAndTheTicketsType(string? industry, string type, string group, bool technical)
    {
        var placed = Routing.Route(View(new TicketType(type), industry));

        Assert.Equal(new TeamId(group), placed.Group);
        Assert.Equal(technical ? 1 : 0, placed.RequiredSkills.Count);
    }

    [Fact]
    public void Create_EmptyDefaultGroup_Rejected() =>
        Assert.Throws<ArgumentException>(() => new DictionaryRouting(default));
}
