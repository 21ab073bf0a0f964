using System.Globalization;
using System.Xml.Linq;
using CrmCore.Metrics;
using CrmCore.Satisfaction;
using CrmCore.Tickets;
using MiniExcelLibs;
using NodaTime;
using static CrmCore.Reporting.Tests.ReportData;

namespace CrmCore.Reporting.Tests;

/// <summary>The verdict on the targets (text and HTML agree; no data is never "met"; per-channel targets count) and the one clock of
/// the per-slice first response.</summary>
public sealed class ReportVerdictTests
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");
    private static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-Hans");

    [Fact]
    public void Verdict_MonthWithoutData_SaysHowManyTargetsCouldNotBeChecked_NeverAllMet()
    {
        // QA: crm report for a month without tickets said "All targets met." / "All 4 targets met." / 全部目标达成。
        var report = new MonthlyReportBuilder(new MetricsOptions(), new SatisfactionOptions()).Build(Input(), new YearMonth(2027, 5));

        Assert.False(report.AllTargetsMet);
        Assert.Equal((4, 0, 4), (report.TargetCount, report.TargetsMissed, report.TargetsNotChecked));
        Assert.Contains("  Targets met: 0 of 4. Not checked for lack of data: 4 of 4.\n", report.ToText(English), StringComparison.Ordinal);
        Assert.Contains("  达成目标：4 项中的 0 项。因无数据未能检查：4 项中的 4 项。\n", report.ToText(Chinese), StringComparison.Ordinal);
        Assert.StartsWith("0 of 4 targets met. 4 of 4 could not be checked for lack of data: average first response", Summary(report, English), StringComparison.Ordinal);
        Assert.StartsWith("4 项目标中 0 项达成。4 项中有 4 项因无数据无法检查：", Summary(report, Chinese), StringComparison.Ordinal);
        Assert.DoesNotContain("All", report.ToText(English), StringComparison.Ordinal);
        Assert.DoesNotContain("全部", report.ToHtml(Chinese), StringComparison.Ordinal);
    }

    [Fact]
    public void Verdict_OnlyAPerChannelTarget_IsCountedAndListedInTextAndHtml()
    {
        // QA tg4.json: the only target was per channel; the text said "All targets met." and the HTML "All 0 targets met." while its
        // channel table showed the miss.
        var report = Report(configure: o => o.Targets = ChannelOnly("Phone", 30));

        Assert.Equal((1, 1, 0), (report.TargetCount, report.TargetsMissed, report.TargetsNotChecked));
        var text = report.ToText(English);
        Assert.Contains("  [MISS] average first response (wall clock), Phone 1.8 h > 0.5 h\n  Targets missed: 1.\n", text, StringComparison.Ordinal);
        Assert.Equal("1 of 1 targets missed: first response, Phone.", Summary(report, English));
        Assert.Contains("  [未达标] 平均首次响应时间（自然时间），电话 1.8 小时 > 0.5 小时\n", report.ToText(Chinese), StringComparison.Ordinal);
        Assert.Equal("1 项目标中 1 项未达成：首次响应（电话）。", Summary(report, Chinese));
    }

    [Fact]
    public void Verdict_Document003_TextAndHtmlCountTheSameTargets()
    {
        // QA: with document 003 the text said "Targets missed: 1." with no per-channel line; the HTML "1 of 2 targets missed".
        var report = Report(configure: o => o.Targets = ReportTargets.Document003());

        var text = report.ToText(English);
        Assert.Contains("  [no data] average first response (wall clock), Online chat (target ≤ 0.17 h)\n", text, StringComparison.Ordinal);
        Assert.Contains("  [OK] average first response (wall clock), Phone 1.8 h ≤ 2 h\n", text, StringComparison.Ordinal);
        Assert.Contains("  Targets missed: 1. Not checked for lack of data: 1 of 4.\n", text, StringComparison.Ordinal);
        Assert.Equal("1 of 4 targets missed: resolution rate. 1 of 4 could not be checked for lack of data: first response, Online chat.", Summary(report, English));
    }

    [Fact]
    public void Verdict_EveryTargetCheckedAndMet_AllMet()
    {
        var report = Report(configure: o => o.Targets = ChannelOnly("Email", 120));

        Assert.True(report.AllTargetsMet);
        Assert.Contains("  All targets met.\n", report.ToText(English), StringComparison.Ordinal);
        Assert.Equal("All 1 targets met.", Summary(report, English));
    }

    [Fact]
    public void Breakdown_FirstResponsePerSlice_IsOnTheHeadlineClockWithItsTicketCount()
    {
        // Phone tickets give business time (30 min each), e-mail tickets do not: the headline is business hours over the 5 phone
        // tickets, so the e-mail slice has no figure on that clock (it used to show its wall-clock mean, 1.8 h, in the same column).
        var report = BusinessTimeOnPhoneOnly();

        Assert.Equal(FirstResponseClock.BusinessHours, report.FirstResponseClock);
        var table = Parse(report.ToHtml(English)).Descendants("table").Single(t => (string?)t.Attribute("data-dimension") == "Channel");
        var header = table.Descendants("th").Select(h => h.Value).ToList();
        var rows = table.Element("tbody")!.Elements("tr").ToDictionary(r => r.Elements("td").First().Value, r => r.Elements("td").Select(c => c.Value).ToList());
        var average = header.IndexOf("average first response");
        Assert.Equal("tickets in the average", header[average + 1]);
        Assert.Equal(["0.5 h", "5"], rows["Phone"].Skip(average).Take(2));
        Assert.Equal(["no data", "0"], rows["Email"].Skip(average).Take(2));
    }

    [Fact]
    public void Breakdown_Xlsx_FirstResponsePerSliceOnTheHeadlineClock()
    {
        using var stream = new MemoryStream();
        BusinessTimeOnPhoneOnly().WriteXlsx(stream, English);

        stream.Position = 0;
        var rows = MiniExcel.Query(stream, useHeaderRow: true, sheetName: "Breakdowns").Cast<IDictionary<string, object>>()
            .Where(r => (string)r["Dimension"] == "channel").ToDictionary(r => (string)r["Slice"]);
        Assert.Equal(0.5, Convert.ToDouble(rows["Phone"]["average first response"], CultureInfo.InvariantCulture), 6);
        Assert.Equal(5, Convert.ToInt32(rows["Phone"]["tickets in the average"], CultureInfo.InvariantCulture));
        Assert.Null(rows["Email"]["average first response"]);
        Assert.Equal(0, Convert.ToInt32(rows["Email"]["tickets in the average"], CultureInfo.InvariantCulture));
    }

    [Fact]
    public void ChannelTarget_IsJudgedOnTheHeadlineClock()
    {
        var input = BusinessTimeInput();
        var options = new MetricsOptions { Targets = ChannelOnly("Email", 120) };

        var report = new MonthlyReportBuilder(options, new SatisfactionOptions()).Build(input, February);

        var email = Assert.Single(report.ChannelChecks);
        Assert.Null(email.Actual); // no e-mail ticket gave business time; its wall-clock mean (1.8 h) is not on the headline's clock
        Assert.Equal(1, report.TargetsNotChecked);
    }

    private static ReportTargets ChannelOnly(string channel, double minutes)
    {
        var targets = new ReportTargets { MaxAverageFirstResponse = null, MinResolutionRate = null, MinCsatAverage = null, MaxChurnRate = null };
        targets.MaxAverageFirstResponseByChannel[channel] = Duration.FromMinutes(minutes);
        return targets;
    }

    private static KpiInput BusinessTimeInput()
    {
        var input = Input();
        var tickets = input.Tickets.Select(t => t.Channel == Channel.Phone ? t with { FirstResponseBusinessTime = Duration.FromMinutes(30) } : t).ToList();
        return input with { Tickets = tickets };
    }

    private static MonthlyReport BusinessTimeOnPhoneOnly() =>
        new MonthlyReportBuilder(new MetricsOptions(), new SatisfactionOptions()).Build(BusinessTimeInput(), February);

    private static string Summary(MonthlyReport report, CultureInfo culture) =>
        Parse(report.ToHtml(culture)).Descendants("p").Single(p => ((string?)p.Attribute("class"))?.StartsWith("summary", StringComparison.Ordinal) == true).Value;

    private static XDocument Parse(string html) => XDocument.Parse(html.Replace("<!DOCTYPE html>", string.Empty, StringComparison.Ordinal));
}
