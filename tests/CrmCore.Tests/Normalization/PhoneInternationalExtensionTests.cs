using CrmCore.Normalization;

namespace CrmCore.Tests.Normalization;

/// <summary>
/// A dash extension after a landline written with its country code (<c>+86-10-88889999-808</c>) is read as at home
/// (<c>010-88889999-808</c>), a mobile written with dashes stays a mobile, and a mark with nothing after it is told apart.
/// </summary>
public sealed class PhoneInternationalExtensionTests
{
    [Theory]
    [InlineData("+86-10-88889999-808", "+861088889999", "808")]
    [InlineData("+86 10 8888 9999-808", "+861088889999", "808")]
    [InlineData("86-10-88889999-808", "+861088889999", "808")]
    [InlineData("0086-10-88889999-808", "+861088889999", "808")]
    [InlineData("+86-010-88889999-808", "+861088889999", "808")]
    [InlineData("+86 (10) 8888 9999-808", "+861088889999", "808")]
    [InlineData("+86-571-88880000-66", "+8657188880000", "66")]
    [InlineData("+86-571-88880000-6", "+8657188880000", "6")]
    [InlineData("+86-10-88889999-123456", "+861088889999", "123456")]
    [InlineData("＋８６－１０－８８８８９９９９－８０８", "+861088889999", "808")]
    [InlineData("010-88889999-808", "+861088889999", "808")]
    public void ADashExtensionAfterALandlineWithItsCountryCode_IsReadAsAtHome(string raw, string line, string extension)
    {
        Assert.True(PhoneNormalizer.TryNormalize(raw, out var canonical, out var ext), raw);
        Assert.Equal((line, extension), (canonical, ext));
        Assert.True(PhoneNormalizer.TryGetKey(raw, out var key));
        Assert.True(PhoneNormalizer.TryGetKey("010-88889999", out var home));
        Assert.Equal(line, PhoneNormalizer.FromKey(key));
        Assert.Equal(line == "+861088889999", key == home);
    }

    [Theory]
    [InlineData("+86-138-0000-0000", "+8613800000000")]
    [InlineData("86-138-0000-0000", "+8613800000000")]
    [InlineData("+86-10-8888-9999", "+861088889999")]
    [InlineData("86-10-88889999", "+861088889999")]
    [InlineData("86 21 5555 0123", "+862155550123")]
    [InlineData("86-400-800-1234", "+864008001234")]
    public void ADashedNumberThatIsALineAsAWhole_HasNoExtension(string raw, string line)
    {
        Assert.True(PhoneNormalizer.TryNormalize(raw, out var canonical, out var ext), raw);
        Assert.Equal((line, string.Empty), (canonical, ext));
    }

    [Theory]
    [InlineData("+86-138-0000-0000-808")]
    [InlineData("86-138-0000-0000-808")]
    [InlineData("0138-0000-0000-808")]
    [InlineData("+86-400-800-1234-56")]
    [InlineData("+86-10-88889999-1234567")]
    [InlineData("+86-10-8888-99")]
    [InlineData("+86-10-88889999- 808")]
    public void ADashAfterNoLandline_IsNoExtension(string raw) =>
        Assert.False(PhoneNormalizer.TryGetKey(raw, out _), raw);

    [Theory]
    [InlineData("010-88889999转", "", true)]
    [InlineData("010-88889999 转 ", "", true)]
    [InlineData("010-88889999分机", "", true)]
    [InlineData("010-88889999 ext.", "", true)]
    [InlineData("010-88889999#", "", true)]
    [InlineData("010-88889999转123", "123", false)]
    [InlineData("010-88889999", "", false)]
    [InlineData("010-88889999-808", "808", false)]
    public void AMarkWithNothingAfterIt_IsOneNumberWithAnEmptyExtension(string raw, string extension, bool empty)
    {
        Assert.True(PhoneNormalizer.TryGetKeyAndExtension(raw, out var key, out var ext, out var whole, out var emptyExtension));
        Assert.True(PhoneNormalizer.TryGetKey("010-88889999", out var line));
        Assert.Equal((line, extension, true, empty), (key, ext, whole, emptyExtension));
    }

    [Theory]
    [InlineData("010-88889999转123、13800030001")]
    [InlineData("13812345678 eric@example.com")]
    public void AMarkWithTextAfterIt_IsNeitherOneNumberNorAnEmptyExtension(string raw)
    {
        Assert.True(PhoneNormalizer.TryGetKeyAndExtension(raw, out _, out _, out var whole, out var emptyExtension));
        Assert.Equal((false, false), (whole, emptyExtension));
    }
}
