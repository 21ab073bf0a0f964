using System.Globalization;
using CrmCore.Customers;
using CrmCore.Localization;
using CrmCore.Tickets;

namespace CrmCore.Tests.Localization;

public class DisplayNamesTests
{
    private static readonly CultureInfo Chinese = new("zh-Hans");
    private static readonly CultureInfo English = CultureInfo.InvariantCulture;

    [Theory]
    [InlineData(TicketStatus.Pending, "Pending", "待处理")]
    [InlineData(TicketStatus.InProgress, "In progress", "处理中")]
    [InlineData(TicketStatus.WaitingForCustomer, "Waiting for customer", "等待客户")]
    [InlineData(TicketStatus.Resolved, "Resolved", "已解决")]
    [InlineData(TicketStatus.AwaitingRevisit, "Awaiting revisit", "待回访")]
    [InlineData(TicketStatus.Closed, "Closed", "已关闭")]
    [InlineData(TicketStatus.NoActionNeeded, "No action needed", "无需处理")]
    public void Of_Status_EnglishAndChinese(TicketStatus status, string english, string chinese)
    {
        Assert.Equal(english, DisplayNames.Of(status, English));
        Assert.Equal(chinese, DisplayNames.Of(status, Chinese));
    }

    [Theory]
    [InlineData(Urgency.General, "一般")]
    [InlineData(Urgency.Urgent, "紧急")]
    [InlineData(Urgency.Major, "重大")]
    public void Of_Urgency_Chinese(Urgency urgency, string chinese) => Assert.Equal(chinese, DisplayNames.Of(urgency, Chinese));

    [Fact]
    public void Of_TicketTypes_Chinese() =>
        Assert.Equal(
            ["咨询", "投诉", "建议", "故障", "售前咨询"],
            new[] { TicketType.Consultation, TicketType.Complaint, TicketType.Suggestion, TicketType.Fault, TicketType.PreSales }.Select(t => DisplayNames.Of(t, Chinese)));

    [Fact]
    public void Of_Channels_Chinese() =>
        Assert.Equal(
            ["电话", "邮件", "在线客服", "上门", "官网表单", "短信"],
            new[] { Channel.Phone, Channel.Email, Channel.OnlineChat, Channel.Visit, Channel.WebForm, Channel.Sms }.Select(c => DisplayNames.Of(c, Chinese)));

    [Fact]
    public void Of_ContactRoles_EnglishAndChinese()
    {
        Assert.Equal("技术负责人", DisplayNames.Of(ContactRole.TechnicalLead, Chinese));
        Assert.Equal("Procurement lead", DisplayNames.Of(ContactRole.ProcurementLead, English));
    }

    [Fact]
    public void Of_ChineseRegionalCulture_FallsBackToZhHans() => Assert.Equal("已关闭", DisplayNames.Of(TicketStatus.Closed, new CultureInfo("zh-CN")));

    [Fact]
    public void Of_OtherCulture_FallsBackToEnglish() => Assert.Equal("Urgent", DisplayNames.Of(Urgency.Urgent, new CultureInfo("fr-FR")));

    [Fact]
    public void Of_HostDefinedCodes_FallBackToCode()
    {
        Assert.Equal("Warranty", DisplayNames.Of(new TicketType("Warranty"), Chinese));
        Assert.Equal("WeChat", DisplayNames.Of(new Channel("WeChat"), Chinese));
        Assert.Equal("FinanceLead", DisplayNames.Of(new ContactRole("FinanceLead"), English));
    }

    [Fact]
    public void Of_EveryStatusUrgencyMoveAndSlaName_HasBothLanguages()
    {
        var names = Enum.GetValues<TicketStatus>().Select(s => (DisplayNames.Of(s, English), DisplayNames.Of(s, Chinese), s.ToString()))
            .Concat(Enum.GetValues<Urgency>().Select(u => (DisplayNames.Of(u, English), DisplayNames.Of(u, Chinese), u.ToString())))
            .Concat(Enum.GetValues<TicketMove>().Select(m => (DisplayNames.Of(m, English), DisplayNames.Of(m, Chinese), m.ToString())))
            .Concat(Enum.GetValues<CrmCore.Sla.SlaClockStatus>().Select(c => (DisplayNames.Of(c, English), DisplayNames.Of(c, Chinese), c.ToString())))
            .Concat(new[] { CrmCore.Sla.SlaMetric.FirstResponse, CrmCore.Sla.SlaMetric.NextResponse, CrmCore.Sla.SlaMetric.Resolution, CrmCore.Sla.SlaMetric.Revisit }
                .Select(m => (DisplayNames.Of(m, English), DisplayNames.Of(m, Chinese), m.Code)));

        Assert.All(names, n =>
        {
            Assert.NotEqual(n.Item1, n.Item2);
            Assert.Contains(n.Item2, c => c > '\u2E80');
        });
    }
}
