using System.Globalization;
using CrmCore.Rules.Diagnostics;

namespace CrmCore.Rules.Tests.Sandbox;

/// <summary>
/// Wave 18 (plan18 item 4): a sandbox error says in plain words what the expression tried and what to write instead, in English and
/// zh-Hans; the .NET method or member it named comes only after, as a detail.
/// </summary>
public sealed class SandboxPlainWordsTests
{
    private static readonly CultureInfo ZhHans = CultureInfo.GetCultureInfo("zh-Hans");

    public static TheoryData<string, string, string, string> Expressions() => new()
    {
        { "int.Parse(customer.Region) > 3", "Int32.Parse", "Converting text to a number is not allowed here", "此处不允许把文本转换为数字" },
        { "decimal.Parse(customer.Region) > 3", "Decimal.Parse", "Converting text to a number is not allowed here", "此处不允许把文本转换为数字" },
        { "Convert.ToInt32(customer.Region) > 3", "Convert.ToInt32", "Converting text to a number is not allowed here", "此处不允许把文本转换为数字" },
        { "Convert.ToInt32(customer.AnnualRevenue) > 3", "Convert.ToInt32", "Converting a value with a conversion function is not allowed here", "此处不允许用转换函数转换数值" },
        { "DateTime.Parse(customer.Region) != null", "DateTime.Parse", "Reading a date or time from text is not allowed here", "此处不允许从文本读取日期或时间" },
        { "Convert.ToString(customer.Employees) == \"5\"", "Convert.ToString", "Turning a value into text is not allowed here", "此处不允许把值转换为文本" },
        { "customer.Region.Replace(\"a\", \"b\") == \"c\"", "String.Replace", "This text function is not available in rules", "规则中不能使用此文本函数" },
        { "DateTime.Now.Year > 2020", "DateTime.Now", "Reading the clock or the computer's settings is not allowed here", "此处不允许读取系统时钟或计算机设置" },
        { "Guid.NewGuid() != Guid.Empty", "Guid.NewGuid", "This function is not available in rules", "规则中不能使用此函数" },
    };

    [Theory]
    [MemberData(nameof(Expressions))]
    public void Load_SandboxError_PlainWordsFirst_TheDotNetNameOnlyAsADetail(string expression, string dotNet, string english, string chinese)
    {
        var errors = RuleLoader.Load("f.json", Rule(expression)).Errors.Where(e => e.Code == RuleDiagnosticCodes.SandboxViolation).ToList();

        var d = Assert.Single(errors, e => e.Message.Contains($"`{dotNet}`", StringComparison.Ordinal));
        Assert.StartsWith(english, d.Message, StringComparison.Ordinal);
        Assert.Contains($"Detail: the expression {(dotNet.EndsWith(".Now", StringComparison.Ordinal) ? "reads" : "calls")} `{dotNet}`.", d.Message, StringComparison.Ordinal);
        Assert.True(d.Message.IndexOf(dotNet, StringComparison.Ordinal) > d.Message.IndexOf("Detail:", StringComparison.Ordinal), d.Message);
        var zh = RuleDiagnosticMessages.Get(d, ZhHans);
        Assert.StartsWith(chinese, zh, StringComparison.Ordinal);
        Assert.Contains($"详情：表达式{(dotNet.EndsWith(".Now", StringComparison.Ordinal) ? "读取" : "调用")}了 `{dotNet}`。", zh, StringComparison.Ordinal);
        Assert.True(zh.IndexOf(dotNet, StringComparison.Ordinal) > zh.IndexOf("详情：", StringComparison.Ordinal), zh);
        Assert.DoesNotContain("is not allowed", zh, StringComparison.Ordinal);
        Assert.EndsWith($"表达式：`{expression}`。", zh, StringComparison.Ordinal);
        Assert.EndsWith($"Expression: `{expression}`.", d.Message, StringComparison.Ordinal);
    }

    /// <summary>Calls the parser itself refuses (it offers no <c>GetType</c> or <c>ToString</c> on a fact): the same plain words, with the character.</summary>
    [Theory]
    [InlineData("customer.GetType() != null", "GetType", 10, "Looking into the program's own types (reflection) is never allowed in rules", "规则中任何时候都不允许查看程序自身的类型（反射）")]
    [InlineData("customer.AnnualRevenue.ToString() == \"5\"", "ToString", 24, "Turning a value into text is not allowed here", "此处不允许把值转换为文本")]
    [InlineData("customer.Industry.GetHashCode() > 0", "GetHashCode", 19, "This function is not available in rules", "规则中不能使用此函数")]
    public void Load_CallTheParserRefuses_PlainWordsFirst_TheNameAsWrittenAsADetail(string expression, string written, int character, string english, string chinese)
    {
        var d = Assert.Single(RuleLoader.Load("f.json", Rule(expression)).Errors);

        Assert.Equal(RuleDiagnosticCodes.SandboxViolation, d.Code);
        Assert.StartsWith(english, d.Message, StringComparison.Ordinal);
        Assert.EndsWith($" Detail: the expression calls `{written}` (character {character} of the expression).", d.Message, StringComparison.Ordinal);
        var zh = RuleDiagnosticMessages.Get(d, ZhHans);
        Assert.StartsWith(chinese, zh, StringComparison.Ordinal);
        Assert.EndsWith($"详情：表达式调用了 `{written}`（表达式第 {character} 个字符）。", zh, StringComparison.Ordinal);
        Assert.DoesNotContain("cannot be called", d.Message, StringComparison.Ordinal);
    }

    private static string Rule(string expression)
        => "[{\"WorkflowName\":\"Tagging\",\"Rules\":[{\"RuleName\":\"R\",\"SuccessEvent\":\"t\",\"Expression\":" + System.Text.Json.JsonSerializer.Serialize(expression) + "}]}]";
}
