using System.Globalization;
using CrmCore.Access;
using CrmCore.Audit;
using CrmCore.Tests.Support;
using static CrmCore.Tests.Access.AccessData;

namespace CrmCore.Tests.Access;

/// <summary>Documents 000/001 per role: which customers and fields each role sees, masked values, reveals and denied updates.</summary>
public sealed class DefaultPolicyRoleTests
{
    private readonly InMemoryAuditStore _audit = new();
    private readonly CustomerAccess _access;

    public DefaultPolicyRoleTests() => _access = new CustomerAccess(AccessPolicy.Documents000And001, _audit, TestData.NewClock());

    private string[] Visible(Principal p) => [.. _access.ProjectVisible(p, All).Select(v => v.Id.Value)];

    [Fact]
    public void Scopes_FollowDocuments000And001()
    {
        Assert.Equal(["KH0001"], Visible(Agent));
        Assert.Equal(["KH0001", "KH0002"], Visible(Supervisor));
        Assert.Equal(["KH0003"], Visible(AccountManager));
        Assert.Equal(["KH0001", "KH0002", "KH0003"], Visible(Marketing));
        Assert.Equal(["KH0001", "KH0002", "KH0003"], Visible(Analyst));
        Assert.Equal(["KH0001", "KH0002", "KH0003"], Visible(Admin));
        Assert.Empty(Visible(new Principal(AgentLi, ["visitor"])));
    }

    [Fact]
    public void Agent_SeesContactsMasked_AndNoContractAmount()
    {
        var view = _access.Project(Agent, C1);

        Assert.Equal("科技互联网有限公司 KH0001", view[CustomerField.Name]);
        Assert.False(view.Has(CustomerField.AnnualAmount));
        Assert.Null(view[CustomerField.AnnualAmount]);
        var contact = Assert.Single(view.Contacts);
        Assert.Equal("张伟", contact[CustomerField.ContactName]);
        Assert.Equal("****8000", contact[CustomerField.ContactPhone]);
        Assert.Equal("z***@example.com", contact[CustomerField.ContactEmail]);
        Assert.Equal("上***", contact[CustomerField.ContactAddress]);
        Assert.Equal("***", contact[CustomerField.ContactBirthday]);
        Assert.True(contact.IsMasked(CustomerField.ContactPhone));
        Assert.False(contact.IsMasked(CustomerField.ContactName));
    }

    [Fact]
    public void Agent_OutsideScope_IsDeniedWithTheCustomerNamed()
    {
        var error = Assert.Throws<AccessDeniedException>(() => _access.Project(Agent, C2));

        Assert.Equal(AccessDenial.OutOfScope, error.Denial);
        Assert.Contains("KH0002", error.Message, StringComparison.Ordinal);
        Assert.Contains("li.na", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Agent_UpdatesContacts_ButNotTheAmountOrName_WithAClearErrorInEnglishAndChinese()
    {
        _access.EnsureCanUpdate(Agent, C1, CustomerField.ContactPhone);
        _access.EnsureCanUpdate(Agent, C1, CustomerField.Preferences);

        var amount = Assert.Throws<AccessDeniedException>(() => _access.EnsureCanUpdate(Agent, C1, CustomerField.AnnualAmount));
        var name = Assert.Throws<AccessDeniedException>(() => _access.EnsureCanUpdate(Agent, C1, CustomerField.Name));

        Assert.Equal(AccessDenial.UpdateNotAllowed, amount.Denial);
        Assert.Equal(AccessDeniedException.ErrorCode, amount.Code);
        Assert.Equal(
            "li.na (agent) may not change 'transactions.annualAmount' of customer KH0001: the access policy does not allow these roles to update it.",
            amount.Message);
        Assert.Equal("li.na（agent）无权修改客户 KH0001 的“name”：访问策略不允许这些角色修改该字段。", name.LocalizedMessage(CultureInfo.GetCultureInfo("zh-Hans")));
    }

    [Fact]
    public async Task Agent_RevealsAPhoneWithAReason_OneAuditRecord_ButNotTheAmount()
    {
        var phone = await _access.RevealAsync(Agent, C1, CustomerField.ContactPhone, "ticket WT202403001 callback", "张伟");

        Assert.Equal(Phone, phone);
        var record = Assert.Single(await _audit.QueryAsync(new AuditQuery()));
        Assert.Equal(AuditAction.Reveal, record.Entry.Action);
        Assert.Equal("li.na", record.Entry.Actor);
        Assert.Equal("KH0001", record.Entry.EntityId);
        Assert.Equal("contact.phone[张***]", record.Entry.Field);
        Assert.Equal("ticket WT202403001 callback", record.Entry.Reason);
        Assert.DoesNotContain(Phone, record.ToString(), StringComparison.Ordinal);

        var denied = await Assert.ThrowsAsync<AccessDeniedException>(() => _access.RevealAsync(Agent, C1, CustomerField.AnnualAmount, "curious"));
        Assert.Equal(AccessDenial.RevealNotAllowed, denied.Denial);
        Assert.Single(await _audit.QueryAsync(new AuditQuery()));
    }

    [Fact]
    public async Task Supervisor_SeesTheTeamsAmountMasked_AndRevealsItOnlyWithAReason()
    {
        var view = _access.Project(Supervisor, C2);
        Assert.Equal("***", view[CustomerField.AnnualAmount]);
        Assert.True(view.IsMasked(CustomerField.AnnualAmount));

        var noReason = await Assert.ThrowsAsync<AccessDeniedException>(() => _access.RevealAsync(Supervisor, C2, CustomerField.AnnualAmount, "  "));
        Assert.Equal(AccessDenial.ReasonRequired, noReason.Denial);
        Assert.Empty(await _audit.QueryAsync(new AuditQuery()));

        Assert.Equal("600000 CNY", await _access.RevealAsync(Supervisor, C2, CustomerField.AnnualAmount, "renewal approval #17"));
        Assert.Single(await _audit.QueryAsync(new AuditQuery { Actor = "sun.qi", Action = AuditAction.Reveal }));
        _access.EnsureCanUpdate(Supervisor, C2, CustomerField.Name);
        Assert.Throws<AccessDeniedException>(() => _access.Project(Supervisor, C3));
    }

    [Fact]
    public void AccountManager_SeesTheFullRecordOfOwnCustomers_SensitiveStillMasked_AndUpdatesTheAmount()
    {
        var view = _access.Project(AccountManager, C3);

        Assert.Equal("科技KH0003", view[CustomerField.ShortName]);
        Assert.Equal("***", view[CustomerField.AnnualAmount]);
        Assert.Equal("ERP", view[CustomerField.Products]);
        Assert.Equal("****8000", view.Contacts[0][CustomerField.ContactPhone]);
        _access.EnsureCanUpdate(AccountManager, C3, CustomerField.AnnualAmount);
        Assert.Throws<AccessDeniedException>(() => _access.EnsureCanUpdate(AccountManager, C1, CustomerField.AnnualAmount));
    }

    [Fact]
    public async Task Marketing_SeesOnlyMaskedBasics_AndChangesNothing()
    {
        var view = _access.Project(Marketing, C1);

        Assert.Equal(
            [CustomerField.Name, CustomerField.Industry, CustomerField.DoNotContact],
            view.Fields.Select(f => f.Key));
        Assert.Equal("科***", view[CustomerField.Name]);
        Assert.Equal("Technology", view[CustomerField.Industry]);
        Assert.Empty(view.Contacts);
        Assert.Throws<AccessDeniedException>(() => _access.EnsureCanUpdate(Marketing, C1, CustomerField.Tags));
        await Assert.ThrowsAsync<AccessDeniedException>(() => _access.RevealAsync(Marketing, C1, CustomerField.Name, "campaign"));
    }

    [Fact]
    public void Analyst_SeesSegmentsWithoutPersonalData()
    {
        var view = _access.Project(Analyst, C3);

        Assert.Equal("科***", view[CustomerField.Name]);
        Assert.Equal("***", view[CustomerField.AnnualAmount]);
        Assert.Equal("Technology", view[CustomerField.Industry]);
        Assert.Equal("12", view[CustomerField.OrdersPerYear]);
        Assert.Empty(view.Contacts);
        Assert.Throws<AccessDeniedException>(() => _access.EnsureCanUpdate(Analyst, C3, CustomerField.Tier));
    }

    [Fact]
    public async Task Admin_SeesEverything_RevealsAnyContactField()
    {
        var view = _access.Project(Admin, C2);

        Assert.Equal(CustomerFields.All.Count(f => !CustomerFields.IsContactField(f)), view.Fields.Count());
        Assert.Equal("****8000", view.Contacts[0][CustomerField.ContactPhone]);
        Assert.Equal(Address, await _access.RevealAsync(Admin, C2, CustomerField.ContactAddress, "data subject request #3", "张伟"));
        await Assert.ThrowsAsync<ArgumentException>(() => _access.RevealAsync(Admin, C2, CustomerField.ContactAddress, "x", "nobody"));
    }

    [Fact]
    public void SeveralRoles_GetTheUnion()
    {
        var both = new Principal(AgentLi, ["agent", "marketing"]);

        Assert.Equal(["KH0001", "KH0002", "KH0003"], Visible(both));
        Assert.Equal("****8000", _access.Project(both, C2).Contacts[0][CustomerField.ContactPhone]);
    }

    [Fact]
    public void ChangesOf_MasksPersonalValues_AndKeepsOthersClear()
    {
        var after = C1 with
        {
            Name = "新名字有限公司",
            Tier = "A",
            Contacts = [C1.Contacts[0] with { Phone = "139 0000 1234" }],
        };

        var entries = _access.ChangesOf("li.na", C1, after);

        Assert.Equal(["name", "tier", "contact.phone[张***]"], entries.Select(e => e.Field));
        Assert.Equal(("科***", "新***"), (entries[0].OldValue, entries[0].NewValue));
        Assert.Equal((null, "A"), (entries[1].OldValue, entries[1].NewValue));
        Assert.Equal(("****8000", "****1234"), (entries[2].OldValue, entries[2].NewValue));
    }
}
