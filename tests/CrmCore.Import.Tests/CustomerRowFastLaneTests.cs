using System.Globalization;
using System.Reflection;
using System.Text;
using CrmCore.Import.Customers;
using CrmCore.Import.Mapping;
using CrmCore.Import.Reading;
using CrmCore.Normalization;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CrmCore.Import.Tests;

/// <summary>
/// The row parser's fast lane (plain cells taken as they are, the common typed forms read straight from them) against the full path
/// it bypasses: for clean, near-clean and dirty rows, the same <see cref="CustomerRow"/> (every field, the notes) and the same problems.
/// </summary>
public class CustomerRowFastLaneTests
{
    /// <summary>Every column a customer row can have, two of them under a 万元 header, and a second column of the name, the e-mail and the
    /// phone (公司名称, 电子邮箱, 手机: a row takes a field from the first of its columns holding a value, the phone from each).</summary>
    private static readonly string[] Headers =
    [
        "客户编号", "客户名称", "简称", "所属行业", "客户等级", "负责客户经理", "联系人", "联系人角色", "联系电话", "邮箱", "地址",
        "年合作金额", "首次合作时间", "产品/服务类型", "首次接触时间", "合作频次", "员工人数", "年营收（万元）", "来源渠道", "更新时间", "手机",
        "公司名称", "电子邮箱",
    ];

    private static readonly CultureInfo Zh = CultureInfo.GetCultureInfo("zh-Hans");

    private static readonly CustomerRowParser Fast = new(ImportMappings.Customers, Headers, Zh);

    private static readonly CustomerRowParser Full = new(ImportMappings.Customers, Headers, Zh, fastLane: false);

    /// <summary>Texts of every kind: clean, with spaces, full-width, quoted, Chinese, empty.</summary>
    private static readonly string[] Texts =
    [
        "KH0000001", "kh-001", "C－001", "ＡＢＣ１２３", "上海某某1号制造有限公司", "上海 某某", "上海  某某", " 上海某某 ", "上海某某\t", "\u3000甲公司",
        "甲公司\u00A0", "'=SUM(A1)", "'-5", "'abc", "=1+2", "制造业", "manufacturing", "零售", "其他行业", "A", "b", "经理0", "张三", "Zhang San",
        "—", "-", "--", "/", "－", "／", "–", "\u200B", "\uFEFF", "\u2060\u200C", "“引号”", "…", "a\u2014b", "x\u200By", "", " ", "  ", "\n", "a\nb", "ＥＲＰ、ＣＲＭ", "ERP、CRM", "ERP, CRM", "ERP、ERP", "、", "云服务|OA",
        "决策人", "decision maker", "线上", "Referral", new string('长', 120), new string('x', 70), new string('甲', 501),
    ];

    private static readonly string[] Phones =
    [
        "138 0000 0000", "13800000000", "+86 138 0000 0001", "+8613800000002", "008613800000003", "8613800000004", "(010) 8888 9999",
        "010-88889999", "010-88889999转808", "010-88889999 ext. 12", "010-88889999x1", "010-88889999#2", "010-88889999转", "010-88889999分机",
        "010-12345609-808", "+86-10-88889999-808", "010-88889999转13800030001", "010-88889999转1234567", "13812345609/13912345609",
        "张三 138 1234 5678 zhang@example.com", "１３８－１２３４－５６７８", "１３８００００００００", "400-800-1234", "800 820 8820",
        "13700001111 13700002222", "13800000104 2024-05-01", "tel: 13800000001", "手机：13800000005（白天）", "QQ 12345678", "1380000",
        "abc", "+1 415 555 0100", "+44 20 7946 0958", "0571-88880000-66", "138 0000 0000 ", " 13800000000", "13800000000\u3000",
        "'13800000000", "13800000000、13800000000", "李四：13800000001", "9999999999999999999999",
    ];

    private static readonly string[] Emails =
    [
        "c0@example.cn", "C0@Example.CN", "Zhang.San@Example.com", "ｃ０＠ｅｘａｍｐｌｅ．ｃｎ", "c0@example", "c0@@example.cn", "@example.cn",
        "c0@example..cn", "c0 @example.cn", "c0@example.c", " c0@example.cn", "c0@example.cn ", "a@b.co", "İ@example.com", "'c0@example.cn",
        "c0@exa mple.cn", "c0@例子.中国",
    ];

    private static readonly string[] Dates =
    [
        "2025/1/1", "2025-01-01", "2025.1.1", "2025/12/31", "2025/2/29", "2024/2/29", "2025/13/1", "2025/0/1", "2025/1/0", "2025/1/32",
        "0999/1/1", "1000/1/1", "9999/12/31", "2025/001/1", "2025/1/1 14:00", "2025年3月1日", "2025年3月1", "20250301", "20250301 08:00",
        "46082", "46082.5", "0", "2958466", "２０２５／３／１", "2025/3/1 ", " 2025/3/1", "2025/3", "2025/3/1/2", "2025-3.1", "25/3/1",
        "2025/3/1日", "2025.11", "2025..1", "abc", "2025/3/1上午", "2025-03-01T08:00",
    ];

    private static readonly string[] Amounts =
    [
        "1万", "2,000", "12000", "1,250,000", "1.5万", "50万元", "1.2亿", "¥3000", "￥3000", "8000 RMB", "8000RMB", "8000 CNY", "3000元",
        "-5", "-5万", "0", "00012", ",", "万", "1,,,2", "1万万", "１２，０００", "1 000", "1'000", "1_000", "999999999999999999",
        "9999999999999999999", "99999999999999999999999999999", "1e5", "abc", " 12", "12 ", "1." + new string('0', 70),
        "1" + new string(',', 70),
    ];

    private static readonly string[] Numbers = ["12", "1,200", "1.5", "-1", "3000000000", "１２", "十二", "0", "2万"];

    /// <summary>A cell for a column: mostly the forms of its own field, sometimes any text, sometimes nothing.</summary>
    private static Gen<string?> CellFor(string header)
    {
        var own = header switch
        {
            "联系电话" or "手机" => Phones,
            "邮箱" or "电子邮箱" => Emails,
            "首次合作时间" or "首次接触时间" or "更新时间" => Dates,
            "年合作金额" or "年营收（万元）" => Amounts,
            "合作频次" or "员工人数" => Numbers,
            _ => Texts,
        };
        return Gen.Frequency(
            (6, Gen.Elements(own).Select(s => (string?)s)),
            (1, Gen.Elements(Texts).Select(s => (string?)s)),
            (1, Gen.Constant((string?)null)),
            (1, Gen.Elements(own).Two().Select(p => (string?)(p.Item1 + p.Item2))));
    }

    private static Gen<string?[]> Rows() =>
        Gen.CollectToArray(Headers, CellFor);

    [Property(MaxTest = 4000)]
    public Property FastLane_GivesTheFullPathsRow()
    {
        return Prop.ForAll(Rows().ToArbitrary(), cells =>
        {
            var (fast, fastProblems) = Parse(Fast, cells);
            var (full, fullProblems) = Parse(Full, cells);
            return (Describe(fast) == Describe(full) && fastProblems.SequenceEqual(fullProblems))
                .Label($"fast:\n{Describe(fast)}{string.Join('\n', fastProblems)}\nfull:\n{Describe(full)}{string.Join('\n', fullProblems)}");
        });
    }

    /// <summary>Single cells of every listed form, each column on its own: the same row both ways.</summary>
    [Fact]
    public void FastLane_EveryListedForm_InEveryColumn_GivesTheFullPathsRow()
    {
        foreach (var header in Headers)
        {
            foreach (var text in Texts.Concat(Phones).Concat(Emails).Concat(Dates).Concat(Amounts).Concat(Numbers))
            {
                var cells = Headers.Select(h => h == header ? text : h == "客户名称" ? "甲公司" : null).ToArray();
                var (fast, fastProblems) = Parse(Fast, cells);
                var (full, fullProblems) = Parse(Full, cells);
                Assert.True(Describe(fast) == Describe(full), $"{header} = {text}:\n{Describe(fast)}\n{Describe(full)}");
                Assert.Equal(fullProblems, fastProblems);
            }
        }
    }

    /// <summary>The generator's rows (the benchmark's file): every cell takes the fast lane, and the typed ones (id, phone, e-mail,
    /// amount, date) are read by it, not by the full path; so the property above compares the two, not the full path with itself.</summary>
    [Theory]
    [InlineData("KH0000000", "上海某某0号制造有限公司", "制造业", "A", "经理0", "联系人0", "138 0000 0000", "c0@example.cn", "1万", "2025/1/1", "ERP、CRM")]
    [InlineData("KH0000001", "上海某某1号制造有限公司", "零售业", "B", "经理1", "联系人1", "138 0000 0001", "c1@example.cn", "2,000", "2025/2/2", "ERP、CRM")]
    [InlineData("KH0000011", "上海某某11号制造有限公司", "科技/互联网", "C", "经理11", "联系人11", "138 0000 0011", "C11@Example.CN", "12,000", "2025-12-12", "ERP")]
    public void FastLane_GeneratorRows_TakeIt(params string[] cells)
    {
        string[] headers = ["客户编号", "客户名称", "所属行业", "客户等级", "负责客户经理", "联系人", "联系电话", "邮箱", "年合作金额", "首次合作时间", "产品/服务类型"];
        var problems = new List<CellProblem>();

        var row = new CustomerRowParser(ImportMappings.Customers, headers, Zh).Parse(new SourceRow(2, cells), problems, out var plain, out var typed);

        Assert.Empty(problems);
        Assert.Equal(11, plain);
        Assert.Equal(5, typed);
        Assert.Equal(cells[0], row.Id);
        Assert.Equal(PhoneNormalizer.FromKey(row.PhoneKey), row.Phone);
        Assert.Equal(cells[7].ToLowerInvariant(), row.Email);
    }

    [Theory]
    [InlineData(" 上海", false)]
    [InlineData("上海 ", false)]
    [InlineData("上 海", true)]
    [InlineData("上  海", false)]
    [InlineData("'=1", false)]
    [InlineData("ＡＢＣ", false)]
    [InlineData("a\u3000b", false)]
    [InlineData("a\u00A0b", false)]
    [InlineData("a\tb", false)]
    [InlineData("上海某某0号制造有限公司", true)]
    [InlineData("上海某某0号制造有限公司\n", false)]
    [InlineData("", false)]
    public void IsPlain_KnownCells(string cell, bool plain) => Assert.Equal(plain, CustomerRowParser.IsPlain(cell));

    /// <summary>A plain cell is its own cleaned and folded text, for any text (characters drawn from every range the test names).</summary>
    [Property(MaxTest = 20000)]
    public Property IsPlain_CellIsItsOwnCleanAndFoldedText()
    {
        var chars = Gen.Frequency(
            (8, Gen.Choose('a', 'z').Select(c => (char)c)),
            (4, Gen.Choose(0x4E00, 0x4E20).Select(c => (char)c)),
            (3, Gen.Constant(' ')),
            (1, Gen.Choose(0, 0x7F).Select(c => (char)c)),
            (1, Gen.Choose(0x7F, 0xB0).Select(c => (char)c)),
            (1, Gen.Choose(0x1660, 0x3010).Select(c => (char)c)),
            (1, Gen.Choose(0xFEF0, 0xFF70).Select(c => (char)c)),
            (1, Gen.Elements('\'', '=', '\u3000', '\u2028', '\u205F', '\uFEFF')));
        return Prop.ForAll(Gen.ListOf(chars).Select(c => new string([.. c])).ToArbitrary(), text =>
            !CustomerRowParser.IsPlain(text)
            || ((BlankCell.HoldsValue(text) ? ReferenceEquals(BlankCell.Read(text), text) : BlankCell.Read(text) is null)
                && ReferenceEquals(TextNormalizer.Fold(text), text)));
    }

    [Property(MaxTest = 5000)]
    public Property Canonical_IsFromKey(ulong key) => (CustomerRowParser.Canonical(key) == PhoneNormalizer.FromKey(key)).ToProperty();

    [Theory]
    [InlineData(0UL)]
    [InlineData(9UL)]
    [InlineData(10UL)]
    [InlineData(8613800000000UL)]
    [InlineData(ulong.MaxValue)]
    public void Canonical_Edges(ulong key) => Assert.Equal(PhoneNormalizer.FromKey(key), CustomerRowParser.Canonical(key));

    private static (CustomerRow Row, List<CellProblem> Problems) Parse(CustomerRowParser parser, string?[] cells)
    {
        var problems = new List<CellProblem>();
        return (parser.Parse(new SourceRow(7, cells), problems), problems);
    }

    /// <summary>Every property of a row, decimals with their scale, lists item by item.</summary>
    private static string Describe(CustomerRow row)
    {
        var text = new StringBuilder();
        foreach (var property in typeof(CustomerRow).GetProperties(BindingFlags.Public | BindingFlags.Instance).OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            text.Append(property.Name).Append('=').Append(Value(property.GetValue(row))).Append('\n');
        }

        return text.ToString();
    }

    private static string Value(object? value) => value switch
    {
        null => "null",
        string s => "\"" + s + "\"",
        decimal d => d.ToString(CultureInfo.InvariantCulture),
        TableKey k => k.IsReady ? $"{k.Hash}:{k.Text}" : "-",
        System.Collections.IEnumerable items => "[" + string.Join(", ", items.Cast<object?>().Select(Value)) + "]",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "?",
    };
}
