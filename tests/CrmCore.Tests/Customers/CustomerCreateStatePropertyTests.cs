using CrmCore.Agents;
using CrmCore.Customers;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using TestData = CrmCore.Tests.Support.TestData;

namespace CrmCore.Tests.Customers;

/// <summary>
/// <see cref="Customer.CreateState"/> (the import's create path, no aggregate) against <see cref="Customer.Create"/> then
/// <see cref="Customer.AssignTier"/> then <see cref="Customer.ToState"/>: for any input, both refuse it or both give the same state.
/// </summary>
public class CustomerCreateStatePropertyTests
{
    [Property(Arbitrary = [typeof(DraftArbitraries)], MaxTest = 500)]
    public void CreateState_AnyDraft_AcceptsAndBuildsExactlyWhatTheAggregateDoes(CustomerDraft draft)
    {
        var (aggregate, aggregateError) = Try(() =>
        {
            var customer = Customer.Create(draft.Id, draft.Profile, TestData.Start);
            if (draft.Tier is { } tier)
            {
                customer.AssignTier(TestData.Start, tier, "import");
            }

            return customer.ToState();
        });
        var (direct, directError) = Try(() => Customer.CreateState(draft.Id, draft.Profile, TestData.Start, draft.Tier));

        Assert.Equal(aggregateError?.GetType(), directError?.GetType());
        Assert.Equal(aggregateError?.Message, directError?.Message);
        if (aggregate is null || direct is null)
        {
            Assert.True(aggregate is null && direct is null, $"one path accepted {draft}");
            return;
        }

        Assert.Equal(Describe(aggregate), Describe(direct));
    }

    /// <summary>The import's overload, which takes the contacts apart in an array it keeps as it is, accepts and refuses what the
    /// public one does (same error, same message) and builds the same state, holding that very array.</summary>
    [Property(Arbitrary = [typeof(DraftArbitraries)], MaxTest = 500)]
    public void CreateState_ContactsGivenApart_IsThePublicOnesState(CustomerDraft draft)
    {
        Contact[] contacts = [.. draft.Profile.Contacts ?? []];
        var (given, givenError) = Try(() => Customer.CreateState(draft.Id, draft.Profile, TestData.Start, draft.Tier));
        var (apart, apartError) = Try(() => Customer.CreateState(draft.Id, draft.Profile with { Contacts = null }, TestData.Start, draft.Tier, contacts));

        Assert.Equal(givenError?.GetType(), apartError?.GetType());
        Assert.Equal(givenError?.Message, apartError?.Message);
        if (given is null || apart is null)
        {
            Assert.True(given is null && apart is null, $"one overload accepted {draft}");
            return;
        }

        Assert.Equal(Describe(given), Describe(apart));
        Assert.Same(contacts, apart.Contacts);
    }

    [Fact]
    public void CreateState_ContactsGivenApart_NullContact_IsRefusedAsThePublicOneRefusesIt()
    {
        var profile = TestData.Profile();

        var given = Assert.ThrowsAny<ArgumentException>(() => Customer.CreateState(new CustomerId("KH-1"), profile with { Contacts = [null!] }, TestData.Start));
        var apart = Assert.ThrowsAny<ArgumentException>(() => Customer.CreateState(new CustomerId("KH-1"), profile, TestData.Start, null, [null!]));

        Assert.Equal(given.GetType(), apart.GetType());
        Assert.Equal(given.Message, apart.Message);
    }

    [Fact]
    public void CreateState_WithTier_IsVersionTwoAndRestoresToTheSameCustomer()
    {
        var profile = TestData.Profile() with
        {
            Contacts = [new Contact("张伟", ContactRole.DecisionMaker) { Phone = "138 0000 0001" }],
            Transactions = new TransactionSummary(null, Money.Cny(500_000), ["ERP", " ERP ", "CRM", ""]),
        };

        var state = Customer.CreateState(new CustomerId("KH-1"), profile, TestData.Start, " A ");
        var restored = Customer.Restore(state);

        Assert.Equal(2, state.Version);
        Assert.Equal("A", restored.Tier);
        Assert.Equal(["ERP", "CRM"], restored.Transactions.Products);
        Assert.Equal("138 0000 0001", Assert.Single(restored.Contacts).Phone);
        Assert.Empty(restored.DomainEvents);
    }

    private static (CustomerState? State, Exception? Error) Try(Func<CustomerState> create)
    {
        try
        {
            return (create(), null);
        }
        catch (ArgumentException e)
        {
            return (null, e);
        }
    }

    /// <summary>Every field of a state, lists element by element, as one comparable string.</summary>
    private static string Describe(CustomerState s) => string.Join(
        " | ",
        s.Id,
        s.Version,
        s.Name,
        s.ShortName,
        s.Industry,
        s.Size,
        s.Source,
        s.FirstContactOn,
        s.CreatedAt,
        string.Join(";", s.Contacts.Select(c => $"{c.Name}/{c.Role}/{c.Phone}/{c.Email}/{c.Address}")),
        s.FirstCooperationOn,
        s.AnnualAmount,
        string.Join(";", s.Products),
        s.OrdersPerYear,
        s.AccountManager,
        string.Join(";", s.PreferenceTags),
        s.Tier,
        string.Join(";", s.Tags),
        s.DoNotContactSince,
        s.DoNotContactReason,
        s.LastInteractionAt);

    /// <summary>A new customer's input: id, profile and starting tier, valid or not.</summary>
    /// <param name="Id">The id (may be empty).</param>
    /// <param name="Profile">The profile (the name may be blank, contacts may share a name).</param>
    /// <param name="Tier">The tier, or null (may be blank or too long).</param>
    public sealed record CustomerDraft(CustomerId Id, CustomerProfile Profile, string? Tier);

    /// <summary>Drafts from small pools mixing valid and invalid values, so both accepted and refused inputs are common.</summary>
    public static class DraftArbitraries
    {
        /// <summary>The drafts.</summary>
        public static Arbitrary<CustomerDraft> Drafts()
        {
            var id = Gen.Elements("KH0001", "C-2", string.Empty).Select(v => v.Length == 0 ? default : new CustomerId(v));
            var name = Gen.Elements("上海某某制造有限公司", "  Acme Ltd ", " ", string.Empty, "北京　科技");
            var shortName = Gen.Elements<string?>(null, "某某", "  ", " Acme ");
            var contactNames = Gen.Elements("张伟", " 张伟", "李娜", "Wang").ArrayOf().Resize(3);
            var tier = Gen.Elements<string?>(null, "A", " 高价值 ", " ", new string('T', 101), new string('T', 100));
            var manager = Gen.Elements<AgentId?>(null, new AgentId("alice"), default(AgentId));
            var products = Gen.Elements("ERP", " ERP", "CRM", " ", "云服务").ArrayOf().Resize(4);
            var profile = Gen.Zip(Gen.Zip(name, shortName), Gen.Zip(contactNames, Gen.Zip(manager, products)))
                .Select(p => new CustomerProfile
                {
                    Name = p.Item1.Item1,
                    ShortName = p.Item1.Item2,
                    Industry = Industry.Manufacturing,
                    Source = CustomerSource.Referral,
                    FirstContactOn = new NodaTime.LocalDate(2025, 3, 1),
                    AccountManager = p.Item2.Item2.Item1,
                    Contacts = [.. p.Item2.Item1.Select(n => new Contact(n, ContactRole.DecisionMaker))],
                    Transactions = p.Item2.Item2.Item2.Length == 0
                        ? null
                        : new TransactionSummary(null, Money.Cny(p.Item2.Item2.Item2.Length * 1000), p.Item2.Item2.Item2, p.Item2.Item2.Item2.Length),
                });
            return Gen.Zip(id, Gen.Zip(profile, tier)).Select(t => new CustomerDraft(t.Item1, t.Item2.Item1, t.Item2.Item2)).ToArbitrary();
        }
    }
}
