using System.Globalization;
using CrmCore.Access;
using CrmCore.Calendars;
using CrmCore.Escalation;
using CrmCore.Metrics;
using CrmCore.Relationships;

namespace CrmCore.Tests.Decoding;

/// <summary>
/// Every JSON loader reports a problem at the same 1-based line and column for the same text, columns counted in UTF-16 characters:
/// an emoji before the problem counts two columns, a Chinese character one (what an editor and a .NET string index count).
/// </summary>
public sealed class JsonPositionTests
{
    /// <summary>An emoji (two UTF-16 characters, one code point, four UTF-8 bytes) and a Chinese character (one, one, three).</summary>
    private const string Wide = "😀中";

    private static readonly CultureInfo En = CultureInfo.GetCultureInfo("en-US");
    private static readonly CultureInfo Zh = CultureInfo.GetCultureInfo("zh-Hans");

    public static TheoryData<string> Loaders() => ["calendar", "escalation", "contact-policy", "access", "targets"];

    [Fact]
    public void AccessPolicy_ProblemAfterAnEmoji_IsAtItsUtf16Column()
    {
        const string line2 = "  \"$comment\": \"" + Wide + "\", \"source\": 5 }";
        var json = "{ \"name\": \"p\", \"roles\": { \"a\": { \"scope\": \"all\" } },\n" + line2;
        var column = line2.IndexOf('5', StringComparison.Ordinal) + 1;

        var error = Assert.Throws<FormatException>(() => AccessPolicyJson.Parse(json, "p.json", En)).Message;

        Assert.Contains($"p.json:2:{column}: 'source' must be a string.", error, StringComparison.Ordinal);
    }

    [Fact]
    public void ReportTargets_ProblemAfterAnEmoji_IsAtItsUtf16Column()
    {
        const string line2 = "  \"$comment\": \"" + Wide + "\", \"minNps\": 101 }";
        var json = "{ \"source\": \"t\",\n" + line2;
        var column = line2.IndexOf("101", StringComparison.Ordinal) + 1;

        var error = Assert.Throws<FormatException>(() => ReportTargetsJson.Parse(json, "t.json", En)).Message;

        Assert.Equal($"t.json:2:{column}: 'minNps' must be from -100 to 100, was 101.", error);
    }

    [Theory]
    [MemberData(nameof(Loaders))]
    public void Load_SyntaxErrorAfterAnEmojiAndAChineseCharacter_IsAtTheSameColumnInEveryLoader(string loader)
    {
        const string line2 = "  \"$comment\": \"" + Wide + "\" \"name\": \"x\" }";
        var json = "{\n" + line2;
        var column = line2.IndexOf("\"name\"", StringComparison.Ordinal) + 1;

        var (line, col, message) = Problem(loader, json);

        Assert.Equal((2, column), (line, col));
        Assert.StartsWith("Not valid JSON: '\"' is not expected here", message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Loaders))]
    public void Load_NestedDeeperThanTheLimit_SaysTooDeeplyNestedAtTheTokenThatWentTooDeep(string loader)
    {
        var limit = loader switch { "access" => 8, "targets" => 4, _ => 64 };
        var line2 = "  \"" + Wide + "\": " + new string('[', limit + 5) + new string(']', limit + 5) + " }";
        var json = "{\n" + line2;

        // The root object is level 1: the limit-th '[' opens level limit + 1.
        var column = line2.IndexOf('[', StringComparison.Ordinal) + limit;

        var (line, col, message) = Problem(loader, json);
        var zh = Problem(loader, json, Zh).Message;

        Assert.Equal((2, column), (line, col));
        Assert.Equal($"Nested too deeply: objects and arrays may be nested at most {limit} levels.", message);
        Assert.Equal($"嵌套过深：对象和数组最多可嵌套 {limit} 层。", zh);
    }

    [Theory]
    [InlineData("{ \"name\": nope }", "nope")]
    [InlineData("{ \"name\": tru }", "tru")]
    [InlineData("{ \"name\": nul, \"x\": 1 }", "nul")]
    [InlineData("{ \"name\": falsy }", "falsy")]
    [InlineData("{ \"name\": Nope }", "Nope")]
    [InlineData("{ \"name\": truex }", "truex")]
    [InlineData("{ \"name\": 12ab }", "12ab")]
    public void Load_InvalidWord_IsAtTheStartOfTheWordAndShowsIt(string json, string word)
    {
        foreach (var loader in Loaders())
        {
            var text = json.Replace("{ ", "{ \"$comment\": \"" + Wide + "\", ", StringComparison.Ordinal);
            var column = text.IndexOf(" " + word, StringComparison.Ordinal) + 2;

            var (line, col, message) = Problem(loader, text);

            Assert.Equal((1, column), (line, col));
            Assert.StartsWith($"Not valid JSON: '{word}' is not expected here", message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("{ \"name\": \"ab\tc\" }", "\t", "U+0009")]
    [InlineData("{ \"name\": \"ab\\qc\" }", "q", "q")]
    [InlineData("{ \"name\": true} ]", "]", "]")]
    [InlineData("{ \"name\": [true} ", "}", "}")]
    [InlineData("{ \"name\": \"a\"b }", "b", "b")]
    [InlineData("{ \"name\": \"\\u12G4\" }", "G", "G")]
    public void Load_BadCharacterInsideAStringOrAfterAGoodWord_StaysAtThatCharacter(string json, string at, string shown)
    {
        var (line, col, message) = Problem("calendar", json);

        Assert.Equal((1, json.IndexOf(at, StringComparison.Ordinal) + 1), (line, col));
        Assert.StartsWith($"Not valid JSON: '{shown}' is not expected here", message, StringComparison.Ordinal);
    }

    /// <summary>The syntax problem a loader reports, as (line, column, message): the first problem of the loaders with a result, the
    /// last line (<c>source:line:col: message</c>, split) of the loaders that throw.</summary>
    private static (int Line, int Column, string Message) Problem(string loader, string json, CultureInfo? culture = null)
    {
        culture ??= En;
        if (loader is "access" or "targets")
        {
            var error = Assert.Throws<FormatException>(() => loader == "access"
                ? AccessPolicyJson.Parse(json, "f.json", culture)
                : (object)ReportTargetsJson.Parse(json, "f.json", culture)).Message;
            var parts = error.Split(Environment.NewLine)[^1].Split(':', 4);
            Assert.Equal("f.json", parts[0]);
            return (int.Parse(parts[1], CultureInfo.InvariantCulture), int.Parse(parts[2], CultureInfo.InvariantCulture), parts[3].TrimStart());
        }

        IReadOnlyList<LoadProblem> problems = loader switch
        {
            "calendar" => CalendarJson.Load(json).Problems,
            "escalation" => EscalationPolicyJson.Load(json).Problems,
            "contact-policy" => ContactPolicyJson.Load(json).Problems,
            _ => throw new ArgumentOutOfRangeException(nameof(loader), loader, null),
        };
        var problem = problems[0];
        return (problem.Line, problem.Column, problem.MessageIn(culture));
    }
}
