using CrmCore.Customers;
using CrmCore.Metrics;
using CrmCore.Satisfaction;
using CrmCore.Tickets;
using NodaTime;

namespace CrmCore.Tests.Metrics;

/// <summary>Builders for KPI test data. Times are UTC; the default metrics zone is Asia/Shanghai (UTC+8).</summary>
internal static class KpiTestData
{
    public static readonly YearMonth May = new(2024, 5);

    public static Instant At(int day, int hour = 2) => Instant.FromUtc(2024, 5, day, hour, 0);

    public static ServiceRecord Ticket(
        string id,
        string team = "T1",
        string agent = "a1",
        string tier = "A",
        string region = "East",
        Instant? raised = null,
        double? responseHours = 1,
        bool resolved = true,
        bool firstContact = true,
        bool slaBreached = false,
        int contacts = 1,
        CrmCore.Tickets.TicketStatus? status = null) =>
        new()
        {
            TicketId = id,
            CustomerId = "C" + id,
            Team = team,
            Agent = agent,
            Tier = tier,
            Region = region,
            RaisedAt = raised ?? At(10),
            FirstResponseAt = responseHours is { } h ? (raised ?? At(10)) + Duration.FromMinutes((long)(h * 60)) : null,
            ResolvedAt = resolved ? (raised ?? At(10)) + Duration.FromHours(5) : null,
            Status = status ?? (resolved ? CrmCore.Tickets.TicketStatus.Closed : CrmCore.Tickets.TicketStatus.InProgress),
            ResolvedOnFirstContact = resolved && firstContact,
            ResolutionSlaBreached = slaBreached,
            ContactCount = contacts,
        };

    public static SurveyResponse Survey(string ticketId, int csat, int? nps = null, string? comment = null, Instant? answered = null) =>
        new(new TicketId(ticketId), new CustomerId("C" + ticketId), answered ?? At(12), new CsatScore(csat),
            nps is { } n ? new NpsScore(n) : null, comment: comment);

    public static CustomerLifecycle Customer(string id, LocalDate since, LocalDate? lost = null, string tier = "A", string team = "T1") =>
        new() { CustomerId = id, Since = since, LostOn = lost, Tier = tier, Team = team };
}
