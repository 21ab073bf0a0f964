using System.Globalization;
using System.Xml.Linq;
using CrmCore.Metrics;
using CrmCore.Reporting.Html;
using static CrmCore.Reporting.Tests.ReportData;

namespace CrmCore.Reporting.Tests;

public sealed class MonthlyReportHtmlTests
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");
    private static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-CN");
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private static XDocument Parse(string html) => XDocument.Parse(html.Replace("<!DOCTYPE html>", string.Empty, StringComparison.Ordinal));

    [Fact]
    public void Render_EveryKpi_HasARowWithItsBarAndTheBreachRateOfEachSlaMetric()
    {
        var document = Parse(Report().ToHtml(English));

        var rows = document.Descendants("tr").Where(r => r.Attribute("data-kpi") is not null).ToList();
        var ids = rows.Select(r => r.Attribute("data-kpi")!.Value).ToList();
        Assert.Equal([.. Enum.GetNames<KpiKind>().SelectMany(k => k == nameof(KpiKind.SlaBreachRate) ? [k, "FirstResponseBreach", "ResolutionBreach", "RevisitBreach"] : new[] { k })], ids);
        var breach = rows.Single(r => r.Attribute("data-kpi")!.Value == "SlaBreachRate");
        Assert.Equal("40%", breach.Elements("td").ElementAt(1).Value); // 2 late first responses + 1 resolution breach + 1 late revisit, of 10
        Assert.Equal("12.5%", rows.Single(r => r.Attribute("data-kpi")!.Value == "RevisitBreach").Elements("td").ElementAt(1).Value); // 1 of the 8 judged
        Assert.Equal("8", rows.Single(r => r.Attribute("data-kpi")!.Value == "RevisitBreach").Elements("td").Last().Value);
        Assert.Equal("20%", rows.Single(r => r.Attribute("data-kpi")!.Value == "FirstResponseBreach").Elements("td").ElementAt(1).Value);
        Assert.Equal("10%", rows.Single(r => r.Attribute("data-kpi")!.Value == "ResolutionBreach").Elements("td").ElementAt(1).Value);
    }

    [Theory]
    [InlineData("en", "missed: 10 percentage points below the floor", "1 of 3 targets missed")]
    [InlineData("zh-Hans", "未达标：低于下限 10 个百分点", "3 项目标中 1 项未达成")]
    public void Render_MissedTarget_StatesTheGapInWordsAndNumbers(string culture, string gap, string summary)
    {
        var html = Report(configure: o => o.Targets.MinCsatAverage = null).ToHtml(CultureInfo.GetCultureInfo(culture));
        var document = Parse(html);

        var resolution = document.Descendants("tr").Single(r => r.Attribute("data-kpi")?.Value == nameof(KpiKind.ResolutionRate));
        Assert.Equal(gap, resolution.Elements("td").ElementAt(3).Value); // the ✗ mark is drawn by CSS, not part of the text
        Assert.Contains(summary, html, StringComparison.Ordinal);
    }

    // Simplified Chinese cultures read the zh-Hans texts; Traditional Chinese ones (there are no zh-Hant texts) read English.
    [Theory]
    [InlineData("zh", true)]
    [InlineData("zh-CN", true)]
    [InlineData("zh-SG", true)]
    [InlineData("zh-Hans-HK", true)]
    [InlineData("zh-TW", false)]
    [InlineData("zh-HK", false)]
    [InlineData("zh-Hant", false)]
    [InlineData("fr-FR", false)]
    public void Render_CultureName_ZhHansForSimplifiedChineseOnly(string culture, bool chinese)
    {
        var html = Report(configure: o => o.Targets.MinCsatAverage = null).ToHtml(CultureInfo.GetCultureInfo(culture));

        Assert.Contains(chinese ? "3 项目标中 1 项未达成" : "1 of 3 targets missed", html, StringComparison.Ordinal);
        Assert.DoesNotContain(chinese ? "1 of 3 targets missed" : "3 项目标中 1 项未达成", html, StringComparison.Ordinal);
    }

    [Fact]
    public void KpiBar_EightySevenAgainstNinety_IsDrawnFromZeroNotAsARatioToTheTarget()
    {
        var row = new KpiRow("ResolutionRate", KpiKind.ResolutionRate, "resolution rate", 0.87, new KpiTarget(KpiKind.ResolutionRate, 0.9, false), 100, false);

        var svg = XElement.Parse(SvgCharts.KpiBar(row, ReportLabels.For(English)));

        var bar = svg.Elements(Svg + "rect").Single();
        Assert.Equal(14, double.Parse(bar.Attribute("x")!.Value, CultureInfo.InvariantCulture));
        Assert.Equal(0.87 * 192, double.Parse(bar.Attribute("width")!.Value, CultureInfo.InvariantCulture), 0.1);
        Assert.Equal("url(#hatch)", bar.Attribute("fill")!.Value); // missed: hatched, visible in greyscale
        var target = svg.Elements(Svg + "line").Single(l => l.Attribute("class")?.Value == "target");
        Assert.Equal(14 + (0.9 * 192), double.Parse(target.Attribute("x1")!.Value, CultureInfo.InvariantCulture), 0.1);
        Assert.Equal(["0%", "100%"], svg.Elements(Svg + "text").Select(t => t.Value));
    }

    [Fact]
    public void Render_Legend_NamesEveryMarkOfTheKpiChart()
    {
        var html = Report().ToHtml(English);

        Assert.Contains("actual, target met", html, StringComparison.Ordinal);
        Assert.Contains("actual, target missed (hatched)", html, StringComparison.Ordinal);
        Assert.Contains("target (dashed line)", html, StringComparison.Ordinal);
        Assert.Contains("Axis starts at 1, the lowest possible score, not at 0.", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_TwoMonths_ComparesMonthOverMonth()
    {
        var document = Parse(Report(withJanuary: true).ToHtml(English));

        var table = document.Descendants("section").Single(s => s.Attribute("id")?.Value == "mom").Element("table")!;
        Assert.Equal(["KPI", "2026-01", "2026-02", "Change"], table.Descendants("th").Select(t => t.Value));
        var resolution = table.Descendants("tr").Single(r => r.Elements("td").FirstOrDefault()?.Value == "resolution rate");
        Assert.Equal(["100%", "80%", "−20 percentage points (worse)"], resolution.Elements("td").Skip(1).Select(t => t.Value));
    }

    [Fact]
    public void Render_OneMonth_SaysThereIsNoPreviousMonth()
    {
        Assert.Contains("No data for the previous month was given.", Report().ToHtml(English), StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Breakdowns_WorstSliceFirstAndChannelNamesLocalised()
    {
        var document = Parse(Report().ToHtml(Chinese));

        var teams = document.Descendants("table").Single(t => t.Attribute("data-dimension")?.Value == nameof(KpiDimension.Team));
        Assert.Equal(["Slow", "Fast"], teams.Element("tbody")!.Elements("tr").Select(r => r.Elements("td").First().Value));
        var channels = document.Descendants("table").Single(t => t.Attribute("data-dimension")?.Value == nameof(KpiDimension.Channel));
        Assert.Contains("电话", channels.Element("tbody")!.Elements("tr").Select(r => r.Elements("td").First().Value));
    }

    [Fact]
    public void Render_Trends_OneColumnPerDayOfTheMonth()
    {
        var document = Parse(Report().ToHtml(English));

        var volume = document.Descendants(Svg + "svg").Single(s => s.Attribute("aria-label")?.Value == "Tickets raised per day");
        Assert.Equal(28, volume.Elements(Svg + "rect").Count());
        Assert.Equal(["1", "8", "15", "22"], volume.Elements(Svg + "text").Where(t => t.Attribute("y")!.Value == "212").Select(t => t.Value)); // x labels every 7 days
    }

    [Fact]
    public void Render_IsSelfContained_NoScriptNoExternalResource()
    {
        var html = Report().ToHtml(English);

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org/2000/svg", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);
        Assert.Contains("@page{size:A4", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_HostileText_IsEncoded()
    {
        var input = Input();
        var tickets = input.Tickets.Select(t => t with { Team = "<script>alert(1)</script>" }).ToList();
        var report = new MonthlyReportBuilder(new MetricsOptions(), new Satisfaction.SatisfactionOptions()).Build(input with { Tickets = tickets }, February);

        var html = report.ToHtml(English);

        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_PlanCompletion_LowestCompletionFirst_WithOverdueMarkedAndABarFromZero()
    {
        var document = Parse(Report(supplements: Supplements()).ToHtml(English));

        var table = document.Descendants("table").Single(t => (string?)t.Attribute("class") == "plans");
        var rows = table.Element("tbody")!.Elements("tr").Select(r => r.Elements("td").Select(c => c.Value).ToArray()).ToList();
        Assert.Equal(["(no account manager)", "wang.li", "li.qiang"], rows.Select(r => r[0]));
        Assert.Equal(["10", "6", "5", "3", "1", "60%"], rows[1][1..7]);
        Assert.Equal("100%", rows[2][6]);
        var wangBar = table.Element("tbody")!.Elements("tr").ElementAt(1).Descendants(Svg + "rect").Single();
        Assert.Equal(0.6 * 192, double.Parse(wangBar.Attribute("width")!.Value, CultureInfo.InvariantCulture), 1); // 60 % of the 0–100 % axis
        Assert.Equal(["2", "0", "0", "2", "0", "0%"], rows[0][1..7]);
    }

    [Fact]
    public void Render_WorstAssetModels_ByFailuresPer100Installed_ModelsWithoutFailuresLeftOut()
    {
        var zh = Parse(Report(supplements: Supplements()).ToHtml(Chinese));

        var table = zh.Descendants("table").Single(t => (string?)t.Attribute("class") == "assets");
        var rows = table.Element("tbody")!.Elements("tr").Select(r => r.Elements("td").Select(c => c.Value).ToArray()).ToList();
        Assert.Equal(["LaserJet M404", "X1"], rows.Select(r => r[0]));
        Assert.Equal(["40", "6", "15", "200"], rows[0][1..5]); // 15 failures per 100; MTBF 1200 days ÷ 6
        Assert.Equal(["50", "1", "2", "1500"], rows[1][1..5]);
        Assert.Contains("故障最多的资产型号", zh.Descendants("h2").Select(h => h.Value));
    }

    [Fact]
    public void Render_Completeness_ShareMostMissingFieldsAndManagers_LowestFirst()
    {
        var en = Parse(Report(supplements: Supplements()).ToHtml(English));
        var zh = Parse(Report(supplements: Supplements()).ToHtml(Chinese));

        string[][] Rows(System.Xml.Linq.XDocument document, string table) => document.Descendants("table").Single(t => (string?)t.Attribute("class") == table)
            .Element("tbody")!.Elements("tr").Select(r => r.Elements("td").Select(c => c.Value).ToArray()).ToArray();
        var total = Assert.Single(Rows(en, "completeness"));
        Assert.Equal(["Complete customer records", "75%", "6 of 8"], total[..3]);
        Assert.Equal(["Account manager", "Phone", "E-mail"], Rows(en, "missing").Select(r => r[0]));
        Assert.Equal(["required", "1", "12.5%"], Rows(en, "missing")[0][1..4]);
        Assert.Equal(["(no account manager)", "wang.li", "li.qiang"], Rows(en, "by-manager").Select(r => r[0]));
        Assert.Equal(["4", "3", "75%", "Phone"], Rows(en, "by-manager")[1][1..5]);
        var bar = en.Descendants("table").Single(t => (string?)t.Attribute("class") == "completeness").Descendants(Svg + "rect").Single();
        Assert.Equal(0.75 * 192, double.Parse(bar.Attribute("width")!.Value, CultureInfo.InvariantCulture), 1);
        Assert.Contains("客户资料完整性", zh.Descendants("h2").Select(h => h.Value));
        Assert.Equal(["负责客户经理", "联系电话", "电子邮箱"], Rows(zh, "missing").Select(r => r[0]));
        Assert.Equal("8 户中 6 户", Rows(zh, "completeness")[0][2]);
    }

    [Fact]
    public void Render_NoSupplements_SaysSoInsteadOfEmptyTables()
    {
        var html = Report().ToHtml(English);

        Assert.Contains("No contact plan data was given for this month.", html, StringComparison.Ordinal);
        Assert.Contains("No asset data was given for this month.", html, StringComparison.Ordinal);
        Assert.Contains("Not checked: the report was given no stored customer records to check.", html, StringComparison.Ordinal);
        Assert.Contains("未检查：本报告未获得存储的客户资料，无从检查。", Report().ToHtml(Chinese), StringComparison.Ordinal);
        Assert.DoesNotContain("crm report", html + Report().ToHtml(Chinese), StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"channel-fr\"", html, StringComparison.Ordinal);
    }

    /// <summary>QA, wave 18: the zh-Hans header read 目标来源：document 001.</summary>
    [Fact]
    public void Render_TargetSource_IsWordedInTheReportsLanguage_AndAHostsOwnSourceKept()
    {
        Assert.Contains("目标来源：文档 001 &#183;", Report().ToHtml(Chinese), StringComparison.Ordinal);
        Assert.Contains("targets from document 001 &#183;", Report().ToHtml(English), StringComparison.Ordinal);
        var document003 = Report(configure: o => o.Targets = ReportTargets.Document003()).ToHtml(Chinese);
        Assert.Contains("目标来源：文档 003 &#183;", document003, StringComparison.Ordinal);
        Assert.Contains("各渠道目标来自目标文件（文档 003）", document003, StringComparison.Ordinal);
        Assert.DoesNotContain("document 00", document003, StringComparison.Ordinal);
        var own = Report(configure: o => o.Targets = new ReportTargets { Source = "华东区 2026 目标" }).ToHtml(Chinese);
        Assert.Contains("目标来源：华东区 2026 目标 &#183;", own, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Document003_ComparesEachChannelWithItsOwnFirstResponseTarget()
    {
        var report = Report(configure: o => o.Targets = ReportTargets.Document003());
        var document = Parse(report.ToHtml(English));

        var rows = document.Descendants("tr").Where(r => r.Attribute("data-channel") is not null)
            .ToDictionary(r => r.Attribute("data-channel")!.Value, r => r.Elements("td").Select(c => c.Value).ToArray());
        Assert.Equal(["OnlineChat", "Phone"], rows.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("no data", rows["OnlineChat"][1]);
        Assert.Equal("1.8 h", rows["Phone"][1]); // phone tickets F0, F2, F4, F6, F8: 5 h, 1 h, 1 h, 1 h, 1 h
        Assert.Equal("≤ 2 h", rows["Phone"][2]);
        Assert.StartsWith("met", rows["Phone"][3], StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromMinutes(10), report.ChannelFirstResponseTargets["OnlineChat"].ToTimeSpan());
    }
}
