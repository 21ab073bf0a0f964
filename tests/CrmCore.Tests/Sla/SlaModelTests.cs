using System.Collections.Immutable;
using System.Globalization;
using CrmCore.Sla;
using CrmCore.Tickets;
using NodaTime;

namespace CrmCore.Tests.Sla;

/// <summary>
/// The SLA model's small types, each rule asserted exactly: targets and warning leads refuse what they cannot mean (with the
/// parameter and message), criteria match on every field they name and describe themselves, summaries count every status,
/// and the names users read exist in English and Chinese.
/// </summary>
public sealed class SlaModelTests
{
    private static readonly Instant T0 = Instant.FromUtc(2026, 3, 2, 1, 0);
    private static readonly CultureInfo Zh = CultureInfo.GetCultureInfo("zh-Hans");
    private static readonly CultureInfo En = CultureInfo.InvariantCulture;
    private static readonly TicketId Id = new("T1");
    private static readonly SlaPolicy Policy = new("p", []);

    public static TheoryData<SlaClockStatus, string, string> StatusNames => new()
    {
        { SlaClockStatus.NotStarted, "Not started", "未开始" },
        { SlaClockStatus.Running, "Running", "计时中" },
        { SlaClockStatus.Paused, "Paused", "已暂停" },
        { SlaClockStatus.Met, "Met", "达标" },
        { SlaClockStatus.Breached, "Breached", "超时" },
    };

    public static TheoryData<string, string, string> MetricNames => new()
    {
        { "FirstResponse", "First response", "首次响应" },
        { "NextResponse", "Next response", "后续响应" },
        { "Resolution", "Resolution", "解决" },
        { "Revisit", "Revisit", "回访" },
    };

    [Theory]
    [MemberData(nameof(StatusNames))]
    public void StatusName_EveryStatus_InEnglishAndChinese(SlaClockStatus status, string english, string chinese)
    {
        Assert.Equal(english, SlaText.StatusName(status, En));
        Assert.Equal(chinese, SlaText.StatusName(status, Zh));
        Assert.Equal(chinese, SlaText.StatusName(status, CultureInfo.GetCultureInfo("zh-CN")));
    }

    [Theory]
    [MemberData(nameof(MetricNames))]
    public void MetricName_EveryBuiltInMetric_InEnglishAndChinese(string code, string english, string chinese)
    {
        Assert.Equal(english, SlaText.MetricName(new SlaMetric(code), En));
        Assert.Equal(chinese, SlaText.MetricName(new SlaMetric(code), Zh));
    }

    [Fact]
    public void Names_UnknownValues_FallBackToTheCode()
    {
        Assert.Equal("Custom", SlaText.MetricName(new SlaMetric("Custom"), Zh));
        Assert.Equal("Custom", SlaText.MetricName(new SlaMetric("Custom"), En));
        Assert.Equal("9", SlaText.StatusName((SlaClockStatus)9, Zh));
    }

    [Fact]
    public void Names_WithoutCulture_UseTheCurrentUiCulture()
    {
        var saved = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = Zh;
            Assert.Equal("达标", SlaText.StatusName(SlaClockStatus.Met));
            Assert.Equal("解决", SlaText.MetricName(SlaMetric.Resolution));
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en-US");
            Assert.Equal("Met", SlaText.StatusName(SlaClockStatus.Met));
        }
        finally
        {
            CultureInfo.CurrentUICulture = saved;
        }
    }

    [Fact]
    public void Metric_BuiltInCodes_AndBlankCodeRefused()
    {
        Assert.Equal(["FirstResponse", "NextResponse", "Resolution", "Revisit"], new[] { SlaMetric.FirstResponse, SlaMetric.NextResponse, SlaMetric.Resolution, SlaMetric.Revisit }.Select(m => m.ToString()));
        Assert.Equal(string.Empty, default(SlaMetric).Code);
        Assert.Equal("code", Assert.Throws<ArgumentException>(() => new SlaMetric(" ")).ParamName);
    }

    [Fact]
    public void Target_RefusesNegativeTimeNegativeDaysAndBlankCalendar()
    {
        Assert.Equal("businessTime", Assert.Throws<ArgumentOutOfRangeException>(() => new SlaTarget(SlaMetric.Resolution, Duration.FromTicks(-1))).ParamName);
        Assert.Equal("workingDays", Assert.Throws<ArgumentOutOfRangeException>(() => new SlaTarget(SlaMetric.Revisit, -1)).ParamName);
        Assert.Equal("calendar", Assert.Throws<ArgumentException>(() => new SlaTarget(SlaMetric.Resolution, Duration.Zero, " ")).ParamName);
        Assert.Equal("calendar", Assert.Throws<ArgumentException>(() => new SlaTarget(SlaMetric.Revisit, 0, "")).ParamName);
        Assert.Equal("value", Assert.Throws<ArgumentNullException>(() => new SlaTarget(SlaMetric.Resolution, Duration.Zero) { PausedIn = null! }).ParamName);
    }

    [Fact]
    public void Target_ZeroIsAllowed_AndDescribesItself()
    {
        var time = new SlaTarget(SlaMetric.Resolution, Duration.FromMinutes(90), "cn");
        var days = new SlaTarget(SlaMetric.Revisit, 0);

        Assert.Equal((Duration.FromMinutes(90), (int?)null, "cn"), (time.BusinessTime!.Value, time.WorkingDays, time.Calendar));
        Assert.Equal(((Duration?)null, 0, "default"), (days.BusinessTime, days.WorkingDays!.Value, days.Calendar));
        Assert.Equal("Resolution within 1.5 business hours on 'cn'", time.ToString());
        Assert.Equal("Revisit within 0 working days on 'default'", days.ToString());
        Assert.Empty(new SlaTarget(SlaMetric.Resolution, Duration.Zero).PausedIn);
    }

    [Fact]
    public void Policy_TwoTargetsForOneMetric_IsRefusedNamingPolicyAndMetric()
    {
        var e = Assert.Throws<ArgumentException>(() => new SlaPolicy("gold", [new SlaTarget(SlaMetric.Resolution, Duration.FromHours(1)), new SlaTarget(SlaMetric.FirstResponse, Duration.FromHours(1)), new SlaTarget(SlaMetric.Resolution, 2)]));

        Assert.Equal("targets", e.ParamName);
        Assert.StartsWith("Policy 'gold' has more than one target for Resolution.", e.Message, StringComparison.Ordinal);
        Assert.Equal(2, new SlaPolicy("gold", [new SlaTarget(SlaMetric.Resolution, Duration.FromHours(1)), new SlaTarget(SlaMetric.FirstResponse, 1)]).Targets.Length);
        Assert.Equal("name", Assert.Throws<ArgumentException>(() => new SlaPolicy(" ", [])).ParamName);
        Assert.Equal("targets", Assert.Throws<ArgumentNullException>(() => new SlaPolicy("p", null!)).ParamName);
    }

    [Fact]
    public void PolicySet_SelectsTheFirstMatchingRule_ElseTheDefault()
    {
        var urgent = new SlaPolicy("urgent", []);
        var email = new SlaPolicy("email", []);
        var standard = new SlaPolicy("standard", []);
        var set = new SlaPolicySet(
            "set",
            [new SlaPolicyRule(new TicketCriteria { Urgencies = [Urgency.Urgent] }, urgent), new SlaPolicyRule(new TicketCriteria { Channels = [Channel.Email] }, email)],
            standard);

        Assert.Same(urgent, set.Select(Ticket() with { Urgency = Urgency.Urgent, Channel = Channel.Email }));
        Assert.Same(email, set.Select(Ticket() with { Channel = Channel.Email }));
        Assert.Same(standard, set.Select(Ticket()));
        Assert.Equal(["urgent", "email", "standard"], set.Policies.Select(p => p.Name));
        Assert.Equal("name", Assert.Throws<ArgumentException>(() => new SlaPolicySet("", [], standard)).ParamName);
        Assert.Equal("rules", Assert.Throws<ArgumentNullException>(() => new SlaPolicySet("s", null!, standard)).ParamName);
        Assert.Equal("defaultPolicy", Assert.Throws<ArgumentNullException>(() => new SlaPolicySet("s", [], null!)).ParamName);
    }

    [Fact]
    public void Criteria_EachFieldAlone_DecidesTheMatch()
    {
        var ticket = Ticket() with { Urgency = Urgency.Major, Type = TicketType.Fault, Channel = Channel.Email, Tier = "VIP", Tags = ["大客户", "续约"] };

        Assert.True(new TicketCriteria().Matches(ticket));
        Assert.True(new TicketCriteria { Urgencies = [Urgency.Major, Urgency.General] }.Matches(ticket));
        Assert.False(new TicketCriteria { Urgencies = [Urgency.General] }.Matches(ticket));
        Assert.False(new TicketCriteria { Urgencies = [Urgency.General] }.Matches(ticket with { Urgency = (Urgency)40 }));
        Assert.True(new TicketCriteria { Types = [TicketType.Fault] }.Matches(ticket));
        Assert.False(new TicketCriteria { Types = [TicketType.Complaint] }.Matches(ticket));
        Assert.True(new TicketCriteria { Channels = [Channel.Email] }.Matches(ticket));
        Assert.False(new TicketCriteria { Channels = [Channel.Phone] }.Matches(ticket));
        Assert.True(new TicketCriteria { Tiers = ["VIP"] }.Matches(ticket));
        Assert.False(new TicketCriteria { Tiers = ["Standard"] }.Matches(ticket));
        Assert.False(new TicketCriteria { Tiers = ["VIP"] }.Matches(ticket with { Tier = null }));
        Assert.True(new TicketCriteria { AnyTags = ["续约", "流失"] }.Matches(ticket));
        Assert.False(new TicketCriteria { AnyTags = ["流失"] }.Matches(ticket));
        Assert.False(new TicketCriteria { Urgencies = [Urgency.Major], Channels = [Channel.Phone] }.Matches(ticket));
    }

    [Fact]
    public void Criteria_Name_ListsEveryFieldSorted_OrAnyTicket()
    {
        Assert.Equal("any ticket", new TicketCriteria().Name);
        Assert.Equal(
            "urgency in [Major, Urgent] and type in [Fault] and channel in [Email, Phone] and tier in [VIP] and tags in [a, b]",
            new TicketCriteria { Urgencies = [Urgency.Urgent, Urgency.Major], Types = [TicketType.Fault], Channels = [Channel.Phone, Channel.Email], Tiers = ["VIP"], AnyTags = ["b", "a"] }.Name);
        Assert.Equal("tier in [VIP]", new TicketCriteria { Tiers = ["VIP"] }.Name);
        Assert.Equal("value", Assert.Throws<ArgumentNullException>(() => new TicketCriteria { Urgencies = null! }).ParamName);
    }

    [Fact]
    public void PredicateCondition_AsksItsPredicate_AndRefusesBlankNameOrNull()
    {
        var condition = new PredicateSlaCondition("vip", t => t.Tier == "VIP");

        Assert.Equal("vip", condition.Name);
        Assert.True(condition.Matches(Ticket() with { Tier = "VIP" }));
        Assert.False(condition.Matches(Ticket()));
        Assert.Equal("name", Assert.Throws<ArgumentException>(() => new PredicateSlaCondition(" ", _ => true)).ParamName);
        Assert.Equal("predicate", Assert.Throws<ArgumentNullException>(() => new PredicateSlaCondition("p", null!)).ParamName);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(100.0)]
    [InlineData(62.5)]
    public void WarningLead_PercentFromZeroToHundred_IsKept(double percent)
    {
        var lead = SlaWarningLead.AtPercentUsed(percent);

        Assert.Equal(percent, lead.PercentUsed);
        Assert.Equal(Duration.Zero, lead.Before);
    }

    [Theory]
    [InlineData(-0.001)]
    [InlineData(100.001)]
    [InlineData(double.NaN)]
    public void WarningLead_PercentOutsideZeroToHundred_IsRefused(double percent)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => SlaWarningLead.AtPercentUsed(percent));

        Assert.Equal("percent", e.ParamName);
        Assert.StartsWith("The percentage must be between 0 and 100.", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WarningLead_BeforeDue_NeedsAPositiveLead_AndTheDefaultIsEightyPercent()
    {
        Assert.Equal("lead", Assert.Throws<ArgumentOutOfRangeException>(() => SlaWarningLead.BeforeDue(Duration.Zero)).ParamName);
        Assert.StartsWith("The lead must be positive.", Assert.Throws<ArgumentOutOfRangeException>(() => SlaWarningLead.BeforeDue(Duration.FromTicks(-1))).Message, StringComparison.Ordinal);

        var lead = SlaWarningLead.BeforeDue(Duration.FromTicks(1));
        Assert.Null(lead.PercentUsed);
        Assert.Equal(Duration.FromTicks(1), lead.Before);
        Assert.Equal(80, default(SlaWarningLead).PercentUsed);
    }

    [Fact]
    public void WarningLead_WarningTicks_RoundsHalfAwayAndNeverGoesBelowTheStart()
    {
        Assert.Equal(8, default(SlaWarningLead).WarningTicks(10));
        Assert.Equal(1, SlaWarningLead.AtPercentUsed(50).WarningTicks(1)); // 0.5 rounds up
        Assert.Equal(0, SlaWarningLead.AtPercentUsed(49).WarningTicks(1));
        Assert.Equal(7, SlaWarningLead.BeforeDue(Duration.FromTicks(3)).WarningTicks(10));
        Assert.Equal(0, SlaWarningLead.BeforeDue(Duration.FromTicks(30)).WarningTicks(10));
    }

    [Fact]
    public void MetricState_MarginAndOpen()
    {
        var target = new SlaTarget(SlaMetric.Resolution, Duration.FromHours(8));
        var running = new SlaMetricState(target, SlaClockStatus.Running, T0, null, null, null, Duration.FromHours(8), Duration.FromHours(3));

        Assert.Equal(SlaMetric.Resolution, running.Metric);
        Assert.Equal(Duration.FromHours(5), running.Margin);
        Assert.True(running.IsOpen);
        Assert.False((running with { StoppedAt = T0 }).IsOpen);
        Assert.False((running with { Status = SlaClockStatus.NotStarted }).IsOpen);
        Assert.True((running with { Status = SlaClockStatus.Paused }).IsOpen);
        Assert.Equal(Duration.FromHours(-1), (running with { Elapsed = Duration.FromHours(9) }).Margin);
    }

    [Fact]
    public void ComplianceSummary_CountsEveryStatus_AndRateIsMetOverDecided()
    {
        var target = new SlaTarget(SlaMetric.Resolution, Duration.FromHours(8));
        var other = new SlaTarget(SlaMetric.FirstResponse, Duration.FromHours(1));
        SlaMetricState M(SlaTarget t, SlaClockStatus s) => new(t, s, null, null, null, null, Duration.Zero, Duration.Zero);
        SlaTicketState State(SlaTarget t, SlaClockStatus s) => new(Id, Policy, T0, [M(other, SlaClockStatus.Running), M(t, s)]);
        var states = new[]
        {
            State(target, SlaClockStatus.Met), State(target, SlaClockStatus.Met), State(target, SlaClockStatus.Met), State(target, SlaClockStatus.Breached),
            State(target, SlaClockStatus.Running), State(target, SlaClockStatus.Running), State(target, SlaClockStatus.Paused),
            State(target, SlaClockStatus.NotStarted), new SlaTicketState(Id, Policy, T0, [M(other, SlaClockStatus.Breached)]),
        };

        var summary = SlaComplianceSummary.Of(states, SlaMetric.Resolution);

        Assert.Equal(new SlaComplianceSummary(SlaMetric.Resolution, 3, 1, 2, 1, 1), summary);
        Assert.Equal(0.75, summary.ComplianceRate);
        Assert.Null(SlaComplianceSummary.Of(states[4..], SlaMetric.Resolution).ComplianceRate);
        Assert.Equal(0.0, SlaComplianceSummary.Of(states[3..4], SlaMetric.Resolution).ComplianceRate);
        Assert.Equal("states", Assert.Throws<ArgumentNullException>(() => SlaComplianceSummary.Of(null!, SlaMetric.Resolution)).ParamName);
    }

    [Fact]
    public void Ticket_StatusAt_ChangeAtTheInstantCounts()
    {
        var t1 = T0 + Duration.FromHours(1);
        var ticket = Ticket() with
        {
            History = [new StatusChange(T0, TicketStatus.Pending, TicketStatus.Pending, "a"), new StatusChange(t1, TicketStatus.Pending, TicketStatus.InProgress, "a")],
        };

        Assert.Equal(TicketStatus.Pending, ticket.StatusAt(t1 - Duration.Epsilon));
        Assert.Equal(TicketStatus.InProgress, ticket.StatusAt(t1));
        Assert.Equal(TicketStatus.InProgress, ticket.Status);
        Assert.Equal(TicketStatus.Pending, Ticket().Status);
        Assert.Equal(TicketStatus.Pending, Ticket().StatusAt(T0));
    }

    [Fact]
    public void ClockBounds_NotCountingIn_DefaultsToEmpty()
    {
        var bounds = new SlaClockBounds(T0, null);

        Assert.Empty(bounds.NotCountingIn);
        Assert.Empty(default(SlaClockBounds).NotCountingIn);
        Assert.Equal([TicketStatus.Closed], new SlaClockBounds(T0, T0, ImmutableHashSet.Create(TicketStatus.Closed)).NotCountingIn);
    }

    private static SlaTicket Ticket() => new() { Id = Id, RaisedAt = T0 };
}
