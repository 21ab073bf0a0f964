using System.Globalization;
using System.Text;
using CrmCore.Calendars;
using CrmCore.Escalation;
using CrmCore.Relationships;

namespace CrmCore.Tests.Calendars;

/// <summary>
/// A JSON syntax error in a calendar, escalation policy or contact policy is one problem with a 1-based line and a column in characters
/// (not UTF-8 bytes), and a plain message of the project's own in English and zh-Hans, never System.Text.Json's text.
/// </summary>
public sealed class JsonSyntaxProblemTests
{
    private static readonly CultureInfo Zh = CultureInfo.GetCultureInfo("zh-Hans");

    public static TheoryData<string> Loaders() => ["calendar", "escalation", "contact-policy"];

    [Theory]
    [MemberData(nameof(Loaders))]
    public void Load_SyntaxErrorAfterChineseTextOnItsLine_HasLineAndCharacterColumn(string loader)
    {
        const string line2 = "  \"name\": \"华东区客服中心（标准工时）\" \"x\": 1,";
        var json = "{\n" + line2 + "\n  \"y\": 2\n}\n";
        var column = line2.IndexOf("\"x\"", StringComparison.Ordinal) + 1;
        var byteColumn = Encoding.UTF8.GetByteCount(line2[..(column - 1)]) + 1;

        var problem = Assert.Single(Load(loader, json));

        Assert.Equal(2, problem.Line);
        Assert.Equal(column, problem.Column);
        Assert.NotEqual(byteColumn, problem.Column);
        Assert.Equal($"2:{column}", problem.Where);
        Assert.Equal($"2:{column}: {problem.Message}", problem.ToString());
        Assert.Equal("Not valid JSON: '\"' is not expected here (look for a missing or extra comma, quote or bracket).", problem.Message);
        Assert.Equal("不是有效的 JSON：此处不应出现“\"”（请检查是否缺少或多了逗号、引号或括号）。", problem.MessageIn(Zh));
    }

    [Theory]
    [InlineData("calendar", "{\n  \"name\": \"客服\",")]
    [InlineData("escalation", "{\n  \"name\": \"客服")]
    [InlineData("contact-policy", "{\n  \"name\": [1, {\"a\": ")]
    [InlineData("calendar", "")]
    public void Load_TextEndsInsideAValue_SaysItEndsTooEarlyWithPosition(string loader, string json)
    {
        var problem = Assert.Single(Load(loader, json));

        Assert.True(problem.Line >= 1, problem.ToString());
        Assert.True(problem.Column >= 1, problem.ToString());
        Assert.Equal("The JSON ends too early: a quote, bracket or brace is not closed.", problem.Message);
        Assert.Equal("JSON 提前结束：有引号、方括号或花括号未闭合。", problem.MessageIn(Zh));
    }

    [Theory]
    [InlineData("{ \"a\": 1 }\u0001", "U+0001")]
    [InlineData("{ \"a\": 😀 }", "😀")]
    [InlineData("[1, 2 3]", "3")]
    [InlineData("{ \"name\": \"a\" } y", "y")]
    public void Load_UnexpectedCharacter_IsShownReadably(string json, string shown)
    {
        var problem = Assert.Single(CalendarJson.Load(json).Problems);

        Assert.Equal(1, problem.Line);
        Assert.Equal(json.IndexOf(shown[0] == 'U' ? "\u0001" : shown, StringComparison.Ordinal) + 1, problem.Column);
        Assert.Contains($"'{shown}' is not expected here", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Loaders))]
    public void Load_SyntaxError_DoesNotLeakTheParsersWording(string loader)
    {
        var problem = Assert.Single(Load(loader, "{\n  \"name\": ]\n}"));

        foreach (var text in new[] { problem.Message, problem.MessageIn(Zh), problem.ToString() })
        {
            Assert.DoesNotContain("LineNumber", text, StringComparison.Ordinal);
            Assert.DoesNotContain("BytePositionInLine", text, StringComparison.Ordinal);
            Assert.DoesNotContain("invalid start of a value", text, StringComparison.Ordinal);
        }

        Assert.Equal((2, 11), (problem.Line, problem.Column));
        Assert.Contains("']' is not expected here", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_SyntaxErrorInAnImportedHolidayFile_NamesThatFileWithItsLineAndColumn()
    {
        const string calendar = """
            { "name": "x", "timeZone": "Asia/Shanghai", "week": { "monday": ["09:00-18:00"] },
              "imports": [ { "format": "chinese-days", "source": "节假日.json" } ] }
            """;
        const string holidays = "{\n  \"holidays\": { \"2026-10-01\": \"国庆节\" \"x\" } }";
        var column = holidays.Split('\n')[1].IndexOf("\"x\"", StringComparison.Ordinal) + 1;

        var problem = Assert.Single(CalendarJson.Load(calendar, _ => holidays).Problems);

        Assert.Equal($"$.imports[0] (节假日.json:2:{column})", problem.Path);
        Assert.Equal(0, problem.Line);
        Assert.Equal(problem.Path, problem.Where);
        Assert.StartsWith("Not valid JSON", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ProblemInWellFormedJson_HasNoLineAndIsPlacedByPath()
    {
        var problem = Assert.Single(EscalationPolicyJson.Load("""{ "name": "p", "ladders": [], "extra": 1 }""").Problems);

        Assert.Equal(0, problem.Line);
        Assert.Equal("$.extra", problem.Where);
        Assert.StartsWith("$.extra: ", problem.ToString(), StringComparison.Ordinal);
    }

    private static IReadOnlyList<LoadProblem> Load(string loader, string json) => loader switch
    {
        "calendar" => CalendarJson.Load(json).Problems,
        "escalation" => EscalationPolicyJson.Load(json).Problems,
        "contact-policy" => ContactPolicyJson.Load(json).Problems,
        _ => throw new ArgumentOutOfRangeException(nameof(loader), loader, null),
    };
}
