using System.Globalization;
using CrmCore.Samples.ServiceDesk;
using CrmCore.Sla;
using CrmCore.Tickets;

namespace CrmCore.Samples.Tests;

public class ServiceDeskMonthTests
{
    private static readonly SampleSettings Small = new() { Customers = 300, Tickets = 1200, Seed = 7, Store = SampleStore.Memory };

    private static readonly Lazy<MonthOutcome> SmallMonth = new(() => ServiceDeskMonth.Run(Small));

    [Fact]
    public void Run_SameSeed_PrintsTheSameMonth()
    {
        var first = Print(SmallMonth.Value);
        var second = Print(ServiceDeskMonth.Run(Small));

        Assert.Equal(first, second);
    }

    [Fact]
    public void Run_EveryTicketIsAccountedFor()
    {
        var outcome = SmallMonth.Value;

        Assert.Equal(Small.Tickets, outcome.Tickets.Count);
        Assert.Equal(outcome.Tickets.Count, outcome.Tickets.Select(t => t.Ticket.Id).Distinct().Count());
        Assert.Equal(outcome.Tickets.Count, outcome.SlaStates.Count);
        Assert.All(outcome.Tickets, t => Assert.False(t.Ticket.Owner.IsEmpty));
    }

    [Fact]
    public void Run_ClosedTicketsWentThroughResolutionAndRevisit()
    {
        var closed = SmallMonth.Value.Tickets.Where(t => t.Ticket.Status == TicketStatus.Closed).ToList();

        Assert.NotEmpty(closed);
        Assert.All(closed, t =>
        {
            Assert.Contains(t.Ticket.StatusHistory, c => c.To == TicketStatus.Resolved);
            Assert.NotNull(t.Ticket.RevisitCompletedAt ?? t.Ticket.CustomerConfirmedAt);
            Assert.NotNull(t.Ticket.Satisfaction);
        });
    }

    [Fact]
    public void Run_SurveysMatchClosures()
    {
        var outcome = SmallMonth.Value;
        var closures = outcome.Tickets.Sum(t => t.Ticket.StatusHistory.Count(c => c.To == TicketStatus.Closed));

        Assert.Equal(closures, outcome.Surveys.Count);
    }

    [Fact]
    public void Run_CustomersAreTieredByTheDefaultPack()
    {
        var outcome = SmallMonth.Value;

        Assert.All(outcome.Customers, c => Assert.Contains(c.Customer.Tier, new[] { "A", "B", "C", "Potential" }));
        var a = outcome.Customers.Where(c => c.Customer.Tier == "A").ToList();
        Assert.All(a, c => Assert.True(c.Seed.AnnualAmount >= 500_000m));
    }

    [Fact]
    public void Run_FirstResponseIsDueItsBusinessAllowanceAfterTheNextOpening()
    {
        var outcome = SmallMonth.Value;
        var states = outcome.SlaStates.Select(s => s.Find(SlaMetric.FirstResponse))
            .Where(m => m is { StartedAt: not null, DueAt: not null })
            .Select(m => m!.Value)
            .ToList();
        var outsideHours = states.Count(m => !outcome.Calendar.IsOpen(m.StartedAt!.Value));

        Assert.NotEmpty(states);
        Assert.True(outsideHours > 0, "the month should raise some tickets while the desk is closed");
        Assert.All(states, m =>
        {
            var opening = outcome.Calendar.NextOpen(m.StartedAt!.Value);
            Assert.Equal(outcome.Calendar.Add(opening, m.Allowed), m.DueAt);
        });
    }

    [Fact]
    public void Run_FaultTicketsCarryTheirDevice_TheWorstModelsComeFromTheStoredLinks()
    {
        var outcome = SmallMonth.Value;
        var faults = outcome.Tickets.Where(t => t.Ticket.Type == TicketType.Fault).ToList();
        var linked = faults.Count(t => t.Ticket.RelatedAssetId is not null);

        Assert.All(outcome.Tickets.Where(t => t.Ticket.Type != TicketType.Fault), t => Assert.Null(t.Ticket.RelatedAssetId));
        Assert.All(faults.Where(t => t.Ticket.RelatedAssetId is not null), t => Assert.StartsWith(t.Customer.Customer.Id.Value + "-A", t.Ticket.RelatedAssetId, StringComparison.Ordinal));
        Assert.True(linked >= faults.Count * 0.9, $"{linked} of {faults.Count} fault tickets are linked");
        var models = outcome.Report.WorstAssetModels;
        Assert.Equal(linked, models.Sum(m => m.Failures));
        Assert.All(models, m => Assert.True(m.Installed > 0 && m.Failures > 0, m.ToString()));
        Assert.Equal(models.OrderByDescending(m => m.FailuresPer100Installed), models);
    }

    [Fact]
    public void Run_ReportChecksTheCustomerRecordsCompleteness_TheGapsTheSampleLeft()
    {
        var outcome = SmallMonth.Value;
        var completeness = outcome.Report.Completeness!;

        // The sample leaves one customer in eleven without an account manager and one in nine without an e-mail (document 002's gaps).
        var withoutManager = outcome.Customers.Count(c => c.Customer.AccountManager is null);
        Assert.Equal(Small.Customers, completeness.Customers.Count);
        Assert.Equal(Small.Customers / 11 + (Small.Customers % 11 > 7 ? 1 : 0), withoutManager);
        Assert.Equal(Small.Customers - withoutManager, completeness.CompleteCount);
        var manager = completeness.MostOftenMissing.Single(m => m.Field == Completeness.CustomerDataField.AccountManager);
        Assert.Equal((withoutManager, true), (manager.Customers, manager.Required));
        Assert.Null(completeness.ByAccountManager[0].AccountManager); // the customers without one are the least complete group
        Assert.Contains("Customer data completeness", outcome.Report.ToText(CultureInfo.InvariantCulture), StringComparison.Ordinal);

        // ... and one in seven without a product: a gap the check reports, not every record (the sample's customers buy something).
        var withoutProducts = outcome.Customers.Count(c => c.Customer.Products.Count == 0);
        Assert.Equal(Small.Customers / 7 + (Small.Customers % 7 > 3 ? 1 : 0), withoutProducts);
        var products = completeness.MostOftenMissing.Single(m => m.Field == Completeness.CustomerDataField.Products);
        Assert.Equal((withoutProducts, false), (products.Customers, products.Required));
    }

    [Fact]
    public void Run_RealTicketsGetKnowledgeSuggestions()
    {
        var knowledge = SmallMonth.Value.Knowledge;

        Assert.Equal(Small.Tickets, knowledge.Asked);
        Assert.Equal(0, knowledge.Failed);
        Assert.True(knowledge.Suggested.Count > Small.Tickets / 4, $"{knowledge.Suggested.Count} of {knowledge.Asked}");
        Assert.All(knowledge.Suggested, s => Assert.InRange(s.Top.Count, 1, 3));
        var login = knowledge.Suggested.First(s => s.Description == "系统登录异常");
        Assert.Contains("登录", login.Top[0].Title, StringComparison.Ordinal);
        Assert.Contains(SmallMonth.Value.Tickets, t => t.Id == login.Ticket);
    }

    [Fact]
    public void Run_AssetsAreStored_AssetRulesFireOnRealTickets_AndTheMonthPrintsThem()
    {
        var outcome = SmallMonth.Value;
        var firings = outcome.Relationships.AssetRuleFirings;
        var text = Print(outcome);

        Assert.True(outcome.Relationships.StoredAssets >= Small.Customers, $"{outcome.Relationships.StoredAssets} assets stored");
        Assert.Contains(firings, f => f.AssetRules.Contains("KnownIssueModel") && f.Model == "POS 终端 T2");
        Assert.Contains(firings, f => f.AssetRules.Contains("HighFailureRateModel") && f.FailureRate >= 20);
        Assert.DoesNotContain(firings, f => f.AssetRules.Contains("HighFailureRateModel") && !(f.FailureRate >= 20));
        Assert.DoesNotContain(firings, f => f.AssetRules.Contains("KnownIssueModel") && f.Model != "POS 终端 T2");
        Assert.All(firings, f =>
        {
            // The desk queued the ticket with exactly the points the pack's reasons add up to, the asset rules' 10 each included.
            Assert.Equal(f.Priority, (long)Math.Round(f.Reasons.Sum(r => r.Points), MidpointRounding.AwayFromZero));
            Assert.Equal(f.AssetRules.Count * 10m, f.Reasons.Where(r => f.AssetRules.Contains(r.Rule)).Sum(r => r.Points));
            Assert.Contains(outcome.Tickets, t => t.Id == f.Ticket && t.Ticket.RelatedAssetId is not null);
        });
        var models = outcome.Report.WorstAssetModels;
        Assert.Equal(5, models.Count);
        Assert.Equal(outcome.Relationships.StoredAssets, models.Sum(m => m.Installed));
        Assert.Contains($"  {outcome.Relationships.StoredAssets} assets stored;", text, StringComparison.Ordinal);
        Assert.Contains($"  asset rules fired on {firings.Count} tickets: ", text, StringComparison.Ordinal);
        var example = firings.First(f => f.AssetRules.Count > 1);
        Assert.Contains($"  e.g. {example.Ticket} {example.Model} (", text, StringComparison.Ordinal);
        Assert.Contains($"worst models (failures per 100 installed): {models[0].Model} ", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_InChinese_UsesChineseLabels()
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        MonthSummary.Write(SmallMonth.Value with { Settings = Small with { Culture = CultureInfo.GetCultureInfo("zh-Hans") } }, writer);
        var text = writer.ToString();

        Assert.Contains("工单", text, StringComparison.Ordinal);
        Assert.Contains("已关闭", text, StringComparison.Ordinal);
        Assert.Contains("调休上班", text, StringComparison.Ordinal);
        Assert.Contains("设备规则在", text, StringComparison.Ordinal);
        Assert.Contains("设备型号故障率高", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_InChinese_LeavesNoEnglishWeekdaysMinMaxOrMinutes()
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        MonthSummary.Write(SmallMonth.Value with { Settings = Small with { Culture = CrmCore.Localization.TextCultures.SimplifiedChinese } }, writer);
        var text = writer.ToString();

        // February 2026: Spring Festival from Monday the 16th, make-up working day on Saturday the 14th.
        Assert.Contains("工作日放假：02-16 周一，02-17 周二", text, StringComparison.Ordinal);
        Assert.Contains("调休上班（班）：02-14 周六", text, StringComparison.Ordinal);
        Assert.Matches(@"\(最少 \d+, 最多 \d+\)", text);
        Assert.Matches(@"等待 中位 +\d+ 分钟, p90 +\d+ 分钟", text);
        foreach (var english in (string[])["Mon", "Sat", "(min ", "max ", " min,", " min\n"])
        {
            Assert.DoesNotContain(english, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Write_InEnglish_KeepsEnglishWeekdaysAndMinutes()
    {
        var text = Print(SmallMonth.Value);

        Assert.Contains("holidays on weekdays: 02-16 Mon, 02-17 Tue", text, StringComparison.Ordinal);
        Assert.Matches(@"\(min \d+, max \d+\)", text);
        Assert.Matches(@"wait median +\d+ min, p90 +\d+ min", text);
    }

    [Theory]
    [InlineData("en", "(simulated in 19.5 s of real time)")]
    [InlineData("zh-Hans", "（模拟用时 19.5 秒）")]
    public void SimulatedIn_SpeaksTheLanguage(string language, string expected)
    {
        var culture = language == "en" ? CrmCore.Localization.TextCultures.English : CrmCore.Localization.TextCultures.SimplifiedChinese;

        Assert.Equal(expected, MonthSummary.SimulatedIn(TimeSpan.FromSeconds(19.48), culture));
    }

    private static string Print(MonthOutcome outcome)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        MonthSummary.Write(outcome, writer);
        return writer.ToString();
    }
}
