using System.Text.Json;
using CrmCore.Decoding;

namespace CrmCore.Tests.Decoding;

public sealed class JsonErrorPositionTests
{
    [Theory]
    [InlineData("{ \"a\": 1 \"b\": 2 }", "\"b\"")]
    [InlineData("{ \"名称\": \"客服\" \"b\": 2 }", "\"b\"")]
    [InlineData("{\n  \"名称\": \"😀😀\" \"b\": 2\n}", "\"b\"")]
    [InlineData("[\"é\", \"ü\" 1]", "1]")]
    public void Of_TheReadersOwnError_IsTheCharacterPositionOfTheBadToken(string json, string at)
    {
        var exception = Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(json));
        var index = json.IndexOf(at, StringComparison.Ordinal);
        var lineStart = json.LastIndexOf('\n', index) + 1;
        var expectedLine = json[..index].Count(c => c == '\n') + 1;

        var (line, column) = JsonErrorPosition.Of(json, exception.LineNumber, exception.BytePositionInLine);

        Assert.Equal((expectedLine, index - lineStart + 1), (line, column));
    }

    [Fact]
    public void Of_PastTheEndOfItsLine_StopsAtTheLineEnd()
    {
        Assert.Equal((1, 4), JsonErrorPosition.Of("abc\ndef", 0, 99));
        Assert.Equal((2, 1), JsonErrorPosition.Of("abc\ndef", 1, null));
    }
}
