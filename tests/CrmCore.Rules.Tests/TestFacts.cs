using CrmCore.Rules.Facts;
using NodaTime;

namespace CrmCore.Rules.Tests;

/// <summary>Builders for test facts with a fixed clock.</summary>
internal static class TestFacts
{
    public static readonly Instant Now = Instant.FromUtc(2026, 6, 15, 4, 0);
    public static readonly DateTimeZone Zone = DateTimeZoneProviders.Tzdb["Asia/Shanghai"];

    public static CustomerFacts Customer(decimal revenue = 0, int daysSinceInteraction = 1, params string[] tags)
        => CustomerFacts.From(new CustomerFactsInput { AnnualRevenue = revenue, LastInteractionAt = Now - Duration.FromDays(daysSinceInteraction), Tags = tags }, Now, Zone);

    public static CustomerFacts Customer(CustomerFactsInput input) => CustomerFacts.From(input, Now, Zone);

    public static string Workflow(string name, params (string Rule, string Expr, string Event)[] rules)
        => "[{\"WorkflowName\":\"" + name + "\",\"Rules\":[" + string.Join(",", rules.Select(r =>
            "{\"RuleName\":\"" + r.Rule + "\",\"SuccessEvent\":\"" + r.Event + "\",\"Expression\":" + System.Text.Json.JsonSerializer.Serialize(r.Expr) + "}")) + "]}]";
}
