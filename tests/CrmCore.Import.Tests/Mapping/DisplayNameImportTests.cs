using System.Globalization;
using System.Reflection;
using System.Text;
using CrmCore.Customers;
using CrmCore.Desk;
using CrmCore.Import.Customers;
using CrmCore.Import.Export;
using CrmCore.Import.Mapping;
using CrmCore.Import.Plans;
using CrmCore.Import.Reading;
using CrmCore.Import.Tests.Entities;
using CrmCore.Import.Tickets;
using CrmCore.Localization;
using CrmCore.Relationships;
using CrmCore.Tickets;

namespace CrmCore.Import.Tests.Mapping;

/// <summary>
/// One concept, one label: every value of a field that has both a display name (<see cref="DisplayNames"/>, what reports, exports and
/// <c>crm</c> show) and an import value map is read back from its zh-Hans and its English display name. The values are enumerated (every
/// enum value; every well-known instance of an extensible code type, found by reflection), so a value added without a mapping fails here.
/// </summary>
public sealed class DisplayNameImportTests
{
    private static readonly CultureInfo Zh = CultureInfo.GetCultureInfo("zh-Hans");
    private static readonly CultureInfo En = CultureInfo.GetCultureInfo("en");
    private static readonly CultureInfo[] Languages = [Zh, En];

    public static TheoryData<string, string, string> TicketLabels()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var culture in Languages)
        {
            Add(data, culture, nameof(TicketField.Urgency), Enum.GetValues<Urgency>(), v => v.ToString(), DisplayNames.Of);
            Add(data, culture, nameof(TicketField.Status), Enum.GetValues<TicketStatus>(), v => v.ToString(), DisplayNames.Of);
            Add(data, culture, nameof(TicketField.Type), WellKnown<TicketType>(), v => v.Code, DisplayNames.Of);
            Add(data, culture, nameof(TicketField.Channel), WellKnown<Channel>(), v => v.Code, DisplayNames.Of);
        }

        return data;
    }

    public static TheoryData<string, string, string> PlanLabels()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var culture in Languages)
        {
            Add(data, culture, nameof(PlanField.Channel), Enum.GetValues<ContactChannel>(), v => v.ToString(), DisplayNames.Of);
            Add(data, culture, nameof(PlanField.Status), Enum.GetValues<PlanStatus>(), v => v.ToString(), DisplayNames.Of);
            Add(data, culture, nameof(PlanField.Kind), Enum.GetValues<PlanKind>(), v => v.ToString(), DisplayNames.Of);
        }

        return data;
    }

    public static TheoryData<string, string, string> CustomerLabels()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var culture in Languages)
        {
            Add(data, culture, nameof(CustomerField.Industry), WellKnown<Industry>(), v => v.Code, DisplayNames.Of);
            Add(data, culture, nameof(CustomerField.Source), WellKnown<CustomerSource>(), v => v.Code, DisplayNames.Of);
            Add(data, culture, nameof(CustomerField.ContactRole), WellKnown<ContactRole>(), v => v.Code, DisplayNames.Of);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(TicketLabels))]
    public void TicketMapping_DisplayName_ReadsAsItsValue(string field, string label, string code) =>
        Assert.Equal(code, Read(ImportMappings.Tickets, Enum.Parse<TicketField>(field), label));

    [Theory]
    [MemberData(nameof(PlanLabels))]
    public void PlanMapping_DisplayName_ReadsAsItsValue(string field, string label, string code) =>
        Assert.Equal(code, Read(ImportMappings.Plans, Enum.Parse<PlanField>(field), label));

    [Theory]
    [MemberData(nameof(CustomerLabels))]
    public void CustomerRow_DisplayName_ReadsAsItsValue(string field, string label, string code)
    {
        string[] headers = ["客户名称", "联系人", "所属行业", "来源渠道", "联系人角色"];
        var column = field switch
        {
            nameof(CustomerField.Industry) => "所属行业",
            nameof(CustomerField.Source) => "来源渠道",
            _ => "联系人角色",
        };
        var cells = headers.Select(h => h == column ? label : h == "客户名称" ? "甲公司" : h == "联系人" ? "张三" : null).ToArray();
        var problems = new List<CellProblem>();

        var row = new CustomerRowParser(ImportMappings.Customers, headers, Zh).Parse(new SourceRow(2, cells), problems);

        Assert.Empty(problems);
        Assert.Equal(code, field switch
        {
            nameof(CustomerField.Industry) => row.Industry?.Code,
            nameof(CustomerField.Source) => row.Source?.Code,
            _ => row.ContactRole?.Code,
        });
    }

    [Fact]
    public void WellKnown_FindsTheBuiltInValues_SoTheTheoriesCoverThem()
    {
        Assert.Contains(Channel.Sms, WellKnown<Channel>());
        Assert.Contains(TicketType.PreSales, WellKnown<TicketType>());
        Assert.Contains(Industry.Technology, WellKnown<Industry>());
        Assert.Contains(ContactRole.ProcurementLead, WellKnown<ContactRole>());
        Assert.Contains(CustomerSource.Referral, WellKnown<CustomerSource>());
    }

    [Theory]
    [InlineData("zh-Hans")]
    [InlineData("en")]
    public async Task Tickets_TypedWithTheDisplayNames_ImportAsTheirValues(string language) =>
        await ImportTicketsByDisplayNameAsync(await EntityDesk.CreateAsync(), CultureInfo.GetCultureInfo(language));

    [Theory]
    [InlineData("zh-Hans")]
    [InlineData("en")]
    public async Task Plans_TypedWithTheDisplayNames_ImportAsTheirValues(string language) =>
        await ImportPlansByDisplayNameAsync(await EntityDesk.CreateAsync(), CultureInfo.GetCultureInfo(language));

    /// <summary>Imports a ticket table that names every urgency, type, channel and status by its display name in the culture.</summary>
    private static async Task ImportTicketsByDisplayNameAsync(EntityDesk desk, CultureInfo culture)
    {
        var statuses = Enum.GetValues<TicketStatus>();
        var urgencies = Enum.GetValues<Urgency>();
        var types = WellKnown<TicketType>();
        var channels = WellKnown<Channel>();
        var rows = Enumerable.Range(0, new[] { statuses.Length, urgencies.Length, types.Count, channels.Count }.Max()).Select(i =>
        {
            var status = statuses[i % statuses.Length];
            var resolved = status is TicketStatus.Resolved or TicketStatus.AwaitingRevisit or TicketStatus.Closed ? "2024-03-16 10:00" : string.Empty;
            return (Id: $"T{i}", status, Urgency: urgencies[i % urgencies.Length], Type: types[i % types.Count], Channel: channels[i % channels.Count], resolved);
        }).ToList();
        var csv = "问题编号,客户编号,问题描述,提出时间,紧急程度,问题类型,渠道,负责人,状态,解决时间\n" + string.Concat(rows.Select(r =>
            $"{r.Id},KH001,d,2024-03-15 14:00,{DisplayNames.Of(r.Urgency, culture)},{DisplayNames.Of(r.Type, culture)},{DisplayNames.Of(r.Channel, culture)},赵六,{DisplayNames.Of(r.status, culture)},{r.resolved}\n"));
        var report = await EntityDesk.FromText(desk.TicketImporter().ImportAsync, csv);

        Assert.Equal((rows.Count, 0), (report.Totals.Inserted, report.Totals.Rejected));
        var back = await desk.Tickets.ListAsync(TicketQuery.All).ToDictionaryAsync(t => t.Id.Value);
        Assert.Equal(rows.Select(r => (r.status, r.Urgency, r.Type, r.Channel)), rows.Select(r => back[r.Id]).Select(t => (t.Status, t.Urgency, t.Type, t.Channel)));
    }

    /// <summary>Imports a plan table that names every channel, status and kind by its display name in the culture.</summary>
    private static async Task ImportPlansByDisplayNameAsync(EntityDesk desk, CultureInfo culture)
    {
        var channels = Enum.GetValues<ContactChannel>();
        var statuses = Enum.GetValues<PlanStatus>();
        var kinds = Enum.GetValues<PlanKind>();
        var rows = Enumerable.Range(0, new[] { channels.Length, statuses.Length, kinds.Length }.Max())
            .Select(i => (Id: $"P{i}", Channel: channels[i % channels.Length], Status: statuses[i % statuses.Length], Kind: kinds[i % kinds.Length])).ToList();
        var csv = "计划编号,客户编号,沟通方式,沟通内容要点,计划执行时间,实际执行时间,完成状态,计划类型\n" + string.Concat(rows.Select(r =>
            $"{r.Id},KH002,{DisplayNames.Of(r.Channel, culture)},问候,2024-04-01,2024-04-01,{DisplayNames.Of(r.Status, culture)},{DisplayNames.Of(r.Kind, culture)}\n"));
        var report = await EntityDesk.FromText(desk.PlanImporter().ImportAsync, csv);

        Assert.Equal((rows.Count, 0), (report.Totals.Inserted, report.Totals.Rejected));
        var back = (await PlanImporterTests.AllAsync(desk.Plans)).ToDictionary(e => e.Id.Value);
        Assert.Equal(rows.Select(r => (r.Channel, r.Status, r.Kind)), rows.Select(r => back[r.Id]).Select(e => (e.Channel, e.Status, e.Kind)));
    }

    [Theory]
    [InlineData(ExportLanguage.Chinese, "zh-Hans")]
    [InlineData(ExportLanguage.English, "en")]
    public async Task TicketExport_WritesEveryValuesDisplayName_AndTheImportReadsItBack(ExportLanguage language, string shown)
    {
        var culture = CultureInfo.GetCultureInfo(shown);
        var desk = await EntityDesk.CreateAsync();
        await ImportTicketsByDisplayNameAsync(desk, culture);
        var original = (await desk.Tickets.ListAsync(TicketQuery.All).ToListAsync()).OrderBy(t => t.Id.Value, StringComparer.Ordinal).ToList();

        var file = ExportFiles.Write(s => TicketExporter.WriteXlsx(original, s, language));

        var cells = ExportFiles.Cells(file);
        Assert.All(original, t => Assert.Contains(DisplayNames.Of(t.Status, culture), cells));
        Assert.All(original, t => Assert.Contains(DisplayNames.Of(t.Channel, culture), cells));
        Assert.All(original, t => Assert.Contains(DisplayNames.Of(t.Type, culture), cells));
        var copy = await EntityDesk.CreateAsync();
        file.Position = 0;
        Assert.Equal(original.Count, (await copy.TicketImporter().ImportAsync(file, "tickets.xlsx")).Totals.Inserted);
        var back = (await copy.Tickets.ListAsync(TicketQuery.All).ToListAsync()).OrderBy(t => t.Id.Value, StringComparer.Ordinal);
        Assert.Equal(original.Select(t => (t.Id, t.Urgency, t.Type, t.Channel, t.Status)), back.Select(t => (t.Id, t.Urgency, t.Type, t.Channel, t.Status)));
    }

    [Theory]
    [InlineData(ExportLanguage.Chinese, "zh-Hans")]
    [InlineData(ExportLanguage.English, "en")]
    public async Task PlanExport_WritesEveryValuesDisplayName_AndTheImportReadsItBack(ExportLanguage language, string shown)
    {
        var culture = CultureInfo.GetCultureInfo(shown);
        var desk = await EntityDesk.CreateAsync();
        await ImportPlansByDisplayNameAsync(desk, culture);
        var original = (await PlanImporterTests.AllAsync(desk.Plans)).OrderBy(e => e.Id.Value, StringComparer.Ordinal).ToList();

        var file = ExportFiles.Write(s => PlanExporter.WriteXlsx(original, s, language));

        var cells = ExportFiles.Cells(file);
        Assert.All(original, e => Assert.Contains(DisplayNames.Of(e.Channel, culture), cells));
        Assert.All(original, e => Assert.Contains(DisplayNames.Of(e.Status, culture), cells));
        Assert.All(original, e => Assert.Contains(DisplayNames.Of(e.Kind, culture), cells));
        var copy = await EntityDesk.CreateAsync();
        file.Position = 0;
        Assert.Equal(original.Count, (await copy.PlanImporter().ImportAsync(file, "plans.xlsx")).Totals.Inserted);
        var back = (await PlanImporterTests.AllAsync(copy.Plans)).OrderBy(e => e.Id.Value, StringComparer.Ordinal);
        Assert.Equal(original.Select(e => (e.Id, e.Channel, e.Status, e.Kind)), back.Select(e => (e.Id, e.Channel, e.Status, e.Kind)));
    }

    [Theory]
    [InlineData("等待客户", "待客户反馈")]
    [InlineData("在线客服", "在线")]
    public void TicketMapping_KeepsDocument001Synonyms_BesideTheDisplayNames(string displayName, string synonym)
    {
        var field = displayName == "等待客户" ? TicketField.Status : TicketField.Channel;

        Assert.Equal(Read(ImportMappings.Tickets, field, displayName), Read(ImportMappings.Tickets, field, synonym));
    }

    [Theory]
    [InlineData("关怀信息", "关怀短信", ContactChannel.CareMessage)]
    [InlineData("主管致电", "主管电话", ContactChannel.SupervisorCall)]
    public void PlanMapping_ReadsTheDisplayNameAndDocument001sWord(string displayName, string synonym, ContactChannel channel)
    {
        Assert.Equal(displayName, DisplayNames.Of(channel, Zh));
        Assert.Equal(channel.ToString(), Read(ImportMappings.Plans, PlanField.Channel, displayName));
        Assert.Equal(channel.ToString(), Read(ImportMappings.Plans, PlanField.Channel, synonym));
    }

    [Fact]
    public void Map_OneCellValueForTwoCodes_IsADefectFoundWhenBuilt()
    {
        var error = Assert.Throws<InvalidOperationException>(() => DisplayLabels.Map([("电话", "Phone")], ("电话", "Visit")));

        Assert.Contains("'电话'", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Adds each value's display name in the culture, failing at once for a value that has none in zh-Hans.</summary>
    private static void Add<T>(TheoryData<string, string, string> data, CultureInfo culture, string field, IEnumerable<T> values, Func<T, string> code, Func<T, CultureInfo, string> name)
    {
        foreach (var value in values)
        {
            var label = name(value, culture);
            Assert.True(culture != Zh || label != code(value), $"{typeof(T).Name}.{code(value)} has no zh-Hans display name");
            data.Add(field, label, code(value));
        }
    }

    /// <summary>A cell as the table readers see it: the field's value map applied, and for a closed field the value's name.</summary>
    private static string Read<TField>(ImportMapping<TField> mapping, TField field, string cell)
        where TField : struct, Enum
    {
        var mapped = mapping.MapValue(field, cell);
        return FieldChoices.Of(field) is { } type ? FieldChoices.NameOf(type, mapped) ?? $"(not a value: {mapped})" : mapped;
    }

    /// <summary>The well-known values of an extensible code type: its public static properties of its own type.</summary>
    private static List<T> WellKnown<T>() =>
        [.. typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Static).Where(p => p.PropertyType == typeof(T)).Select(p => (T)p.GetValue(null)!)];
}
