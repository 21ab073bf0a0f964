using System.Globalization;
using CrmCore.Access;
using CrmCore.Agents;
using CrmCore.Audit;
using CrmCore.Customers;
using CrmCore.Tests.Support;
using FsCheck;
using TestData = CrmCore.Tests.Support.TestData;
using FsCheck.Xunit;
using NodaTime;

namespace CrmCore.Tests.Access;

/// <summary>For random policies, principals and customers: views never carry what the policy hides, and each reveal is one audit record.</summary>
public sealed class AccessPropertyTests
{
    /// <summary>Short or shared values (dates, sizes, ids) that may legitimately occur inside another field's value.</summary>
    private static readonly HashSet<CustomerField> Unspecific =
    [
        CustomerField.FirstContactOn, CustomerField.FirstCooperationOn, CustomerField.ContactBirthday, CustomerField.Size,
        CustomerField.AccountManager, CustomerField.OrdersPerYear,
    ];

    [Property(MaxTest = 200)]
    public void Views_NeverContainAHiddenValue_NorAClearSensitiveOrMaskedOne(PositiveInt seed)
    {
        var random = new Random(seed.Get);
        var role = RandomRole(random);
        var access = new CustomerAccess(new AccessPolicy("random", [role]), new InMemoryAuditStore(), TestData.NewClock());
        var principal = new Principal(new AgentId("u0"), [role.Name], null, [new AgentId("u1")]);
        var customers = Enumerable.Range(0, 6).Select(i => RandomCustomer(random, i)).ToList();

        var views = access.ProjectVisible(principal, customers).ToList();

        var expectedVisible = customers.Where(c => role.Scope switch
        {
            RecordScope.All => true,
            RecordScope.Team => c.AccountManager is { Value: "u0" or "u1" },
            RecordScope.Own => c.AccountManager is { Value: "u0" },
            _ => false,
        }).Select(c => c.Id);
        Assert.Equal(expectedVisible, views.Select(v => v.Id));
        foreach (var view in views)
        {
            var customer = customers.Single(c => c.Id == view.Id);
            var shown = view.Fields.Select(f => f.Value).Concat(view.Contacts.SelectMany(c => c.Fields.Select(f => f.Value))).OfType<string>().ToList();
            foreach (var (field, clear) in ClearValues(customer))
            {
                var a = role.AccessTo(field);
                var mustNotShow = a == FieldAccess.Hidden || a == FieldAccess.Masked || CustomerFields.IsSensitive(field);
                var own = CustomerFields.IsContactField(field) ? view.Contacts.Select(c => c[field]) : [view[field]];
                if (mustNotShow)
                {
                    Assert.DoesNotContain(clear, own);
                    if (!Unspecific.Contains(field))
                    {
                        Assert.DoesNotContain(shown, s => s.Contains(clear, StringComparison.Ordinal));
                    }
                }
                else
                {
                    Assert.All(own, v => Assert.Equal(clear, v));
                }
            }

            foreach (var field in CustomerFields.All.Where(f => !CustomerFields.IsContactField(f)))
            {
                Assert.Equal(role.AccessTo(field) != FieldAccess.Hidden, view.Has(field));
            }

            var anyContactField = CustomerFields.All.Any(f => CustomerFields.IsContactField(f) && role.AccessTo(f) != FieldAccess.Hidden);
            Assert.Equal(anyContactField ? 1 : 0, view.Contacts.Count);
            foreach (var contact in view.Contacts)
            {
                Assert.All(CustomerFields.All.Where(CustomerFields.IsContactField), f => Assert.Equal(role.AccessTo(f) != FieldAccess.Hidden, contact.Has(f)));
            }
        }
    }

    [Property(MaxTest = 100)]
    public void EveryReveal_WritesExactlyOneAuditRecord_AndEveryRefusalNone(PositiveInt seed)
    {
        var random = new Random(seed.Get);
        var role = RandomRole(random);
        var store = new InMemoryAuditStore();
        var access = new CustomerAccess(new AccessPolicy("random", [role]), store, TestData.NewClock());
        var principal = new Principal(new AgentId("u0"), [role.Name], null, [new AgentId("u1")]);
        var customers = Enumerable.Range(0, 3).Select(i => RandomCustomer(random, i)).ToList();
        var revealed = 0;

        for (var attempt = 0; attempt < 20; attempt++)
        {
            var customer = customers[random.Next(customers.Count)];
            var field = CustomerFields.All[random.Next(CustomerFields.All.Count)];
            var reason = random.Next(4) == 0 ? " " : "ticket " + attempt.ToString(CultureInfo.InvariantCulture);
            var before = store.QueryAsync(new AuditQuery { Limit = AuditQuery.MaxLimit }).Result.Count;
            try
            {
                var value = access.RevealAsync(principal, customer, field, reason, customer.Contacts[0].Name).GetAwaiter().GetResult();
                revealed++;
                Assert.Equal(ClearValues(customer).FirstOrDefault(p => p.Field == field).Value, value);
                var after = store.QueryAsync(new AuditQuery { Limit = AuditQuery.MaxLimit }).Result;
                Assert.Equal(before + 1, after.Count);
                Assert.Equal((AuditAction.Reveal, customer.Id.Value, reason.Trim()), (after[^1].Entry.Action, after[^1].Entry.EntityId, after[^1].Entry.Reason));
            }
            catch (AccessDeniedException)
            {
                Assert.Equal(before, store.QueryAsync(new AuditQuery { Limit = AuditQuery.MaxLimit }).Result.Count);
            }
        }

        var all = store.QueryAsync(new AuditQuery { Limit = AuditQuery.MaxLimit }).Result;
        Assert.Equal(revealed, all.Count);
        Assert.True(AuditChain.Verify(all).IsIntact);
    }

    [Property(Arbitrary = [typeof(Arbitraries)], MaxTest = 300)]
    public void InternedMasks_EqualTheContactMasks(PhoneNumber phone, NonEmptyString text)
    {
        var contact = new Contact("张伟", ContactRole.DecisionMaker) { Phone = phone.Text };

        Assert.Equal(contact.MaskedPhone, CustomerFields.Mask(CustomerField.ContactPhone, contact.Phone));
        var value = text.Get;
        Assert.Equal(value.Length == 0 ? value : value[..(char.IsHighSurrogate(value[0]) && value.Length > 1 ? 2 : 1)] + "***", CustomerFields.Mask(CustomerField.Name, value));
    }

    private static RolePolicy RandomRole(Random random)
    {
        var fields = CustomerFields.All.ToDictionary(f => f, _ => (FieldAccess)random.Next(4));
        var updatable = fields.Where(p => p.Value >= FieldAccess.Read && random.Next(2) == 0).Select(p => p.Key);
        return new RolePolicy("r" + random.Next(3), (RecordScope)random.Next(4), fields, FieldAccess.Hidden, updatable);
    }

    private static CustomerState RandomCustomer(Random random, int index)
    {
        string Token(string prefix) => prefix + "-" + random.Next(100_000, 999_999).ToString(CultureInfo.InvariantCulture) + "-" + index.ToString(CultureInfo.InvariantCulture);
        var phone = "1" + random.Next(3, 10).ToString(CultureInfo.InvariantCulture) + string.Concat(Enumerable.Range(0, 9).Select(_ => random.Next(10).ToString(CultureInfo.InvariantCulture)));
        var customer = Customer.Create(
            new CustomerId("KH" + (1000 + index).ToString(CultureInfo.InvariantCulture)),
            new CustomerProfile
            {
                Name = Token("name"),
                ShortName = Token("short"),
                Industry = new Industry(Token("industry")),
                Source = new CustomerSource(Token("source")),
                FirstContactOn = new LocalDate(2020, 1, 1).PlusDays(random.Next(1000)),
                AccountManager = new AgentId("u" + random.Next(3).ToString(CultureInfo.InvariantCulture)),
                Transactions = new TransactionSummary(new LocalDate(2019, 1, 1).PlusDays(random.Next(1000)), Money.Cny(random.Next(1_000_000, 9_999_999)), [Token("product")], random.Next(100, 999)),
                Contacts =
                [
                    new Contact(Token("contact"), new ContactRole(Token("role")))
                    {
                        Phone = phone,
                        Email = Token("mail") + "@example.com",
                        Address = Token("address"),
                        Birthday = new AnnualDate(1 + random.Next(12), 1 + random.Next(28)),
                    },
                ],
            },
            TestData.Start);
        customer.Tag(TestData.Start, Token("tag"));
        customer.AddPreference(TestData.Start, Token("pref"));
        customer.AssignTier(TestData.Start, Token("tier"));
        if (random.Next(2) == 0)
        {
            customer.OptOutOfContact(TestData.Start, Token("optout"));
        }

        return customer.ToState();
    }

    private static IEnumerable<(CustomerField Field, string Value)> ClearValues(CustomerState customer)
    {
        foreach (var field in CustomerFields.All)
        {
            var value = CustomerFields.IsContactField(field) ? CustomerFields.Read(customer.Contacts[0], field) : CustomerFields.Read(customer, field);
            if (value is not null)
            {
                yield return (field, value);
            }
        }
    }
}
