using CrmCore.Customers;
using CrmCore.Tests.Support;
using FsCheck.Xunit;

namespace CrmCore.Tests.Customers;

public class CustomerPropertyTests
{
    [Property(Arbitrary = [typeof(Arbitraries)], MaxTest = 200)]
    public void TagSequence_TagsAndEvents_MatchASetModel((bool Add, string Tag)[] operations)
    {
        var customer = TestData.CustomerFactory(TestData.NewClock()).Create(TestData.Profile());
        customer.ClearDomainEvents();
        var model = new HashSet<string>(StringComparer.Ordinal);
        var expectedEvents = new List<(bool Added, string Tag)>();

        foreach (var (add, tag) in operations)
        {
            var key = tag.Trim();
            var changed = add ? customer.Tag(TestData.Start, tag) : customer.Untag(TestData.Start, tag);
            Assert.Equal(add ? model.Add(key) : model.Remove(key), changed);
            if (changed)
            {
                expectedEvents.Add((add, key));
            }
        }

        Assert.Equal(model.Order(StringComparer.Ordinal).ToList(), customer.Tags.ToList());
        var actualEvents = customer.DomainEvents.Select(e => e switch
        {
            CustomerTagged t => (true, t.Tag),
            CustomerUntagged u => (false, u.Tag),
            _ => throw new InvalidOperationException($"unexpected event {e}"),
        });
        Assert.Equal(expectedEvents, actualEvents);
    }

    [Property(Arbitrary = [typeof(Arbitraries)], MaxTest = 200)]
    public void MaskedPhone_AnyNumber_ShowsOnlyTheLastFourDigits(PhoneNumber phone)
    {
        var contact = new Contact("张伟", ContactRole.DecisionMaker) { Phone = phone.Text };
        var digits = new string(phone.Text.Where(char.IsAsciiDigit).ToArray());

        Assert.Equal("****" + digits[^4..], contact.MaskedPhone);
    }

    [Property(Arbitrary = [typeof(Arbitraries)], MaxTest = 200)]
    public void MaskedPhone_AnyNumberWithAnExtension_ShowsTheLinesLastFourDigitsAndTheExtension(PhoneNumber phone, FsCheck.PositiveInt extension, bool spaced)
    {
        var ext = (extension.Get % 1_000_000).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var contact = new Contact("张伟", ContactRole.DecisionMaker) { Phone = phone.Text + (spaced ? " 转 " : "转") + ext };
        var digits = new string(phone.Text.Where(char.IsAsciiDigit).ToArray());

        Assert.Equal("****" + digits[^4..] + "转" + ext, contact.MaskedPhone);
    }
}
