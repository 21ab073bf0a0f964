using System.Reflection;
using CrmCore.Customers;
using CrmCore.Import.Customers;
using CrmCore.Import.Mapping;
using CrmCore.Import.Reading;
using NodaTime;

namespace CrmCore.Import.Tests;

/// <summary>A <see cref="CustomerRow"/> keeps the values most rows lack in a side object made only when a row has one.</summary>
public class CustomerRowRareValuesTests
{
    private static readonly FieldInfo Rare = typeof(CustomerRow).GetField("_rare", BindingFlags.NonPublic | BindingFlags.Instance)!;

    [Fact]
    public void GeneratorRow_HasNoSideObject()
    {
        string[] headers = ["客户编号", "客户名称", "所属行业", "客户等级", "负责客户经理", "联系人", "联系电话", "邮箱", "年合作金额", "首次合作时间", "产品/服务类型"];
        var problems = new List<CellProblem>();

        var row = new CustomerRowParser(ImportMappings.Customers, headers, null)
            .Parse(new SourceRow(2, ["KH1", "上海某某1号制造有限公司", "制造业", "A", "经理1", "联系人1", "138 0000 0001", "c1@example.cn", "1万", "2025/1/1", "ERP、CRM"]), problems);

        Assert.Empty(problems);
        Assert.Null(Rare.GetValue(row));
        Assert.Null(row.Notes);
        Assert.Null(row.ExtraPhones);
    }

    [Fact]
    public void RareValues_ReadBackAsSet_AndNullSetsMakeNoSideObject()
    {
        var row = new CustomerRow { Line = 3 };
        row.ShortName = null;
        row.Notes = null;
        row.UpdatedOn = null;
        Assert.Null(Rare.GetValue(row));

        row.ShortName = "甲";
        row.ContactRole = new ContactRole("Buyer");
        (row.ExtraPhones ??= []).Add(new ExtraPhone("+8613800000001", 8613800000001, "电话", 2));
        (row.Notes ??= []).Add(new Reports.ImportRowNote("电话", 3, "Remark", "x"));
        row.NameInPhoneCell = ("张三", 2, "电话");
        row.EmailInPhoneCell = ("a@b.cn", 2, "电话");
        row.OrdersPerYear = 4;
        row.Employees = 50;
        row.AnnualRevenue = 1.50m;
        row.Source = new CustomerSource("Referral");
        row.UpdatedOn = new LocalDate(2026, 3, 1);

        Assert.NotNull(Rare.GetValue(row));
        Assert.Equal("甲", row.ShortName);
        Assert.Equal("Buyer", row.ContactRole?.Code);
        Assert.Equal(8613800000001UL, Assert.Single(row.ExtraPhones!).Key);
        Assert.Equal("Remark", Assert.Single(row.Notes!).Code);
        Assert.Equal(("张三", 2, "电话"), row.NameInPhoneCell);
        Assert.Equal(("a@b.cn", 2, "电话"), row.EmailInPhoneCell);
        Assert.Equal(4, row.OrdersPerYear);
        Assert.Equal(50, row.Employees);
        Assert.Equal("1.50", row.AnnualRevenue?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("Referral", row.Source?.Code);
        Assert.Equal(new LocalDate(2026, 3, 1), row.UpdatedOn);

        row.ShortName = null;
        row.UpdatedOn = null;
        Assert.Null(row.ShortName);
        Assert.Null(row.UpdatedOn);
        Assert.Equal(50, row.Employees);
    }
}
