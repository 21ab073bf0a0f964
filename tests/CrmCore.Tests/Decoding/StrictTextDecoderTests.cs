using System.Globalization;
using System.Text;
using CrmCore.Decoding;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CrmCore.Tests.Decoding;

public class StrictTextDecoderTests
{
    private static readonly Encoding Gb18030 = StrictTextDecoder.GetEncoding("gb18030");

    [Fact]
    public void Decode_Utf8WithBom_DropsTheBom()
    {
        var result = StrictTextDecoder.Decode([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("客户,1\n")]);

        Assert.True(result.Success);
        Assert.Equal("客户,1\n", result.Text);
    }

    [Fact]
    public void Decode_GbkBytes_NamesGbkAndTheRemedyWithThePosition()
    {
        var bytes = Gb18030.GetBytes("id,name\n1,张三\n");

        var result = StrictTextDecoder.Decode(bytes);

        Assert.False(result.Success);
        Assert.Null(result.Text);
        var p = result.Problem!;
        Assert.Equal("not UTF-8; it looks like GBK: save as UTF-8, or pass --encoding gb18030", p.Message);
        Assert.Equal("gb18030", p.LikelyEncoding);
        Assert.Equal((2, 3), (p.Line, p.Column));
    }

    [Fact]
    public void Decode_GbkWithExplicitEncoding_Decodes()
    {
        var result = StrictTextDecoder.Decode(Gb18030.GetBytes("1,张三"), StrictTextDecoder.GetEncoding("gbk"));

        Assert.Equal("1,张三", result.Text);
        Assert.Equal("gb18030", result.EncodingName);
    }

    [Theory]
    [InlineData("utf-16", "utf-16")]
    [InlineData("utf-16BE", "utf-16be")]
    public void Decode_Utf16_IsNamed(string encoding, string likely)
    {
        var enc = Encoding.GetEncoding(encoding);
        foreach (var bytes in new[] { enc.GetBytes("[{\"a\":1}]"), [.. enc.GetPreamble(), .. enc.GetBytes("[{\"a\":1}]")] })
        {
            var result = StrictTextDecoder.Decode(bytes);

            Assert.False(result.Success);
            Assert.Equal(likely, result.Problem!.LikelyEncoding);
            Assert.Contains("UTF-16", result.Problem.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Decode_InvalidUtf8NotGbk_GivesTheByteAndPosition()
    {
        byte[] bytes = [.. Encoding.UTF8.GetBytes("ab\ncd"), 0xC3, 0x28];

        var p = StrictTextDecoder.Decode(bytes).Problem!;

        Assert.Equal((2, 3, 5L), (p.Line, p.Column, p.ByteOffset));
        Assert.Contains("0xC3", p.Message, StringComparison.Ordinal);
        Assert.Null(p.LikelyEncoding);
    }

    [Fact]
    public void Decode_ExplicitEncodingWithBadBytes_IsAProblemNotReplacement()
    {
        var result = StrictTextDecoder.Decode([0x41, 0x0A, 0x42, 0xFF], StrictTextDecoder.GetEncoding("gb18030"));

        Assert.False(result.Success);
        Assert.Equal(2, result.Problem!.Line);
    }

    [Fact]
    public void GetEncoding_UnknownName_ListsTheKnownOnes()
    {
        var e = Assert.Throws<ArgumentException>(() => StrictTextDecoder.GetEncoding("klingon"));
        Assert.Contains("gb18030", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("latin1")]
    [InlineData("shift_jis")]
    [InlineData("iso-8859-1")]
    [InlineData("windows-1252")]
    [InlineData("big5")]
    [InlineData("us-ascii")]
    public void GetEncoding_CodePageOutsideTheSupportedList_IsRefused_NamingTheSupportedOnes_InEnglishAndChinese(string name)
    {
        var en = Assert.Throws<ArgumentException>(() => StrictTextDecoder.GetEncoding(name, CultureInfo.GetCultureInfo("en")));
        var zh = Assert.Throws<ArgumentException>(() => StrictTextDecoder.GetEncoding(name, CultureInfo.GetCultureInfo("zh-Hans")));

        Assert.StartsWith($"'{name}' is not a supported encoding; use one of utf-8, gb18030, gbk, utf-16, utf-16le, utf-16be", en.Message, StringComparison.Ordinal);
        Assert.StartsWith($"“{name}”不是支持的编码；请使用以下之一：utf-8, gb18030, gbk, utf-16, utf-16le, utf-16be", zh.Message, StringComparison.Ordinal);
        Assert.Equal("name", en.ParamName);
        Assert.NotNull(Encoding.GetEncoding(name)); // .NET knows each name (with the code-page provider the decoder registered)
    }

    [Fact]
    public void GetEncoding_WithoutACulture_SpeaksTheCurrentUiCulture()
    {
        var before = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-CN");
            Assert.StartsWith("“latin1”不是支持的编码", Assert.Throws<ArgumentException>(() => StrictTextDecoder.GetEncoding("latin1")).Message, StringComparison.Ordinal);
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }

    [Theory]
    [InlineData("utf-8", 65001)]
    [InlineData("UTF8", 65001)]
    [InlineData("gb18030", 54936)]
    [InlineData("GB18030", 54936)]
    [InlineData("gbk", 54936)]
    [InlineData("gb2312", 54936)]
    [InlineData("cp936", 54936)]
    [InlineData("936", 54936)]
    [InlineData("utf-16", 1200)]
    [InlineData("utf-16le", 1200)]
    [InlineData("utf16", 1200)]
    [InlineData("unicode", 1200)]
    [InlineData("utf-16be", 1201)]
    [InlineData(" utf-16BE ", 1201)]
    public void GetEncoding_DocumentedNamesAndAliases_AreRead(string name, int codePage)
    {
        var encoding = StrictTextDecoder.GetEncoding(name, CultureInfo.InvariantCulture);

        Assert.Equal(codePage, encoding.CodePage);
        Assert.Equal(codePage, StrictTextDecoder.GetEncoding(encoding.WebName).CodePage); // an import hands the web name on
    }

    [Property(MaxTest = 300)]
    public Property Decode_AnyBytes_NeverThrowsAndNeverInventsReplacementCharacters() => Prop.ForAll(
        Arb.From(Gen.ArrayOf(Gen.Choose(0, 255).Select(i => (byte)i))),
        bytes =>
        {
            var result = StrictTextDecoder.Decode(bytes);
            return result.Success
                ? !result.Text!.Contains('\uFFFD', StringComparison.Ordinal) || Encoding.UTF8.GetString(bytes).Contains('\uFFFD', StringComparison.Ordinal)
                : result.Problem!.Line >= 1 && result.Problem.Column >= 1 && result.Text is null;
        });
}
