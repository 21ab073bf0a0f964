using System.Globalization;
using CrmCore.Agents;
using CrmCore.Assets;
using CrmCore.Completeness;
using CrmCore.Customers;
using CrmCore.Metrics;
using CrmCore.Relationships;
using CrmCore.Satisfaction;
using NodaTime;
using static CrmCore.Tests.Metrics.KpiTestData;

namespace CrmCore.Tests.Metrics;

/// <summary>What the monthly report adds for issues 15 and 18: plans, asset models, themes through the port, revisit breaches, per-channel targets.</summary>
public sealed class ReportSupplementsTests
{
    [Fact]
    public void Build_Supplements_PlansLowestCompletionFirst_ModelsWorstFirstWithoutFailureFreeOnes()
    {
        var supplements = new ReportSupplements
        {
            PlanCompletion = [new(new AgentId("a"), 4, 4, 4, 0, 0), new(new AgentId("b"), 4, 1, 1, 3, 0)],
            AssetModels = [new("M1", 100, 5, 2, Duration.FromDays(900)), new("M2", 10, 3, 3, Duration.FromDays(300)), new("M3", 50, 0, 0, Duration.FromDays(500))],
        };

        var report = new MonthlyReportBuilder(new MetricsOptions(), new SatisfactionOptions()).Build(new KpiInput([Ticket("T1")], [], []), May, null, supplements);
        var text = report.ToText(CultureInfo.InvariantCulture);

        Assert.Equal(["b", "a"], report.PlanCompletion.Select(r => r.Owner!.Value.Value));
        Assert.Equal(["M2", "M1"], report.WorstAssetModels.Select(m => m.Model));
        Assert.Contains("  b: 1 of 4 done (25%), 1 on time, 3 overdue, 0 cancelled", text, StringComparison.Ordinal);
        Assert.Contains("  1. M2: 3 failures in 10 installed (30 per 100), MTBF 100 days", text, StringComparison.Ordinal);
        Assert.Contains("客户经理沟通计划完成率", report.ToText(CultureInfo.GetCultureInfo("zh-Hans")), StringComparison.Ordinal);
    }

    [Fact]
    public void Build_WithAThemeExtractor_ThemesComeFromIt()
    {
        var input = new KpiInput([Ticket("T1")], [Survey("T1", 1, comment: "响应慢，没解决")], []);

        var report = new MonthlyReportBuilder(new MetricsOptions(), new SatisfactionOptions(), new FixedThemes()).Build(input, May);

        Assert.Equal("响应慢", Assert.Single(report.Satisfaction.NegativeThemes).Term);
    }

    [Fact]
    public void RevisitBreach_JudgedOnlyWhereTheClockEnded_AndCountedInTheCombinedRate()
    {
        var input = new KpiInput(
            [Ticket("T1") with { RevisitSlaBreached = true }, Ticket("T2") with { RevisitSlaBreached = false }, Ticket("T3")],
            [],
            []);

        var totals = new KpiCalculator(new MetricsOptions()).Compute(input, May).Totals;

        Assert.Equal((2, 1), (totals.RevisitJudgedCount, totals.RevisitSlaBreachedCount));
        Assert.Equal(0.5, totals.RevisitBreachRate);
        Assert.Equal(1, totals.SlaBreachedCount); // answered in 1 h and resolved in time: only the late revisit counts
    }

    [Theory]
    [InlineData("{\"maxAverageFirstResponseMinutesByChannel\": {\"Phone\": 0}}", "'maxAverageFirstResponseMinutesByChannel.Phone' must be a positive number of minutes")]
    [InlineData("{\"maxAverageFirstResponseMinutesByChannel\": [10]}", "must be an object of channel code to minutes")]
    public void ChannelTargets_Bad_FailWithFileLineAndColumn(string json, string message)
    {
        var e = Assert.Throws<FormatException>(() => ReportTargetsJson.Parse(json, "t.json"));

        Assert.Contains("t.json:1:", e.Message, StringComparison.Ordinal);
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ChannelTargets_UnknownAndMiscasedChannels_EachReportedOnItsOwnLineAndColumn()
    {
        // The QA file tg3.json: both keys used to be accepted and then matched nothing, so the report said every target was met.
        const string json = "{ \"maxAverageFirstResponseMinutesByChannel\": {\n  \"Fax\": 5,\n  \"Onlinechat\": 10 } }";

        var e = Assert.Throws<FormatException>(() => ReportTargetsJson.Parse(json, "tg3.json"));

        Assert.Equal(
            "tg3.json:2:3: 'maxAverageFirstResponseMinutesByChannel.Fax': unknown channel; known: Phone, Email, OnlineChat, Visit, WebForm, Sms (a host's own channel code must first be listed in 'hostChannels')."
            + Environment.NewLine + "tg3.json:3:3: 'maxAverageFirstResponseMinutesByChannel.Onlinechat': unknown channel; did you mean 'OnlineChat'?",
            e.Message);
    }

    [Fact]
    public void Validate_ChannelTargetSetInCode_UnknownOrMiscasedCodeIsAProblem()
    {
        var targets = new ReportTargets();
        targets.MaxAverageFirstResponseByChannel["Onlinechat"] = Duration.FromMinutes(10);
        targets.MaxAverageFirstResponseByChannel["Phone"] = Duration.FromMinutes(-1);

        var problems = targets.Validate(System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(
            ["Targets: 'maxAverageFirstResponseMinutesByChannel.Onlinechat': unknown channel; did you mean 'OnlineChat'?",
             "Targets: 'MaxAverageFirstResponseByChannel.Phone' must be a positive number of minutes (at most 100000)."],
            problems);
    }

    [Fact]
    public void HostChannels_InCode_LetATargetNameTheHostsOwnCode_AndTheReportChecksIt()
    {
        // QA: a host's own channel (new Channel("WeChat")) could not be given a per-channel target: Validate called it unknown.
        var targets = new ReportTargets { MaxAverageFirstResponse = null, MinResolutionRate = null, MinCsatAverage = null, MaxChurnRate = null };
        targets.MaxAverageFirstResponseByChannel["WeChat"] = Duration.FromMinutes(30);
        Assert.Equal(
            ["Targets: 'maxAverageFirstResponseMinutesByChannel.WeChat': unknown channel; known: Phone, Email, OnlineChat, Visit, WebForm, Sms (a host's own channel code must first be listed in 'HostChannels')."],
            targets.Validate(CultureInfo.InvariantCulture));

        targets.HostChannels.Add("WeChat");
        var options = new MetricsOptions { Targets = targets };
        var wechat = Ticket("T1", responseHours: 1) with { Channel = new CrmCore.Tickets.Channel("WeChat") };
        var report = new MonthlyReportBuilder(options, new SatisfactionOptions()).Build(new KpiInput([wechat, Ticket("T2")], [], []), May);

        Assert.Empty(targets.Validate(CultureInfo.InvariantCulture));
        var check = Assert.Single(report.ChannelChecks);
        Assert.Equal(("WeChat", 1d, false), (check.Channel, check.Actual, check.Met));
        Assert.Equal(1, report.TargetsMissed);
    }

    [Fact]
    public void HostChannels_BlankOrAWellKnownCodeInAnotherCase_AreProblems()
    {
        var targets = new ReportTargets();
        targets.HostChannels.Add(" ");
        targets.HostChannels.Add("phone");
        targets.HostChannels.Add("Phone");

        Assert.Equal(
            ["Targets: 'HostChannels': ' ' is not a channel code: it is blank or starts or ends with white space.",
             "Targets: 'HostChannels': 'phone' differs from the well-known channel 'Phone' only in case; write 'Phone', which needs no listing."],
            targets.Validate(CultureInfo.InvariantCulture));
    }

    [Fact]
    public void HostChannels_InAFile_AnywhereInIt_LetTargetsNameThem_AndUnknownCodesStillFail()
    {
        var before = ReportTargetsJson.Parse("{ \"hostChannels\": [\"WeChat\", \"Complaint\"], \"maxAverageFirstResponseMinutesByChannel\": { \"WeChat\": 30 } }", "a.json");
        var after = ReportTargetsJson.Parse("{ \"maxAverageFirstResponseMinutesByChannel\": { \"WeChat\": 30 }, \"hostChannels\": [\"WeChat\"] }", "b.json");
        var misspelt = Assert.Throws<FormatException>(() => ReportTargetsJson.Parse(
            "{ \"hostChannels\": [\"WeChat\"],\n  \"maxAverageFirstResponseMinutesByChannel\": { \"Wechat\": 30, \"Fax\": 5 } }", "c.json"));

        Assert.Equal(["Complaint", "WeChat"], before.HostChannels.Order(StringComparer.Ordinal));
        Assert.Equal(Duration.FromMinutes(30), before.MaxAverageFirstResponseByChannel["WeChat"]);
        Assert.Equal(["WeChat"], after.HostChannels);
        Assert.Equal(Duration.FromMinutes(30), after.MaxAverageFirstResponseByChannel["WeChat"]);
        Assert.Equal(
            "c.json:2:48: 'maxAverageFirstResponseMinutesByChannel.Wechat': unknown channel; did you mean 'WeChat'?" + Environment.NewLine
            + "c.json:2:62: 'maxAverageFirstResponseMinutesByChannel.Fax': unknown channel; known: Phone, Email, OnlineChat, Visit, WebForm, Sms, WeChat (a host's own channel code must first be listed in 'hostChannels').",
            misspelt.Message);
    }

    [Theory]
    [InlineData("{\"hostChannels\": \"WeChat\"}", "t.json:1:2: 'hostChannels' must be an array of channel codes, e.g. [\"WeChat\", \"Complaint\"].")]
    [InlineData("{\"hostChannels\": [\"WeChat\", 5]}", "t.json:1:29: 'hostChannels' must be an array of channel codes, e.g. [\"WeChat\", \"Complaint\"].")]
    [InlineData("{\"hostChannels\": [\"WeChat\", \"WeChat\"]}", "t.json:1:29: 'hostChannels.WeChat' appears twice.")]
    [InlineData("{\"hostChannels\": [\"\"]}", "t.json:1:19: 'hostChannels': '' is not a channel code: it is blank or starts or ends with white space.")]
    [InlineData("{\"hostChannels\": [\"Sms \"]}", "t.json:1:19: 'hostChannels': 'Sms ' is not a channel code: it is blank or starts or ends with white space.")]
    [InlineData("{\"hostChannels\": [\"onlinechat\"]}", "t.json:1:19: 'hostChannels': 'onlinechat' differs from the well-known channel 'OnlineChat' only in case; write 'OnlineChat', which needs no listing.")]
    public void HostChannels_BadInAFile_FailWithFileLineAndColumn(string json, string message)
    {
        var e = Assert.Throws<FormatException>(() => ReportTargetsJson.Parse(json, "t.json", CultureInfo.InvariantCulture));

        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void ChannelTargets_Document003_OnlineTenMinutesPhoneTwoHours()
    {
        var targets = ReportTargets.Document003();

        Assert.Equal(Duration.FromMinutes(10), targets.MaxAverageFirstResponseByChannel["onlinechat"]);
        Assert.Equal(Duration.FromHours(2), targets.MaxAverageFirstResponseByChannel["Phone"]);
        Assert.Empty(ReportTargets.Document001().MaxAverageFirstResponseByChannel);
    }

    [Fact]
    public void Build_Completeness_TextShowsShareMostMissingAndManagers_InBothLanguages()
    {
        CustomerState Customer(string id, string? manager, bool email) => new()
        {
            Id = new CustomerId(id),
            Version = 1,
            Name = "客户" + id,
            FirstContactOn = new LocalDate(2026, 1, 1),
            CreatedAt = Instant.FromUtc(2026, 1, 1, 0, 0),
            Industry = Industry.Retail,
            Tier = "A",
            AccountManager = manager is null ? null : new AgentId(manager),
            Contacts = [new Contact("张三", ContactRole.DecisionMaker) { Phone = "+8613800000000", Email = email ? "z@example.cn" : null }],
            AnnualAmount = Money.Cny(1000),
            FirstCooperationOn = new LocalDate(2025, 1, 1),
            Products = ["ERP"],
            Source = CustomerSource.Referral,
        };
        var completeness = CompletenessCheck.Check([Customer("K1", "wang", true), Customer("K2", "wang", false), Customer("K3", null, false), Customer("K4", "li", true)]);
        var builder = new MonthlyReportBuilder(new MetricsOptions(), new SatisfactionOptions());

        var report = builder.Build(new KpiInput([Ticket("T1")], [], []), May, null, new ReportSupplements { Completeness = completeness });
        var english = report.ToText(CultureInfo.InvariantCulture);
        var chinese = report.ToText(CultureInfo.GetCultureInfo("zh-Hans"));

        Assert.Same(completeness, report.Completeness);
        Assert.Contains("  complete records 75% (3 of 4 customers); required: Industry, Tier, Account manager, Phone, Annual amount\n", english, StringComparison.Ordinal);
        Assert.Contains("    E-mail (recommended) missing in 2 (50%)\n    Account manager (required) missing in 1 (25%)\n", english, StringComparison.Ordinal);
        Assert.Contains("    (unassigned): 0% complete (0 of 1), most often missing: Account manager\n", english, StringComparison.Ordinal);
        Assert.Contains("    li: 100% complete (1 of 1), most often missing: none\n", english, StringComparison.Ordinal);
        Assert.Contains("客户资料完整性", chinese, StringComparison.Ordinal);
        Assert.Contains("资料完整的客户占 75%（4 户中 3 户）；必填字段：所属行业，客户等级，负责客户经理，联系电话，年合作金额", chinese, StringComparison.Ordinal);
        Assert.Contains("电子邮箱（建议填写）缺失 2 户（50%）", chinese, StringComparison.Ordinal);
        // QA, wave 18: a library host's report told its manager to run crm (crm report --store, --customers); the CLI gives that hint itself.
        var notChecked = builder.Build(new KpiInput([Ticket("T1")], [], []), May);
        Assert.Contains("  not checked: the report was given no stored customer records to check\n", notChecked.ToText(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Contains("  未检查：本报告未获得存储的客户资料，无从检查\n", notChecked.ToText(CultureInfo.GetCultureInfo("zh-Hans")), StringComparison.Ordinal);
        Assert.DoesNotContain("crm ", notChecked.ToText(CultureInfo.InvariantCulture) + notChecked.ToText(CultureInfo.GetCultureInfo("zh-Hans")), StringComparison.Ordinal);
        Assert.DoesNotContain("--customers", notChecked.ToText(CultureInfo.InvariantCulture) + notChecked.ToText(CultureInfo.GetCultureInfo("zh-Hans")), StringComparison.Ordinal);
    }

    private sealed class FixedThemes : IFeedbackThemeExtractor
    {
        public IReadOnlyList<FeedbackTheme> Extract(IEnumerable<string?> comments) =>
            [new FeedbackTheme("响应慢", comments.Count(c => c is not null), [.. comments.OfType<string>()])];
    }
}
