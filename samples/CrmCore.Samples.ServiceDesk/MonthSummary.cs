using System.Globalization;
using CrmCore.Localization;
using CrmCore.Satisfaction;
using CrmCore.Sla;
using CrmCore.Tickets;
using NodaTime;
using NodaTime.Text;

namespace CrmCore.Samples.ServiceDesk;

/// <summary>Prints the month summary in English or simplified Chinese.</summary>
internal static class MonthSummary
{
    public static void Write(MonthOutcome outcome, TextWriter output)
    {
        var culture = outcome.Settings.Culture;
        var zh = culture.Name.StartsWith("zh", StringComparison.OrdinalIgnoreCase);
        string L(string en, string zhHans) => zh ? zhHans : en;
        var settings = outcome.Settings;
        var monthText = YearMonthPattern.CreateWithInvariantCulture("yyyy-MM").Format(settings.Month);

        output.WriteLine(L($"CrmCore sample service desk: {monthText} ({settings.Zone.Id}), seed {settings.Seed}", $"CrmCore 示例服务台：{monthText}（{settings.Zone.Id}），随机种子 {settings.Seed}"));
        output.WriteLine(new string('=', 72));
        WriteCalendar(outcome, output, L);

        Section(output, L("Customers", "客户"));
        output.WriteLine(L($"  {outcome.Customers.Count} customers, tiered and tagged by the default rule pack", $"  共 {outcome.Customers.Count} 个客户，按默认规则包分层并打标签"));
        Counts(output, L("  by tier", "  按等级"), outcome.Customers.Select(c => c.Customer.Tier ?? "-"));
        Counts(output, L("  tags", "  标签"), outcome.Customers.SelectMany(c => c.Customer.Tags), top: 8);

        Section(output, L("Tickets", "工单"));
        output.WriteLine(L($"  {outcome.Tickets.Count} tickets raised", $"  共受理 {outcome.Tickets.Count} 张工单"));
        Counts(output, L("  by status", "  按状态"), outcome.Tickets.Select(t => DisplayNames.Of(t.Ticket.Status, culture)));
        Counts(output, L("  by urgency", "  按紧急程度"), outcome.Tickets.Select(t => DisplayNames.Of(t.Ticket.Urgency, culture)));
        Counts(output, L("  by tier", "  按客户等级"), outcome.Tickets.Select(t => t.Customer.Customer.Tier ?? "-"));
        Counts(output, L("  by channel", "  按渠道"), outcome.Tickets.Select(t => DisplayNames.Of(t.Ticket.Channel, culture)));

        Section(output, L("SLA (document 001 policy, China working calendar)", "SLA（文档 001 策略，中国工作日历）"));
        foreach (var metric in new[] { SlaMetric.FirstResponse, SlaMetric.Resolution, SlaMetric.Revisit })
        {
            var summary = SlaComplianceSummary.Of(outcome.SlaStates, metric);
            var rate = summary.ComplianceRate is { } r ? r.ToString("P1", culture) : "-";
            output.WriteLine(string.Create(culture, $"  {SlaText.MetricName(metric, culture),-16} {rate,8}   {L("met", "达标")} {summary.Met}, {L("breached", "超时")} {summary.Breached}, {L("running", "进行中")} {summary.Running + summary.Paused}"));
        }

        output.WriteLine(L($"  escalations raised: {outcome.Escalations.Count}", $"  触发升级：{outcome.Escalations.Count} 次"));
        Counts(output, L("  by level and target", "  按级别与对象"), outcome.Escalations.Select(e => $"L{e.Level} {Target(e.Target.Name, zh)}"));

        WriteAgents(outcome, output, L, culture);
        WriteSatisfaction(outcome, output, L, culture);
        WriteKnowledge(outcome, output, L, culture);
        WriteAssets(outcome, output, L, culture, zh);

        output.WriteLine();
        output.WriteLine(outcome.Report.ToText(culture));
    }

    private static void WriteKnowledge(MonthOutcome outcome, TextWriter output, Func<string, string, string> L, CultureInfo culture)
    {
        Section(output, L("Knowledge suggestions (Lucene.Net, SmartCn)", "知识库推荐（Lucene.Net，SmartCn 分词）"));
        var knowledge = outcome.Knowledge;
        if (knowledge.CutsCharacterPairs)
        {
            output.WriteLine(L(
                "  note: SmartCn cannot run here (.NET without culture data, no culture may be made by name): Chinese is matched by character pairs",
                "  注意：此处无法运行 SmartCn 分词（.NET 无区域性数据，且不允许按名称创建区域性），中文按相邻字对匹配"));
        }

        output.WriteLine(L($"  {knowledge.Suggested.Count} of {knowledge.Asked} tickets got at least one article from the desk", $"  {knowledge.Asked} 张工单中 {knowledge.Suggested.Count} 张在受理时获得至少一篇推荐文章"));
        if (knowledge.Failed > 0)
        {
            output.WriteLine(L($"  the suggester failed on {knowledge.Failed} tickets (they were raised without suggestions)", $"  推荐失败 {knowledge.Failed} 张（工单照常受理，无推荐）"));
        }
        foreach (var example in knowledge.Suggested.GroupBy(s => s.Description, StringComparer.Ordinal).Select(g => g.First()).Take(3))
        {
            var top = example.Top[0];
            output.WriteLine(string.Create(culture, $"  {example.Ticket} {DisplayNames.Of(example.Type, culture)} “{example.Description}” → {top.Article} {top.Title} ({top.Score:0.00})"));
        }
    }

    private static void WriteAssets(MonthOutcome outcome, TextWriter output, Func<string, string, string> L, CultureInfo culture, bool zh)
    {
        Section(output, L("Installed base and asset rules (stored assets, default rule pack)", "设备台账与设备规则（已存储的资产，默认规则包）"));
        var relationships = outcome.Relationships;
        var faults = outcome.Tickets.Where(t => t.Ticket.Type == TicketType.Fault).ToList();
        var linked = faults.Count(t => t.Ticket.RelatedAssetId is not null);
        output.WriteLine(L($"  {relationships.StoredAssets} assets stored; {linked} of {faults.Count} fault tickets linked to one", $"  已存储 {relationships.StoredAssets} 台资产；{faults.Count} 张故障工单中 {linked} 张关联了设备"));
        var firings = relationships.AssetRuleFirings;
        Counts(output, L($"  asset rules fired on {firings.Count} tickets", $"  设备规则在 {firings.Count} 张工单上触发"), firings.SelectMany(f => f.AssetRules));
        if ((firings.FirstOrDefault(f => f.AssetRules.Count > 1) ?? firings.FirstOrDefault()) is { } example)
        {
            var rate = example.FailureRate is { } r ? r.ToString("0.00", culture) : "-";
            var reasons = string.Join(" + ", example.Reasons.Select(x => string.Create(culture, $"{(zh ? x.ReasonZhHans ?? x.Reason : x.Reason)} {x.Points:0}")));
            output.WriteLine(L($"  e.g. {example.Ticket} {example.Model} ({rate} tickets per 100 installed): priority {example.Priority} = {reasons}", $"  例如 {example.Ticket} {example.Model}（每百台 {rate} 单）：优先级 {example.Priority} = {reasons}"));
        }

        var worst = outcome.Report.WorstAssetModels.Take(3).Select(m => string.Create(culture, $"{m.Model} {m.FailuresPer100Installed:F1} ({m.Failures}/{m.Installed})")).ToList();
        output.WriteLine(L($"  worst models (failures per 100 installed): {string.Join(", ", worst)}", $"  故障率最高的型号（每百台故障数）：{string.Join("，", worst)}"));
    }

    private static void WriteCalendar(MonthOutcome outcome, TextWriter output, Func<string, string, string> L)
    {
        var settings = outcome.Settings;
        var working = new List<LocalDate>();
        var madeUp = new List<LocalDate>();
        var off = new List<LocalDate>();
        for (var day = settings.Month.OnDayOfMonth(1); day.Month == settings.Month.Month; day = day.PlusDays(1))
        {
            var from = day.AtStartOfDayInZone(settings.Zone).ToInstant();
            var to = day.PlusDays(1).AtStartOfDayInZone(settings.Zone).ToInstant();
            var open = outcome.Calendar.BusinessTimeBetween(from, to) > Duration.Zero;
            var weekend = day.DayOfWeek is IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday;
            if (open)
            {
                working.Add(day);
                if (weekend)
                {
                    madeUp.Add(day);
                }
            }
            else if (!weekend)
            {
                off.Add(day);
            }
        }

        string Days(List<LocalDate> days) =>
            days.Count == 0 ? "-" : string.Join(L(", ", "，"), days.Select(d => Day(d, settings.Culture)));
        output.WriteLine(L($"Calendar: {working.Count} working days; holidays on weekdays: {Days(off)}", $"日历：{working.Count} 个工作日；工作日放假：{Days(off)}"));
        output.WriteLine(L($"          make-up working days (班): {Days(madeUp)}", $"      调休上班（班）：{Days(madeUp)}"));
    }

    private static void WriteAgents(MonthOutcome outcome, TextWriter output, Func<string, string, string> L, CultureInfo culture)
    {
        Section(output, L("Agents and queue", "坐席与队列"));
        var minutes = L("min", "分钟");
        var handled = outcome.Assignments.GroupBy(a => a.Agent).ToDictionary(g => g.Key, g => g.Count());
        foreach (var team in outcome.Agents.GroupBy(a => a.Team).OrderBy(g => g.Key.Value, StringComparer.Ordinal))
        {
            var loads = team.Select(a => handled.GetValueOrDefault(a.Id)).ToList();
            var waits = outcome.Assignments.Where(a => team.Any(x => x.Id == a.Agent)).Select(a => a.Waited.TotalMinutes).ToList();
            output.WriteLine(string.Create(culture, $"  {team.Key.Value,-20} {team.Count(),2} {L("agents", "名坐席")}  {L("tickets/agent", "人均工单")} {loads.Average(),6:F1} ({L("min", "最少")} {loads.Min()}, {L("max", "最多")} {loads.Max()})  {L("wait", "等待")} {L("median", "中位")} {Percentile(waits, 0.5),6:F0} {minutes}, p90 {Percentile(waits, 0.9),6:F0} {minutes}"));
        }

        var all = outcome.Assignments.Select(a => a.Waited.TotalMinutes).ToList();
        output.WriteLine(string.Create(culture, $"  {L("all assignments", "全部分配")}: {all.Count}, {L("wait", "等待")} {L("median", "中位")} {Percentile(all, 0.5):F0} {minutes}, p90 {Percentile(all, 0.9):F0} {minutes}, {L("max", "最长")} {Percentile(all, 1):F0} {minutes}"));
    }

    private static void WriteSatisfaction(MonthOutcome outcome, TextWriter output, Func<string, string, string> L, CultureInfo culture)
    {
        Section(output, L("Satisfaction", "满意度"));
        var scores = outcome.Surveys.Select(s => s.Csat.Value).ToList();
        if (scores.Count == 0)
        {
            output.WriteLine(L("  no surveys", "  无调查"));
            return;
        }

        output.WriteLine(string.Create(culture, $"  CSAT {L("average", "平均")} {scores.Average():F2} / 5 {L("from", "，样本")} {scores.Count} {L("surveys", "份")}"));
        for (var score = CsatScore.MaxValue; score >= CsatScore.MinValue; score--)
        {
            var count = scores.Count(s => s == score);
            var bar = new string('#', (int)Math.Round(40.0 * count / scores.Count));
            output.WriteLine(string.Create(culture, $"    {score}  {count,6}  {bar}"));
        }

        var nps = outcome.Surveys.Where(s => s.Nps is not null).Select(s => s.Nps!.Value).ToList();
        if (nps.Count > 0)
        {
            output.WriteLine(string.Create(culture, $"  NPS {SatisfactionAnalyzer.NetPromoterScore(nps):F1} ({nps.Count} {L("answers", "份回答")})"));
        }
    }

    /// <summary>The last line: how long the month took in real time.</summary>
    /// <param name="elapsed">The wall-clock time the run took.</param>
    /// <param name="culture">The language.</param>
    public static string SimulatedIn(TimeSpan elapsed, CultureInfo culture) => TextCultures.IsSimplifiedChinese(culture)
        ? string.Create(CultureInfo.InvariantCulture, $"（模拟用时 {elapsed.TotalSeconds:F1} 秒）")
        : string.Create(CultureInfo.InvariantCulture, $"(simulated in {elapsed.TotalSeconds:F1} s of real time)");

    /// <summary>A day as month-day and short weekday: <c>02-16 Mon</c>, or <c>02-16 周一</c> in Chinese.</summary>
    /// <param name="day">The day.</param>
    /// <param name="culture">The language.</param>
    public static string Day(LocalDate day, CultureInfo culture)
    {
        var date = day.ToString("MM-dd", CultureInfo.InvariantCulture);
        return TextCultures.IsSimplifiedChinese(culture)
            ? date + " " + ChineseWeekdays[(int)day.DayOfWeek - 1]
            : date + " " + day.ToString("ddd", CultureInfo.InvariantCulture);
    }

    // Monday first, as NodaTime's IsoDayOfWeek counts (Monday = 1); written out so that hosts without culture data print them too.
    private static readonly string[] ChineseWeekdays = ["周一", "周二", "周三", "周四", "周五", "周六", "周日"];

    private static string Target(string role, bool zh) => (role, zh) switch
    {
        ("Supervisor", true) => "主管",
        ("DepartmentHead", true) => "部门负责人",
        ("TechnicalSupport", true) => "技术支持",
        ("ProductManager", true) => "产品经理",
        _ => role,
    };

    private static void Section(TextWriter output, string title)
    {
        output.WriteLine();
        output.WriteLine(title);
        output.WriteLine(new string('-', Math.Max(8, title.Length)));
    }

    private static void Counts(TextWriter output, string label, IEnumerable<string> values, int top = int.MaxValue)
    {
        var groups = values.GroupBy(v => v, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Take(top)
            .Select(g => $"{g.Key} {g.Count()}");
        output.WriteLine($"{label}: {string.Join(", ", groups)}");
    }

    private static double Percentile(List<double> values, double p)
    {
        if (values.Count == 0)
        {
            return 0;
        }

        values.Sort();
        var index = (int)Math.Ceiling(p * values.Count) - 1;
        return values[Math.Clamp(index, 0, values.Count - 1)];
    }
}
