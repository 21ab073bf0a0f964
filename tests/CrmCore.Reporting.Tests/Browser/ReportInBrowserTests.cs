using System.Globalization;
using System.Text.Json.Nodes;
using CrmCore.Metrics;
using CrmCore.Samples.ServiceDesk;

namespace CrmCore.Reporting.Tests.Browser;

/// <summary>
/// Renders the sample month's report (samples/CrmCore.Samples.ServiceDesk, February 2026) in headless Chromium in both
/// languages: no text element overflows its box, no SVG label is clipped or overlaps another, every KPI is shown, no console
/// error; saves full-page screenshots (and an A4 PDF) next to the test binaries, and into docs/images when
/// <c>CRM_UPDATE_SCREENSHOTS=1</c>.
/// </summary>
public sealed class ReportInBrowserTests
{
    private static readonly Lazy<MonthlyReport> SampleMonth = new(() => ServiceDeskMonth.Run(new SampleSettings { Store = SampleStore.Memory }).Report);

    /// <summary>Lists every element whose content is wider or taller than its box, every SVG text outside its view box and every pair
    /// of SVG texts that overlap. Inline elements have no box of their own and are checked through their block.</summary>
    private const string LayoutProblems = """
        (() => {
          const problems = [];
          const name = el => el.tagName.toLowerCase() + (el.className && typeof el.className === 'string' ? '.' + el.className : '') + ' "' + (el.textContent || '').trim().slice(0, 50) + '"';
          for (const el of document.querySelectorAll('body *')) {
            if (el.closest('svg')) continue;
            const style = getComputedStyle(el);
            if (style.display === 'inline' || style.display === 'none' || el.clientWidth === 0) continue;
            if (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1)
              problems.push('overflow: ' + name(el) + ' content ' + el.scrollWidth + 'x' + el.scrollHeight + ' in box ' + el.clientWidth + 'x' + el.clientHeight);
          }
          const root = document.documentElement;
          if (root.scrollWidth > root.clientWidth) problems.push('the page scrolls sideways: ' + root.scrollWidth + ' > ' + root.clientWidth);
          for (const svg of document.querySelectorAll('svg[viewBox]')) {
            const view = svg.viewBox.baseVal;
            const boxes = [...svg.querySelectorAll('text')].map(t => ({ t, b: t.getBBox() }));
            for (const { t, b } of boxes)
              if (b.x < view.x - 0.5 || b.y < view.y - 0.5 || b.x + b.width > view.x + view.width + 0.5 || b.y + b.height > view.y + view.height + 0.5)
                problems.push('svg label clipped: "' + t.textContent + '" in ' + (svg.getAttribute('aria-label') || 'chart'));
            for (let i = 0; i < boxes.length; i++)
              for (let j = i + 1; j < boxes.length; j++) {
                const a = boxes[i].b, c = boxes[j].b;
                if (a.x < c.x + c.width - 0.5 && c.x < a.x + a.width - 0.5 && a.y < c.y + c.height - 0.5 && c.y < a.y + a.height - 0.5)
                  problems.push('svg labels overlap: "' + boxes[i].t.textContent + '" and "' + boxes[j].t.textContent + '" in ' + (svg.getAttribute('aria-label') || 'chart'));
              }
          }
          return problems;
        })()
        """;

    private const string SectionRows = """
        ['plans', 'assets', 'channel-fr', 'completeness'].map(id => ({ id, rows: document.querySelectorAll('#' + id + ' tbody tr').length, bars: document.querySelectorAll('#' + id + ' tbody svg rect.bar').length }))
        """;

    private const string KpiRows = """
        [...document.querySelectorAll('tr[data-kpi]')].map(r => ({ id: r.dataset.kpi, label: r.cells[0].innerText.trim(), actual: r.cells[1].innerText.trim(), bars: r.querySelectorAll('svg rect.bar').length }))
        """;

    [ChromiumFact]
    public Task SampleMonth_English_RendersCleanly() => RenderAndCheck(SampleMonth.Value, "en", "report-en", everyKpiHasData: true);

    [ChromiumFact]
    public Task SampleMonth_Chinese_RendersCleanly() => RenderAndCheck(SampleMonth.Value, "zh-Hans", "report-zh-Hans", everyKpiHasData: true);

    [ChromiumFact]
    public Task LongNames_BothLanguages_NothingOverflows()
    {
        // Slice keys and comments of any length: a long Chinese team name without spaces, a long unbroken Latin agent id.
        var input = ReportData.Input(withJanuary: true);
        var team = string.Concat(Enumerable.Repeat("华东大区重点客户售后技术支持服务中心", 6));
        var agent = new string('W', 120);
        var tickets = input.Tickets.Select((t, i) => i % 2 == 0 ? t with { Team = team, Agent = agent, Region = team } : t).ToList();
        var report = new MonthlyReportBuilder(new MetricsOptions { Targets = ReportTargets.Document003() }, new Satisfaction.SatisfactionOptions())
            .Build(input with { Tickets = tickets }, ReportData.February, null, ReportData.Supplements(longNames: true));
        return Task.WhenAll(
            RenderAndCheck(report, "en", "long-en", everyKpiHasData: false),
            RenderAndCheck(report, "zh-Hans", "long-zh-Hans", everyKpiHasData: false));
    }

    private static async Task RenderAndCheck(MonthlyReport report, string language, string name, bool everyKpiHasData)
    {
        var output = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "screenshots")).FullName;
        var htmlPath = Path.Combine(output, name + ".html");
        await File.WriteAllTextAsync(htmlPath, report.ToHtml(CultureInfo.GetCultureInfo(language)));

        await using var browser = await Chromium.StartAsync();
        await browser.SendAsync("Emulation.setDeviceMetricsOverride", new JsonObject { ["width"] = 1000, ["height"] = 900, ["deviceScaleFactor"] = 1, ["mobile"] = false });
        await browser.NavigateAsync(new Uri(htmlPath));
        await browser.EvaluateAsync("document.fonts.ready.then(() => true)");

        var problems = (await browser.EvaluateAsync(LayoutProblems))!.AsArray().Select(p => (string)p!).ToList();
        var rows = (await browser.EvaluateAsync(KpiRows))!.AsArray();
        var sections = (await browser.EvaluateAsync(SectionRows))!.AsArray().ToDictionary(s => (string)s!["id"]!, s => (Rows: s!["rows"]!.GetValue<int>(), Bars: s["bars"]!.GetValue<int>()));
        var metrics = await browser.SendAsync("Page.getLayoutMetrics");
        var height = Math.Ceiling(metrics!["cssContentSize"]!["height"]!.GetValue<double>());
        var shot = await browser.SendAsync("Page.captureScreenshot", new JsonObject
        {
            ["format"] = "png",
            ["captureBeyondViewport"] = true,
            ["clip"] = new JsonObject { ["x"] = 0, ["y"] = 0, ["width"] = 1000, ["height"] = height, ["scale"] = 1 },
        });
        var png = Convert.FromBase64String((string)shot!["data"]!);
        await File.WriteAllBytesAsync(Path.Combine(output, name + ".png"), png);
        var pdf = await browser.SendAsync("Page.printToPDF", new JsonObject { ["preferCSSPageSize"] = true, ["printBackground"] = true });
        var pdfBytes = Convert.FromBase64String((string)pdf!["data"]!);
        await File.WriteAllBytesAsync(Path.Combine(output, name + ".pdf"), pdfBytes);
        if (everyKpiHasData && Environment.GetEnvironmentVariable("CRM_UPDATE_SCREENSHOTS") == "1")
        {
            File.Copy(Path.Combine(output, name + ".png"), Path.Combine(RepositoryRoot(), "docs", "images", name + ".png"), overwrite: true);
        }

        Assert.True(problems.Count == 0, "Layout problems:\n" + string.Join('\n', problems));
        Assert.True(browser.Errors.IsEmpty, "Console errors:\n" + string.Join('\n', browser.Errors));
        var ids = rows.Select(r => (string)r!["id"]!).ToList();
        Assert.All(Enum.GetNames<KpiKind>(), kind => Assert.Contains(kind, ids));
        Assert.Contains("FirstResponseBreach", ids);
        Assert.Contains("ResolutionBreach", ids);
        Assert.Contains("RevisitBreach", ids);
        Assert.True(sections["plans"].Rows > 0 && sections["plans"].Bars > 0, "The plan completion table is empty or has no bars.");
        Assert.True(sections["assets"].Rows > 0 && sections["assets"].Bars == sections["assets"].Rows, "The asset model table is empty or misses bars.");
        Assert.True(sections["completeness"].Rows > 0 && sections["completeness"].Bars == sections["completeness"].Rows, "The completeness tables are empty or miss bars.");
        Assert.True(sections["channel-fr"].Rows == report.ChannelFirstResponseTargets.Count, "The per-channel first-response table does not have one row per target.");
        Assert.All(rows, r =>
        {
            Assert.False(string.IsNullOrWhiteSpace((string?)r!["label"]));
            Assert.False(string.IsNullOrWhiteSpace((string?)r["actual"]));
            if (everyKpiHasData)
            {
                Assert.Equal(1, r["bars"]!.GetValue<int>()); // the sample month has data for every KPI
            }
        });
        Assert.True(png.Length > 10_000 && height > 1500, $"The screenshot looks empty: {png.Length} bytes, {height} px high.");
        var pdfText = System.Text.Encoding.Latin1.GetString(pdfBytes);
        Assert.StartsWith("%PDF", pdfText, StringComparison.Ordinal);
        var pages = System.Text.RegularExpressions.Regex.Matches(pdfText, @"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]");
        Assert.NotEmpty(pages);
        Assert.All(pages, p => // A4 is 595 × 842 points: the print CSS's @page size
        {
            Assert.Equal(595, double.Parse(p.Groups[1].Value, CultureInfo.InvariantCulture), 1.5);
            Assert.Equal(842, double.Parse(p.Groups[2].Value, CultureInfo.InvariantCulture), 1.5);
        });
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CrmCore.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("CrmCore.sln not found above " + AppContext.BaseDirectory);
    }
}
