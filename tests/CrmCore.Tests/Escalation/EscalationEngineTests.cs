using CrmCore.Calendars;
using CrmCore.Escalation;
using CrmCore.Sla;
using CrmCore.Tests.Sla;
using CrmCore.Tickets;
using NodaTime;
using static CrmCore.Tests.Calendars.TestCalendars;

namespace CrmCore.Tests.Escalation;

public sealed class EscalationEngineTests
{
    private static CalendarRegistry Registry(BusinessCalendar calendar)
    {
        var registry = new CalendarRegistry([calendar]);
        registry.Set("default", calendar);
        return registry;
    }

    private static EscalationResult Run(EscalationPolicy policy, SlaTicket ticket, Instant now, EscalationTicketState? state = null, BusinessCalendar? calendar = null)
    {
        var registry = Registry(calendar ?? CnStandard);
        var sla = new SlaEngine(SlaPolicyJson.Document001, registry).Evaluate(ticket, now);
        return new EscalationEngine(policy, registry).Evaluate(ticket, sla, state ?? EscalationTicketState.Empty, now);
    }

    [Fact]
    public void Evaluate_UrgentTicketLateFriday_NotifiesSupervisorAtMondayOpeningNotAtNight()
    {
        // Fri 6 Mar 2026 17:30 urgent: 1 business hour later is Mon 9 Mar 09:30 (30 min on Friday, 30 on Monday).
        var ticket = new SlaTicketBuilder(Cn(2026, 3, 6, 17, 30)).Urgency(Urgency.Urgent).Build();
        var sunday3am = Run(EscalationPolicyJson.Document001, ticket, Cn(2026, 3, 8, 3));
        Assert.Empty(sunday3am.Raised);
        Assert.Equal(new LocalDateTime(2026, 3, 9, 9, 30), LocalCn(sunday3am.NextCheckAt!.Value));
        var monday = Run(EscalationPolicyJson.Document001, ticket, Cn(2026, 3, 9, 9, 30));
        var raised = Assert.Single(monday.Raised);
        Assert.Equal(("urgent-major-report", 1, EscalationTarget.Role("Supervisor")), (raised.Ladder, raised.Level, raised.Target));
        Assert.Equal(Cn(2026, 3, 9, 9, 30), raised.At);
    }

    [Fact]
    public void Evaluate_SameLevelTwice_RaisedOnce()
    {
        var ticket = new SlaTicketBuilder(Cn(2026, 3, 2, 9)).Urgency(Urgency.Major).Build();
        var first = Run(EscalationPolicyJson.Document001, ticket, Cn(2026, 3, 2, 11));
        Assert.Single(first.Raised);
        var second = Run(EscalationPolicyJson.Document001, ticket, Cn(2026, 3, 2, 11, 30), first.State);
        Assert.Empty(second.Raised);
        Assert.True(second.State.HasRaised("urgent-major-report", 1));
    }

    [Fact]
    public void Evaluate_OverdueTicket_SupervisorThenDepartmentHead()
    {
        // Urgent, raised Mon 2 Mar 09:00: resolution due 14:30 (4 business hours); department head 4 business hours after that.
        var ticket = new SlaTicketBuilder(Cn(2026, 3, 2, 9)).Urgency(Urgency.Urgent).Responded(Cn(2026, 3, 2, 9, 5)).Build();
        var atDue = Run(EscalationPolicyJson.Document001, ticket, Cn(2026, 3, 2, 14, 30));
        Assert.Equal(
            [("urgent-major-report", 1, "Supervisor"), ("overdue", 1, "Supervisor")],
            atDue.Raised.Select(r => (r.Ladder, r.Level, r.Target.Name)));
        Assert.Equal(new LocalDateTime(2026, 3, 3, 9, 30), LocalCn(atDue.NextCheckAt!.Value)); // 14:30 + 4 h: 3.5 h Monday, 0.5 h Tuesday
    }

    [Fact]
    public void Evaluate_ResolvedTicket_RaisesNothing()
    {
        var ticket = new SlaTicketBuilder(Cn(2026, 3, 2, 9)).Urgency(Urgency.Urgent)
            .Move(Cn(2026, 3, 2, 9, 30), TicketStatus.InProgress).Move(Cn(2026, 3, 2, 9, 45), TicketStatus.Resolved).Build();
        var result = Run(EscalationPolicyJson.Document001, ticket, Cn(2026, 3, 5, 9));
        Assert.Empty(result.Raised);
        Assert.Null(result.NextCheckAt);
    }

    [Fact]
    public void Evaluate_Doc003ProductIssue_TechnicalSupportThenProductManager()
    {
        var ticket = new SlaTicketBuilder(Cn(2026, 3, 2, 10)).Type(TicketType.Fault).Build();
        var now = Run(EscalationPolicyJson.Document003, ticket, Cn(2026, 3, 2, 10));
        var first = Assert.Single(now.Raised);
        Assert.Equal(EscalationTarget.Team("TechnicalSupport"), first.Target);
        Assert.Equal(new LocalDateTime(2026, 3, 2, 13, 30), LocalCn(now.NextCheckAt!.Value)); // 2 business hours: 10–12, then 13:30
        var later = Run(EscalationPolicyJson.Document003, ticket, Cn(2026, 3, 2, 14), now.State);
        Assert.Equal(EscalationTarget.Role("ProductManager"), Assert.Single(later.Raised).Target);
    }

    [Fact]
    public void Evaluate_AlwaysOpenCalendar_NotifiesAtNight()
    {
        var ticket = new SlaTicketBuilder(Instant.FromUtc(2026, 3, 8, 2, 0)).Urgency(Urgency.Urgent).Build();
        var result = Run(EscalationPolicyJson.Document001, ticket, Instant.FromUtc(2026, 3, 8, 3, 0), calendar: BusinessCalendar.AlwaysOpen);
        Assert.Equal(Instant.FromUtc(2026, 3, 8, 3, 0), Assert.Single(result.Raised).At);
    }

    [Fact]
    public void Load_InvalidLadder_ReportsEveryProblem()
    {
        const string json = """
        { "name": "x", "ladders": [ { "name": "a", "steps": [
            { "level": 0, "role": "Supervisor", "team": "T", "reason": "r" },
            { "level": 1, "role": "Supervisor", "anchor": "Due", "reason": "r" },
            { "level": 2, "role": "Supervisor", "anchor": "Later", "after": "4h" } ] } ] }
        """;
        var result = EscalationPolicyJson.Load(json);
        Assert.False(result.Success);
        var paths = result.Problems.Select(p => p.Path).ToList();
        Assert.Contains("$.ladders[0].steps[0].level", paths);
        Assert.Contains("$.ladders[0].steps[0]", paths);
        Assert.Contains("$.ladders[0].steps[1]", paths);
        Assert.Contains("$.ladders[0].steps[2].anchor", paths);
        Assert.Contains("$.ladders[0].steps[2].after", paths);
        Assert.Contains("$.ladders[0].steps[2]", paths);
    }

    [Fact]
    public void Seeds_Load_WithExpectedLadders()
    {
        Assert.Equal(["urgent-major-report", "overdue"], EscalationPolicyJson.Document001.Ladders.Select(l => l.Name));
        Assert.Equal(["product-issue", "complex-issue"], EscalationPolicyJson.Document003.Ladders.Select(l => l.Name));
    }
}
