using CrmCore.Agents;
using CrmCore.Calendars;
using CrmCore.Customers;
using CrmCore.Desk;
using CrmCore.Interactions;
using CrmCore.Relationships;
using CrmCore.Relationships.Events;
using CrmCore.Tickets;
using NodaTime;

namespace CrmCore.Storage.Tests.Contract;

/// <summary>The contact plan store, written once and run on the in-memory store, SQLite and PostgreSQL.</summary>
public sealed class ContactPlanStoreContractTests
{
    private static readonly Instant T0 = Instant.FromUtc(2026, 3, 2, 1, 0);
    private static readonly CustomerId Acme = new("C202603001");
    private static readonly CustomerId Beta = new("C202603002");
    private static readonly AgentId Wang = new("wang.li");

    public static TheoryData<string> Providers => StoreProvider.All();

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Entry_SavedAndFound_RestoresEveryField(string provider)
    {
        using var storage = StoreProvider.Create(provider);
        var full = Entry("A/Cadence/call-P1W/2026-03-02", Acme, 0) with
        {
            Occasion = new LocalDate(2026, 3, 5),
            Status = PlanStatus.Completed,
            StartedAt = T0 + Duration.FromMinutes(30),
            ActualAt = T0 + Duration.FromHours(1),
            Feedback = "客户满意",
            NextAction = "下月拜访",
            DueRaised = true,
        };
        var cancelled = Entry("B/Manual/x/2026-03-03", Beta, 1) with { Owner = null, Status = PlanStatus.Cancelled, CancelReason = "客户明确表示无需联系", SuspendedByOptOut = true, OverdueRaised = true };
        await storage.Plans().SaveAsync(full, 0);
        await storage.Plans().SaveAsync(cancelled, 0);

        var reader = storage.Plans();

        Assert.Equal(full, await reader.FindAsync(full.Id));
        Assert.Equal(cancelled, await reader.FindAsync(cancelled.Id));
        Assert.Null(await reader.FindAsync(new PlanEntryId("none")));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Entry_SavedFromAStaleCopy_FailsNamingTheEntry_AndWritesNeitherEntryNorContact(string provider)
    {
        using var storage = StoreProvider.Create(provider);
        var store = storage.Plans();
        var entry = Entry("A/Cadence/sms-P1M/2026-03-02", Acme, 0);
        await store.SaveAsync(entry, 0);
        await store.SaveAsync(entry with { Version = 2, Status = PlanStatus.InProgress, StartedAt = T0 }, 1);

        var error = await Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
            store.SaveAsync(entry with { Version = 2, Status = PlanStatus.Completed, ActualAt = T0, Feedback = "ok" }, 1, Contact(Acme, T0, "stale")).AsTask());

        Assert.Equal($"contact plan entry {entry.Id}", error.Entity);
        Assert.Equal((1L, 2L), (error.ExpectedVersion, error.ActualVersion));
        Assert.Equal(PlanStatus.InProgress, (await storage.Plans().FindAsync(entry.Id))!.Status);
        Assert.Empty(await storage.Plans().ListContactsAsync(Acme).ToListAsync());
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => store.SaveAsync(entry, 0).AsTask());
        await Assert.ThrowsAsync<ArgumentException>(() => store.SaveAsync(entry with { Version = 2 }, 2).AsTask());
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task List_FiltersByCustomerOwnerDueDatesAndOpen_OrderedByPlannedTimeThenId(string provider)
    {
        using var storage = StoreProvider.Create(provider);
        var store = storage.Plans();
        var rows = new[]
        {
            Entry("e-3", Acme, 2),
            Entry("e-1", Acme, 0),
            Entry("e-2", Beta, 0) with { Owner = new AgentId("zhao.min") },
            Entry("e-4", Acme, 5) with { Status = PlanStatus.Completed, ActualAt = T0, Feedback = "ok" },
            Entry("e-0", Acme, 0),
        };
        foreach (var row in rows)
        {
            await store.SaveAsync(row, 0);
        }

        var reader = storage.Plans();
        async Task<string[]> Ids(ContactPlanQuery q) => [.. (await reader.ListAsync(q).ToListAsync()).Select(e => e.Id.Value)];

        Assert.Equal(["e-0", "e-1", "e-2", "e-3", "e-4"], await Ids(ContactPlanQuery.All));
        Assert.Equal(["e-0", "e-1", "e-3", "e-4"], await Ids(new ContactPlanQuery { Customer = Acme }));
        Assert.Equal(["e-2"], await Ids(new ContactPlanQuery { Owner = new AgentId("zhao.min") }));
        Assert.Equal(["e-3", "e-4"], await Ids(new ContactPlanQuery { DueFrom = new LocalDate(2026, 3, 4) }));
        Assert.Equal(["e-0", "e-1", "e-3"], await Ids(new ContactPlanQuery { Customer = Acme, DueTo = new LocalDate(2026, 3, 4), OpenOnly = true }));
        Assert.Equal(["e-0", "e-1", "e-2", "e-3"], await Ids(new ContactPlanQuery { OpenOnly = true }));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task OwingReminders_AreOpenPlannedEntriesNotYetRemindedForTheirState(string provider)
    {
        using var storage = StoreProvider.Create(provider);
        var store = storage.Plans();
        var now = T0 + Duration.FromDays(2) + Duration.FromHours(12);
        var rows = new[]
        {
            Entry("not-yet", Acme, 3),                                               // planned later
            Entry("due-fresh", Acme, 2),                                             // planned, not reminded
            Entry("due-reminded", Acme, 2) with { DueRaised = true },                // reminded, not yet overdue
            Entry("overdue-fresh", Acme, 0) with { DueRaised = true },               // overdue, not reminded as overdue
            Entry("overdue-never", Acme, 1),                                         // neither reminder yet
            Entry("overdue-done", Acme, 0) with { DueRaised = true, OverdueRaised = true },
            Entry("closed", Acme, 0) with { Status = PlanStatus.Cancelled, CancelReason = "x" },
        };
        foreach (var row in rows)
        {
            await store.SaveAsync(row, 0);
        }

        var owing = await storage.Plans().ListOwingRemindersAsync(now).ToListAsync();

        Assert.Equal(["overdue-fresh", "overdue-never", "due-fresh"], owing.Select(e => e.Id.Value));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Contacts_AppendedAndListedPerCustomer_InTimeThenAppendOrder_WithEveryField(string provider)
    {
        using var storage = StoreProvider.Create(provider);
        var store = storage.Plans();
        var full = Contact(Acme, T0 + Duration.FromHours(2), "回访") with
        {
            Direction = InteractionDirection.Inbound,
            CustomerFeedback = "响应慢",
            NextAction = "主管致电",
            NextContactOn = new LocalDate(2026, 3, 9),
            TicketId = new TicketId("WT202603001"),
        };
        await store.AppendContactAsync(full);
        await store.AppendContactAsync(Contact(Acme, T0, "first"));
        await store.AppendContactAsync(Contact(Beta, T0, "other customer"));
        await store.AppendContactAsync(Contact(Acme, T0, "second at the same time"));

        var listed = await storage.Plans().ListContactsAsync(Acme).ToListAsync();

        Assert.Equal(["first", "second at the same time", "回访"], listed.Select(c => c.Summary));
        Assert.Equal(full, listed[2]);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Book_OverTheStore_RemindsOnce_EvenAfterARestart(string provider)
    {
        using var storage = StoreProvider.Create(provider);
        var planner = new ContactPlanner(ContactPolicy.Document001, BusinessCalendar.AlwaysOpen);
        var subject = new PlanSubject { Customer = Acme, Tier = "C", AccountManager = Wang, CadenceAnchor = new LocalDate(2026, 3, 2) };
        await new ContactPlanBook(planner, storage.Plans()).ScheduleAsync(subject, new LocalDate(2026, 3, 1), new LocalDate(2026, 3, 31));
        var noon = Instant.FromUtc(2026, 3, 2, 4, 0);

        var first = await new ContactPlanBook(planner, storage.Plans()).AdvanceAsync(noon);
        var afterRestart = await new ContactPlanBook(planner, storage.Plans()).AdvanceAsync(noon);
        var nextDay = await new ContactPlanBook(planner, storage.Plans()).AdvanceAsync(noon + Duration.FromDays(1));

        Assert.IsType<ContactPlanEntryBecameDue>(Assert.Single(first));
        Assert.Empty(afterRestart);
        Assert.IsType<ContactPlanEntryWentOverdue>(Assert.Single(nextDay));
    }

    private static ContactPlanEntryState Entry(string id, CustomerId customer, int day)
    {
        var date = new LocalDate(2026, 3, 2).PlusDays(day);
        return new ContactPlanEntryState
        {
            Id = new PlanEntryId(id),
            Version = 1,
            Customer = customer,
            Kind = PlanKind.Cadence,
            Channel = ContactChannel.Call,
            Owner = Wang,
            DueOn = date,
            PlannedAt = T0 + Duration.FromDays(day),
            DueBy = T0 + Duration.FromDays(day + 1) - Duration.FromHours(1),
            Purpose = "Weekly call (每周电话)",
        };
    }

    private static Interaction Contact(CustomerId customer, Instant at, string summary) =>
        new() { CustomerId = customer, At = at, Channel = Channel.Phone, Direction = InteractionDirection.Outbound, Summary = summary, By = "wang.li" };
}
