using CrmCore.Customers;
using NodaTime;

namespace CrmCore.Tests.Customers;

public class ContactTests
{
    [Theory]
    [InlineData("13812345678", "****5678")]
    [InlineData("+86 138-1234-5678", "****5678")]
    [InlineData("(021) 5555 0123", "****0123")]
    [InlineData("400-800-1234 转 56", "****1234转56")]
    public void MaskedPhone_Number_KeepsLastFourDigits(string phone, string expected) =>
        Assert.Equal(expected, new Contact("张伟", ContactRole.DecisionMaker) { Phone = phone }.MaskedPhone);

    [Theory]
    [InlineData("zhang.wei@example.com", "z***@example.com")]
    [InlineData("z@example.com", "z***@example.com")]
    [InlineData("  li@corp.example.cn ", "l***@corp.example.cn")]
    public void MaskedEmail_Address_HidesLocalPart(string email, string expected) =>
        Assert.Equal(expected, new Contact("张伟", ContactRole.TechnicalLead) { Email = email }.MaskedEmail);

    [Fact]
    public void RawValues_StayAvailable()
    {
        var contact = new Contact("张伟", ContactRole.ProcurementLead) { Phone = "13812345678", Email = "zw@example.com", Birthday = new AnnualDate(5, 17) };

        Assert.Equal("13812345678", contact.Phone);
        Assert.Equal("zw@example.com", contact.Email);
        Assert.Equal(new AnnualDate(5, 17), contact.Birthday);
    }

    [Fact]
    public void Restore_ValuesAnOlderRuleAccepted_KeepsThemAsStored_AndChecksOnlyNewValues()
    {
        var contact = Contact.Restore(" 张伟 ", ContactRole.DecisionMaker, " 5678 ", "zw @example.com");

        Assert.Equal(("张伟", "5678", "zw @example.com"), (contact.Name, contact.Phone, contact.Email));
        Assert.Equal("5678", (contact with { Address = "上海" }).Phone);
        Assert.Equal("13812345678", (contact with { Phone = "13812345678" }).Phone);
        Assert.Throws<ArgumentException>(() => contact with { Phone = "5679" });
        Assert.Throws<ArgumentException>(() => contact with { Email = "no-at-sign" });
        Assert.Equal((null, null), (Contact.Restore("张伟", ContactRole.DecisionMaker, "  ", null).Phone, Contact.Restore("张伟", ContactRole.DecisionMaker, null, " ").Email));
        Assert.Throws<ArgumentException>(() => Contact.Restore(" ", ContactRole.DecisionMaker, "13812345678", null));
    }

    [Fact]
    public void Masked_NoPhoneOrEmail_IsEmpty()
    {
        var contact = new Contact("张伟", ContactRole.DecisionMaker);

        Assert.Equal(string.Empty, contact.MaskedPhone);
        Assert.Equal(string.Empty, contact.MaskedEmail);
    }

    [Theory]
    [InlineData("138-abc")]
    [InlineData("123")]
    [InlineData("1234")]
    [InlineData("5555 0123")]
    [InlineData("138#1234567")]
    [InlineData("12812345678")]
    public void Phone_Invalid_Throws(string phone) =>
        Assert.Throws<ArgumentException>(() => new Contact("张伟", ContactRole.DecisionMaker) { Phone = phone });

    [Theory]
    [InlineData("zhang")]
    [InlineData("@example.com")]
    [InlineData("a@b@example.com")]
    [InlineData("a@example")]
    [InlineData("a b@example.com")]
    [InlineData("a@example.")]
    public void Email_Invalid_Throws(string email) =>
        Assert.Throws<ArgumentException>(() => new Contact("张伟", ContactRole.DecisionMaker) { Email = email });

    [Fact]
    public void With_InvalidValue_IsCheckedAgain()
    {
        var contact = new Contact("张伟", ContactRole.DecisionMaker) { Phone = "13812345678" };

        Assert.Throws<ArgumentException>(() => contact with { Phone = "x" });
    }

    [Fact]
    public void Constructor_EmptyRoleOrName_Throws()
    {
        Assert.Throws<ArgumentException>(() => new Contact("张伟", default));
        Assert.Throws<ArgumentException>(() => new Contact(" ", ContactRole.DecisionMaker));
    }

    [Fact]
    public void ContactRole_HostCode_IsAccepted() => Assert.Equal("FinanceLead", new Contact("王芳", new ContactRole("FinanceLead")).Role.Code);
}
