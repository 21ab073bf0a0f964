using CrmCore.Localization;
using CrmCore.Samples.ServiceDesk;
using CrmCore.Tests.Support;

namespace CrmCore.Samples.Tests;

/// <summary>The sample month's command line: every option's value is checked, and a wrong one is a usage error naming it.</summary>
public sealed class SampleSettingsTests
{
    [Fact]
    public void Parse_GoodValues_SetsEveryOption()
    {
        var settings = SampleSettings.Parse(["--seed", "-7", "--customers", "1", "--tickets", "1000000", "--lang", "zh-Hans", "--store", "memory"]);

        Assert.Equal(-7, settings.Seed);
        Assert.Equal(1, settings.Customers);
        Assert.Equal(1_000_000, settings.Tickets);
        Assert.Same(TextCultures.SimplifiedChinese, settings.Culture);
        Assert.Same(SampleStore.Memory, settings.Store);
    }

    [Theory]
    [InlineData("--customers", "0", "a whole number from 1 to 100000")]
    [InlineData("--customers", "-5", "a whole number from 1 to 100000")]
    [InlineData("--customers", "100001", "a whole number from 1 to 100000")]
    [InlineData("--customers", "abc", "a whole number from 1 to 100000")]
    [InlineData("--customers", "99999999999", "a whole number from 1 to 100000")]
    [InlineData("--tickets", "0", "a whole number from 1 to 1000000")]
    [InlineData("--tickets", "1.5", "a whole number from 1 to 1000000")]
    [InlineData("--seed", "abc", "a whole number")]
    [InlineData("--seed", "3000000000", "a whole number")]
    [InlineData("--lang", "fr", "en or zh-Hans (zh, zh-CN)")]
    public void Parse_BadValue_NamesTheOptionAndItsRange(string option, string value, string expected)
    {
        var error = Assert.Throws<SampleUsageException>(() => SampleSettings.Parse([option, value]));

        Assert.StartsWith($"error: {option} '{value}' is not valid: expected {expected}.", error.Message, StringComparison.Ordinal);
        Assert.Contains("Options: --seed", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--lang", "zh-Hans", "--customers", "abc", "错误：--customers“abc”无效：应为1 到 100000 之间的整数。")]
    [InlineData("--tickets", "-1", "--lang", "zh", "错误：--tickets“-1”无效：应为1 到 1000000 之间的整数。")]
    [InlineData("--lang", "zh-CN", "--store", "mongodb:x", "错误：--store“mongodb:x”无效：请使用")]
    [InlineData("--lang", "zh-Hans", "--bogus", "1", "错误：未知选项“--bogus”。")]
    public void Parse_BadValueInChinese_SaysItInChineseWhereverLangStands(string a, string b, string c, string d, string expected)
    {
        var error = Assert.Throws<SampleUsageException>(() => SampleSettings.Parse([a, b, c, d]));

        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains("选项：--seed 整数，--customers 1–100000", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--seed")]
    [InlineData("--store")]
    public void Parse_OptionWithoutValue_SaysItNeedsOne(string option)
    {
        var error = Assert.Throws<SampleUsageException>(() => SampleSettings.Parse(["--customers", "5", option]));

        Assert.StartsWith($"error: option {option} needs a value.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Describe_InChinese_SaysWhereTheMonthIsStored()
    {
        Assert.Equal("存储于内存（不保留任何数据）", SampleStore.Memory.Describe(TextCultures.SimplifiedChinese));
        Assert.Equal("Stored in memory (nothing persists)", SampleStore.Memory.Describe());
    }

    [Theory]
    [InlineData(new[] { "--customers", "0", "--tickets", "5", "--store", "memory" }, "error: --customers '0' is not valid")]
    [InlineData(new[] { "--customers", "-5" }, "error: --customers '-5' is not valid")]
    [InlineData(new[] { "--customers", "abc", "--lang", "zh-Hans" }, "错误：--customers“abc”无效")]
    public void Main_BadCount_IsAUsageErrorWithoutAStackTrace(string[] args, string expected)
    {
        var (exit, output, error) = DotnetProcess.Run(Path.Combine(AppContext.BaseDirectory, "CrmCore.Samples.ServiceDesk.dll"), args, new Dictionary<string, string>());

        Assert.Equal(2, exit);
        Assert.StartsWith(expected, error, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, output);
    }
}
