using CrmCore.Relationships;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace CrmCore.Tests.Relationships;

public sealed class ContactPolicyJsonTests
{
    [Fact]
    public void ShippedPolicies_Load()
    {
        Assert.Equal("document-001", ContactPolicy.Document001.Name);
        Assert.Equal(5, ContactPolicy.Document001.Cadences.Length);
        Assert.Null(ContactPolicy.Document001.ChurnFollowUp);
        Assert.Equal(Period.FromWeeks(2), ContactPolicy.Document001.CadencesFor("b").First().Every);
        Assert.Equal(Duration.FromHours(24), ContactPolicy.Document003.ChurnFollowUp!.Within);
        Assert.Equal(Period.FromMonths(3), ContactPolicy.Document003.SilentCare!.After);
        Assert.Equal(3, ContactPolicy.Document003.Care!.LeadDays);
        Assert.Equal(30, ContactPolicy.Document003.ContractExpiry!.LeadDays);
    }

    [Fact]
    public void Load_BadPolicy_EveryProblemWithItsPath()
    {
        const string json = """
            {
              "name": "bad",
              "colour": "red",
              "dueOnHoliday": "sometime",
              "cadences": [
                { "tiers": ["A"], "channel": "call", "every": "P1M2D", "purpose": "x" },
                { "tiers": [], "channel": "pigeon", "every": "P1W", "purpose": "y" }
              ],
              "care": { "leadDays": 100, "channel": "care-message" },
              "churnFollowUp": { "band": "high", "within": "PT0S", "channel": "supervisor-call" }
            }
            """;

        var result = ContactPolicyJson.Load(json);

        Assert.False(result.Success);
        Assert.Equal(
            ["$.colour", "$.dueOnHoliday", "$.cadences[0].every", "$.cadences[1].tiers", "$.cadences[1].channel", "$.care.leadDays", "$.churnFollowUp.within"],
            result.Problems.Select(p => p.Path));
        Assert.Contains("pigeon", result.Problems[4].Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not json", "$")]
    [InlineData("[]", "$")]
    [InlineData("{}", "$")]
    public void Load_NotAPolicy_OneProblem(string json, string path) =>
        Assert.Equal(path, Assert.Single(ContactPolicyJson.Load(json).Problems).Path);

    [Fact]
    public void AddCrmRelationships_ResolvesPlannerWithConfiguredPolicy()
    {
        using var provider = new ServiceCollection().AddCrmRelationships(o => o.Policy = ContactPolicy.Document003).BuildServiceProvider();

        var book = provider.GetRequiredService<ContactPlanBook>();

        Assert.Same(ContactPolicy.Document003, book.Planner.Policy);
        Assert.Same(provider.GetRequiredService<ContactPlanner>(), book.Planner);
    }
}
