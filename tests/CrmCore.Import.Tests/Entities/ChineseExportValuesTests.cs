using System.Text;
using CrmCore.Customers;
using CrmCore.Desk;
using CrmCore.Import.Export;
using CrmCore.Relationships;
using CrmCore.Tickets;
using MiniExcelLibs;

namespace CrmCore.Import.Tests.Entities;

/// <summary>With Chinese headers every enumerated value goes out in Chinese, and the import reads it back (QA wave 15, item 8).</summary>
public sealed class ChineseExportValuesTests
{
    [Fact]
    public async Task Customers_ContactRolesIndustryAndSource_InChinese_AndReadBack()
    {
        var source = new InMemoryCustomerRepository();
        var csv = "客户编号,客户名称,所属行业,联系人,联系人角色,联系电话,来源渠道\n"
            + "KH1,甲公司,零售业,张三,,13812345678,转介绍\n"
            + "KH2,乙公司,制造业,李四,技术负责人,13912345678,官网表单\n";
        await Samples.Importer(source).ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes(csv)), "c.csv");
        var original = await Samples.AllAsync(source);
        Assert.Equal("Contact", original.Single(c => c.Id.Value == "KH1").Contacts[0].Role.Code); // the import's default role

        var file = ExportFiles.Write(s => CustomerExporter.WriteXlsx(original, s, ExportLanguage.Chinese));

        Assert.Equal(["联系人", "技术负责人"], Column(file, "联系人角色"));
        Assert.Equal(["零售业", "制造业"], Column(file, "所属行业"));
        Assert.Equal(["转介绍", "官网表单"], Column(file, "来源渠道"));
        var copy = new InMemoryCustomerRepository();
        var report = await Samples.Importer(copy).ImportAsync(file, "customers.xlsx");
        Assert.Equal(2, report.Totals.Inserted);
        var back = await Samples.AllAsync(copy);
        Assert.Equal(
            original.Select(c => (c.Id, c.Industry, c.Source, c.Contacts[0].Role)),
            back.Select(c => (c.Id, c.Industry, c.Source, c.Contacts[0].Role)));
    }

    [Fact]
    public async Task Plans_KindChannelAndStatus_InChinese_AndReadBack()
    {
        var source = await EntityDesk.CreateAsync();
        var csv = "计划编号,客户编号,沟通方式,沟通内容要点,计划执行时间,实际执行时间,完成状态,计划类型\n"
            + "P1,KH001,拜访,续约,2024-04-01,2024-04-01,已完成,\n"
            + "P2,KH002,关怀短信,生日问候,2024-04-02,,未开始,生日关怀\n"
            + "P3,KH002,主管电话,流失跟进,2024-04-03,,进行中,流失预警跟进\n";
        var imported = await EntityDesk.FromText(source.PlanImporter().ImportAsync, csv);
        Assert.Equal(3, imported.Totals.Inserted);
        var original = (await PlanImporterTests.AllAsync(source.Plans)).OrderBy(e => e.Id.Value, StringComparer.Ordinal).ToList();
        Assert.Equal([PlanKind.Manual, PlanKind.Birthday, PlanKind.ChurnFollowUp], original.Select(e => e.Kind));

        var file = ExportFiles.Write(s => PlanExporter.WriteXlsx(original, s, ExportLanguage.Chinese));

        Assert.Equal(["手动计划", "生日关怀", "流失预警跟进"], Column(file, "计划类型"));
        Assert.Equal(["拜访", "关怀信息", "主管致电"], Column(file, "沟通方式")); // the display names, not document 001's 关怀短信/主管电话 read in
        Assert.Equal(["已完成", "未开始", "进行中"], Column(file, "完成状态"));
        var copy = await EntityDesk.CreateAsync();
        var report = await copy.PlanImporter().ImportAsync(file, "plans.xlsx");
        Assert.Equal(3, report.Totals.Inserted);
        var back = (await PlanImporterTests.AllAsync(copy.Plans)).OrderBy(e => e.Id.Value, StringComparer.Ordinal);
        Assert.Equal(original.Select(e => (e.Id, e.Kind, e.Channel, e.Status)), back.Select(e => (e.Id, e.Kind, e.Channel, e.Status)));
    }

    [Fact]
    public async Task Tickets_UrgencyTypeChannelAndStatus_InChinese_AndReadBack()
    {
        var source = await EntityDesk.CreateAsync();
        var csv = "问题编号,客户编号,问题描述,提出时间,紧急程度,问题类型,渠道,负责人,状态,解决时间\n"
            + "T1,KH001,a,2024-03-15 14:00,重大,建议,短信,赵六,待客户反馈,\n"
            + "T2,KH001,b,2024-03-15 14:00,一般,故障,在线客服,赵六,待回访,2024-03-16 10:00\n"
            + "T3,KH002,c,2024-03-15 14:00,紧急,售前,网页表单,孙七,无需处理,\n";
        Assert.Equal(3, (await EntityDesk.FromText(source.TicketImporter().ImportAsync, csv)).Totals.Inserted);
        var original = (await source.Tickets.ListAsync(TicketQuery.All).ToListAsync()).OrderBy(t => t.Id.Value, StringComparer.Ordinal).ToList();

        var file = ExportFiles.Write(s => TicketExporter.WriteXlsx(original, s, ExportLanguage.Chinese));

        Assert.Equal(["重大", "一般", "紧急"], Column(file, "紧急程度"));
        Assert.Equal(["建议", "故障", "售前咨询"], Column(file, "问题类型")); // the display names: 售前, 在线, 网页表单, 待客户反馈 were read in
        Assert.Equal(["短信", "在线客服", "官网表单"], Column(file, "渠道"));
        Assert.Equal(["等待客户", "待回访", "无需处理"], Column(file, "状态"));
        var copy = await EntityDesk.CreateAsync();
        Assert.Equal(3, (await copy.TicketImporter().ImportAsync(file, "tickets.xlsx")).Totals.Inserted);
        var back = (await copy.Tickets.ListAsync(TicketQuery.All).ToListAsync()).OrderBy(t => t.Id.Value, StringComparer.Ordinal);
        Assert.Equal(original.Select(t => (t.Id, t.Urgency, t.Type, t.Channel, t.Status)), back.Select(t => (t.Id, t.Urgency, t.Type, t.Channel, t.Status)));
    }

    /// <summary>The cells of one column under its header, in row order.</summary>
    private static List<string> Column(MemoryStream file, string header)
    {
        file.Position = 0;
        var rows = file.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().Select(r => r[header]?.ToString() ?? string.Empty).ToList();
        file.Position = 0;
        return rows;
    }
}
