using System.Text;
using CrmCore.Import.Reports;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Property = FsCheck.Property;

namespace CrmCore.Import.Tests.Entities;

/// <summary>For random dirty ticket, plan and survey tables: every data row gets exactly one outcome, the totals add up to the rows read,
/// and every row with a reason has a reason code.</summary>
public sealed class OutcomePropertyTests
{
    private static readonly string[] Customers = ["KH001", "KH002", "科技", "贸易公司", "KH404", "", "-"];
    private static readonly string[] Times = ["2024-03-01 09:00", "2024/3/2 10:30", "2024年3月3日", "2024-02-30", "昨天", "", "45352.5", "2024-03-04T08:00:00+08:00"];
    private static readonly string[] Ids = ["T1", "T2", "T3", "", "T1"];

    [Property(MaxTest = 40)]
    public Property Tickets_OutcomesAddUp() => Prop.ForAll(Table(Gen.Elements("一般", "紧急", "重大", "特急", ""), Gen.Elements("待处理", "处理中", "已解决", "已关闭", "乱写", "")).ToArbitrary(), rows =>
    {
        var desk = EntityDesk.CreateAsync().GetAwaiter().GetResult();
        var csv = new StringBuilder("问题编号,客户名称,问题描述,提出时间,紧急程度,负责人,状态,解决时间\n");
        foreach (var r in rows)
        {
            csv.Append(r.Blank ? ",,,,,,,\n" : $"{r.Id},{r.Customer},描述{r.Id},{r.Time},{r.A},{(r.Id.Length == 0 ? "" : "周工")},{r.B},{r.Time2}\n");
        }

        var report = EntityDesk.FromText(desk.TicketImporter().ImportAsync, csv.ToString()).GetAwaiter().GetResult();
        var stored = desk.Tickets.ListAsync(CrmCore.Desk.TicketQuery.All).ToBlockingEnumerable().Count();

        return AddsUp(report, rows.Count) && report.Totals.Inserted == stored;
    });

    [Property(MaxTest = 40)]
    public Property Plans_OutcomesAddUp() => Prop.ForAll(Table(Gen.Elements("电话", "拜访", "邮件", "飞鸽", ""), Gen.Elements("未开始", "进行中", "已完成", "已取消", "乱写", "")).ToArbitrary(), rows =>
    {
        var desk = EntityDesk.CreateAsync().GetAwaiter().GetResult();
        var csv = new StringBuilder("计划编号,客户名称,沟通方式,沟通内容要点,计划执行时间,完成状态,实际执行时间\n");
        foreach (var r in rows)
        {
            csv.Append(r.Blank ? ",,,,,,\n" : $"{r.Id},{r.Customer},{r.A},内容,{r.Time},{r.B},{r.Time2}\n");
        }

        var report = EntityDesk.FromText(desk.PlanImporter().ImportAsync, csv.ToString()).GetAwaiter().GetResult();
        var stored = PlanImporterTests.AllAsync(desk.Plans).GetAwaiter().GetResult().Count;
        return AddsUp(report, rows.Count) && report.Totals.Inserted == stored;
    });

    private static bool AddsUp(ImportReport report, int rows)
    {
        var t = report.Totals;
        return report.Rows.Count == rows && t.RowsRead == rows
            && t.Inserted + t.Updated + t.Unchanged + t.Merged + t.Held + t.Rejected + t.Skipped == rows
            && report.Rows.Select(r => r.Line).Distinct().Count() == rows
            && report.Rows.All(r => (r.Reason is null) == (r.ReasonCode is null));
    }

    private sealed record Row(bool Blank, string Id, string Customer, string Time, string Time2, string A, string B);

    private static Gen<List<Row>> Table(Gen<string> a, Gen<string> b)
    {
        var row =
            from blank in Gen.Elements(true, false, false, false, false)
            from id in Gen.Elements(Ids)
            from customer in Gen.Elements(Customers)
            from time in Gen.Elements(Times)
            from time2 in Gen.Elements(Times)
            from x in a
            from y in b
            select new Row(blank, id, customer, time, time2, x, y);
        return Gen.ListOf(row).Select(rows => rows.ToList());
    }
}
