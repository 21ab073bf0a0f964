using CrmCore.Access;
using CrmCore.Customers;

namespace CrmCore.Tests.Customers;

/// <summary>
/// A masked phone hides the line but for its last four digits and keeps an extension readable after 转: the extension's digits are
/// never counted as the line's (<c>010-88889999转123</c> once showed <c>****9123</c>).
/// </summary>
public sealed class ContactPhoneMaskTests
{
    [Theory]
    [InlineData("13812345678", "****5678")]
    [InlineData("138-1234-5678", "****5678")]
    [InlineData("+86 138 1234 5678", "****5678")]
    [InlineData("+86-138-0000-0000", "****0000")]
    [InlineData("8613812345678", "****5678")]
    [InlineData("010-88889999", "****9999")]
    [InlineData("+86 10 8888 9999", "****9999")]
    [InlineData("0086 21 5555 0123", "****0123")]
    [InlineData("400-800-1234", "****1234")]
    [InlineData("１３８１２３４５６７８", "****5678")]
    [InlineData("+1 415 555 0100", "****0100")]
    public void MaskedPhone_WithoutExtension_ShowsTheLastFourDigits(string phone, string expected) =>
        Assert.Equal(expected, Masked(phone));

    [Theory]
    [InlineData("010-88889999转123", "****9999转123")]
    [InlineData("010-88889999 转 123", "****9999转123")]
    [InlineData("010-88889999分机123", "****9999转123")]
    [InlineData("010-88889999 ext. 123", "****9999转123")]
    [InlineData("010-88889999#123", "****9999转123")]
    [InlineData("010-88889999-808", "****9999转808")]
    [InlineData("0571-88880000-66", "****0000转66")]
    [InlineData("010-88889999转１２３", "****9999转123")]
    [InlineData("+86 10 8888 9999转123", "****9999转123")]
    [InlineData("+86-10-88889999-808", "****9999转808")]
    [InlineData("+86 10 8888 9999-808", "****9999转808")]
    [InlineData("86-10-88889999-808", "****9999转808")]
    [InlineData("+861088889999转808", "****9999转808")]
    [InlineData("400-800-1234 转 56", "****1234转56")]
    [InlineData("13812345678转9", "****5678转9")]
    [InlineData("+1 415 555 0100 x12", "****0100转12")]
    public void MaskedPhone_WithExtension_MasksTheLineAndShowsTheExtension(string phone, string expected) =>
        Assert.Equal(expected, Masked(phone));

    [Theory]
    [InlineData("010-88889999转", "****9999")]
    [InlineData("010-88889999 ext.", "****9999")]
    [InlineData("010-88889999转123、13800030001", "****9999")]
    public void MaskedPhone_AMarkWithoutAnExtension_ShowsOnlyTheLinesLastFour(string phone, string expected) =>
        Assert.Equal(expected, Masked(phone));

    [Fact]
    public void MaskedPhone_AStoredValueNoRuleReads_KeepsItsLastFourDigits() =>
        Assert.Equal("****5678", Contact.Restore("张伟", ContactRole.DecisionMaker, "12-345-678", null).MaskedPhone);

    [Theory]
    [InlineData("010-88889999转123", "****9999转123", "021-55559123", "****9123")]
    [InlineData("021-55559123", "****9123", "010-88889999转123", "****9999转123")]
    [InlineData("010-88889999-808", "****9999转808", "13800009808", "****9808")]
    public void CustomerFieldsMask_PhonesSharingTheirLastFourCharacters_AreEachMaskedAsTheirOwn(string first, string firstMask, string second, string secondMask)
    {
        // The field mask once shared one masked string per last four digits of the text, extension digits included.
        Assert.Equal(firstMask, CustomerFields.Mask(CustomerField.ContactPhone, first));
        Assert.Equal(secondMask, CustomerFields.Mask(CustomerField.ContactPhone, second));
        Assert.Equal(firstMask, CustomerFields.Mask(CustomerField.ContactPhone, first));
    }

    [Fact]
    public void MaskedPhone_WithoutExtension_IsOneSharedStringPerLastFour() =>
        Assert.Same(Masked("13812345678"), Masked("021-1234-5678"));

    private static string Masked(string phone) => new Contact("张伟", ContactRole.DecisionMaker) { Phone = phone }.MaskedPhone;
}
