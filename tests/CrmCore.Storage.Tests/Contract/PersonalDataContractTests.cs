using System.Globalization;
using CrmCore.Agents;
using CrmCore.Audit;
using CrmCore.Customers;
using CrmCore.Desk;
using CrmCore.Knowledge;
using CrmCore.Metrics;
using CrmCore.Privacy;
using CrmCore.Satisfaction;
using CrmCore.Tickets;
using NodaTime;
using NodaTime.Testing;

namespace CrmCore.Storage.Tests.Contract;

/// <summary>Personal-data requests on every provider: the export holds everything, erasure leaves no personal value in any table
/// (outbox included) and the monthly report's figures do not change.</summary>
public sealed class PersonalDataContractTests
{
    private const string Phone = "138 0013 8000";
    private const string Email = "zhang.wei@example.com";
    private const string Address = "上海市浦东新区世纪大道100号";
    private const string ContactName = "张伟";
    private const string CustomerName = "上海某某制造有限公司";
    private static readonly Instant T0 = Instant.FromUtc(2026, 3, 2, 1, 0);

    public static TheoryData<string> Providers => StoreProvider.All();

    private static readonly string[] Personal = [Phone, "13800138000", Email, Address, ContactName, CustomerName, "某某制造", "不要再打电话"];

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Erase_LeavesNoPersonalValueInAnyTable_AndTheMonthlyReportUnchanged(string provider)
    {
        using var storage = StoreProvider.Create(provider);
        var desk = storage.Desk();
        await SeedAsync(desk);
        await MarkSolvedAsync(storage);
        var requests = new PersonalDataRequests(desk.Customers, desk.Tickets, storage.Audit(), new FakeClock(T0 + Duration.FromDays(5)), storage.PersonalData());
        var before = await ReportAsync(desk);
        if (storage.Persists)
        {
            Assert.Contains(storage.AllText(), t => t.Contains(Phone, StringComparison.Ordinal));
        }

        var report = await requests.EraseAsync(new CustomerId("KH0001"), "dpo.liu", "PIPL request 2026-017");

        Assert.Equal(2, report.TicketsScrubbed);
        Assert.Equal(8, report.ValuesErased);
        Assert.Equal(before, await ReportAsync(desk));
        var erased = (await desk.Customers.FindAsync(new CustomerId("KH0001")))!;
        Assert.Equal((PersonalDataRequests.ErasedText, null), (erased.Name, erased.ShortName));
        Assert.Empty(erased.Contacts);
        Assert.NotNull(erased.DoNotContactSince);
        Assert.Equal("A", erased.Tier);
        Assert.Equal(600_000m, erased.AnnualAmount.Amount);
        var other = (await desk.Customers.FindAsync(new CustomerId("KH0002")))!;
        Assert.Equal("另一家公司", other.Name);

        var text = storage.Persists ? storage.AllText() : await MemoryTextAsync(desk, storage.Audit(), storage.Knowledge());
        foreach (var value in Personal)
        {
            Assert.DoesNotContain(text, t => t.Contains(value, StringComparison.Ordinal));
        }

        Assert.Contains(text, t => t.Contains("另一家公司", StringComparison.Ordinal));
        Assert.Contains(text, t => t.Contains($"{PersonalDataRequests.ErasedText} 来电 {PersonalDataRequests.ErasedText}：打印机卡纸", StringComparison.Ordinal));
        var erasure = Assert.Single(await storage.Audit().QueryAsync(new AuditQuery { Action = AuditAction.Erase }));
        Assert.Equal(("dpo.liu", "KH0001", "PIPL request 2026-017"), (erasure.Entry.Actor, erasure.Entry.EntityId, erasure.Entry.Reason));
        Assert.True((await AuditChain.VerifyAsync(storage.Audit())).IsIntact);

        var again = await requests.EraseAsync(new CustomerId("KH0001"), "dpo.liu", "PIPL request 2026-017");
        Assert.Equal((0, 0, 0), (again.ValuesErased, again.TicketsScrubbed, again.OtherItemsScrubbed));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Export_HoldsTheRecordTicketsAndTrail_AndIsAudited(string provider)
    {
        using var storage = StoreProvider.Create(provider);
        var desk = storage.Desk();
        await SeedAsync(desk);
        var requests = new PersonalDataRequests(desk.Customers, desk.Tickets, storage.Audit(), new FakeClock(T0 + Duration.FromDays(5)), storage.PersonalData());

        var export = await requests.ExportAsync(new CustomerId("KH0001"), "dpo.liu", "PIPL request 2026-018");

        Assert.Equal(Phone, Assert.Single(export.Customer.Contacts).Phone);
        Assert.Equal(["WT202603001", "WT202603002"], export.Tickets.Select(t => t.Id.Value).Order(StringComparer.Ordinal));
        Assert.Contains(export.AuditTrail, r => r.Entry.EntityId == "WT202603001" && r.Entry.Action == AuditAction.StatusChange);
        Assert.Equal(AuditAction.PersonalDataExport, export.AuditTrail[^1].Entry.Action);
        Assert.Single(await storage.Audit().QueryAsync(new AuditQuery { Action = AuditAction.PersonalDataExport, EntityId = "KH0001" }));
        await Assert.ThrowsAsync<ArgumentException>(() => requests.ExportAsync(new CustomerId("KH9999"), "dpo.liu", "x"));
        await Assert.ThrowsAsync<ArgumentException>(() => requests.ExportAsync(new CustomerId("KH0001"), "dpo.liu", " "));
    }

    private static async Task SeedAsync(ProviderStores desk)
    {
        var customer = Customer.Create(
            new CustomerId("KH0001"),
            new CustomerProfile
            {
                Name = CustomerName,
                ShortName = "某某制造",
                Industry = Industry.Manufacturing,
                FirstContactOn = new LocalDate(2025, 1, 5),
                AccountManager = new AgentId("zhao.lei"),
                Transactions = new TransactionSummary(new LocalDate(2024, 6, 1), Money.Cny(600_000m)),
                Contacts = [new Contact(ContactName, ContactRole.DecisionMaker) { Phone = Phone, Email = Email, Address = Address }],
            },
            T0);
        customer.AssignTier(T0, "A");
        customer.AddPreference(T0, "prefers phone");
        customer.OptOutOfContact(T0, "不要再打电话");
        await desk.Customers.SaveAsync(customer.ToState(), 0);
        var other = Customer.Create(new CustomerId("KH0002"), new CustomerProfile { Name = "另一家公司", FirstContactOn = new LocalDate(2025, 2, 1) }, T0);
        await desk.Customers.SaveAsync(other.ToState(), 0);

        await SaveTicketAsync(desk, "WT202603001", "KH0001", $"{ContactName} 来电 {Phone}：打印机卡纸", note: $"已邮件 {Email} 联系", survey: $"{ContactName}很满意", laterSurvey: "第二次回访：已解决");
        await SaveTicketAsync(desk, "WT202603002", "KH0001", "系统登录异常", note: $"上门地址 {Address}", survey: null);
        await SaveTicketAsync(desk, "WT202603003", "KH0002", "另一家公司的问题", note: "无", survey: "ok");
    }

    // An agent marked an article as the solution of the first ticket: the mark keeps the ticket's text, name and phone included.
    private static async Task MarkSolvedAsync(StoreProvider storage)
    {
        var knowledge = storage.Knowledge();
        await knowledge.SaveAsync(new KnowledgeArticle(new ArticleId("KB-01"), "打印机卡纸怎么办", "打开前盖，取出卡住的纸张。"), 0);
        await knowledge.AddSolutionAsync(new ArticleSolution(new ArticleId("KB-01"), new TicketId("WT202603001"), TicketType.Fault, $"{ContactName} 来电 {Phone}：打印机卡纸", T0 + Duration.FromHours(3)));
    }

    private static async Task SaveTicketAsync(ProviderStores desk, string id, string customer, string description, string note, string? survey, string? laterSurvey = null)
    {
        var ticket = Ticket.Open(
            new TicketId(id),
            new TicketRequest { CustomerId = new CustomerId(customer), Description = description, Urgency = Urgency.Urgent },
            new AgentId("li.na"),
            "desk",
            T0);
        ticket.Start(T0 + Duration.FromMinutes(30), "li.na");
        ticket.AddNote(T0 + Duration.FromMinutes(40), "li.na", note);
        ticket.Resolve(T0 + Duration.FromHours(3), "li.na", "已处理");
        if (survey is not null)
        {
            ticket.RecordSurvey(T0 + Duration.FromHours(5), new SurveyResponse(ticket.Id, ticket.CustomerId, T0 + Duration.FromHours(5), new CsatScore(5), comment: survey), "li.na");
        }

        if (laterSurvey is not null)
        {
            // Reopened and surveyed again: the first answer (with the person's name) becomes an earlier, append-only answer.
            ticket.Reopen(T0 + Duration.FromHours(6), "li.na", "客户再次反馈");
            ticket.Resolve(T0 + Duration.FromHours(7), "li.na", "再次处理");
            ticket.RecordSurvey(T0 + Duration.FromHours(8), new SurveyResponse(ticket.Id, ticket.CustomerId, T0 + Duration.FromHours(8), new CsatScore(4), comment: laterSurvey), "li.na");
        }

        await desk.Tickets.SaveAsync(ticket.ToState(), 0, ticket.DomainEvents);
    }

    private static async Task<string> ReportAsync(ProviderStores desk)
    {
        var records = new List<ServiceRecord>();
        var surveys = new List<SurveyResponse>();
        await foreach (var t in desk.Tickets.ListAsync(TicketQuery.All))
        {
            var customer = (await desk.Customers.FindAsync(t.CustomerId))!;
            records.Add(new ServiceRecord
            {
                TicketId = t.Id.Value,
                CustomerId = t.CustomerId.Value,
                Agent = t.Owner.Value,
                Tier = customer.Tier ?? string.Empty,
                Channel = t.Channel,
                Type = t.Type.Code,
                Urgency = t.Urgency.ToString(),
                RaisedAt = t.RaisedAt,
                FirstResponseAt = t.FirstResponseAt,
                ResolvedAt = t.ResolvedAt,
                ClosedAt = t.ClosedAt,
                Status = t.Status,
                ReopenCount = t.ReopenCount,
                ContactCount = DeskKpiProjection.ContactCount(t),
            });
            if (t.Survey is { } s)
            {
                surveys.Add(s);
            }
        }

        var lifecycles = new List<CustomerLifecycle>();
        await foreach (var c in desk.Customers.ListAsync())
        {
            lifecycles.Add(new CustomerLifecycle { CustomerId = c.Id.Value, Since = c.FirstContactOn, Tier = c.Tier ?? string.Empty });
        }

        var input = new KpiInput([.. records.OrderBy(r => r.TicketId, StringComparer.Ordinal)], [.. surveys.OrderBy(s => s.Ticket.Value, StringComparer.Ordinal)], [.. lifecycles.OrderBy(l => l.CustomerId, StringComparer.Ordinal)]);
        var report = new MonthlyReportBuilder(new MetricsOptions(), new SatisfactionOptions()).Build(input, new YearMonth(2026, 3));
        return report.ToText(CultureInfo.InvariantCulture);
    }

    private static async Task<List<string>> MemoryTextAsync(ProviderStores desk, IAuditStore audit, IKnowledgeRepository knowledge)
    {
        var text = new List<string>();
        await foreach (var c in desk.Customers.ListAsync())
        {
            text.AddRange([c.Name, c.ShortName ?? string.Empty, c.DoNotContactReason ?? string.Empty, .. c.PreferenceTags, .. c.Tags]);
            text.AddRange(c.Contacts.SelectMany(x => new[] { x.Name, x.Phone, x.Email, x.Address }).OfType<string>());
        }

        await foreach (var t in desk.Tickets.ListAsync(TicketQuery.All))
        {
            text.AddRange([t.Description, t.Solution ?? string.Empty, t.Survey?.Comment ?? string.Empty, .. t.Surveys.Select(x => x.Comment), .. t.Timeline.Select(n => n.Text)]);
        }

        text.AddRange((await desk.Outbox.ReadUnpublishedAsync(10_000)).Select(m => m.Payload));
        await foreach (var solution in knowledge.ListSolutionsAsync())
        {
            text.Add(solution.TicketText);
        }

        text.AddRange((await audit.QueryAsync(new AuditQuery { Limit = AuditQuery.MaxLimit })).Select(r => r.ToString()));
        return text;
    }
}
