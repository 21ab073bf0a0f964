using CrmCore.Sla;
using CrmCore.Tickets;
using NodaTime;

namespace CrmCore.Tests.Sla;

public sealed class SlaPolicyJsonTests
{
    [Fact]
    public void Document001_Seed_HasDocumentedTargets()
    {
        var set = SlaPolicyJson.Document001;
        var urgent = Assert.Single(set.Rules).Policy;
        Assert.Equal("urgent-major", urgent.Name);
        var resolution = urgent.Targets.Single(t => t.Metric == SlaMetric.Resolution);
        Assert.Equal(Duration.FromHours(4), resolution.BusinessTime);
        Assert.Contains(TicketStatus.WaitingForCustomer, resolution.PausedIn);
        Assert.Equal(Duration.FromHours(1), resolution.Warning.Before);
        Assert.Equal(2, set.Default.Targets.Single(t => t.Metric == SlaMetric.Revisit).WorkingDays);
        Assert.Equal(Duration.FromHours(24), set.Default.Targets.Single(t => t.Metric == SlaMetric.Resolution).BusinessTime);
        Assert.Equal(80, set.Default.Targets[0].Warning.PercentUsed);
    }

    [Fact]
    public void Document003_Seed_FirstResponseByChannel()
    {
        var set = SlaPolicyJson.Document003;
        var online = set.Rules.Single(r => r.Policy.Name == "online");
        Assert.Equal(Duration.FromMinutes(10), online.Policy.Targets.Single(t => t.Metric == SlaMetric.FirstResponse).BusinessTime);
        Assert.Equal(Duration.FromHours(2), set.Default.Targets.Single(t => t.Metric == SlaMetric.FirstResponse).BusinessTime);
        Assert.Contains("channel in [OnlineChat]", online.Condition.Name, StringComparison.Ordinal);
        Assert.Contains("\"doc-003\"", SlaPolicyJson.SeedText("003"), StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ManyMistakes_ReportsEveryProblemWithPath()
    {
        const string json = """
        {
          "name": "bad",
          "policies": [
            { "name": "p1", "when": { "urgency": ["Critical"], "colour": ["red"] },
              "targets": [
                { "metric": "Resolution", "within": "4 hours" },
                { "metric": "Revisit", "within": "PT24H", "workingDays": 2 },
                { "metric": "FirstResponse", "within": "PT1H", "pausedIn": ["Sleeping"], "warnAtPercent": 150 }
              ] }
          ]
        }
        """;
        var result = SlaPolicyJson.Load(json);
        Assert.False(result.Success);
        var paths = result.Problems.Select(p => p.Path).ToList();
        Assert.Contains("$.policies[0].when.urgency", paths);
        Assert.Contains("$.policies[0].when.colour", paths);
        Assert.Contains("$.policies[0].targets[0].within", paths);
        Assert.Contains("$.policies[0].targets[1]", paths);
        Assert.Contains("$.policies[0].targets[2].pausedIn", paths);
        Assert.Contains("$.policies[0].targets[2].warnAtPercent", paths);
        Assert.Contains("$.default", paths);
    }

    [Fact]
    public void PolicySet_Select_FirstMatchWinsElseDefault()
    {
        var a = new SlaPolicy("a", []);
        var b = new SlaPolicy("b", []);
        var fallback = new SlaPolicy("default", []);
        var set = new SlaPolicySet("s",
        [
            new SlaPolicyRule(new PredicateSlaCondition("complaints", t => t.Type == TicketType.Complaint), a),
            new SlaPolicyRule(new TicketCriteria { Urgencies = [Urgency.Urgent] }, b),
        ], fallback);
        SlaTicket Ticket(TicketType type, Urgency u) => new() { Id = new TicketId("T"), RaisedAt = Instant.FromUtc(2026, 1, 5, 1, 0), Type = type, Urgency = u };
        Assert.Same(a, set.Select(Ticket(TicketType.Complaint, Urgency.Urgent)));
        Assert.Same(b, set.Select(Ticket(TicketType.Consultation, Urgency.Urgent)));
        Assert.Same(fallback, set.Select(Ticket(TicketType.Consultation, Urgency.General)));
    }

    [Fact]
    public void SlaPolicy_TwoTargetsSameMetric_ThrowsArgumentException() =>
        Assert.Throws<ArgumentException>(() => new SlaPolicy("p", [new SlaTarget(SlaMetric.Resolution, 1), new SlaTarget(SlaMetric.Resolution, 2)]));

    [Fact]
    public void SlaWarningLead_OutOfRange_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SlaWarningLead.AtPercentUsed(101));
        Assert.Throws<ArgumentOutOfRangeException>(() => SlaWarningLead.BeforeDue(Duration.Zero));
    }
}
