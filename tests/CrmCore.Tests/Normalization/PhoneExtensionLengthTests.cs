using CrmCore.Customers;
using CrmCore.Normalization;

namespace CrmCore.Tests.Normalization;

/// <summary>
/// An extension is short, 1 to 6 digits, as after a dash (wave 17): a longer run of digits after <c>转</c>, <c>分机</c>, <c>ext</c>,
/// <c>x</c> or <c>#</c> (<c>010-88889999转13800030001</c>, a landline and then a mobile) is no extension, so the number is not one
/// number with an extension and its caller reads on (a second phone, or digits to report); the mask never shows those digits.
/// </summary>
public sealed class PhoneExtensionLengthTests
{
    [Theory]
    [InlineData("010-88889999转13800030001")]
    [InlineData("010-88889999分机13800030001")]
    [InlineData("010-88889999 ext. 13800030001")]
    [InlineData("010-88889999#13800030001")]
    [InlineData("010-88889999x13800030001")]
    [InlineData("010-88889999转1234567")]
    [InlineData("010-88889999转０１０６６６６７７７７")]
    public void SevenOrMoreDigitsAfterTheMark_AreNoExtension_AndTheTextIsNotOneNumber(string raw)
    {
        Assert.True(PhoneNormalizer.TryGetKeyAndExtension(raw, out var key, out var extension, out var whole, out var empty), raw);
        Assert.True(PhoneNormalizer.TryGetKey("010-88889999", out var line));
        Assert.Equal((line, string.Empty, false, false), (key, extension, whole, empty));
        Assert.True(PhoneNormalizer.TryNormalize(raw, out var canonical, out var ext));
        Assert.Equal(("+861088889999", string.Empty), (canonical, ext));
    }

    [Theory]
    [InlineData("010-88889999转1", "1")]
    [InlineData("010-88889999转123456", "123456")]
    [InlineData("010-88889999 分机 ６５４３２１", "654321")]
    public void OneToSixDigitsAfterTheMark_AreTheExtension(string raw, string extension)
    {
        Assert.True(PhoneNormalizer.TryGetKeyAndExtension(raw, out _, out var ext, out var whole));
        Assert.Equal((extension, true), (ext, whole));
    }

    [Theory]
    [InlineData("010-88889999转13800030001", "****9999")]
    [InlineData("010-88889999转1234567", "****9999")]
    [InlineData("010-88889999转123456", "****9999转123456")]
    public void TheMask_ShowsAnExtension_ButNeverTheDigitsOfALongerRun(string phone, string masked) =>
        Assert.Equal(masked, new Contact("张三", ContactRole.DecisionMaker) { Phone = phone }.MaskedPhone);
}
