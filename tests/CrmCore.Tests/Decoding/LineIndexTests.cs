using System.Text;
using System.Text.Json;
using CrmCore.Decoding;

namespace CrmCore.Tests.Decoding;

public sealed class LineIndexTests
{
    [Theory]
    [InlineData("{ \"a\": 1 \"b\": 2 }", "\"b\"")]
    [InlineData("{ \"名称\": \"客服\" \"b\": 2 }", "\"b\"")]
    [InlineData("{\n  \"名称\": \"😀😀\" \"b\": 2\n}", "\"b\"")]
    [InlineData("{\r\n  \"😀\": 1,\r\n  \"中😀\": 2 3\r\n}", "3\r")]
    [InlineData("[\"é\", \"ü\" 1]", "1]")]
    public void PositionOf_TheReadersOwnError_IsTheUtf16PositionOfTheBadToken(string json, string at)
    {
        var exception = Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(json));
        var index = json.IndexOf(at, StringComparison.Ordinal);
        var lineStart = json.LastIndexOf('\n', index) + 1;
        var expectedLine = json[..index].Count(c => c == '\n') + 1;

        var position = LineIndex.Of(json).PositionOf(exception);

        Assert.Equal((expectedLine, index - lineStart + 1), position);
    }

    [Fact]
    public void Position_AnEmojiCountsTwoColumnsAndAChineseCharacterOne()
    {
        const string text = "a😀中b\n😀x";
        var lines = LineIndex.Of(text);

        Assert.Equal((1, 5), lines.Position(Encoding.UTF8.GetByteCount("a😀中")));
        Assert.Equal((2, 3), lines.Position(Encoding.UTF8.GetByteCount("a😀中b\n😀")));
        Assert.Equal((1, 1), lines.Position(0));
    }

    [Fact]
    public void Position_InAnyOrder_IsTheSame()
    {
        const string text = "中文\n😀😀x\n末";
        var offsets = Enumerable.Range(0, Encoding.UTF8.GetByteCount(text) + 1).ToArray();
        var forward = LineIndex.Of(text);
        var expected = offsets.Select(o => forward.Position(o)).ToArray();
        var backward = LineIndex.Of(text);

        var actual = offsets.Reverse().Select(o => backward.Position(o)).Reverse().ToArray();

        Assert.Equal(expected, actual);
        Assert.Equal((3, 2), expected[^1]);
        Assert.Equal(expected[Encoding.UTF8.GetByteCount("中")], expected[Encoding.UTF8.GetByteCount("中") + 2]);
        Assert.Equal((2, 3), expected[Encoding.UTF8.GetByteCount("中文\n😀") + 3]);
    }

    [Fact]
    public void PositionOfLineByte_PastTheEndOfItsLineOrTheText_StopsThere()
    {
        var lines = LineIndex.Of("abc\ndef");

        Assert.Equal((1, 4), lines.PositionOfLineByte(0, 99));
        Assert.Equal((2, 1), lines.PositionOfLineByte(1, null));
        Assert.Equal((2, 4), lines.PositionOfLineByte(7, 99));
        Assert.Equal((1, 1), lines.PositionOfLineByte(null, -5));
    }

    [Fact]
    public void PositionOfLineByte_AReadersLineAndByte_IsThePositionOfTheSameByteOffset()
    {
        // A reader's 0-based line and byte in it, after a key of a Chinese character and an emoji, is the same position as the byte
        // offset it stands for (the import mapping file counts from offsets, the loaders from the reader's line and byte).
        const string json = "{\n  \"中😀\": 1 2 }";
        var exception = Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(json));
        var offset = Encoding.UTF8.GetByteCount(json[..json.LastIndexOf('2')]);

        Assert.Equal((2, 12), LineIndex.Of(json).PositionOfLineByte(exception.LineNumber, exception.BytePositionInLine));
        Assert.Equal((2, 12), LineIndex.Of(json).Position(offset));
    }
}
