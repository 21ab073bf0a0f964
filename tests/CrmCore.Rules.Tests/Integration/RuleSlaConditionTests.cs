using CrmCore.Rules.Diagnostics;
using CrmCore.Rules.Integration;
using CrmCore.Sla;
using CrmCore.Tickets;
using NodaTime;

namespace CrmCore.Rules.Tests.Integration;

public class RuleSlaConditionTests
{
    private static readonly Instant Raised = Instant.FromUtc(2026, 3, 2, 9, 0);

    private static SlaPolicy Policy(string name, int hours) =>
        new(name, [new SlaTarget(SlaMetric.Resolution, Duration.FromHours(hours))]);

    private static SlaTicket Ticket(Urgency urgency = Urgency.General, string? tier = null, params string[] tags) => new()
    {
        Id = new TicketId("T-1"),
        RaisedAt = Raised,
        Urgency = urgency,
        Type = TicketType.Consultation,
        Tier = tier,
        Tags = [.. tags],
    };

    [Fact]
    public void Select_RuleConditions_ChooseFirstMatchingPolicy()
    {
        var major = RuleSlaCondition.Create("major", "ticket.Urgency == \"Major\"");
        var vip = RuleSlaCondition.Create("vip", "ticket.CustomerTier == \"A\" || ticket.CustomerTags.Contains(\"vip\")");
        var set = new SlaPolicySet("rules", [new SlaPolicyRule(major, Policy("Major", 4)), new SlaPolicyRule(vip, Policy("Vip", 8))], Policy("Standard", 24));

        Assert.Equal("Major", set.Select(Ticket(Urgency.Major, tier: "A")).Name);
        Assert.Equal("Vip", set.Select(Ticket(tier: "A")).Name);
        Assert.Equal("Vip", set.Select(Ticket(Urgency.Urgent, null, "vip")).Name);
        Assert.Equal("Standard", set.Select(Ticket(Urgency.Urgent, "B", "other")).Name);
    }

    [Fact]
    public void Matches_TypeAndChannel_MappedToFacts()
    {
        var condition = RuleSlaCondition.Create("phone-complaint", "ticket.Type == \"Complaint\" && ticket.Channel == \"Phone\"");

        Assert.True(condition.Matches(Ticket() with { Type = TicketType.Complaint, Channel = Channel.Phone }));
        Assert.False(condition.Matches(Ticket() with { Type = TicketType.Complaint, Channel = Channel.Email }));
        Assert.False(condition.Matches(Ticket() with { Type = TicketType.Consultation, Channel = Channel.Phone }));
    }

    [Fact]
    public void TryCreate_BadExpression_FailsWithPositionedError()
    {
        var ok = RuleSlaCondition.TryCreate("bad", "ticket.Nope == 1", out var condition, out var diagnostics);

        Assert.False(ok);
        Assert.Null(condition);
        var error = Assert.Single(diagnostics, d => d.IsError);
        Assert.Equal(RuleDiagnosticCodes.UnknownFact, error.Code);
        Assert.Equal(7, error.ExpressionPosition);
        Assert.Contains("Nope", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_BadExpression_ThrowsCrmExceptionNamingPosition()
    {
        var e = Assert.Throws<CrmException>(() => RuleSlaCondition.Create("bad", "ticket.Urgency == "));

        Assert.Equal("CRM-SLA-CONDITION", e.Code);
        Assert.Contains("'bad'", e.Message, StringComparison.Ordinal);
        Assert.Contains("expression position", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"\".GetType() != null")]
    [InlineData("ticket.GetType().Assembly != null")]
    [InlineData("System.IO.File.Exists(\"x\")")]
    public void TryCreate_SandboxEscape_Rejected(string expression)
    {
        var ok = RuleSlaCondition.TryCreate("escape", expression, out var condition, out var diagnostics);

        Assert.False(ok);
        Assert.Null(condition);
        Assert.Contains(diagnostics, d => d.IsError
            && (d.Code == RuleDiagnosticCodes.SandboxViolation || d.Code == RuleDiagnosticCodes.ExpressionError));
    }

    [Fact]
    public void TryCreate_TimeDependentFact_Rejected()
    {
        var ok = RuleSlaCondition.TryCreate("aged", "ticket.AgeMinutes > 60", out _, out var diagnostics);

        Assert.False(ok);
        Assert.Contains(diagnostics, d => d.Code == RuleDiagnosticCodes.TimeDependentFactInPriority);
    }

    [Theory]
    [InlineData("", "ticket.Urgency == \"Major\"")]
    [InlineData("n", " ")]
    public void TryCreate_BlankArguments_Throw(string name, string expression)
    {
        Assert.ThrowsAny<ArgumentException>(() => RuleSlaCondition.TryCreate(name, expression, out _, out _));
    }
}
