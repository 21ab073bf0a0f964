using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text;
using CrmCore.Customers;
using CrmCore.Desk;
using CrmCore.Import.Customers;
using CrmCore.Import.Reading;
using CrmCore.Import.Reports;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CrmCore.Import.Tests;

/// <summary>
/// The CSV reader that hands a column's repeated short cells the same string (<see cref="CellTextPool"/>) gives the same import as one
/// that makes a string per cell: the same cells for random text, and through whole imports of random clean, near-clean and dirty files
/// (with and without the store's key index), every report row and every stored customer.
/// </summary>
public class SharedCellTextTests
{
    private const string Header = "客户编号,客户名称,所属行业,客户等级,负责客户经理,联系人,联系电话,邮箱,年合作金额,首次合作时间,产品/服务类型";

    /// <summary>Cells of every kind, most of them repeated across rows (as a column's values are): clean, near-clean (spaces, width,
    /// case), dirty (bad dates and amounts, several numbers in a cell, quotes, line breaks, totals and header words), long and empty.</summary>
    private static readonly string[][] Columns =
    [
        ["KH1", "KH2", "kh2", "ＫＨ３", " KH4", "", "KH-5", "KH\"6", new string('K', 40)],
        ["天明制造有限公司", "天明制造", "远大科技股份有限公司", "远大 科技", "ACME Trading Co., Ltd.", "Acme Trading", "合计", "客户名称", "", "绿叶食品（上海）集团", "a\nb"],
        ["制造业", "零售业", "制造", "其他行业", "", " 制造业"],
        ["A", "B", "a", "", "VIP"],
        ["经理0", "经理1", "", "经理 2"],
        ["张三", "李四", "", "王五 "],
        ["138 0000 0001", "13800000001", "+86 138-0000-0002", "010-88889999转123", "13800000003/13900000004", "张三 13800000005", "abc", "", "１３８００００００６"],
        ["a@tm.cn", "A@TM.CN", "bad@", "", "x@acme.com"],
        ["1万", "2,000", "20万", "-5", "abc", "", "1,250,000元", "３０００"],
        ["2025/1/1", "2025-02-02", "2025.3.3", "2025/13/1", "昨天", "", "２０２６／３／１"],
        ["ERP、CRM", "ERP, CRM", "OA|云服务", "", "ERP、ERP"],
    ];

    private static Gen<string> Cell(int column) => Gen.Elements(Columns[column]).Select(Quoted);

    private static string Quoted(string cell) =>
        cell.AsSpan().IndexOfAny(",\"\n") >= 0 ? "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : cell;

    private static Gen<string> Line() =>
        Gen.OneOf(
            Gen.CollectToArray(Enumerable.Range(0, Columns.Length), Cell).Select(cells => string.Join(',', cells)),
            Gen.Elements(string.Empty, ",,,,,,,,,,", "合计,,,,,,,,,,", Header, "KH9,只有两列"));

    [Property(MaxTest = 150)]
    public Property SharedCellText_GivesTheSameImport_AsAStringPerCell()
    {
        var cases =
            from lines in Gen.ListOf(Line()).Where(l => l.Count is > 0 and <= 40)
            from batch in Gen.Choose(1, 8)
            from keyIndex in Gen.Elements(true, false)
            from policy in Gen.Elements(MergePolicy.KeepNewest, MergePolicy.FillBlanks, MergePolicy.HoldForReview)
            from bom in Gen.Elements(true, false)
            select (lines, batch, keyIndex, policy, bom);
        return Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var csv = (c.bom ? "\uFEFF" : string.Empty) + Header + "\n" + string.Join('\n', c.lines) + "\n";
            var (sharedReport, sharedStore) = Import(csv, c.batch, c.keyIndex, c.policy, shareRepeated: true);
            var (plainReport, plainStore) = Import(csv, c.batch, c.keyIndex, c.policy, shareRepeated: false);
            Assert.Equal(Describe(plainReport.Rows), Describe(sharedReport.Rows));
            Assert.Equal(Describe(plainReport.Totals), Describe(sharedReport.Totals));
            Assert.Equal(Describe(plainStore), Describe(sharedStore));
        });
    }

    [Property(MaxTest = 200)]
    public Property SharedCellText_ReadsTheSameCells_AsAStringPerCell()
    {
        // Many rows of few values, so that columns are tried, found repeating (or not) and paused; long and quoted cells among them.
        // Numbers of one length too, more than a column's slots, so that values meet in a slot.
        var value = Gen.OneOf(
            Gen.Elements("a", "b", "制造业", "", " ", "x,y", "q\"q", "多行\n文本", new string('长', 33), new string('z', 32), "１", "\uFEFFa"),
            Gen.Choose(0, 9_999).Select(n => n.ToString("D4", CultureInfo.InvariantCulture)));
        var row = Gen.ArrayOf(value).Select(cells => string.Join(',', cells.Select(Quoted)));
        return Prop.ForAll(Gen.ListOf(row).ToArbitrary(), Gen.Choose(0, 3_000).ToArbitrary(), (rows, repeat) =>
        {
            var lines = rows.Concat(Enumerable.Range(0, repeat).Select(i => rows.Count == 0 ? "a,b" : rows[i % rows.Count])).ToList();
            var bytes = Encoding.UTF8.GetBytes(string.Join("\r\n", lines) + "\r\n");
            var shared = TableReader.ReadCsv(new MemoryStream(bytes), Encoding.UTF8, "f.csv", null, ',', shareRepeated: true).ToList();
            var plain = TableReader.ReadCsv(new MemoryStream(bytes), Encoding.UTF8, "f.csv", null, ',', shareRepeated: false).ToList();
            return plain.Count == shared.Count
                && plain.Zip(shared).All(p => p.First.Line == p.Second.Line && p.First.Cells.SequenceEqual(p.Second.Cells, StringComparer.Ordinal));
        });
    }

    [Property(MaxTest = 200)]
    public Property ListCellSplitOnce_GivesEachRowTheItemsOfItsOwnCell_InAListOfItsOwn()
    {
        // A run of list cells, some the same text as the one before (the same string or an equal one): each row gets what ListItems
        // gives for its cell, in a new list that a change to another row's list does not reach.
        var cell = Gen.Elements("ERP、CRM", "ERP, CRM", " ERP ；CRM；ERP", "OA|云服务", "、", "ＥＲＰ", "a\nb,,c");
        return Prop.ForAll(Gen.ListOf(cell).ToArbitrary(), cells =>
        {
            var parser = new CustomerRowParser(CrmCore.Import.Mapping.ImportMappings.Customers, ["客户名称", "产品/服务类型"], null);
            List<string>? before = null;
            foreach (var text in cells.Select((c, i) => i % 2 == 0 ? c : new string(c.AsSpan())))
            {
                var items = parser.Items(text);
                if (!items.SequenceEqual(CustomerRowParser.ListItems(text), StringComparer.Ordinal) || ReferenceEquals(items, before))
                {
                    return false;
                }

                before?.Add("changed");
                before = items;
            }

            return true;
        });
    }

    [Fact]
    public void CellTextPool_HandsARepeatedValueTheSameString_AndStopsLookingUpAColumnThatDoesNotRepeat()
    {
        var pool = new CellTextPool();
        var first = pool.Get(2, "制造业".AsSpan());
        Assert.Same(first, pool.Get(2, "制造业".ToCharArray()));
        Assert.Equal("零售业", pool.Get(2, "零售业".AsSpan()));
        Assert.Same(string.Empty, pool.Get(2, ReadOnlySpan<char>.Empty));
        var longer = new string('x', CellTextPool.MaxLength + 1);
        Assert.NotSame(pool.Get(2, longer.AsSpan()), pool.Get(2, longer.AsSpan()));
        Assert.NotSame(pool.Get(CellTextPool.MaxColumns, "A".AsSpan()), pool.Get(CellTextPool.MaxColumns, "A".AsSpan()));

        // A column of values that never come back is paused after its trial: a value seen just before then is a new string again.
        for (var i = 0; i < 1_100; i++)
        {
            pool.Get(0, string.Create(CultureInfo.InvariantCulture, $"KH{i:D7}").AsSpan());
        }

        var id = pool.Get(0, "KH-again".AsSpan());
        Assert.NotSame(id, pool.Get(0, "KH-again".AsSpan()));
        Assert.Same(first, pool.Get(2, "制造业".AsSpan()));
    }

    private static (ImportReport Report, List<CustomerState> Store) Import(string csv, int batch, bool keyIndex, MergePolicy policy, bool shareRepeated)
    {
        var memory = new InMemoryCustomerRepository();
        ICustomerRepository store = keyIndex ? memory : new WithoutKeyIndex(memory);
        var importer = Samples.Importer(store, new CustomerImportOptions { BatchSize = batch, MergePolicy = policy, NameSimilarity = 1.0 });
        var rows = TableReader.ReadCsv(new MemoryStream(Encoding.UTF8.GetBytes(csv)), Encoding.UTF8, "f.csv", null, ',', shareRepeated);
        var report = importer.ImportRowsAsync(rows, "f.csv").GetAwaiter().GetResult();
        return (report, Samples.AllAsync(memory).GetAwaiter().GetResult());
    }

    /// <summary>Every public property of a value, lists item by item, nested objects in full (a few levels deep).</summary>
    private static string Describe(object? value, int depth = 0)
    {
        switch (value)
        {
            case null:
                return "null";
            case string s:
                return "\"" + s + "\"";
            case IFormattable f when value.GetType().IsPrimitive || value is decimal or Enum:
                return f.ToString(null, CultureInfo.InvariantCulture);
            case IEnumerable items:
                return "[" + string.Join(", ", items.Cast<object?>().Select(i => Describe(i, depth + 1))) + "]";
        }

        var type = value.GetType();
        var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0).ToArray();
        if (depth > 6 || properties.Length == 0 || type.Namespace?.StartsWith("NodaTime", StringComparison.Ordinal) == true)
        {
            return Convert.ToString(value, CultureInfo.InvariantCulture) ?? "?";
        }

        return type.Name + "{" + string.Join("; ", properties.OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => p.Name + "=" + Describe(p.GetValue(value), depth + 1))) + "}";
    }
}
