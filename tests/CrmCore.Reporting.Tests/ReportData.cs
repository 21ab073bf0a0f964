using CrmCore.Customers;
using CrmCore.Metrics;
using CrmCore.Satisfaction;
using CrmCore.Tickets;
using NodaTime;

namespace CrmCore.Reporting.Tests;

/// <summary>Small, hand-countable months for the rendering tests (Asia/Shanghai, February 2026 and January 2026).</summary>
internal static class ReportData
{
    public static readonly YearMonth February = new(2026, 2);

    public static Instant At(int month, int day, int hour = 10) =>
        new LocalDateTime(2026, month, day, hour, 0).InZoneLeniently(DateTimeZoneProviders.Tzdb["Asia/Shanghai"]).ToInstant();

    /// <summary>
    /// February: 10 tickets, 8 resolved (80 %, misses ≥ 90 %); team "Slow" holds the 2 unresolved ones. Answered after 1 h,
    /// except two after 5 h (one by phone, one by email). One revisit of the 8 resolved ones was late. Two surveys (CSAT 5 and 3). When <paramref name="withJanuary"/>, January has 4 resolved tickets.
    /// </summary>
    public static KpiInput Input(bool withJanuary = false)
    {
        var tickets = new List<ServiceRecord>();
        for (var i = 0; i < 10; i++)
        {
            var raised = At(2, 2 + i);
            tickets.Add(new ServiceRecord
            {
                TicketId = $"F{i}",
                CustomerId = $"C{i}",
                Team = i >= 8 ? "Slow" : "Fast",
                Agent = i >= 8 ? "s1" : "f1",
                Channel = i % 2 == 0 ? Channel.Phone : Channel.Email,
                Type = "Fault",
                RaisedAt = raised,
                FirstResponseAt = raised + Duration.FromHours(i < 2 ? 5 : 1),
                ResolvedAt = i < 8 ? raised + Duration.FromHours(20) : null,
                Status = i < 8 ? TicketStatus.Resolved : TicketStatus.InProgress,
                ResolutionSlaBreached = i == 9,
                RevisitSlaBreached = i < 8 ? i == 7 : null, // 8 revisit clocks ended, one of them late
            });
        }

        if (withJanuary)
        {
            for (var i = 0; i < 4; i++)
            {
                var raised = At(1, 5 + i);
                tickets.Add(new ServiceRecord
                {
                    TicketId = $"J{i}",
                    CustomerId = $"C{i}",
                    Team = "Fast",
                    RaisedAt = raised,
                    FirstResponseAt = raised + Duration.FromHours(1),
                    ResolvedAt = raised + Duration.FromHours(3),
                    Status = TicketStatus.Resolved,
                });
            }
        }

        SurveyResponse Survey(string ticket, int day, int csat, string? comment) =>
            new(new TicketId(ticket), new CustomerId("C0"), At(2, day, 18), new CsatScore(csat), null, new Dictionary<SatisfactionDimension, int>(), comment);
        return new KpiInput(tickets, [Survey("F2", 4, 5, null), Survey("F9", 11, 3, "响应太慢，等了很久")], []);
    }

    public static MonthlyReport Report(bool withJanuary = false, Action<MetricsOptions>? configure = null, ReportSupplements? supplements = null)
    {
        var options = new MetricsOptions();
        configure?.Invoke(options);
        return new MonthlyReportBuilder(options, new SatisfactionOptions()).Build(Input(withJanuary), February, null, supplements);
    }

    /// <summary>
    /// Plan completion of two account managers and the customers without one (wang.li 6 of 10, 3 overdue; li.qiang 9 of 9), three
    /// asset models (M404 6 failures in 40 installed = 15 per 100; X1 1 in 50 = 2; Z9 none), and the completeness of 8 customer records
    /// (6 complete = 75 %: wang.li 3 of 4, one without a phone and one without an e-mail; li.qiang 3 of 3; one record without a manager).
    /// <paramref name="longNames"/> makes the names long.
    /// </summary>
    public static ReportSupplements Supplements(bool longNames = false)
    {
        var suffix = longNames ? string.Concat(Enumerable.Repeat("华东大区重点客户经理", 8)) + new string('W', 100) : string.Empty;
        var ownerSuffix = longNames ? "华东大区重点客户经理" + new string('W', 44) : string.Empty; // an agent id is at most 64 characters
        return new ReportSupplements
        {
            PlanCompletion =
            [
                new(new Agents.AgentId("li.qiang" + ownerSuffix), 9, 9, 8, 0, 0),
                new(new Agents.AgentId("wang.li" + ownerSuffix), 10, 6, 5, 3, 1),
                new(null, 2, 0, 0, 2, 0),
            ],
            AssetModels =
            [
                new("X1" + suffix, 50, 3, 1, Duration.FromDays(1500)),
                new("LaserJet M404" + suffix, 40, 9, 6, Duration.FromDays(1200)),
                new("Z9" + suffix, 10, 0, 0, Duration.FromDays(300)),
            ],
            Completeness = Completeness.CompletenessCheck.Check(
            [
                Customer("W1", "wang.li" + ownerSuffix),
                Customer("W2", "wang.li" + ownerSuffix, phone: false),
                Customer("W3", "wang.li" + ownerSuffix, email: false),
                Customer("W4", "wang.li" + ownerSuffix),
                Customer("L1", "li.qiang" + ownerSuffix),
                Customer("L2", "li.qiang" + ownerSuffix),
                Customer("L3", "li.qiang" + ownerSuffix),
                Customer("N1", null),
            ]),
        };
    }

    private static CustomerState Customer(string id, string? manager, bool phone = true, bool email = true) => new()
    {
        Id = new CustomerId(id),
        Version = 1,
        Name = "客户" + id,
        FirstContactOn = new LocalDate(2025, 1, 1),
        CreatedAt = Instant.FromUtc(2025, 1, 1, 0, 0),
        Industry = Industry.Retail,
        Tier = "A",
        AccountManager = manager is null ? null : new Agents.AgentId(manager),
        Contacts = [new Contact("张三", ContactRole.DecisionMaker) { Phone = phone ? "+8613800000000" : null, Email = email ? "z@example.cn" : null }],
        AnnualAmount = Money.Cny(1000),
        FirstCooperationOn = new LocalDate(2025, 1, 1),
        Products = ["ERP"],
        Source = CustomerSource.Referral,
    };
}
