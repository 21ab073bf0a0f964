using System.Text.RegularExpressions;
using CrmCore.Rules.Diagnostics;

namespace CrmCore.Rules.Tests;

/// <summary>
/// Wave 17 (rules17 item 1): the diagnostics that used to carry .NET's, RulesEngine's or the expression parser's English (CRM040,
/// "could not be compiled", CRM032's "As written", CRM030/CRM031 from the parser, the last-resort CRM020) have messages of our own
/// in English and zh-Hans, with the place and the rule, and never the parser's sentence or an exception's text.
/// </summary>
public sealed partial class DiagnosticWordingTests : IDisposable
{
    /// <summary>Fragments of the parser's and .NET's own sentences; none may reach a user.</summary>
    private static readonly string[] ForeignFragments =
    [
        "not accessible", "not found", "ParsingConfig", "must be of type", "' expected", "literal expected", "Could not find", "Access to the path",
        "System.Void", "Parameter '", "As written", "With its parameters", "Exception",
    ];

    private readonly string _dir = Directory.CreateTempSubdirectory("crm-wording-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    public static TheoryData<string, string> Expressions() => new()
    {
        { "customer.GetType().Name == \"a\"", RuleDiagnosticCodes.SandboxViolation },
        { "customer.Industry.GetHashCode() > 0", RuleDiagnosticCodes.SandboxViolation },
        { "System.IO.File.Exists(\"a\")", RuleDiagnosticCodes.SandboxViolation },
        { "new System.Object() != null", RuleDiagnosticCodes.SandboxViolation },
        { "Enumerable.Range(0, 10).Count() > 3", RuleDiagnosticCodes.GeneratorNotAllowed },
        { "Enumerable.Repeat(1, 5).Any()", RuleDiagnosticCodes.GeneratorNotAllowed },
        { "(1 ? 2 : 3) == 2", RuleDiagnosticCodes.ExpressionError },
        { "typeof(string) != null", RuleDiagnosticCodes.ExpressionError },
        { "customer.Tags.Any(a => customer.Tags.Any(b => customer.Tags.Any(c => c == a)))", RuleDiagnosticCodes.ExpressionTooLarge },
    };

    [Theory]
    [MemberData(nameof(Expressions))]
    public void Load_ParserOrSandboxProblem_OwnWordsInBothLanguages(string expression, string code)
    {
        var d = Assert.Single(RuleLoader.Load("f.json", Rule(expression)).Errors);

        Assert.Equal(code, d.Code);
        Assert.Equal("R", d.RuleName);
        Assert.Equal((1, Rule(string.Empty).IndexOf("\"\"", StringComparison.Ordinal) + 1), (d.Line, d.Column));
        AssertOwnWords(d);
    }

    [Fact]
    public void Load_GeneratorProblem_NamesTheGeneratorAndItsCharacter()
    {
        var d = Assert.Single(RuleLoader.Load("f.json", Rule("1 + Enumerable.Range(0, 10).Count() > 3")).Errors);

        Assert.Equal(RuleDiagnosticCodes.GeneratorNotAllowed, d.Code);
        Assert.StartsWith("`Enumerable.Range` generates sequences", d.Message, StringComparison.Ordinal);
        Assert.Contains("(character 16 of the expression)", d.Message, StringComparison.Ordinal);
        Assert.Contains("（表达式第 16 个字符）", d.MessageZhHans, StringComparison.Ordinal);
        Assert.Equal(15, d.ExpressionPosition);
    }

    [Fact]
    public void Load_TypeOutsideSandbox_NamesTheTypeAsWritten()
    {
        var d = Assert.Single(RuleLoader.Load("f.json", Rule("customer.Employees > 1 && System.IO.File.Exists(\"a\")")).Errors);

        Assert.StartsWith("`System.IO.File` is not a fact, a parameter or a shared value, so CrmCore rules cannot use it (sandbox)", d.Message, StringComparison.Ordinal);
        Assert.StartsWith("`System.IO.File` 不是事实、参数或共享值，CrmCore 规则不能使用它（沙箱限制）", d.MessageZhHans, StringComparison.Ordinal);
        Assert.Equal(26, d.ExpressionPosition);
    }

    [Fact]
    public void Load_LastResortParseError_SaysWhereAndWhatIsThere()
    {
        var d = Assert.Single(RuleLoader.Load("f.json", Rule("typeof(string) != null")).Errors);

        Assert.Equal(
            "The expression cannot be read (character 14 of the expression, at `) != null`). Write comparisons as `>=`, `<=`, `==`, `!=`, join clauses with `&&` (and) or `||` (or), and put text in double quotes.",
            d.Message);
        Assert.StartsWith("表达式无法解析（表达式第 14 个字符，`) != null` 处）。", d.MessageZhHans, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_TooManyLambdas_SaysSoInBothLanguages()
    {
        var d = Assert.Single(RuleLoader.Load("f.json", Rule("customer.Tags.Any(a => customer.Tags.Any(b => customer.Tags.Any(c => c == a)))")).Errors);

        Assert.Equal(
            "The expression as written nests 3 lambdas (collection passes inside collection passes); the limit is 2, because each level multiplies the work.",
            d.Message);
        Assert.Equal("按原文书写的表达式嵌套了 3 层 lambda（在集合遍历中再遍历集合）；上限为 2，因为每多一层，工作量就成倍增加。", d.MessageZhHans);
    }

    [Fact]
    public void Load_ConversionToNullable_NamesTheTypeAsWritten()
    {
        var errors = RuleLoader.Load("f.json", Rule("Guid.NewGuid() != null")).Errors.ToList();

        var d = Assert.Single(errors, e => e.Message.StartsWith("Converting", StringComparison.Ordinal));
        Assert.StartsWith("Converting a value from one kind to another is not allowed here", d.Message, StringComparison.Ordinal);
        Assert.Contains("Detail: the expression converts `Guid` to `Guid?`.", d.Message, StringComparison.Ordinal);
        Assert.All(errors, e => Assert.DoesNotContain("`1", e.Message + e.MessageZhHans, StringComparison.Ordinal));
    }

    [Fact]
    public void LoadFiles_MissingFile_Crm040InOurWords()
    {
        var path = Path.Combine(_dir, "nope.json");

        var d = Assert.Single(RuleLoader.LoadFiles([path]).Errors);

        Assert.Equal(RuleDiagnosticCodes.FileUnreadable, d.Code);
        Assert.Equal(path, d.File);
        Assert.Equal("The file could not be read: it does not exist (check the path and the working folder).", d.Message);
        Assert.Equal("文件无法读取：文件不存在（请检查路径和当前工作文件夹）。", d.MessageZhHans);
    }

    [Fact]
    public void LoadFiles_Folder_Crm040SaysItIsAFolder()
    {
        var d = Assert.Single(RuleLoader.LoadFiles([_dir]).Errors);

        Assert.Equal(RuleDiagnosticCodes.FileUnreadable, d.Code);
        Assert.StartsWith("The file could not be read: it is a folder", d.Message, StringComparison.Ordinal);
        Assert.StartsWith("文件无法读取：这是一个文件夹", d.MessageZhHans, StringComparison.Ordinal);
        AssertOwnWords(d);
    }

    [Fact]
    public void LoadFiles_DeniedFile_Crm040SaysPermissionDenied()
    {
        if (OperatingSystem.IsWindows() || Environment.UserName == "root")
        {
            // Root reads any file; Windows has no chmod. The message is then proved by the other CRM040 tests.
            return;
        }

        var path = Path.Combine(_dir, "secret.json");
        File.WriteAllText(path, "[]");
        File.SetUnixFileMode(path, UnixFileMode.None);

        var d = Assert.Single(RuleLoader.LoadFiles([path]).Errors);

        Assert.Equal("The file could not be read: permission denied. Ask for read access, or copy the file to a place you can read.", d.Message);
        AssertOwnWords(d);
    }

    [Fact]
    public void Load_CompilerFailsUnforeseen_OurWordsAtTheWorkflow()
    {
        // An input type no expression can be built over (void) makes the compiler throw past every check: the last line of defence.
        var options = RuleLoadOptions.Default with { CustomInputs = [new("x", typeof(void))] };
        var json = "[\n  {\"WorkflowName\":\"Anything\",\"Rules\":[{\"RuleName\":\"R\",\"Expression\":\"true\"}]}\n]";

        var d = Assert.Single(RuleLoader.Load("custom.json", json, options).Errors);

        Assert.Equal(RuleDiagnosticCodes.ExpressionTooLarge, d.Code);
        Assert.Equal("Anything", d.WorkflowName);
        Assert.Equal("custom.json", d.File);
        Assert.Equal(2, d.Line);
        Assert.StartsWith("The rule could not be compiled: it passed every check, but CrmCore could not build it.", d.Message, StringComparison.Ordinal);
        Assert.StartsWith("规则无法编译", d.MessageZhHans, StringComparison.Ordinal);
        AssertOwnWords(d);
    }

    /// <summary>The message is ours: Chinese text exists, has no English sentence outside code quotes, and neither language quotes the parser or .NET.</summary>
    internal static void AssertOwnWords(RuleDiagnostic d)
    {
        Assert.NotNull(d.MessageZhHans);
        Assert.NotEqual(d.Message, d.MessageZhHans);
        foreach (var fragment in ForeignFragments)
        {
            Assert.DoesNotContain(fragment, d.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(fragment, d.MessageZhHans, StringComparison.Ordinal);
        }

        Assert.Null(EnglishSentence(d.MessageZhHans));
    }

    /// <summary>Three English words in a row outside `code` quotes: an untranslated sentence in a Chinese message; null when there is none.</summary>
    internal static string? EnglishSentence(string text)
    {
        var m = EnglishRun().Match(CodeQuote().Replace(text, "`…`"));
        return m.Success ? m.Value : null;
    }

    private static string Rule(string expression)
        => "[{\"WorkflowName\":\"Tagging\",\"Rules\":[{\"RuleName\":\"R\",\"SuccessEvent\":\"t\",\"Expression\":" + System.Text.Json.JsonSerializer.Serialize(expression) + "}]}]";

    [GeneratedRegex("`[^`]*`")]
    private static partial Regex CodeQuote();

    [GeneratedRegex(@"[A-Za-z]{2,}(?:[ ,;:'.()-]+[A-Za-z]{2,}){2,}")]
    private static partial Regex EnglishRun();
}
