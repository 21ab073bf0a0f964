using CrmCore.Calendars;
using CrmCore.Sla;
using CrmCore.Tests.Calendars;
using CrmCore.Tickets;
using NodaTime;
using static CrmCore.Tests.Calendars.TestCalendars;

namespace CrmCore.Tests.Sla;

public sealed class SlaEngineTests
{
    private static CalendarRegistry Registry()
    {
        var registry = new CalendarRegistry([CnStandard]);
        registry.Set("default", CnStandard);
        return registry;
    }

    private static SlaEngine Doc001() => new(SlaPolicyJson.Document001, Registry());

    [Fact]
    public void Evaluate_UrgentTicketFridayNightBeforeSpringFestival_ClockStartsOnWorkedSaturday()
    {
        // Raised Fri 13 Feb 2026 22:00; urgent: resolution within 4 business hours. Sat 14 Feb is worked: 09:00–12:00 + 13:30–14:30.
        var ticket = new SlaTicketBuilder(Cn(2026, 2, 13, 22)).Urgency(Urgency.Urgent).Build();
        var state = Doc001().Evaluate(ticket, Cn(2026, 2, 14, 8));
        Assert.Equal("urgent-major", state.Policy.Name);
        var resolution = state.Find(SlaMetric.Resolution)!.Value;
        Assert.Equal(new LocalDateTime(2026, 2, 14, 14, 30), LocalCn(resolution.DueAt!.Value));
        Assert.Equal(new LocalDateTime(2026, 2, 14, 13, 30), LocalCn(resolution.WarningAt!.Value)); // warn 1 h before due
        Assert.Equal(SlaClockStatus.Running, resolution.Status);
        Assert.Equal(Duration.Zero, resolution.Elapsed);
        Assert.Equal(Duration.FromHours(4), resolution.Margin);
    }

    [Fact]
    public void Evaluate_GeneralTicket_ResolutionDueAfter24BusinessHours()
    {
        // Tue 3 Mar 2026 10:00 + 24 h of 7.5 h days: 6.5 (Tue) + 7.5 (Wed) + 7.5 (Thu) + 2.5 (Fri 09:00–11:30).
        var ticket = new SlaTicketBuilder(Cn(2026, 3, 3, 10)).Build();
        var resolution = Doc001().Evaluate(ticket, Cn(2026, 3, 3, 10)).Find(SlaMetric.Resolution)!.Value;
        Assert.Equal(new LocalDateTime(2026, 3, 6, 11, 30), LocalCn(resolution.DueAt!.Value));
    }

    [Fact]
    public void Evaluate_WaitingForCustomer_PausesResolutionButNotFirstResponse()
    {
        var ticket = new SlaTicketBuilder(Cn(2026, 3, 3, 10))
            .Move(Cn(2026, 3, 3, 10, 30), TicketStatus.InProgress)
            .Move(Cn(2026, 3, 3, 11), TicketStatus.WaitingForCustomer)
            .Build();
        var state = Doc001().Evaluate(ticket, Cn(2026, 3, 4, 10));
        var resolution = state.Find(SlaMetric.Resolution)!.Value;
        var firstResponse = state.Find(SlaMetric.FirstResponse)!.Value;
        Assert.Equal(SlaClockStatus.Paused, resolution.Status);
        Assert.Equal(Duration.FromHours(1), resolution.Elapsed);
        // Paused: due projected from now with 23 h left: Wed 6.5 h, Thu 7.5, Fri 7.5, Mon 1.5 h -> Mon 9 Mar 10:30.
        Assert.Equal(new LocalDateTime(2026, 3, 9, 10, 30), LocalCn(resolution.DueAt!.Value));
        Assert.Equal(SlaClockStatus.Breached, firstResponse.Status);
        Assert.Equal(Duration.FromHours(7.5), firstResponse.Elapsed); // Tue 10–12, 13:30–18, Wed 09–10: waiting does not pause it
    }

    [Fact]
    public void Evaluate_PauseThenResume_ExtendsDueByPausedBusinessTime()
    {
        var raised = Cn(2026, 3, 3, 9);
        var plain = new SlaTicketBuilder(raised).Urgency(Urgency.Major).Move(Cn(2026, 3, 3, 9, 10), TicketStatus.InProgress).Build();
        var paused = new SlaTicketBuilder(raised).Urgency(Urgency.Major)
            .Move(Cn(2026, 3, 3, 9, 10), TicketStatus.InProgress)
            .Move(Cn(2026, 3, 3, 10), TicketStatus.WaitingForCustomer)
            .Move(Cn(2026, 3, 3, 14), TicketStatus.InProgress)
            .Build();
        var engine = Doc001();
        var now = Cn(2026, 3, 3, 15);
        Assert.Equal(new LocalDateTime(2026, 3, 3, 14, 30), LocalCn(engine.Evaluate(plain, now).Find(SlaMetric.Resolution)!.Value.DueAt!.Value));
        // Paused 10:00–14:00 holds 2.5 business hours (10–12, 13:30–14): due moves to 17:00.
        Assert.Equal(new LocalDateTime(2026, 3, 3, 17, 0), LocalCn(engine.Evaluate(paused, now).Find(SlaMetric.Resolution)!.Value.DueAt!.Value));
    }

    [Fact]
    public void Evaluate_ResolvedInTime_MetWithMarginAndRevisitStarts()
    {
        var ticket = new SlaTicketBuilder(Cn(2026, 2, 13, 10)).Urgency(Urgency.Urgent)
            .Responded(Cn(2026, 2, 13, 10, 20))
            .Move(Cn(2026, 2, 13, 10, 20), TicketStatus.InProgress)
            .Move(Cn(2026, 2, 13, 15), TicketStatus.Resolved)
            .Build();
        var state = Doc001().Evaluate(ticket, Cn(2026, 2, 14, 10));
        var resolution = state.Find(SlaMetric.Resolution)!.Value;
        Assert.Equal(SlaClockStatus.Met, resolution.Status);
        Assert.Equal(Duration.FromHours(3.5), resolution.Elapsed); // 10–12, 13:30–15
        Assert.Equal(Duration.FromHours(0.5), resolution.Margin);
        Assert.Equal(Cn(2026, 2, 13, 15), resolution.StoppedAt);
        var revisit = state.Find(SlaMetric.Revisit)!.Value;
        Assert.Equal(SlaClockStatus.Running, revisit.Status);
        // 2 working days from Fri 13 Feb 15:00: Sat 14 Feb (worked), then Tue 24 Feb after the Spring Festival break.
        Assert.Equal(new LocalDateTime(2026, 2, 24, 15, 0), LocalCn(revisit.DueAt!.Value));
        Assert.Equal(SlaClockStatus.Met, state.Find(SlaMetric.FirstResponse)!.Value.Status);
    }

    [Fact]
    public void Evaluate_RevisitClosedLate_Breached()
    {
        var ticket = new SlaTicketBuilder(Cn(2026, 3, 2, 10))
            .Move(Cn(2026, 3, 2, 11), TicketStatus.InProgress)
            .Move(Cn(2026, 3, 2, 16), TicketStatus.Resolved)
            .Move(Cn(2026, 3, 3, 9), TicketStatus.AwaitingRevisit)
            .Move(Cn(2026, 3, 5, 9), TicketStatus.Closed)
            .Build();
        var revisit = Doc001().Evaluate(ticket, Cn(2026, 3, 6, 9)).Find(SlaMetric.Revisit)!.Value;
        Assert.Equal(Cn(2026, 3, 2, 16), revisit.StartedAt);
        Assert.Equal(new LocalDateTime(2026, 3, 4, 16, 0), LocalCn(revisit.DueAt!.Value));
        Assert.Equal(SlaClockStatus.Breached, revisit.Status);
        Assert.True(revisit.Margin < Duration.Zero);
    }

    [Fact]
    public void Evaluate_Reopened_ResolutionClockResumes()
    {
        var ticket = new SlaTicketBuilder(Cn(2026, 3, 2, 9))
            .Move(Cn(2026, 3, 2, 9), TicketStatus.InProgress)
            .Move(Cn(2026, 3, 2, 11), TicketStatus.Resolved)
            .Move(Cn(2026, 3, 3, 9), TicketStatus.InProgress)
            .Build();
        var state = Doc001().Evaluate(ticket, Cn(2026, 3, 3, 10));
        var resolution = state.Find(SlaMetric.Resolution)!.Value;
        Assert.Equal(SlaClockStatus.Running, resolution.Status);
        Assert.Equal(Duration.FromHours(3), resolution.Elapsed);
        Assert.Equal(SlaClockStatus.NotStarted, state.Find(SlaMetric.Revisit)!.Value.Status);
    }

    [Fact]
    public void Evaluate_AfterCalendarChange_RecomputesExactly()
    {
        var registry = Registry();
        var engine = new SlaEngine(SlaPolicyJson.Document001, registry);
        var ticket = new SlaTicketBuilder(Cn(2026, 3, 3, 10)).Build();
        var before = engine.Evaluate(ticket, Cn(2026, 3, 3, 10)).Find(SlaMetric.Resolution)!.Value.DueAt;
        // The company declares Thursday 5 March a day off: the due moves by one working day (7.5 h).
        var changed = BusinessCalendar.Build(CnStandard.Definition with { Holidays = CnStandard.Definition.Holidays.Add(new Holiday(new LocalDate(2026, 3, 5), "Company day")) });
        registry.Set("default", changed);
        var after = engine.Evaluate(ticket, Cn(2026, 3, 3, 10)).Find(SlaMetric.Resolution)!.Value.DueAt;
        Assert.Equal(new LocalDateTime(2026, 3, 6, 11, 30), LocalCn(before!.Value));
        Assert.Equal(new LocalDateTime(2026, 3, 9, 11, 30), LocalCn(after!.Value));
    }

    [Fact]
    public void Evaluate_Doc003_PolicyFollowsChannelAndFirstMatchWins()
    {
        var engine = new SlaEngine(SlaPolicyJson.Document003, Registry());
        var chat = new SlaTicketBuilder(Cn(2026, 3, 3, 11, 55)).Channel(Channel.OnlineChat).Build();
        var state = engine.Evaluate(chat, Cn(2026, 3, 3, 11, 56));
        Assert.Equal("online", state.Policy.Name);
        // 10 minutes from 11:55: 5 before lunch, 5 after it.
        Assert.Equal(new LocalDateTime(2026, 3, 3, 13, 35), LocalCn(state.Find(SlaMetric.FirstResponse)!.Value.DueAt!.Value));
        var majorChat = new SlaTicketBuilder(Cn(2026, 3, 3, 10)).Channel(Channel.OnlineChat).Urgency(Urgency.Major).Build();
        Assert.Equal("major-online", engine.Evaluate(majorChat, Cn(2026, 3, 3, 10)).Policy.Name);
        var phone = new SlaTicketBuilder(Cn(2026, 3, 3, 10)).Build();
        Assert.Equal("phone-and-other", engine.Evaluate(phone, Cn(2026, 3, 3, 10)).Policy.Name);
    }

    [Fact]
    public void Evaluate_NextResponse_StartsAtUnansweredMessage()
    {
        var engine = new SlaEngine(SlaPolicyJson.Document003, Registry());
        var ticket = new SlaTicketBuilder(Cn(2026, 3, 3, 10)).Urgency(Urgency.Major).AwaitingReply(Cn(2026, 3, 3, 17, 45)).Build();
        var next = engine.Evaluate(ticket, Cn(2026, 3, 3, 17, 50)).Find(SlaMetric.NextResponse)!.Value;
        Assert.Equal(new LocalDateTime(2026, 3, 4, 9, 15), LocalCn(next.DueAt!.Value));
    }

    [Fact]
    public void Evaluate_CustomMetricWithoutClock_ThrowsAtConstruction()
    {
        var policy = new SlaPolicy("p", [new SlaTarget(new SlaMetric("RecordUpdate"), 3)]);
        var set = new SlaPolicySet("s", [], policy);
        Assert.Throws<ArgumentException>(() => new SlaEngine(set, Registry()));
        var clock = new TestClock();
        var engine = new SlaEngine(set, Registry(), [clock]);
        var state = engine.Evaluate(new SlaTicketBuilder(Cn(2026, 3, 2, 10)).Build(), Cn(2026, 3, 2, 10));
        Assert.Equal(new LocalDateTime(2026, 3, 5, 10, 0), LocalCn(Assert.Single(state.Metrics).DueAt!.Value));
    }

    [Fact]
    public void Evaluate_UnknownCalendar_ThrowsCrmException()
    {
        var set = new SlaPolicySet("s", [], new SlaPolicy("p", [new SlaTarget(SlaMetric.Resolution, Duration.FromHours(1), "mars")]));
        var engine = new SlaEngine(set, Registry());
        Assert.Equal("CRM-CALENDAR-UNKNOWN", Assert.Throws<CrmException>(() => engine.Evaluate(new SlaTicketBuilder(Cn(2026, 3, 2, 10)).Build(), Cn(2026, 3, 2, 11))).Code);
    }

    [Fact]
    public void ComplianceSummary_MixedStates_CountsAndRate()
    {
        var engine = Doc001();
        var now = Cn(2026, 3, 10, 12);
        SlaTicket[] tickets =
        [
            new SlaTicketBuilder(Cn(2026, 3, 9, 10)).Responded(Cn(2026, 3, 9, 10, 30)).Build(),
            new SlaTicketBuilder(Cn(2026, 3, 9, 10)).Responded(Cn(2026, 3, 9, 15)).Build(),
            new SlaTicketBuilder(Cn(2026, 3, 10, 11)).Build(),
            new SlaTicketBuilder(Cn(2026, 3, 9, 9)).Build(),
        ];
        var summary = SlaComplianceSummary.Of(tickets.Select(t => engine.Evaluate(t, now)), SlaMetric.FirstResponse);
        Assert.Equal((1, 2, 1, 0, 0), (summary.Met, summary.Breached, summary.Running, summary.Paused, summary.NotStarted));
        Assert.Equal(1.0 / 3, summary.ComplianceRate!.Value, 6);
    }

    [Fact]
    public void SlaText_ZhHans_GivesChineseNames()
    {
        var zh = System.Globalization.CultureInfo.GetCultureInfo("zh-Hans");
        Assert.Equal("超时", SlaText.StatusName(SlaClockStatus.Breached, zh));
        Assert.Equal("Breached", SlaText.StatusName(SlaClockStatus.Breached, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("回访", SlaText.MetricName(SlaMetric.Revisit, zh));
    }

    private sealed class TestClock : ISlaClockDefinition
    {
        public SlaMetric Metric { get; } = new("RecordUpdate");

        public SlaClockBounds? GetBounds(SlaTicket ticket) => new SlaClockBounds(ticket.RaisedAt, null, []);
    }
}
