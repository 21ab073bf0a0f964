using CrmCore.Assets;
using CrmCore.Customers;
using CrmCore.Rules.Facts;
using CrmCore.Tickets;
using NodaTime;

namespace CrmCore.Rules.Tests;

public class AssetFactsTests
{
    private const string PriorityRules = """
        [ { "WorkflowName": "Priority", "Rules": [
          { "RuleName": "UnderWarranty", "SuccessEvent": "Asset under warranty", "Properties": { "Points": 10 }, "Expression": "ticket.AssetUnderWarranty" },
          { "RuleName": "KnownIssue", "SuccessEvent": "Model with a known issue", "Properties": { "Points": 20 }, "Expression": "ticket.AssetModelHasKnownIssue && ticket.AssetModel == \"S7-1200\"" }
        ] } ]
        """;

    private const string RoutingRules = """
        [ { "WorkflowName": "Routing", "Rules": [
          { "RuleName": "QualityTeam", "SuccessEvent": "QualityGroup", "Properties": { "Skill": "quality" }, "Expression": "ticket.AssetModelFailureRate >= 25" }
        ] } ]
        """;

    private static readonly DateTimeZone Shanghai = DateTimeZoneProviders.Tzdb["Asia/Shanghai"];

    [Fact]
    public void Rules_UseWarrantyAndKnownIssueFacts()
    {
        var set = RuleLoader.Load([RuleSource.FromText("asset-priority.json", PriorityRules)]).GetRuleSetOrThrow();
        var asset = new Asset(new AssetId("plc-1"), "PLC", "SN-1", "S7-1200", new CustomerId("C202601001"), new LocalDate(2025, 3, 1), new LocalDate(2026, 2, 28));
        var raisedInWarranty = new TicketFactsInput { Type = TicketType.Fault, RaisedAt = Instant.FromUtc(2026, 1, 10, 2, 0) };
        var raisedAfter = raisedInWarranty with { RaisedAt = Instant.FromUtc(2026, 3, 10, 2, 0) };

        var inWarranty = set.EvaluateTicket(TicketFacts.From(raisedInWarranty.WithAsset(asset, Shanghai, new HashSet<string>(["s7-1200"], StringComparer.OrdinalIgnoreCase)), raisedInWarranty.RaisedAt));
        var after = set.EvaluateTicket(TicketFacts.From(raisedAfter.WithAsset(asset, Shanghai), raisedAfter.RaisedAt));
        var noAsset = TicketFacts.From(raisedInWarranty, raisedInWarranty.RaisedAt);

        Assert.Equal(30m, inWarranty.PriorityPoints);
        Assert.Equal(0m, after.PriorityPoints);
        Assert.Equal(("Expired", false), (TicketFacts.From(raisedAfter.WithAsset(asset, Shanghai), raisedAfter.RaisedAt).AssetWarranty, false));
        Assert.Equal((string.Empty, "Unknown", false), (noAsset.AssetModel, noAsset.AssetWarranty, noAsset.AssetUnderWarranty));
    }

    [Fact]
    public async Task Rules_RouteOnTheModelFailureRate_OnBothBackends_NullRateMatchesNoThreshold()
    {
        var set = RuleLoader.Load([RuleSource.FromText("asset-routing.json", RoutingRules)]).GetRuleSetOrThrow();
        var reference = new CrmCore.Rules.Reference.RulesEngineReferenceEvaluator(set);
        var asset = new Asset(new AssetId("plc-1"), "PLC", "SN-1", "S7-1200", new CustomerId("C202601001"), new LocalDate(2025, 3, 1));
        var input = new TicketFactsInput { Type = TicketType.Fault, RaisedAt = Instant.FromUtc(2026, 1, 10, 2, 0) };
        TicketFacts Facts(ModelTicketCount? counts) => TicketFacts.From(input.WithAsset(asset, Shanghai, null, counts), input.RaisedAt);

        foreach (var (counts, expected) in new (ModelTicketCount?, string?)[] { (new(4, 1), "QualityGroup"), (new(5, 1), null), (new(0, 3), null), (null, null) })
        {
            Assert.Equal(expected, set.EvaluateTicket(Facts(counts)).RoutingTarget);
            Assert.Equal(expected, (await reference.EvaluateTicketAsync(Facts(counts))).RoutingTarget);
        }

        Assert.Null(TicketFacts.From(input, input.RaisedAt).AssetModelFailureRate);
    }
}
