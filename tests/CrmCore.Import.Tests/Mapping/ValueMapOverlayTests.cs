using System.Globalization;
using System.Text;
using CrmCore.Customers;
using CrmCore.Import.Customers;
using CrmCore.Import.Mapping;
using CrmCore.Import.Plans;
using CrmCore.Import.Reports;
using CrmCore.Import.Tables;
using CrmCore.Import.Tests.Entities;
using CrmCore.Import.Tickets;
using CrmCore.Relationships;
using CrmCore.Tickets;

namespace CrmCore.Import.Tests.Mapping;

/// <summary>A mapping file's value map is laid over the built-in one value by value, and a target that is no value of its field is an
/// error when the file is loaded (QA wave 15, item 1).</summary>
public sealed class ValueMapOverlayTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("crm-valuemap-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task TicketValueMap_AddsToTheBuiltInChineseValues_TheSampleStillImports()
    {
        var desk = await EntityDesk.CreateAsync();
        var mapping = ImportMappingFile.Load(File("tm4.json", """{ "values": { "Urgency": { "特急": "Urgent" }, "Status": { "挂起": "Pending" } } }"""), ImportMappings.Tickets);

        var report = await desk.TicketImporter(new TableImportOptions<TicketField> { Mapping = mapping, Culture = CultureInfo.InvariantCulture })
            .ImportAsync(Samples.Path("服务质量问题跟踪表.csv"));

        // Lines 3–5 use the built-in 紧急/一般 and 已解决/处理中; line 6's 特急 is the file's. The other rejections are the sample's own.
        Assert.Equal([3, 4, 5, 6], report.Rows.Where(r => r.Outcome == ImportOutcome.Inserted).Select(r => r.Line));
        Assert.DoesNotContain(report.Rows, r => r.ReasonCode == "Choice");
        Assert.Equal(Urgency.Urgent, (await desk.Tickets.FindAsync(new TicketId("WT202403001")))!.Urgency);
        Assert.Equal(TicketStatus.InProgress, (await desk.Tickets.FindAsync(new TicketId("WT202403002")))!.Status);
        Assert.Equal(Urgency.Urgent, (await desk.Tickets.FindAsync(new TicketId("WT202403004")))!.Urgency);
    }

    [Fact]
    public async Task TicketStatusMap_TheFilesValueAndTheBuiltInOnesBothRead()
    {
        var desk = await EntityDesk.CreateAsync();
        var mapping = ImportMappingFile.Load(File("tm5.json", """{ "values": { "Status": { "挂起": "Pending" } } }"""), ImportMappings.Tickets);

        var report = await EntityDesk.FromText(
            desk.TicketImporter(new TableImportOptions<TicketField> { Mapping = mapping, Culture = CultureInfo.InvariantCulture }).ImportAsync,
            "问题编号,客户编号,问题描述,提出时间,负责人,状态\nT1,KH001,a,2024-03-15 14:00,赵六,挂起\nT2,KH001,b,2024-03-15 14:00,赵六,处理中\n");

        Assert.Equal(2, report.Totals.Inserted);
        Assert.Equal(TicketStatus.Pending, (await desk.Tickets.FindAsync(new TicketId("T1")))!.Status);
        Assert.Equal(TicketStatus.InProgress, (await desk.Tickets.FindAsync(new TicketId("T2")))!.Status);
    }

    [Fact]
    public async Task PlanChannelMap_AddsToTheBuiltInChineseValues_TheSampleStillImports()
    {
        var desk = await EntityDesk.CreateAsync();
        var mapping = ImportMappingFile.Load(File("pm.json", """{ "values": { "Channel": { "飞鸽传书": "Email" } } }"""), ImportMappings.Plans);
        var options = new TableImportOptions<PlanField> { Mapping = mapping, Culture = CultureInfo.InvariantCulture };

        var sample = await desk.PlanImporter(options).ImportAsync(Samples.Path("客户沟通计划表.csv"));

        // Line 8's 飞鸽传书 is the file's value, lines 3–5's 电话/拜访 the built-in ones; the other rejections are the sample's own.
        Assert.Equal([3, 4, 5, 8], sample.Rows.Where(r => r.Outcome == ImportOutcome.Inserted).Select(r => r.Line));
        Assert.DoesNotContain(sample.Rows, r => r.ReasonCode == "Choice");
        var entries = await PlanImporterTests.AllAsync(desk.Plans);
        Assert.Equal(new NodaTime.LocalDate(2024, 4, 6), Assert.Single(entries, e => e.Channel == ContactChannel.Email).DueOn);
        Assert.Contains(entries, e => e.Channel == ContactChannel.Call); // the sample's 电话, read by the built-in map
    }

    [Fact]
    public async Task CustomerRoleMap_AddsToTheBuiltInValues()
    {
        var store = new Desk.InMemoryCustomerRepository();
        var mapping = ImportMappingFile.Load(File("cm.json", """{ "values": { "ContactRole": { "老板": "DecisionMaker" } } }"""), ImportMappings.Customers);
        var csv = "客户编号,客户名称,联系人,联系人角色,联系电话\nKH1,甲公司,张三,老板,13812345678\nKH2,乙公司,李四,联系人,13912345678\n";

        var report = await Samples.Importer(store, new CustomerImportOptions { Mapping = mapping, Culture = CultureInfo.InvariantCulture })
            .ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes(csv)), "c.csv");

        Assert.Equal(2, report.Totals.Inserted);
        Assert.Equal(ContactRole.DecisionMaker, (await store.FindAsync(new CustomerId("KH1")))!.Contacts[0].Role);
        Assert.Equal("Contact", (await store.FindAsync(new CustomerId("KH2")))!.Contacts[0].Role.Code); // the built-in 联系人 → Contact
    }

    [Fact]
    public void With_LaysValueMapsOverValueByValue_TheOverridingEntryWins()
    {
        var under = new ImportMapping<TicketField>([], values: [new(TicketField.Urgency, new Dictionary<string, string> { ["紧急"] = "Urgent", ["一般"] = "General" })]);
        var over = new ImportMapping<TicketField>([], values: [new(TicketField.Urgency, new Dictionary<string, string> { ["一般"] = "Major", ["特急"] = "Urgent" })]);

        var both = under.With(over);

        Assert.Equal(
            [("一般", "Major"), ("特急", "Urgent"), ("紧急", "Urgent")],
            both.Values[TicketField.Urgency].Select(p => (p.Key, p.Value)).OrderBy(p => p.Key, StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("en", "'Critical' (what '特急' maps to) is not a value of Urgency; use one of General, Urgent, Major")]
    [InlineData("zh-Hans", "“Critical”（“特急”映射到的值）不是 Urgency 的取值；请使用以下之一：General（一般）、Urgent（紧急）、Major（重大）")]
    public void Load_TargetThatIsNoValueOfTheField_FailsAtLoadWithFileLineColumnAndTheAllowedValues(string culture, string reason)
    {
        const string line2 = """  "values": { "Urgency": { "特急": "Critical" } }""";
        var path = File("bad.json", "{\n" + line2 + "\n}");

        var error = Assert.Throws<ImportFileException>(() => ImportMappingFile.Load(path, ImportMappings.Tickets, CultureInfo.GetCultureInfo(culture)));

        var column = line2.IndexOf("\"Critical\"", StringComparison.Ordinal) + 1;
        Assert.Equal((path, 2, column, reason), (error.File, error.Line, error.Column, error.Reason));
        Assert.StartsWith($"{path}:2:{column}: ", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Status", "Done", "NotStarted, InProgress, Completed, Cancelled", "NotStarted（未开始）、InProgress（进行中）、Completed（已完成）、Cancelled（已取消）")]
    [InlineData("Channel", "Pigeon", "Call, Visit, Email, Sms, CareMessage, SupervisorCall", "Call（电话）、Visit（拜访）、Email（邮件）、Sms（短信）、CareMessage（关怀信息）、SupervisorCall（主管致电）")]
    [InlineData("Kind", "Adhoc", "Cadence, Birthday, Holiday, ContractExpiry, ChurnFollowUp, SilentCare, Manual", "Cadence（定期沟通）、Birthday（生日关怀）、Holiday（节日关怀）、ContractExpiry（合同到期提醒）、ChurnFollowUp（流失预警跟进）、SilentCare（沉默客户关怀）、Manual（手动计划）")]
    public void Parse_PlanTargetThatIsNoValue_IsRefusedWithTheAllowedValues(string field, string target, string english, string chinese)
    {
        var json = $$"""{ "values": { "{{field}}": { "x": "{{target}}" } } }""";

        var en = Assert.Throws<ImportFileException>(() => ImportMappingFile.Parse<PlanField>(json, "p.json", CultureInfo.InvariantCulture));
        var zh = Assert.Throws<ImportFileException>(() => ImportMappingFile.Parse<PlanField>(json, "p.json", CultureInfo.GetCultureInfo("zh-Hans")));

        Assert.EndsWith("use one of " + english, en.Reason, StringComparison.Ordinal);
        Assert.EndsWith("请使用以下之一：" + chinese, zh.Reason, StringComparison.Ordinal);
        Assert.Equal(json.IndexOf($"\"{target}\"", StringComparison.Ordinal) + 1, en.Column);
    }

    [Fact]
    public void Parse_TargetsByNameInAnyCase_ByABuiltInChineseValue_AndOpenFields_AreAccepted()
    {
        var mapping = ImportMappingFile.Parse<TicketField>(
            """{ "values": { "Urgency": { "特急": "紧急", "超急": "major" }, "Status": { "挂起": "in progress" }, "Type": { "维修": "Repair" } } }""", "t.json");

        Assert.Equal("Urgent", mapping.Values[TicketField.Urgency]["特急"]); // a built-in Chinese value stands for its name
        Assert.Equal("major", mapping.Values[TicketField.Urgency]["超急"]);
        Assert.Equal("in progress", mapping.Values[TicketField.Status]["挂起"]);
        Assert.Equal("Repair", mapping.Values[TicketField.Type]["维修"]); // ticket types are open: a code of one's own
    }

    [Theory]
    [InlineData("Csat", "优", "en", "'优' (what '很好' maps to) is not a value of Csat: use a whole number from 1 to 5")]
    [InlineData("Nps", "11", "en", "'11' (what '很好' maps to) is not a value of Nps: use a whole number from 0 to 10")]
    [InlineData("Csat", "优", "zh-Hans", "“优”（“很好”映射到的值）不是 Csat 的取值：请使用 1 到 5 之间的整数")]
    public void Parse_ScoreTargetThatIsNoWholeNumberInRange_IsRefused(string field, string target, string culture, string reason)
    {
        var json = $$"""{ "values": { "{{field}}": { "很好": "{{target}}" } } }""";

        var error = Assert.Throws<ImportFileException>(() => ImportMappingFile.Parse<Surveys.SurveyField>(json, "s.json", CultureInfo.GetCultureInfo(culture)));

        Assert.Equal((1, json.IndexOf($"\"{target}\"", StringComparison.Ordinal) + 1, reason), (error.Line, error.Column, error.Reason));
    }

    [Fact]
    public async Task SurveyScoreMap_WordsForScores_Import()
    {
        var desk = await EntityDesk.CreateAsync();
        await EntityDesk.FromText(desk.TicketImporter().ImportAsync, "问题编号,客户编号,问题描述,提出时间,负责人\nT1,KH001,a,2024-03-15 14:00,赵六\n");
        var mapping = ImportMappingFile.Load(File("sm.json", """{ "values": { "Csat": { "非常满意": "5", "满意": "4.0" }, "Nps": { "强烈推荐": "10" } } }"""), ImportMappings.Surveys);

        var report = await EntityDesk.FromText(
            desk.SurveyImporter(new TableImportOptions<Surveys.SurveyField> { Mapping = mapping, Culture = CultureInfo.InvariantCulture }).ImportAsync,
            "问题编号,评价时间,满意度,推荐意愿\nT1,2024-03-17 10:00,非常满意,强烈推荐\nT1,2024-03-18 10:00,满意,\n");

        Assert.Equal(2, report.Totals.Inserted);
        var answers = (await desk.Tickets.FindAsync(new TicketId("T1")))!.Surveys;
        Assert.Equal([(5, (int?)10), (4, null)], answers.Select(a => (a.Csat.Value, a.Nps?.Value)));
    }

    private string File(string name, string json)
    {
        var path = Path.Combine(_folder, name);
        System.IO.File.WriteAllText(path, json);
        return path;
    }
}
