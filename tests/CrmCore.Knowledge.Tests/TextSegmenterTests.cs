using CrmCore.Knowledge;
using Xunit.Abstractions;

namespace CrmCore.Knowledge.Tests;

public sealed class TextSegmenterTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("客服响应慢，问题一直没解决", "响应")]
    [InlineData("打印机卡纸了，每页都卡", "打印机")]
    [InlineData("The printer jams on every page", "printer")]
    [InlineData("The engineer was late and the issue is not fixed", "late")]
    [InlineData("engineer late again", "late")]
    [InlineData("登录时提示密码错误 login failed", "login")]
    public void Segment_GivesWords(string text, string expected)
    {
        using var segmenter = new TextSegmenter();

        var words = segmenter.Segment(text);

        output.WriteLine(string.Join(" / ", words));
        Assert.Contains(expected, words);
    }
}
