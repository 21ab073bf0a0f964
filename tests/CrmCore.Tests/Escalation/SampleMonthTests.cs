using CrmCore.Calendars;
using CrmCore.Escalation;
using CrmCore.Sla;
using CrmCore.Tests.Calendars;
using CrmCore.Tests.Sla;
using CrmCore.Tickets;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using static CrmCore.Tests.Calendars.TestCalendars;

namespace CrmCore.Tests.Escalation;

/// <summary>The flow the sample month uses: DI, China calendar, SLA states from history, escalations, compliance.</summary>
public sealed class SampleMonthTests
{
    [Fact]
    public void SpringFestivalMonth_ThroughDi_GivesComplianceAndEscalationsOnWorkingTimeOnly()
    {
        using var provider = new ServiceCollection()
            .AddCrmCalendars(o => o.AddJson(RepoPaths.ReadCalendarData("cn-standard.json"), RepoPaths.ResolveImport))
            .AddCrmSla(o => o.Escalation = EscalationPolicyJson.Document001)
            .BuildServiceProvider();
        var sla = provider.GetRequiredService<SlaEngine>();
        var escalation = provider.GetRequiredService<EscalationEngine>();
        var calendar = provider.GetRequiredService<ICalendarProvider>().Get("default");

        SlaTicket[] tickets =
        [
            // Answered in 30 min and resolved the same day.
            new SlaTicketBuilder(Cn(2026, 2, 10, 9)).Responded(Cn(2026, 2, 10, 9, 30))
                .Move(Cn(2026, 2, 10, 9, 30), TicketStatus.InProgress).Move(Cn(2026, 2, 10, 16), TicketStatus.Resolved).Build(),
            // Raised Friday night before the festival, answered on the worked Saturday morning: on time.
            new SlaTicketBuilder(Cn(2026, 2, 13, 22)).Urgency(Urgency.Urgent).Responded(Cn(2026, 2, 14, 9, 40))
                .Move(Cn(2026, 2, 14, 9, 40), TicketStatus.InProgress).Build(),
            // Answered after the break: breached.
            new SlaTicketBuilder(Cn(2026, 2, 13, 17)).Responded(Cn(2026, 2, 24, 10)).Build(),
        ];
        var now = Cn(2026, 2, 20, 3); // 3 a.m. during the holiday
        var states = tickets.Select(t => sla.Evaluate(t, now)).ToList();
        var firstResponse = SlaComplianceSummary.Of(states, SlaMetric.FirstResponse);
        Assert.Equal((2, 1), (firstResponse.Met, firstResponse.Breached));

        // The urgent ticket's resolution ran out on Saturday 14 Feb; escalations are stamped in opening hours only.
        var result = escalation.Evaluate(tickets[1], states[1], EscalationTicketState.Empty, now);
        Assert.NotEmpty(result.Raised);
        Assert.All(result.Raised, e => Assert.True(calendar.IsOpen(e.At), $"{e.Ladder}/{e.Level} at {LocalCn(e.At)}"));
        // Department head: 4 business hours after the 14:30 due = 3.5 h on Saturday + 0.5 h after the break.
        Assert.Equal(new LocalDateTime(2026, 2, 24, 9, 30), LocalCn(result.NextCheckAt!.Value));
    }

    [Fact]
    public void CalendarJson_IcalImport_EqualsChineseDaysImport()
    {
        var viaIcs = RepoPaths.ReadCalendarData("cn-standard.json").Replace("2025.json\", \"format\": \"chinese-days\"", "2025.ics\", \"format\": \"ical\"", StringComparison.Ordinal);
        Assert.NotEqual(RepoPaths.ReadCalendarData("cn-standard.json"), viaIcs);
        var a = CalendarJson.Load(viaIcs, RepoPaths.ResolveImport).GetValueOrThrow();
        Assert.Equal(CnStandard.Definition.Holidays.Select(h => h.Date), a.Definition.Holidays.Select(h => h.Date));
        Assert.Equal(CnStandard.Definition.MakeUpDays.Select(h => h.Date), a.Definition.MakeUpDays.Select(h => h.Date));
        Assert.Equal(CnStandard.BusinessTimeBetween(Cn(2025, 1, 1, 0), Cn(2026, 1, 1, 0)), a.BusinessTimeBetween(Cn(2025, 1, 1, 0), Cn(2026, 1, 1, 0)));
    }
}
