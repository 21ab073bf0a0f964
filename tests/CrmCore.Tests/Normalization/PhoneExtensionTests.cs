using CrmCore.Customers;
using CrmCore.Normalization;

namespace CrmCore.Tests.Normalization;

/// <summary>A phone's extension is read and kept (QA wave 15, item 3): the text holds it, the key stays the line's.</summary>
public sealed class PhoneExtensionTests
{
    [Theory]
    [InlineData("010-12345606转808", "+861012345606", "808")]
    [InlineData("010-12345606 转 808", "+861012345606", "808")]
    [InlineData("010-12345606 ext. 808", "+861012345606", "808")]
    [InlineData("010-12345606 EXT 808", "+861012345606", "808")]
    [InlineData("010-12345606x808", "+861012345606", "808")]
    [InlineData("010-12345606#808", "+861012345606", "808")]
    [InlineData("010-12345606转８０８", "+861012345606", "808")]
    [InlineData("021-12345678", "+862112345678", "")]
    [InlineData("13812345678", "+8613812345678", "")]
    [InlineData("+1 415 555 0100 x12", "+14155550100", "12")]
    public void TryNormalize_GivesTheLineAndItsExtension(string raw, string line, string extension)
    {
        Assert.True(PhoneNormalizer.TryNormalize(raw, out var canonical, out var ext), raw);
        Assert.Equal((line, extension), (canonical, ext));
    }

    [Fact]
    public void TryNormalize_WithExtension_RefusesWhatTheOtherRefuses() =>
        Assert.False(PhoneNormalizer.TryNormalize("12345678转1", out _, out _));

    [Fact]
    public void TheTextWithItsExtension_HasTheLinesKey_AndIsAContactsPhone()
    {
        var text = PhoneNormalizer.WithExtension("+861012345606", "808");

        Assert.Equal("+861012345606转808", text);
        Assert.Equal("+861012345606", PhoneNormalizer.WithExtension("+861012345606", string.Empty));
        Assert.True(PhoneNormalizer.TryGetKey(text, out var withExtension));
        Assert.True(PhoneNormalizer.TryGetKey("010-12345606", out var line));
        Assert.Equal(line, withExtension);
        Assert.Equal(text, new Contact("张三", ContactRole.DecisionMaker) { Phone = text }.Phone);
        Assert.True(PhoneNormalizer.TryNormalize(text, out _, out var again));
        Assert.Equal("808", again);
    }
}
