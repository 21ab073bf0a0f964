using CrmCore.Cli.Tests.Infrastructure;

namespace CrmCore.Cli.Tests.Localization;

/// <summary>
/// Usage errors and help in the chosen language: System.CommandLine's own errors, option values crm checks itself, and no .NET parameter
/// or type names in either language.
/// </summary>
public sealed class UsageErrorLocalizationTests
{
    private static readonly string Sample = RepoPaths.Sample("import/legacy-crm.csv");

    [Theory]
    [InlineData("en", "error: Option '--store' is required.")]
    [InlineData("zh-Hans", "错误: 缺少必需的选项 --store。")]
    public void ImportCustomers_WithoutStore_RequiredOptionInTheLanguage(string lang, string message)
    {
        var run = Crm.Run("import", "customers", Sample, "--lang", lang);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en", "--name-similarity", "0.2", "error: --name-similarity must be between 0.5 and 1, not 0.2.")]
    [InlineData("zh-Hans", "--name-similarity", "0.2", "错误: --name-similarity 必须在 0.5 到 1 之间，而不是 0.2。")]
    [InlineData("en", "--name-similarity", "abc", "error: --name-similarity: 'abc' is not a number.")]
    [InlineData("zh-Hans", "--name-similarity", "abc", "错误: --name-similarity：“abc”不是数字。")]
    [InlineData("en", "--batch-size", "0", "error: --batch-size must be between 1 and 100000, not 0.")]
    [InlineData("zh-Hans", "--batch-size", "0", "错误: --batch-size 必须在 1 到 100000 之间，而不是 0。")]
    [InlineData("zh-Hans", "--batch-size", "1.5", "错误: --batch-size：“1.5”不是整数。")]
    [InlineData("en", "--name-similarity", "NaN", "error: --name-similarity must be between 0.5 and 1, not NaN.")]
    [InlineData("zh-Hans", "--name-similarity", "NaN", "错误: --name-similarity 必须在 0.5 到 1 之间，而不是 NaN。")]
    [InlineData("en", "--name-similarity", "Infinity", "error: --name-similarity must be between 0.5 and 1, not Infinity.")]
    [InlineData("zh-Hans", "--name-similarity", "Infinity", "错误: --name-similarity 必须在 0.5 到 1 之间，而不是 Infinity。")]
    [InlineData("en", "--batch-size", "99999999999", "error: --batch-size must be between 1 and 100000, not 99999999999.")]
    [InlineData("zh-Hans", "--batch-size", "99999999999", "错误: --batch-size 必须在 1 到 100000 之间，而不是 99999999999。")]
    [InlineData("en", "--batch-size", "+99999999999", "error: --batch-size must be between 1 and 100000, not +99999999999.")]
    [InlineData("en", "--batch-size", "1e5", "error: --batch-size: '1e5' is not a whole number.")]
    [InlineData("en", "--batch-size", "٣", "error: --batch-size: '٣' is not a whole number.")]
    public void ImportCustomers_BadNumberOption_CheckedByTheCliInTheLanguage(string lang, string option, string value, string message)
    {
        var run = Crm.Run("import", "customers", Sample, "--store", "memory", option, value, "--lang", lang);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Parameter", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", run.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Out);
    }

    [Fact]
    public void ImportTickets_BatchSizeZero_UsageErrorInChinese()
    {
        var run = Crm.Run("import", "tickets", RepoPaths.Sample("import/服务质量问题跟踪表.csv"), "--store", "memory", "--batch-size", "0", "--lang", "zh-Hans");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("错误: --batch-size 必须在 1 到 100000 之间，而不是 0。", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en", "many", "error: --sample: 'many' is not a whole number.")]
    [InlineData("zh-Hans", "many", "错误: --sample：“many”不是整数。")]
    [InlineData("en", "99999999999", "error: --sample must be between 0 and 2147483647, not 99999999999.")]
    [InlineData("zh-Hans", "99999999999", "错误: --sample 必须在 0 到 2147483647 之间，而不是 99999999999。")]
    [InlineData("en", "1.5", "error: --sample: '1.5' is not a whole number.")]
    public void NumberOptionWithAValidator_NotANumberOrTooLarge_UsageErrorNoDotNetTypeNameNoInternalError(string lang, string value, string message)
    {
        var run = Crm.Run("rules", "diff", "old.json", "new.json", "--customers", "c.csv", "--sample", value, "--lang", lang);
        var days = Crm.Run("calendar", "add", "cal.json", "--from", "2026-03-09T09:00", "--working-days", value, "--lang", lang);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", run.Error, StringComparison.Ordinal);
        Assert.True(days.ExitCode == 2, days.ToString());
        Assert.Contains(message.Replace("--sample", "--working-days", StringComparison.Ordinal), days.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("internal error", run.Error + days.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("内部错误", run.Error + days.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en", "audit list --connection x.db --limit 0", "error: --limit must be between 1 and 10000, not 0.")]
    [InlineData("zh-Hans", "audit list --connection x.db --limit -5", "错误: --limit 必须在 1 到 10000 之间，而不是 -5。")]
    [InlineData("en", "audit list --connection x.db --limit 10001", "error: --limit must be between 1 and 10000, not 10001.")]
    [InlineData("en", "plan --customers c.csv --date 2026-03-09 --days 0", "error: --days must be between 1 and 366, not 0.")]
    [InlineData("zh-Hans", "plan --customers c.csv --date 2026-03-09 --days 367", "错误: --days 必须在 1 到 366 之间，而不是 367。")]
    [InlineData("en", "plan --customers c.csv --date 2026-03-09 --overdue-days -1", "error: --overdue-days must be between 0 and 366, not -1.")]
    [InlineData("zh-Hans", "plan --customers c.csv --date 2026-03-09 --overdue-days 400", "错误: --overdue-days 必须在 0 到 366 之间，而不是 400。")]
    [InlineData("en", "rules diff old.json new.json --customers c.csv --sample -1", "error: --sample must be 0 or more, not -1.")]
    [InlineData("zh-Hans", "rules diff old.json new.json --customers c.csv --sample -1", "错误: --sample 必须大于或等于 0，而不是 -1。")]
    [InlineData("en", "rules diff old.json new.json --customers c.csv --sample -99999999999", "error: --sample must be 0 or more, not -99999999999.")]
    [InlineData("en", "calendar add cal.json --from 2026-03-09T09:00 --working-days -2", "error: --working-days must be 0 or more, not -2.")]
    [InlineData("zh-Hans", "calendar add cal.json --from 2026-03-09T09:00 --working-days -2", "错误: --working-days 必须大于或等于 0，而不是 -2。")]
    [InlineData("zh-Hans", "import customers c.csv --store memory --batch-size 100001", "错误: --batch-size 必须在 1 到 100000 之间，而不是 100001。")]
    public void NumberOption_OutOfItsRange_RefusedAsAUsageErrorNamingTheRange_NeverClamped(string lang, string command, string message)
    {
        var run = Crm.Run([.. command.Split(' '), "--lang", lang]);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Out);
    }

    [Fact]
    public void ImportCustomers_DefaultBatchAndSimilarity_StillApply()
    {
        var run = Crm.Run("import", "customers", Sample, "--store", "memory", "--map", RepoPaths.Sample("import/mapping.json"));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("inserted 2", run.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en", "error: --store 'mysql:x' is not a store: use sqlite:PATH, postgresql:CONNECTION-STRING or memory")]
    [InlineData("zh-Hans", "错误: --store“mysql:x”不是存储：请使用 sqlite:路径、postgresql:连接字符串 或 memory")]
    public void ImportCustomers_UnknownStore_UsageErrorInTheLanguage(string lang, string message)
    {
        var run = Crm.Run("import", "customers", Sample, "--store", "mysql:x", "--lang", lang);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en", "error: --as bogusrole: the access policy 'documents-000-001' has no such role; its roles are account-manager, admin, agent")]
    [InlineData("zh-Hans", "错误: --as bogusrole：访问策略“documents-000-001”中没有这个角色；它的角色有 account-manager, admin, agent")]
    public void ExportCustomers_UnknownRole_UsageErrorInTheLanguage_AndNoFile(string lang, string message)
    {
        using var temp = new TempDirectory();

        var run = Crm.Run("export", "customers", "--store", "memory", "--out", temp.File("x.xlsx"), "--as", "bogusrole", "--lang", lang);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(temp.File("x.xlsx")));
    }

    [Fact]
    public void Help_InChinese_HasNoEnglishLabels()
    {
        var run = Crm.Run("import", "customers", "--help", "--lang", "zh-Hans");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.StartsWith("说明:", run.Out, StringComparison.Ordinal);
        Assert.Contains("--store <存储> (必填)", run.Out, StringComparison.Ordinal);
        Assert.Contains("[默认值: keep-newest]", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("Description:", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("(REQUIRED)", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("[default:", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_InChinese_KeepsTheDescriptionColumnAligned()
    {
        var lines = Crm.Run("import", "customers", "--help", "--lang", "zh-Hans").Out.Split('\n');
        var store = lines.Single(l => l.Contains("--store <存储>", StringComparison.Ordinal));
        var map = lines.Single(l => l.Contains("--map <文件>", StringComparison.Ordinal));

        static int Column(string line, string text)
        {
            var at = line.IndexOf(text, StringComparison.Ordinal);
            return line[..at].Sum(c => c is >= '\u4e00' and <= '\u9fff' ? 2 : 1);
        }

        Assert.Equal(Column(map, "映射文件"), Column(store, "服务台存储"));
    }

    [Fact]
    public void Help_InEnglish_Unchanged()
    {
        var run = Crm.Run("import", "customers", "--help", "--lang", "en");

        Assert.StartsWith("Description:", run.Out, StringComparison.Ordinal);
        Assert.Contains("(REQUIRED)", run.Out, StringComparison.Ordinal);
        Assert.Contains("[default: keep-newest]", run.Out, StringComparison.Ordinal);
    }
}
