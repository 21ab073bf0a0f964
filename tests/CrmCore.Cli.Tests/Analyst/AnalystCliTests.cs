using System.CommandLine;
using CrmCore.Cli.Hosting;
using CrmCore.Cli.Localization;
using CrmCore.Cli.Tests.Infrastructure;

namespace CrmCore.Cli.Tests.Analyst;

/// <summary>What an analyst meets first: help, the default pack, Chinese everywhere, instants as written.</summary>
public sealed class AnalystCliTests : IDisposable
{
    private const string Rules = "samples/data/rules/crm-rules.json";
    private const string Customers = "samples/data/customers.csv";
    private const string Now = "2026-03-01T09:00:00+08:00";
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("")]
    [InlineData("help")]
    public void Crm_NoCommandOrHelp_PrintsHelpAndSucceeds(string line)
    {
        var run = Crm.Run(line.Length == 0 ? [] : line.Split(' '));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("rules", run.Out, StringComparison.Ordinal);
        Assert.Contains("Validate, try, explain and compare rule files.", run.Out, StringComparison.Ordinal);
        Assert.Empty(run.Error);
    }

    [Fact]
    public void CrmHelp_CommandInChinese_PrintsThatCommandsChineseHelp()
    {
        var run = Crm.Run("help", "rules", "test", "--lang", "zh-Hans");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("试运行：给出每个客户或工单的等级、标签、优先级、路由和流失风险，以及命中的规则。", run.Out, StringComparison.Ordinal);
        Assert.Contains("客户文件（.csv、.json 或 .jsonl）。", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("Dry run:", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void HelpTexts_EveryDescriptionOfTheTree_HasChinese()
    {
        var root = CliApplication.BuildRoot(new TestConsole());

        var missing = HelpTexts.Symbols(root).Select(s => s.Description).Where(d => !string.IsNullOrEmpty(d) && HelpTexts.Chinese(d!) is null && !HelpTexts.IsChinese(d!)).Distinct().ToList();

        Assert.Empty(missing);
    }

    [Fact]
    public void Help_EveryCommand_NeverShowsATypeNameAsDefault()
    {
        var root = CliApplication.BuildRoot(new TestConsole());
        var paths = Commands(root, []).ToList();
        Assert.Contains(paths, p => p.SequenceEqual(["rules", "test"]));

        foreach (var path in paths)
        {
            var run = Crm.Run([.. path, "--help"]);
            Assert.True(run.ExitCode == 0, run.ToString());
            Assert.DoesNotMatch(@"\[default: [A-Za-z]+(\.[A-Za-z]+)+\]", run.Out);
        }

        Assert.Contains("[default: 60,30]", Crm.Run("rules", "test", "--help").Out, StringComparison.Ordinal);
    }

    [Fact]
    public void ExportDefault_WritesThePackThatValidatesClean()
    {
        var folder = _dir.File("pack");

        var run = Crm.Run("rules", "export-default", folder);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(
            ["churn-risk.json", "escalation.json", "priority.json", "routing.json", "tagging.json", "tiering.json"],
            Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        var validate = Crm.Run("rules", "validate", folder);
        Assert.True(validate.ExitCode == 0, validate.ToString());
        Assert.Contains("6 file(s): 0 error(s), 0 warning(s)", validate.Out, StringComparison.Ordinal);
        Assert.Contains("500000", File.ReadAllText(Path.Combine(folder, "tiering.json")), StringComparison.Ordinal);
    }

    [Fact]
    public void ExportDefault_Doc003_WritesDoc003Tiering()
    {
        var folder = _dir.File("pack003");

        Assert.Equal(0, Crm.Run("rules", "export-default", folder, "--doc003").ExitCode);

        Assert.True(File.Exists(Path.Combine(folder, "tiering-doc003.json")));
        Assert.False(File.Exists(Path.Combine(folder, "tiering.json")));
    }

    [Fact]
    public void ExportDefault_FilesExist_RefusesInChineseAndKeepsThem()
    {
        var folder = _dir.File("pack");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "tagging.json"), "mine");

        var run = Crm.Run("rules", "export-default", folder, "--lang", "zh-Hans");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("以下文件已存在：tagging.json；如需覆盖请使用 --force", run.Error, StringComparison.Ordinal);
        Assert.Equal("mine", File.ReadAllText(Path.Combine(folder, "tagging.json")));
        Assert.Equal(0, Crm.Run("rules", "export-default", folder, "--force").ExitCode);
        Assert.NotEqual("mine", File.ReadAllText(Path.Combine(folder, "tagging.json")));
    }

    [Theory]
    [InlineData(false, "tiering.json", "tiering-doc003.json")]
    [InlineData(true, "tiering-doc003.json", "tiering.json")]
    public void ExportDefault_ForceWithTheOtherTiering_ReplacesItAndTheFolderValidates(bool doc003First, string removed, string kept)
    {
        var folder = _dir.File("exp");
        string[] first = doc003First ? ["rules", "export-default", folder, "--doc003"] : ["rules", "export-default", folder];
        string[] second = doc003First ? ["rules", "export-default", folder, "--force"] : ["rules", "export-default", folder, "--doc003", "--force"];
        Assert.Equal(0, Crm.Run(first).ExitCode);

        var run = Crm.Run(second);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains($"removed {Path.Combine(folder, removed)}: a rule set holds one Tiering workflow, and {kept} replaces it", run.Out, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(folder, removed)));
        Assert.True(File.Exists(Path.Combine(folder, kept)));
        var validate = Crm.Run("rules", "validate", folder);
        Assert.True(validate.ExitCode == 0, validate.ToString());
        Assert.Contains("6 file(s): 0 error(s), 0 warning(s)", validate.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void ExportDefault_OnlyTheOtherTieringExists_RefusesWithoutForceInChinese()
    {
        var folder = _dir.File("exp");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "tiering.json"), "mine");

        var run = Crm.Run("rules", "export-default", folder, "--doc003", "--lang", "zh-Hans");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("以下文件已存在：tiering.json；如需覆盖请使用 --force", run.Error, StringComparison.Ordinal);
        Assert.Equal(["tiering.json"], Directory.GetFiles(folder).Select(Path.GetFileName));
        var forced = Crm.Run("rules", "export-default", folder, "--doc003", "--force", "--lang", "zh-Hans");
        Assert.True(forced.ExitCode == 0, forced.ToString());
        Assert.Contains($"已删除 {Path.Combine(folder, "tiering.json")}：一个规则集只能有一个 Tiering（分层）工作流，由 tiering-doc003.json 取代", forced.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Tag_InstantsWithOffset_WrittenBackAsWritten()
    {
        var input = _dir.Write("c.csv", "Id,Name,AnnualRevenue,LastInteraction\nC1,甲,600000,2026-02-01T09:30:00+08:00\nC2,乙,1,2026-01-05\nC3,丙,1,\n");
        var output = _dir.File("out.csv");

        var run = Crm.Run("tag", Rules, "--customers", input, "--out", output, "--now", Now);

        Assert.True(run.ExitCode == 0, run.ToString());
        var text = File.ReadAllText(output);
        Assert.Contains("2026-02-01T09:30:00+08:00", text, StringComparison.Ordinal);
        Assert.Contains(",2026-01-05,", text, StringComparison.Ordinal);
        Assert.DoesNotContain("01:30:00Z", text, StringComparison.Ordinal);
    }

    [Fact]
    public void RulesTest_Chinese_ChurnReasonsInChinese()
    {
        var run = Crm.Run("rules", "test", Rules, "--customers", Customers, "--now", Now, "--lang", "zh-Hans", "-o", "json");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("已3至6个月无互动", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("No interaction for 3 to 6 months", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_NeverInteracted_SaysNoValueInChinese()
    {
        var customers = _dir.Write("c.csv", "Id,Name,AnnualRevenue\nC1,甲,1000\n");

        var run = Crm.Run("rules", "explain", Rules, "--customers", customers, "--id", "C1", "--now", Now, "--lang", "zh-Hans");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("DaysSinceLastInteraction （无值） > 90 为假", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_FullWidthOperatorInChinese_PlainMessageWithHint()
    {
        var rules = _dir.Write("r.json", "[{\"WorkflowName\":\"Tagging\",\"Rules\":[{\"RuleName\":\"Big\",\"SuccessEvent\":\"big\",\"Expression\":\"customer.AnnualRevenue ≥ 50万\"}]}]");

        var run = Crm.Run("rules", "validate", rules, "--lang", "zh-Hans");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("`≥` 是全角或排版字符，请改写为半角的 `>=`。（表达式第 24 个字符，`≥ 50万` 处）", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("Syntax error", run.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("calendar add samples/data/calendars/cn-standard.json --from 2026-13-01T09:00 --business 4h", "“2026-13-01T09:00”不是本地日期时间，格式如 2026-09-30T16:00。")]
    [InlineData("rules test samples/data/rules/crm-rules.json --customers samples/data/customers.csv --bands 30,60", "“30,60”不是从高到低的阈值列表，例如 60,30。")]
    [InlineData("report --tickets samples/data/tickets.csv --month 2026-2", "“2026-2”不是月份，格式如 2026-02。")]
    public void UsageError_Chinese_TranslatedWithTheValueTyped(string line, string chinese)
    {
        var run = Crm.Run([.. line.Split(' '), "--lang", "zh-Hans"]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(chinese, run.Error, StringComparison.Ordinal);
    }

    private static IEnumerable<string[]> Commands(Command command, string[] path)
    {
        foreach (var sub in command.Subcommands)
        {
            string[] p = [.. path, sub.Name];
            yield return p;
            foreach (var deeper in Commands(sub, p))
            {
                yield return deeper;
            }
        }
    }
}
