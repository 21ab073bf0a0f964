using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text;
using CrmCore.Customers;
using CrmCore.Desk;
using CrmCore.Import.Customers;
using CrmCore.Import.Reading;
using CrmCore.Import.Reports;
using CrmCore.Imports;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CrmCore.Import.Tests;

/// <summary>
/// The customer import's plain report rows (<see cref="LoggedRow.Plain"/>: an inserted, updated or unchanged row with nothing but its
/// outcome, line, customer and shared notes, kept by the log in a few fields) against the general path they replace (every row a
/// result object): for clean, near-clean and dirty files, imported twice into the same store (the second run updates, finds rows
/// unchanged or takes them up from the ledger), in batches of every size, with the log spilling to its file or not, with and without
/// the store's key index, the same report (every row, every field, the totals) and the same stored customers.
/// </summary>
public class CompactReportRowsTests
{
    private static readonly string[] Headers =
    [
        "客户编号", "客户名称", "所属行业", "客户等级", "负责客户经理", "联系人", "联系电话", "邮箱", "年合作金额", "首次合作时间", "产品/服务类型",
        "首次接触时间", "手机", "更新时间",
    ];

    private static readonly string?[] Ids = ["KH0000001", "KH0000002", "KH0000003", "kh-0000004", " KH0000005 ", null, null, ""];

    private static readonly string?[] Names =
    [
        "上海某某1号制造有限公司", "上海某某2号制造有限公司", "上海某某2号制造", "上海 某某3号制造有限公司", "ＡＢＣ贸易", "ABC贸易有限公司", "甲公司",
        null, "",
    ];

    private static readonly string?[] Industries = ["制造业", "零售业", "科技/互联网", "其他行业", null];

    private static readonly string?[] Tiers = ["A", "B", "C", null];

    private static readonly string?[] Managers = ["经理1", "经理2", null];

    private static readonly string?[] Contacts = ["联系人1", "张三", "张三 (2)", "（未提供姓名）", null, " "];

    private static readonly string?[] Phones =
    [
        "138 0000 0001", "13800000002", "+86 138 0000 0003", "010-88889999转808", "13700001111 13700002222", "abc", "1380000", null,
    ];

    private static readonly string?[] Emails = ["c1@example.cn", "C1@Example.CN", "c2@example", "ｃ３＠ｅｘａｍｐｌｅ．ｃｎ", null];

    private static readonly string?[] Amounts = ["1万", "2,000", "12000", "-5", "abc", "0", null];

    private static readonly string?[] Dates = ["2025/1/1", "2025-02-02", "2025年3月1日", "2025/13/1", "abc", null];

    private static readonly string?[] Products = ["ERP、CRM", "ERP", "ERP、ERP", "、", "云服务|OA", null];

    /// <summary>A cell of a column: mostly one of its own forms, sometimes any text.</summary>
    private static Gen<string?> CellFor(string header)
    {
        var own = header switch
        {
            "客户编号" => Ids,
            "客户名称" => Names,
            "所属行业" => Industries,
            "客户等级" => Tiers,
            "负责客户经理" => Managers,
            "联系人" => Contacts,
            "联系电话" or "手机" => Phones,
            "邮箱" => Emails,
            "年合作金额" => Amounts,
            "产品/服务类型" => Products,
            _ => Dates,
        };
        return Gen.Frequency(
            (8, Gen.Elements(own)),
            (1, Gen.Elements(Names.Concat(Amounts).ToArray())));
    }

    /// <summary>A row: mostly a customer, sometimes blank, a repeated header or a totals row.</summary>
    private static Gen<string?[]> Row() => Gen.Frequency(
        (20, Gen.CollectToArray(Headers, CellFor)),
        (1, Gen.Constant(new string?[Headers.Length])),
        (1, Gen.Constant(Headers.Select(h => (string?)h).ToArray())),
        (1, Gen.Constant(Headers.Select((h, i) => i == 1 ? "合计" : i == 8 ? "100万" : null).ToArray())));

    [Property(MaxTest = 300)]
    public Property PlainRows_GiveTheGeneralPathsReportAndCustomers()
    {
        var cases =
            from rows in Gen.ListOf(Row()).Where(r => r.Count is > 0 and <= 30)
            from batch in Gen.Choose(1, 7)
            from memoryRows in Gen.Elements(0, 3, 1000)
            from policy in Gen.Elements(MergePolicy.KeepNewest, MergePolicy.FillBlanks, MergePolicy.HoldForReview)
            from keyIndex in Gen.Elements(true, false)
            from ledger in Gen.Elements(true, false)
            from dryRun in Gen.Elements(false, false, true)
            select (rows: rows.ToArray(), batch, memoryRows, policy, keyIndex, ledger, dryRun);
        return Prop.ForAll(cases.ToArbitrary(), c =>
        {
            CustomerImportOptions Options(IImportLedger? runs) => new()
            {
                BatchSize = c.batch,
                ReportMemoryRows = c.memoryRows,
                MergePolicy = c.policy,
                Ledger = runs,
                DryRun = c.dryRun,
            };

            var (plainReports, plainStore) = ImportTwice(c.rows, c.keyIndex, c.ledger, Options, compact: true);
            var (generalReports, generalStore) = ImportTwice(c.rows, c.keyIndex, c.ledger, Options, compact: false);

            for (var run = 0; run < 2; run++)
            {
                var (expected, actual) = (Describe(generalReports[run]), Describe(plainReports[run]));
                Assert.True(expected == actual, $"{c}, run {run + 1}\ngeneral:\n{expected}\nplain:\n{actual}");
            }

            Assert.Equal(Stored(generalStore), Stored(plainStore));
        });
    }

    /// <summary>The property above compares two paths, not one with itself: a first import of clean rows gives plain rows (no result
    /// object of their own) in memory and spilled, and a second gives plain updated and unchanged rows; the log reads them back equal to
    /// the general path's.</summary>
    [Fact]
    public void CleanRows_ArePlain_AndReadBackAsTheGeneralPathsRows()
    {
        string?[][] rows =
        [
            ["KH0000001", "上海某某1号制造有限公司", "制造业", "A", "经理1", "联系人1", "138 0000 0001", "c1@example.cn", "1万", "2025/1/1", "ERP、CRM", null, null, null],
            ["KH0000002", "上海某某2号制造有限公司", "零售业", "B", "经理2", null, "13800000002", null, "2,000", null, "ERP", null, null, null],
            ["KH0000003", "甲公司", null, null, null, "张三", null, "c3@example.cn", null, null, null, "2025/1/1", null, null],
        ];
        CustomerImportOptions Options(IImportLedger? runs) => new() { BatchSize = 2, ReportMemoryRows = 1 };

        var (plain, _) = ImportTwice(rows, keyIndex: true, ledger: false, Options, compact: true);
        var (general, _) = ImportTwice(rows, keyIndex: true, ledger: false, Options, compact: false);

        Assert.All(plain[0].Rows, r => Assert.Equal(ImportOutcome.Inserted, r.Outcome));
        Assert.All(plain[1].Rows, r => Assert.Equal(ImportOutcome.Unchanged, r.Outcome));
        Assert.Equal(2, ((ImportRowLog)plain[0].Rows).Spilled);
        // The two paths really differ: the row kept in memory is plain on one and a result object on the other, in both runs.
        Assert.Equal([1, 1], plain.Select(r => ((ImportRowLog)r.Rows).PlainInMemory));
        Assert.Equal([0, 0], general.Select(r => ((ImportRowLog)r.Rows).PlainInMemory));
        Assert.Equal(Describe(general[0]), Describe(plain[0]));
        Assert.Equal(Describe(general[1]), Describe(plain[1]));
        Assert.NotNull(plain[0].Rows[1].Notes);
    }

    /// <summary>Plain and full rows appended to one log, kept in memory and spilled: read back (by index and in order) as the results
    /// they stand for, equal to those results appended as objects.</summary>
    [Fact]
    public void Log_PlainAndFullRows_ReadBackAsTheirResults()
    {
        var notes = ImportRowNotes.Of([new ImportRowNote(null, 0, "UnnamedContact", "联系人未提供姓名")]);
        var results = new List<ImportRowResult>
        {
            new() { Line = 2, Outcome = ImportOutcome.Inserted, CustomerId = "KH1", Notes = notes },
            new() { Line = 3, Outcome = ImportOutcome.Rejected, Column = "邮箱", ColumnNumber = 8, Reason = "bad", ReasonCode = "Email", Cells = ["a", null] },
            new() { Line = 4, Outcome = ImportOutcome.Updated, CustomerId = "KH2" },
            new() { Line = 5, Outcome = ImportOutcome.Merged, CustomerId = "KH1", MatchedBy = "name", MatchScore = 0.9, Notes = notes },
            new() { Line = 6, Outcome = ImportOutcome.Unchanged, CustomerId = "KH3", Notes = notes },
        };
        var logged = results.Select(r => r.Reason is null && r.MatchedBy is null ? LoggedRow.Plain(r.Line, r.Outcome, r.CustomerId, r.Notes) : r).ToList();
        Assert.Equal(3, logged.Count(r => r.Full is null));

        var plain = new ImportRowLog(2);
        var general = new ImportRowLog(2);
        plain.AddRange(logged.GetRange(0, 3));
        plain.AddRange(logged.GetRange(3, 2));
        general.AddRange(results);

        Assert.Equal(3, plain.Spilled);
        Assert.Equal(results, plain);
        Assert.Equal(results, general);
        Assert.Equal(results, Enumerable.Range(0, plain.Count).Select(i => plain[i]));
    }

    /// <summary>The name rows are imported under, which stands for the file's hash (the ledger keeps runs by it).</summary>
    private static readonly string FileHash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("compact"u8));

    private static (ImportReport[] Reports, InMemoryCustomerRepository Store) ImportTwice(
        string?[][] rows, bool keyIndex, bool ledger, Func<IImportLedger?, CustomerImportOptions> options, bool compact)
    {
        var memory = new InMemoryCustomerRepository();
        ICustomerRepository store = keyIndex ? memory : new WithoutKeyIndex(memory);
        var runs = ledger ? new InMemoryImportLedger() : null;
        var reports = new ImportReport[2];
        for (var run = 0; run < 2; run++)
        {
            var importer = new CustomerImporter(store, Samples.Clock(), options(runs)) { PlainRowsCompact = compact };
            var source = new List<SourceRow> { new(1, [.. Headers]) };
            source.AddRange(rows.Select((cells, i) => new SourceRow(i + 2, [.. cells])));
            reports[run] = importer.ImportRowsAsync(source, FileHash).GetAwaiter().GetResult();
        }

        return (reports, memory);
    }

    /// <summary>The report's rows with every field (notes and cells item by item) and its totals.</summary>
    private static string Describe(ImportReport report)
    {
        var text = new StringBuilder().Append(report.Totals).Append('\n');
        foreach (var row in report.Rows)
        {
            text.Append(Properties(row)).Append('\n');
        }

        return text.ToString();
    }

    private static List<string> Stored(InMemoryCustomerRepository store) =>
        [.. Samples.AllAsync(store).GetAwaiter().GetResult().Select(Properties).Order(StringComparer.Ordinal)];

    private static string Properties(object item) =>
        string.Join("; ", item.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0)
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .Select(p => p.Name + "=" + Value(p.GetValue(item))));

    private static string Value(object? value) => value switch
    {
        null => "null",
        string s => "\"" + s + "\"",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        IEnumerable items => "[" + string.Join(", ", items.Cast<object?>().Select(Value)) + "]",
        _ => value.ToString() ?? "?",
    };
}
