using System.CommandLine;
using CrmCore.Cli.Hosting;
using CrmCore.Cli.Tests.Infrastructure;

namespace CrmCore.Cli.Tests.Hosting;

/// <summary>
/// <c>--encoding</c> and <c>--escalation</c> belong to the commands that read them: their help lists them, every other command's
/// help does not, and passing them there is a usage error rather than an option silently ignored.
/// </summary>
public sealed class CommandOptionScopeTests
{
    private static readonly string[] ReadRuleFiles = ["rules validate", "rules test", "rules explain", "rules diff", "tag", "report", "plan"];

    private static readonly string[] ReadTextInput =
    [
        .. ReadRuleFiles, "calendar add", "calendar between", "data check",
        "import customers", "import assets", "import tickets", "import surveys", "import plans", "import articles",
    ];

    [Fact]
    public void Tree_EachOption_OnExactlyTheCommandsThatReadIt()
    {
        var root = CliApplication.BuildRoot(new TestConsole());
        var commands = Commands(root, string.Empty).ToList();
        Assert.Contains(commands, c => c.Path == "export customers");

        Assert.Equal(ReadTextInput.Order(StringComparer.Ordinal), Having(commands, EncodingOption.Name));
        Assert.Equal(ReadRuleFiles.Order(StringComparer.Ordinal), Having(commands, EscalationOption.Name));
        Assert.DoesNotContain(root.Options, o => o.Name is EncodingOption.Name or EscalationOption.Name);
        Assert.DoesNotContain(commands.SelectMany(c => c.Command.Options), o => o.Name is EncodingOption.Name or EscalationOption.Name && o.Recursive);
    }

    [Theory]
    [InlineData("export customers", "en", false, false)]
    [InlineData("export customers", "zh-Hans", false, false)]
    [InlineData("import customers", "en", true, false)]
    [InlineData("import customers", "zh-Hans", true, false)]
    [InlineData("rules validate", "en", true, true)]
    [InlineData("rules validate", "zh-Hans", true, true)]
    [InlineData("rules test", "en", true, true)]
    [InlineData("report", "en", true, true)]
    [InlineData("schema", "en", false, false)]
    public void Help_ListsAnOptionWithItsDescription_OnlyWhereTheCommandReadsIt(string command, string lang, bool encoding, bool escalation)
    {
        var run = Crm.Run([.. command.Split(' '), "--help", "--lang", lang]);

        Assert.True(run.ExitCode == 0, run.ToString());
        var chinese = lang == "zh-Hans";
        Listed(run.Out, encoding, "--encoding", chinese ? "输入文件不是 UTF-8 时的编码" : "Encoding of the input files when not UTF-8");
        Listed(run.Out, escalation, "--escalation", chinese ? "指向其他路径的规则报 CRM062" : "a rule naming another ladder is CRM062");
    }

    [Theory]
    [InlineData("--escalation", "policy.json")]
    [InlineData("--encoding", "gb18030")]
    public void ExportCustomers_EitherOption_IsAUsageErrorNamingIt(string option, string value)
    {
        using var temp = new TempDirectory();
        var output = temp.File("out.xlsx");

        var run = Crm.Run("export", "customers", "--store", "memory", "--out", output, option, value);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains($"'{option}'", run.Error, StringComparison.Ordinal);
        Assert.Contains("crm export customers --help", run.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Out);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void ImportCustomers_Escalation_IsAUsageErrorInChinese()
    {
        var run = Crm.Run("import", "customers", RepoPaths.Sample("import/legacy-crm.csv"), "--store", "memory", "--escalation", "policy.json", "--lang", "zh-Hans");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("--escalation", run.Error, StringComparison.Ordinal);
        Assert.Contains("未识别命令或参数", run.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Out);
    }

    [Theory]
    [InlineData("--encoding", "gb18030")]
    [InlineData("--escalation", "policy.json")]
    public void GroupOrRoot_BeforeTheCommand_IsAUsageError(string option, string value)
    {
        var run = Crm.Run("rules", option, value, "validate", "samples/data/rules/crm-rules.json");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains($"'{option}'", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en", "--escalation needs --rules.")]
    [InlineData("zh-Hans", "--escalation 需要同时给出 --rules。")]
    public void Report_EscalationWithoutRules_IsAUsageError(string lang, string expected)
    {
        var run = Crm.Run("report", "--tickets", RepoPaths.Sample("tickets.csv"), "--month", "2026-02", "--escalation", "policy.json", "--lang", lang);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains(expected, run.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Out);
    }

    [Fact]
    public void Plan_EscalationWithoutRules_IsAUsageError()
    {
        var run = Crm.Run("plan", "--customers", RepoPaths.Sample("customers.csv"), "--date", "2026-03-10", "--escalation", "policy.json");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("--escalation needs --rules.", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_EscalationWithRules_ReadsThePolicy()
    {
        using var temp = new TempDirectory();
        var policy = temp.Write("policy.json", "{ not json");

        var run = Crm.Run(
            "report", "--tickets", RepoPaths.Sample("tickets.csv"), "--customers", RepoPaths.Sample("customers.csv"), "--month", "2026-02",
            "--rules", "samples/data/rules/crm-rules.json", "--escalation", policy);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains(policy, run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void ImportCustomers_Encoding_IsReadForTheTable()
    {
        var file = RepoPaths.Sample("import/客户信息总表-gbk.csv");

        var told = Crm.Run("import", "customers", file, "--store", "memory", "--encoding", "gb18030");
        var wrong = Crm.Run("import", "customers", file, "--store", "memory", "--encoding", "utf-16be");

        Assert.True(told.ExitCode == 1, told.ToString());
        Assert.Contains("inserted 3", told.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("inserted 3", wrong.Out, StringComparison.Ordinal);
        Assert.Contains("utf-16BE", wrong.Error, StringComparison.Ordinal);
    }

    private static void Listed(string help, bool expected, string option, string description)
    {
        Assert.Equal(expected, help.Contains(option, StringComparison.Ordinal));
        Assert.Equal(expected, help.Contains(description, StringComparison.Ordinal));
    }

    private static IEnumerable<string> Having(IEnumerable<(string Path, Command Command)> commands, string option) =>
        commands.Where(c => c.Command.Options.Any(o => o.Name == option)).Select(c => c.Path).Order(StringComparer.Ordinal);

    private static IEnumerable<(string Path, Command Command)> Commands(Command command, string path)
    {
        foreach (var sub in command.Subcommands)
        {
            var subPath = path.Length == 0 ? sub.Name : path + " " + sub.Name;
            yield return (subPath, sub);
            foreach (var nested in Commands(sub, subPath))
            {
                yield return nested;
            }
        }
    }
}
