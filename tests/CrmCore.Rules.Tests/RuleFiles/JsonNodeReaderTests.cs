using System.Text;
using System.Text.Json;
using CrmCore.Rules.Loading;

namespace CrmCore.Rules.Tests.RuleFiles;

/// <summary>
/// The positioned JSON reader behind every rule-file diagnostic: each key and value knows its 1-based line, its column in
/// characters (not bytes, so Chinese text before it does not shift it), its JSON path and its text; a byte-order mark is not a
/// character; reader errors are positioned the same way.
/// </summary>
public class JsonNodeReaderTests
{
    // Line 2 holds three-byte characters before the value, line 3 starts after them.
    private const string Document = "{\n  \"名称\": \"值\", \"n\": 1.50e3,\n  \"list\": [true, false, null, {\"k\": \"v\"}]\n}";

    public static TheoryData<bool> WithAndWithoutBom => [false, true];

    [Theory]
    [MemberData(nameof(WithAndWithoutBom))]
    public void Read_EveryNode_HasLineColumnPathAndText(bool bom)
    {
        var root = JsonNodeReader.Read(Bytes(Document, bom));

        Assert.Equal((JsonValueKind.Object, 1, 1, "$"), (root.Kind, root.Line, root.Column, root.Path));
        Assert.Equal(["名称", "n", "list"], root.Properties.Select(p => p.Name));
        Assert.Equal([(2, 3), (2, 14), (3, 3)], root.Properties.Select(p => (p.Line, p.Column)));

        var name = root.Properties[0].Value;
        Assert.Equal((JsonValueKind.String, 2, 9, "$.名称", "值"), (name.Kind, name.Line, name.Column, name.Path, name.Text));
        var number = root.Properties[1].Value;
        Assert.Equal((JsonValueKind.Number, 2, 19, "$.n", "1.50e3"), (number.Kind, number.Line, number.Column, number.Path, number.Text));

        var list = root.Properties[2].Value;
        Assert.Equal((JsonValueKind.Array, 3, 11, "$.list"), (list.Kind, list.Line, list.Column, list.Path));
        Assert.Equal(
            [(JsonValueKind.True, 12, "$.list[0]", "true"), (JsonValueKind.False, 18, "$.list[1]", "false"), (JsonValueKind.Null, 25, "$.list[2]", null), (JsonValueKind.Object, 31, "$.list[3]", null)],
            list.Items.Select(i => (i.Kind, i.Column, i.Path, i.Text)));
        var inner = Assert.Single(list.Items[3].Properties);
        Assert.Equal(("k", 3, 32, "$.list[3].k", 3, 37, "v"), (inner.Name, inner.Line, inner.Column, inner.Value.Path, inner.Value.Line, inner.Value.Column, inner.Value.Text));
    }

    [Fact]
    public void Read_ValuesAfterChineseTextOnOneLine_CountCharactersNotBytes()
    {
        var json = "[\"甲乙丙\",\"丁\",7]";

        var items = JsonNodeReader.Read(Encoding.UTF8.GetBytes(json)).Items;

        Assert.Equal([2, 8, 12], items.Select(i => i.Column));
        Assert.All(items, i => Assert.Equal(1, i.Line));
    }

    [Fact]
    public void Read_LoneSurrogateEscape_IsAPositionedJsonException()
    {
        var json = "[1,\n  \"\\ud800\"]";

        var e = Assert.Throws<JsonException>(() => JsonNodeReader.Read(Encoding.UTF8.GetBytes(json)));

        Assert.StartsWith("A string holds an invalid escape (a lone surrogate such as \\ud800 is not text): ", e.Message, StringComparison.Ordinal);
        Assert.Equal(1, e.LineNumber);
        Assert.Equal(2, e.BytePositionInLine);
    }

    [Fact]
    public void Read_LoneSurrogateInAKey_IsAPositionedJsonException()
    {
        var e = Assert.Throws<JsonException>(() => JsonNodeReader.Read(Encoding.UTF8.GetBytes("{\"\\udc00\": 1}")));

        Assert.StartsWith("A string holds an invalid escape", e.Message, StringComparison.Ordinal);
        Assert.Equal((0L, 1L), (e.LineNumber, e.BytePositionInLine));
    }

    [Theory]
    [MemberData(nameof(WithAndWithoutBom))]
    public void LocateError_BytePositionAfterChineseText_IsTheCharacterColumn(bool bom)
    {
        // Line 1 (0-based) is `  "名称": x`: byte 12 is the `x` (two spaces, a quote, two 3-byte characters, a quote, a colon, a space).
        var bytes = Bytes("{\n  \"名称\": x\n}", bom);

        Assert.Equal((2, 9), JsonNodeReader.LocateError(bytes, 1, 12));
        Assert.Equal((1, 1), JsonNodeReader.LocateError(bytes, 0, 0));
    }

    [Fact]
    public void Read_KindNames_AndComments_AreWhatDiagnosticsSay()
    {
        var root = JsonNodeReader.Read(Encoding.UTF8.GetBytes("// rules\n[{}, [], \"s\", 1, true, false, null /* none */]"));

        Assert.Equal(["an object", "an array", "a string", "a number", "a boolean", "a boolean", "null"], root.Items.Select(i => i.KindName));
        Assert.Equal((2, 1), (root.Line, root.Column));
    }

    [Fact]
    public void Read_LoneSurrogateAsTheFirstToken_IsAtLineZeroByteZero()
    {
        var e = Assert.Throws<JsonException>(() => JsonNodeReader.Read(Encoding.UTF8.GetBytes("\"\\ud800\"")));

        Assert.Equal((0L, 0L), (e.LineNumber, e.BytePositionInLine));
    }

    [Fact]
    public void LocateError_OnTheFirstLineAfterABom_CountsNoBomCharacter()
    {
        byte[] bytes = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("[1, 2, x]")];

        Assert.Equal((1, 8), JsonNodeReader.LocateError(bytes, 0, 7));
    }

    [Fact]
    public void LocateError_BytePositionPastTheEnd_StopsAtTheEnd()
    {
        Assert.Equal((1, 4), JsonNodeReader.LocateError(Encoding.UTF8.GetBytes("[1,"), 0, 1000));
    }

    [Fact]
    public void LocateError_LineBeyondTheLastLine_IsOnTheLastLine()
    {
        var bytes = Encoding.UTF8.GetBytes("[\n1,\n");

        Assert.Equal((3, 1), JsonNodeReader.LocateError(bytes, 9, 0));
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n  // only a comment\n")]
    public void Read_NoValue_IsAJsonException(string json) =>
        Assert.ThrowsAny<JsonException>(() => JsonNodeReader.Read(Encoding.UTF8.GetBytes(json)));

    [Fact]
    public void Read_ContentAfterTheValue_IsAPositionedJsonException_ButCommentsAndBlanksAreNot()
    {
        var e = Assert.ThrowsAny<JsonException>(() => JsonNodeReader.Read(Encoding.UTF8.GetBytes("{}\n  []")));

        Assert.Equal((1L, 2L), (e.LineNumber, e.BytePositionInLine));
        Assert.Equal(JsonValueKind.Object, JsonNodeReader.Read(Encoding.UTF8.GetBytes("{} // end\n\n/* really */ ")).Kind);
    }

    [Fact]
    public void Read_AValueOnALaterLineAfterALongFirstLine_CountsFromItsOwnLine()
    {
        var root = JsonNodeReader.Read(Encoding.UTF8.GetBytes("[\"甲乙丙丁戊\",\n  7, 8]"));

        Assert.Equal([(1, 2), (2, 3), (2, 6)], root.Items.Select(i => (i.Line, i.Column)));
    }

    private static byte[] Bytes(string json, bool bom) =>
        bom ? [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(json)] : Encoding.UTF8.GetBytes(json);
}
