using System.Text.RegularExpressions;
using CrmCore.Cli.Tests.Infrastructure;

namespace CrmCore.Cli.Tests.Commands;

/// <summary>
/// Wave 17 (rules17 item 1): <c>crm rules validate --lang zh-Hans</c> on broken rule files speaks Chinese on every line: the
/// parser's and .NET's English (sandbox, generators, the last-resort parse error, size limits, unreadable files) is replaced by
/// messages of our own.
/// </summary>
public sealed partial class RulesValidateChineseTests : IDisposable
{
    // One rule per way the parser or the sandbox used to answer in its own English.
    private const string Broken = """
        [{"WorkflowName":"Tagging","Rules":[
         {"RuleName":"R1","SuccessEvent":"x","Expression":"customer.GetType().Name == \"a\""},
         {"RuleName":"R2","SuccessEvent":"x","Expression":"Enumerable.Range(0, 10).Count() > 3"},
         {"RuleName":"R3","SuccessEvent":"x","Expression":"System.IO.File.Exists(\"a\")"},
         {"RuleName":"R4","SuccessEvent":"x","Expression":"new System.Object() != null"},
         {"RuleName":"R5","SuccessEvent":"x","Expression":"customer.AnnualRevenue >= "},
         {"RuleName":"R6","SuccessEvent":"x","Expression":"Enumerable.Repeat(1, 5).Any()"},
         {"RuleName":"R7","SuccessEvent":"x","Expression":"(1 ? 2 : 3) == 2"},
         {"RuleName":"R8","SuccessEvent":"x","Expression":"customer.Tags.Any(a => customer.Tags.Any(b => customer.Tags.Any(c => c == a)))"},
         {"RuleName":"R9","SuccessEvent":"x","Expression":"typeof(string) != null"},
         {"RuleName":"R10","SuccessEvent":"x","Expression":"customer.Industry.GetHashCode() > 0"}
        ]}]
        """;

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Validate_InChinese_BrokenExpressions_NoEnglishSentence()
    {
        var file = _dir.Write("broken.json", Broken);

        var run = Crm.Run("rules", "validate", file, "--lang", "zh-Hans");

        Assert.Equal(1, run.ExitCode);
        var lines = run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(11, lines.Length);
        foreach (var line in lines)
        {
            // The file name is the user's: only the message after the code is judged.
            var message = line.Contains(": 错误 ", StringComparison.Ordinal) ? line[(line.IndexOf(": 错误 ", StringComparison.Ordinal) + 5)..] : line;
            var english = EnglishRun().Match(CodeQuote().Replace(message, "`…`"));
            Assert.False(english.Success, $"English in: {line}");
        }
    }

    [Fact]
    public void Validate_InChinese_Json_MessagesHaveNoEnglishSentence()
    {
        var file = _dir.Write("broken.json", Broken);

        var run = Crm.Run("rules", "validate", file, "--lang", "zh-Hans", "--format", "json");

        using var doc = System.Text.Json.JsonDocument.Parse(run.Out);
        Assert.Equal(10, doc.RootElement.GetArrayLength());
        foreach (var d in doc.RootElement.EnumerateArray())
        {
            var message = d.GetProperty("message").GetString()!;
            Assert.False(EnglishRun().IsMatch(CodeQuote().Replace(message, "`…`")), message);
        }
    }

    [Fact]
    public void Validate_TooLongExpression_InChinese()
    {
        var expression = string.Join(" + ", Enumerable.Repeat("customer.Employees", 80)) + " > 1";
        var file = _dir.Write("big.json", "[{\"WorkflowName\":\"Tagging\",\"Rules\":[{\"RuleName\":\"Big\",\"SuccessEvent\":\"x\",\"Expression\":\"" + expression + "\"}]}]");

        var run = Crm.Run("rules", "validate", file, "--lang", "zh-Hans");

        Assert.Contains($"错误 CRM032: 表达式过大：表达式长 {expression.Length} 个字符，上限为 1000。请拆分为参数或多条规则。 [规则 Big]", run.Out, StringComparison.Ordinal);
    }

    [GeneratedRegex("`[^`]*`")]
    private static partial Regex CodeQuote();

    [GeneratedRegex(@"[A-Za-z]{2,}(?:[ ,;:'.()-]+[A-Za-z]{2,}){2,}")]
    private static partial Regex EnglishRun();
}
