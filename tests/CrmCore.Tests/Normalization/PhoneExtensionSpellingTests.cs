using CrmCore.Normalization;

namespace CrmCore.Tests.Normalization;

/// <summary>
/// Extension spellings beside 转 (QA wave 15 round 2, item 6): 分机, and a dash with 1 to 6 digits after a complete landline; and a
/// number after an extension is not swallowed by it (item 1).
/// </summary>
public sealed class PhoneExtensionSpellingTests
{
    [Theory]
    [InlineData("010-12345609-808", "+861012345609", "808")]
    [InlineData("0571-88880000-66", "+8657188880000", "66")]
    [InlineData("0571－88880000－６６", "+8657188880000", "66")]
    [InlineData("010-12345607分机808", "+861012345607", "808")]
    [InlineData("010-12345607 分机 808", "+861012345607", "808")]
    [InlineData("010-1234-5678", "+861012345678", "")]
    [InlineData("0571-8888-0000", "+8657188880000", "")]
    public void TheExtensionIsRead_AndTheKeyIsTheLines(string raw, string line, string extension)
    {
        Assert.True(PhoneNormalizer.TryNormalize(raw, out var canonical, out var ext), raw);
        Assert.Equal((line, extension), (canonical, ext));
        Assert.True(PhoneNormalizer.TryGetKey(raw, out var key));
        Assert.Equal(line, PhoneNormalizer.FromKey(key));
    }

    [Theory]
    [InlineData("010-12345609-1234567")]
    [InlineData("13800001111-808")]
    [InlineData("010-123-808")]
    public void ADashAfterNoCompleteLandline_IsNoExtension(string raw) =>
        Assert.False(PhoneNormalizer.TryGetKey(raw, out _), raw);

    [Theory]
    [InlineData("010-88889999转123、13800030001")]
    [InlineData("010-88889997转125 13800030003")]
    [InlineData("010-88889996转126/13800030004")]
    public void MoreThanAnExtensionAfterTheMark_IsNotOneNumber(string raw)
    {
        Assert.True(PhoneNormalizer.TryGetKeyAndExtension(raw, out var key, out _, out var whole));
        Assert.True(PhoneNormalizer.TryGetKey(raw.AsSpan(0, raw.IndexOf('转', StringComparison.Ordinal)), out var line));
        Assert.Equal(line, key);
        Assert.False(whole);
    }

    [Theory]
    [InlineData("010-12345606转808", "808")]
    [InlineData("010-12345609-808", "808")]
    [InlineData("13812345678", "")]
    [InlineData("010-12345606转", "")]
    public void AnExtensionAlone_IsOneNumber(string raw, string extension)
    {
        Assert.True(PhoneNormalizer.TryGetKeyAndExtension(raw, out _, out var ext, out var whole));
        Assert.Equal((extension, true), (ext, whole));
    }
}
