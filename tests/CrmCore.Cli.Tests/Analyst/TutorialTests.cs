using System.Text.Json.Nodes;
using CrmCore.Cli.Tests.Infrastructure;

namespace CrmCore.Cli.Tests.Analyst;

/// <summary>Replays docs/tutorial-analyst.md step by step and checks what it quotes.</summary>
public sealed class TutorialTests : IDisposable
{
    private const string Customers = "samples/data/customers.csv";
    private const string Now = "2026-04-01T09:00:00+08:00";
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Tutorial_AllSteps_GiveWhatTheDocsShow()
    {
        var mine = _dir.File("my-rules");
        var original = _dir.File("default-rules");
        Assert.Equal(0, Crm.Run("rules", "export-default", mine).ExitCode);
        Assert.Equal(0, Crm.Run("rules", "export-default", original).ExitCode);
        Assert.Contains("6 file(s): 0 error(s), 0 warning(s)", Crm.Run("rules", "validate", mine).Out, StringComparison.Ordinal);

        // Step 2: a shared threshold used by tiering.
        File.WriteAllText(Path.Combine(mine, "shared.json"), """
            [ { "WorkflowName": "Shared", "GlobalParams": [
                  { "Name": "TierAThreshold", "Expression": "400000" },
                  { "Name": "SilentDays", "Expression": "30" } ] } ]
            """);
        var tiering = Path.Combine(mine, "tiering.json");
        var text = File.ReadAllText(tiering);
        Assert.Contains("\"customer.AnnualRevenue >= 500000\"", text, StringComparison.Ordinal);
        File.WriteAllText(tiering, text.Replace("\"customer.AnnualRevenue >= 500000\"", "\"customer.AnnualRevenue >= TierAThreshold\"", StringComparison.Ordinal));

        // Step 3: a tag on the computed tier and the shared value.
        var taggingPath = Path.Combine(mine, "tagging.json");
        var tagging = JsonNode.Parse(File.ReadAllText(taggingPath))!;
        tagging[0]!["Rules"]!.AsArray().Add(JsonNode.Parse("""
            { "RuleName": "QuietKeyAccount", "SuccessEvent": "沉默大客户",
              "Expression": "customer.Tier == \"A\" && customer.DaysSinceLastInteraction > SilentDays" }
            """));
        File.WriteAllText(taggingPath, tagging.ToJsonString());
        var validate = Crm.Run("rules", "validate", mine, "--lang", "zh-Hans");
        Assert.True(validate.ExitCode == 0, validate.ToString());
        Assert.Contains("7 个文件：0 个错误，0 个警告", validate.Out, StringComparison.Ordinal);

        // Step 4: dry run.
        var test = Crm.Run("rules", "test", mine, "--customers", Customers, "--now", Now, "-o", "csv");
        Assert.True(test.ExitCode == 0, test.ToString());
        Assert.Contains(test.Out.Split('\n'), l => l.StartsWith("customers,C202409017,郑州中原建材,A,", StringComparison.Ordinal) && l.Contains("沉默大客户", StringComparison.Ordinal));

        // Step 5: explain, in both languages.
        var explain = Crm.Run("rules", "explain", mine, "--customers", Customers, "--id", "C202409017", "--now", Now);
        Assert.Contains("Tiering › TierA (A): held\n  AnnualRevenue 410000 >= 400000 is true", explain.Out, StringComparison.Ordinal);
        Assert.Contains("Tagging › QuietKeyAccount (沉默大客户): held\n  Tier \"A\" (computed by Tiering › TierA) == \"A\" is true\n  DaysSinceLastInteraction 42 > 30 is true", explain.Out, StringComparison.Ordinal);
        Assert.Contains("(ComplaintsLast60Days 6 + ConsultationsLast60Days 9 = 15) >= 3", explain.Out, StringComparison.Ordinal);
        var zh = Crm.Run("rules", "explain", mine, "--customers", Customers, "--id", "C202409017", "--now", Now, "--lang", "zh-Hans");
        Assert.Contains("Tier \"A\"（由 Tiering › TierA 计算） == \"A\" 为真", zh.Out, StringComparison.Ordinal);
        Assert.Contains("ChurnRisk › FrequencySpike (近 60 天投诉和咨询次数激增)", zh.Out, StringComparison.Ordinal);

        // Step 6: diff.
        var diff = Crm.Run("rules", "diff", original, mine, "--customers", Customers, "--now", Now);
        Assert.True(diff.ExitCode == 0, diff.ToString());
        Assert.Contains("tier B → A, +tag 沉默大客户", diff.Out, StringComparison.Ordinal);
        Assert.Contains("new: Tiering/TierA (A), was: Tiering/TierB (B), new: Tagging/QuietKeyAccount (沉默大客户)", diff.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("tutorial-analyst.md")]
    [InlineData("tutorial-analyst.zh-Hans.md")]
    public void TutorialDoc_QuotesTheCommandsAndOutputs(string file)
    {
        var doc = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", file));

        Assert.Contains("crm rules export-default my-rules", doc, StringComparison.Ordinal);
        Assert.Contains("customer.Tier == \\\"A\\\" && customer.DaysSinceLastInteraction > SilentDays", doc, StringComparison.Ordinal);
        Assert.Contains("\"Expression\": \"400000\"", doc, StringComparison.Ordinal);
        Assert.Contains("DaysSinceLastInteraction 42 > 30", doc, StringComparison.Ordinal);
        Assert.Contains("crm rules diff default-rules my-rules", doc, StringComparison.Ordinal);
    }
}
