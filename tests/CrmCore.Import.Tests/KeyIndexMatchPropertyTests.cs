using System.Text;
using CrmCore.Customers;
using CrmCore.Desk;
using CrmCore.Import.Customers;
using CrmCore.Import.Reports;
using CrmCore.Imports;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;

namespace CrmCore.Import.Tests;

/// <summary>
/// The import that looks duplicates up per batch in the store's key index gives the same report and the same customers as the import
/// that holds every customer's keys in memory for the whole run (what a store without a key index gets), for random dirty files over a
/// few companies written in different forms (legal forms, width, case, similar names, phone and e-mail forms), random stored customers,
/// batch sizes, dry runs, merge policies and name similarities (1, the default, where the block is the name key itself, and 0.8, where the name
/// blocks must find every similar name).
/// <para>
/// Name matching is always on here: with it off, rows without an id that nothing matches get the same derived id, and their batch is
/// rejected as a conflict. There the two differ on purpose: the whole-run index kept the customers of a rejected batch as if they were
/// written (a later row was "held for line 7", a line that was rejected), the key index knows only what was committed.
/// </para>
/// </summary>
public class KeyIndexMatchPropertyTests
{
    private const string Header = "客户编号,客户名称,所属行业,联系方式,邮箱,年合作金额,更新时间\n";

    /// <summary>Per company: id, names with the same key, a similar name (a different key at similarity 0.8 or more), phone forms, e-mail forms.</summary>
    private static readonly (string Id, string[] Names, string Similar, string[] Phones, string[] Emails)[] Companies =
    [
        ("KH1", ["天明制造", "天明制造有限公司", "天明制造（上海）有限公司", "天明制造股份有限公司"], "天明制造厂", ["13800000001", "138 0000 0001", "+86 138-0000-0001"], ["a@tm.cn", "A@TM.CN"]),
        ("KH2", ["远大科技", "远大科技股份有限公司"], "远大科技园", ["021-6543 2100", "02165432100"], ["info@yd.cn", "Info@YD.cn"]),
        ("KH3", ["Acme Trading", "ACME Trading Co., Ltd."], "Acme Tradings", ["13900000002", "139 0000 0002"], ["x@acme.com", "X@Acme.com"]),
        ("KH4", ["绿叶食品", "绿叶食品集团"], "绿叶食品店", ["13700000003"], ["lv@ly.cn"]),
        ("KH5", ["天河物流", "天河物流有限公司"], "天河物流站", ["13600000004"], ["th@th.cn"]),
    ];

    private static readonly string[] Industries = ["", "制造业", "零售业"];
    private static readonly string[] Amounts = ["", "10万", "20万"];
    private static readonly string[] Dates = ["", "2026-01-01", "2026-02-01", "2025-12-01"];

    private static Gen<string> Row(bool similarNames) =>
        from c in Gen.Choose(0, Companies.Length - 1)
        let company = Companies[c]
        from withId in Gen.Elements(true, false, false)
        from name in similarNames ? Gen.Elements([.. company.Names, company.Similar]) : Gen.Elements(company.Names)
        from industry in Gen.Elements(Industries)
        from phone in Gen.Elements(["", .. company.Phones])
        from email in Gen.Elements(["", .. company.Emails])
        from amount in Gen.Elements(Amounts)
        from date in Gen.Elements(Dates)
        select string.Join(',', withId ? company.Id : string.Empty, "\"" + name + "\"", industry, phone, email, amount, date);

    [Property(MaxTest = 150)]
    public Property KeyIndexImport_GivesTheSameReportAndCustomers_AsTheWholeRunIndex()
    {
        var cases =
            from similarity in Gen.Elements<double?>(1.0, 1.0, 0.8)
            from rows in Gen.ListOf(Row(similarity is < 1)).Where(r => r.Count is > 0 and <= 24)
            from stored in Gen.ListOf(Gen.Choose(0, Companies.Length - 1)).Select(s => s.Distinct().Take(3).ToArray())
            from batch in Gen.Choose(1, 6)
            from policy in Gen.Elements(MergePolicy.KeepNewest, MergePolicy.FillBlanks, MergePolicy.HoldForReview)
            from byContact in Gen.Elements(true, true, false)
            from ledger in Gen.Elements(true, false)
            from dryRun in Gen.Elements(false, false, true)
            select (similarity, rows, stored, batch, policy, byContact, ledger, dryRun);
        return Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var csv = Header + string.Join('\n', c.rows) + "\n";
            CustomerImportOptions Options() => new()
            {
                NameSimilarity = c.similarity,
                BatchSize = c.batch,
                MergePolicy = c.policy,
                MatchByContact = c.byContact,
                Ledger = c.ledger ? new InMemoryImportLedger() : null,
                DryRun = c.dryRun,
            };

            var keyed = new InMemoryCustomerRepository();
            var whole = new InMemoryCustomerRepository();
            Store(keyed, c.stored);
            Store(whole, c.stored);
            var byKeys = Import(keyed, csv, Options());
            var byWholeIndex = Import(new WithoutKeyIndex(whole), csv, Options());

            var (expected, actual) = (Rows(byWholeIndex), Rows(byKeys));
            Assert.True(expected.SequenceEqual(actual), $"{c}\n{csv}\nwhole-run index:\n{string.Join('\n', expected)}\nkey index:\n{string.Join('\n', actual)}");
            Assert.Equal(Customers(whole), Customers(keyed));
        });
    }

    /// <summary>The case FsCheck found (seed 5088013118840233219,7514164845046146119, size 76): a merge gives customer A (created at
    /// line 2) the e-mail customer B (created at line 3) already has; a later row with that e-mail went to B with the whole-run index
    /// and to A with the store's key index, which knows both and answers with the one created first.</summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void AKeyAMergeGivesAnEarlierCustomer_LeadsToTheEarlierCustomer_WithEitherIndex(bool keyIndex)
    {
        const string csv = Header +
            ",\"ACME Trading Co., Ltd.\",,139 0000 0002,,20万,2025-12-01\n" +
            "KH3,\"ACME Trading Co., Ltd.\",,,x@acme.com,10万,2025-12-01\n" +
            ",\"Acme Trading\",零售业,139 0000 0002,X@Acme.com,20万,2026-02-01\n" +
            ",\"ACME Trading Co., Ltd.\",零售业,,X@Acme.com,20万,2025-12-01\n";
        var memory = new InMemoryCustomerRepository();
        ICustomerRepository store = keyIndex ? memory : new WithoutKeyIndex(memory);

        var report = Import(store, csv, new CustomerImportOptions { NameSimilarity = 1.0, BatchSize = 2, MergePolicy = MergePolicy.FillBlanks });

        var first = report.Rows[0].CustomerId;
        Assert.Equal(ImportOutcome.Inserted, report.Rows[1].Outcome);
        Assert.Equal("KH3", report.Rows[1].CustomerId);
        Assert.Equal(first, report.Rows[2].CustomerId);
        Assert.Equal(first, report.Rows[3].CustomerId);
        Assert.Equal("email", report.Rows[3].MatchedBy);
    }

    /// <summary>A dry run reports what the real import then does on the same store, and leaves the store as it was, whether or not the
    /// store was asked for similar names before (its similar-name index on, which the dry run reads, or off, which it must not turn on).</summary>
    [Property(MaxTest = 100)]
    public Property DryRun_ReportsWhatTheRealImportThenDoes_WithTheStoresSimilarNamesOnOrOff()
    {
        var cases =
            from rows in Gen.ListOf(Row(similarNames: true)).Where(r => r.Count is > 0 and <= 24)
            from stored in Gen.ListOf(Gen.Choose(0, Companies.Length - 1)).Select(s => s.Distinct().Take(3).ToArray())
            from batch in Gen.Choose(1, 6)
            from policy in Gen.Elements(MergePolicy.KeepNewest, MergePolicy.FillBlanks, MergePolicy.HoldForReview)
            from namesOn in Gen.Elements(true, false)
            select (rows, stored, batch, policy, namesOn);
        return Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var csv = Header + string.Join('\n', c.rows) + "\n";
            CustomerImportOptions Options(bool dryRun) => new() { NameSimilarity = 0.8, BatchSize = c.batch, MergePolicy = c.policy, DryRun = dryRun };
            var store = new InMemoryCustomerRepository();
            Store(store, c.stored);
            if (c.namesOn)
            {
                store.FindByKeysAsync([CustomerKey.BlockOf("天明制造", 0.8)]).AsTask().GetAwaiter().GetResult();
            }

            var before = Customers(store);
            var dry = Import(store, csv, Options(dryRun: true));
            Assert.Equal(before, Customers(store));
            var real = Import(store, csv, Options(dryRun: false));

            Assert.True(Rows(real).SequenceEqual(Rows(dry)), $"{c}\n{csv}\nreal:\n{string.Join('\n', Rows(real))}\ndry run:\n{string.Join('\n', Rows(dry))}");
            Assert.Equal(real.Totals, dry.Totals);
            Assert.Equal(real.IncompleteNameSearches, dry.IncompleteNameSearches);
        });
    }

    private static void Store(InMemoryCustomerRepository store, int[] companies)
    {
        foreach (var c in companies)
        {
            var company = Companies[c];
            var profile = new CustomerProfile
            {
                Name = company.Names[0] + "有限公司",
                FirstContactOn = new LocalDate(2025, 1, 1),
                Contacts = [new Contact("王经理", new ContactRole("Contact")) { Phone = company.Phones[^1], Email = company.Emails[0] }],
            };
            store.SaveAsync(Customer.Create(new CustomerId(c % 2 == 0 ? company.Id : "OLD" + company.Id), profile, Instant.FromUtc(2025, 1, 1, 0, 0)).ToState(), 0).AsTask().GetAwaiter().GetResult();
        }
    }

    private static ImportReport Import(ICustomerRepository store, string csv, CustomerImportOptions options)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(csv));
        return Samples.Importer(store, options).ImportAsync(stream, "dirty.csv").GetAwaiter().GetResult();
    }

    /// <summary>The rows as text: the reason by its code when the match was by company name, because the whole-run index also knows the
    /// names of rows merged into a customer (a later row with such a name is "the same company name"), while a later batch's index knows
    /// the stored name only and finds the customer as a similar name (with its score); the customer matched is the same. Every other
    /// reason is compared by its text.</summary>
    private static List<string> Rows(ImportReport report) =>
        [.. report.Rows.Select(r => $"{r.Line} {r.Outcome} {r.CustomerId} {r.MatchedBy} {r.MatchedSource} {(r.MatchedBy == "name" ? r.ReasonCode : r.Reason)}")];

    private static List<string> Customers(InMemoryCustomerRepository store) =>
        [.. Samples.AllAsync(store).GetAwaiter().GetResult().Select(s =>
            $"{s.Id} v{s.Version} {s.Name} {s.Industry.Code} {s.AnnualAmount.Amount} " + string.Join(';', s.Contacts.Select(x => $"{x.Name}/{x.Phone}/{x.Email}")))];
}
