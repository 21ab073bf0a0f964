using CrmCore.Customers;
using CrmCore.Interactions;
using CrmCore.Tests.Support;
using CrmCore.Tickets;
using NodaTime;

namespace CrmCore.Tests.Customers;

public class CustomerTests
{
    private readonly NodaTime.Testing.FakeClock clock = TestData.NewClock();
    private readonly CustomerFactory factory;

    public CustomerTests() => factory = TestData.CustomerFactory(clock);

    [Fact]
    public void Create_Profile_KeepsDataAndRaisesRegistered()
    {
        var profile = TestData.Profile() with
        {
            Size = new CompanySize(320, Money.Cny(80_000_000m)),
            AccountManager = TestData.Bob,
            Transactions = new TransactionSummary(new LocalDate(2023, 11, 1), Money.Cny(600_000m), ["打印机", "耗材"], 12),
            Contacts = [new Contact("张伟", ContactRole.DecisionMaker) { Phone = "13812345678" }],
        };

        var customer = factory.Create(profile);

        Assert.Equal("C202403001", customer.Id.Value);
        Assert.Equal("上海某某制造有限公司", customer.Name);
        Assert.Equal("某某制造", customer.ShortName);
        Assert.Equal(Industry.Manufacturing, customer.Industry);
        Assert.Equal(CustomerSource.Referral, customer.Source);
        Assert.Equal(new LocalDate(2024, 3, 1), customer.FirstContactOn);
        Assert.Equal(320, customer.Size.Employees);
        Assert.Equal(TestData.Bob, customer.AccountManager);
        Assert.Equal(Money.Cny(600_000m), customer.Transactions.AnnualAmount);
        Assert.Equal(["打印机", "耗材"], customer.Transactions.Products);
        Assert.Equal("****5678", Assert.Single(customer.Contacts).MaskedPhone);
        Assert.Equal(new CustomerRegistered(customer.Id, TestData.Start, customer.Name), Assert.Single(customer.DomainEvents));
    }

    [Fact]
    public void Create_HostId_UsesIt() => Assert.Equal("KH0001", factory.Create(new CustomerId("KH0001"), TestData.Profile()).Id.Value);

    [Fact]
    public void Create_BlankName_ThrowsAndTakesNoId()
    {
        Assert.Throws<ArgumentException>(() => factory.Create(TestData.Profile(" ")));

        Assert.Equal("C202403001", factory.Create(TestData.Profile()).Id.Value);
    }

    [Fact]
    public void Tag_Twice_ChangesNothingTheSecondTime()
    {
        var customer = factory.Create(TestData.Profile());
        customer.ClearDomainEvents();

        Assert.True(customer.Tag(clock.GetCurrentInstant(), " 近期有投诉记录 "));
        Assert.False(customer.Tag(clock.GetCurrentInstant(), "近期有投诉记录"));

        Assert.Equal(["近期有投诉记录"], customer.Tags);
        Assert.Equal(new CustomerTagged(customer.Id, TestData.Start, "近期有投诉记录"), Assert.Single(customer.DomainEvents));
    }

    [Fact]
    public void Untag_PresentTag_RemovesWithEvent()
    {
        var customer = factory.Create(TestData.Profile());
        customer.Tag(clock.GetCurrentInstant(), "高频咨询产品A");
        customer.ClearDomainEvents();

        Assert.True(customer.Untag(clock.GetCurrentInstant(), "高频咨询产品A"));
        Assert.False(customer.Untag(clock.GetCurrentInstant(), "高频咨询产品A"));

        Assert.Empty(customer.Tags);
        Assert.IsType<CustomerUntagged>(Assert.Single(customer.DomainEvents));
    }

    [Fact]
    public void Tag_Blank_Throws() => Assert.Throws<ArgumentException>(() => factory.Create(TestData.Profile()).Tag(clock.GetCurrentInstant(), "  "));

    [Fact]
    public void AssignTier_Change_RaisesEventWithPreviousTier()
    {
        var customer = factory.Create(TestData.Profile());
        customer.AssignTier(clock.GetCurrentInstant(), "B");
        clock.AdvanceDays(30);
        customer.ClearDomainEvents();

        Assert.True(customer.AssignTier(clock.GetCurrentInstant(), "高价值", "tier-001-A"));
        Assert.False(customer.AssignTier(clock.GetCurrentInstant(), "高价值"));

        Assert.Equal("高价值", customer.Tier);
        Assert.Equal(new CustomerTierChanged(customer.Id, clock.GetCurrentInstant(), "B", "高价值", "tier-001-A"), Assert.Single(customer.DomainEvents));
    }

    [Fact]
    public void AssignAccountManager_NewManager_RaisesEvent()
    {
        var customer = factory.Create(TestData.Profile());

        Assert.True(customer.AssignAccountManager(clock.GetCurrentInstant(), TestData.Alice));
        Assert.False(customer.AssignAccountManager(clock.GetCurrentInstant(), TestData.Alice));

        Assert.Equal(new CustomerAccountManagerChanged(customer.Id, TestData.Start, null, TestData.Alice), customer.DomainEvents[^1]);
        Assert.Throws<ArgumentException>(() => customer.AssignAccountManager(clock.GetCurrentInstant(), default));
    }

    [Fact]
    public void Preferences_AddAndRemove()
    {
        var customer = factory.Create(TestData.Profile());

        Assert.True(customer.AddPreference(clock.GetCurrentInstant(), "偏好电话沟通"));
        Assert.False(customer.AddPreference(clock.GetCurrentInstant(), "偏好电话沟通"));
        Assert.True(customer.RemovePreference(clock.GetCurrentInstant(), "偏好电话沟通"));
        Assert.Empty(customer.PreferenceTags);
    }

    [Fact]
    public void Contacts_AddUpdateRemove()
    {
        var customer = factory.Create(TestData.Profile());
        customer.AddContact(clock.GetCurrentInstant(), new Contact("张伟", ContactRole.DecisionMaker));

        Assert.Throws<ArgumentException>(() => customer.AddContact(clock.GetCurrentInstant(), new Contact("张伟", ContactRole.TechnicalLead)));
        customer.UpdateContact(clock.GetCurrentInstant(), new Contact("张伟", ContactRole.TechnicalLead) { Email = "zw@example.com" });
        Assert.Equal(ContactRole.TechnicalLead, Assert.Single(customer.Contacts).Role);
        Assert.Throws<ArgumentException>(() => customer.UpdateContact(clock.GetCurrentInstant(), new Contact("李娜", ContactRole.TechnicalLead)));
        Assert.True(customer.RemoveContact(clock.GetCurrentInstant(), "张伟"));
        Assert.False(customer.RemoveContact(clock.GetCurrentInstant(), "张伟"));
    }

    [Fact]
    public void RenameContact_KeepsItsNumbersUnderTheNewName_AndRefusesATakenOrMissingName()
    {
        var customer = factory.Create(TestData.Profile());
        var now = clock.GetCurrentInstant();
        customer.AddContact(now, new Contact("(未提供姓名)", ContactRole.DecisionMaker) { Phone = "13800000001", Email = "a@example.com" });
        customer.AddContact(now, new Contact("李娜", ContactRole.TechnicalLead));
        var version = customer.Version;

        Assert.True(customer.RenameContact(now, "(未提供姓名)", " 张伟 "));

        var renamed = customer.Contacts[0];
        Assert.Equal("张伟", renamed.Name);
        Assert.Equal(ContactRole.DecisionMaker, renamed.Role);
        Assert.Equal("a@example.com", renamed.Email);
        Assert.NotNull(renamed.Phone);
        Assert.Equal(version + 1, customer.Version);
        Assert.False(customer.RenameContact(now, "张伟", "张伟"));
        Assert.Equal(version + 1, customer.Version);
        Assert.Throws<ArgumentException>(() => customer.RenameContact(now, "张伟", "李娜"));
        Assert.Throws<ArgumentException>(() => customer.RenameContact(now, "(未提供姓名)", "王芳"));
        Assert.Throws<ArgumentException>(() => customer.RenameContact(now, "张伟", " "));
        Assert.Equal(["张伟", "李娜"], customer.Contacts.Select(c => c.Name));
    }

    [Fact]
    public void OptOutOfContact_ThenOutboundInteraction_IsRefusedAndRecordKept()
    {
        var customer = factory.Create(TestData.Profile());
        Assert.True(customer.OptOutOfContact(clock.GetCurrentInstant(), "客户明确表示无需联系"));
        Assert.False(customer.OptOutOfContact(clock.GetCurrentInstant()));

        var ex = Assert.Throws<CustomerContactRefusedException>(() => customer.RecordInteraction(clock.GetCurrentInstant(), Call(customer.Id, InteractionDirection.Outbound)));

        Assert.Equal(CustomerContactRefusedException.ErrorCode, ex.Code);
        Assert.StartsWith("Customer C202403001 asked not to be contacted", ex.Message, StringComparison.Ordinal);
        Assert.StartsWith("客户 C202403001 已明确表示无需联系", ex.LocalizedMessage(new System.Globalization.CultureInfo("zh-Hans")), StringComparison.Ordinal);
        Assert.True(customer.DoNotContact);
        Assert.Null(customer.LastInteractionAt);
        Assert.Equal("客户明确表示无需联系", customer.DoNotContactReason);
    }

    [Fact]
    public void OptOutOfContact_ThenCustomerCallsIn_ResumesContact()
    {
        var customer = factory.Create(TestData.Profile());
        customer.OptOutOfContact(clock.GetCurrentInstant());
        clock.AdvanceDays(10);

        customer.RecordInteraction(clock.GetCurrentInstant(), Call(customer.Id, InteractionDirection.Inbound));

        Assert.False(customer.DoNotContact);
        Assert.Null(customer.DoNotContactSince);
        Assert.Equal(new CustomerContactResumed(customer.Id, clock.GetCurrentInstant(), Channel.Phone), customer.DomainEvents[^1]);
        customer.RecordInteraction(clock.GetCurrentInstant(), Call(customer.Id, InteractionDirection.Outbound));
    }

    [Fact]
    public void RecordInteraction_OlderRecord_KeepsLatestInstant()
    {
        var customer = factory.Create(TestData.Profile());
        var late = Call(customer.Id, InteractionDirection.Outbound) with { At = TestData.Start + Duration.FromDays(2) };
        var early = late with { At = TestData.Start };

        customer.RecordInteraction(clock.GetCurrentInstant(), late);
        customer.RecordInteraction(clock.GetCurrentInstant(), early);

        Assert.Equal(late.At, customer.LastInteractionAt);
    }

    [Fact]
    public void RecordInteraction_OtherCustomer_Throws()
    {
        var customer = factory.Create(TestData.Profile());

        Assert.Throws<ArgumentException>(() => customer.RecordInteraction(clock.GetCurrentInstant(), Call(new CustomerId("C999"), InteractionDirection.Inbound)));
    }

    [Fact]
    public void TransactionSummary_NegativeAmount_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new TransactionSummary(null, Money.Cny(-1m)));

    [Fact]
    public void CompanySize_NegativeEmployees_Throws() => Assert.Throws<ArgumentOutOfRangeException>(() => new CompanySize(-1, null));

    private Interaction Call(CustomerId id, InteractionDirection direction) => new()
    {
        CustomerId = id,
        At = clock.GetCurrentInstant(),
        Channel = Channel.Phone,
        Direction = direction,
        Summary = "Asked about the invoice",
        By = "alice",
    };
}
