using System.Globalization;
using CrmCore.Customers;
using CrmCore.Interactions;
using CrmCore.Localization;
using CrmCore.Relationships;
using CrmCore.Relationships.Events;
using CrmCore.Tests.Support;
using CrmCore.Tickets;
using NodaTime;
using static CrmCore.Tests.Relationships.PlanTestData;

namespace CrmCore.Tests.Relationships;

public sealed class ContactPlanBookTests
{
    private static Instant Cn(int y, int m, int d, int h) => PlanTestData.Calendar.Zone.AtStrictly(new LocalDateTime(y, m, d, h, 0)).ToInstant();

    [Fact]
    public async Task Schedule_Twice_AddsEachEntryOnce()
    {
        var book = new ContactPlanBook(Planner(ContactPolicy.Document001));
        var subject = Subject("A", D(2026, 3, 2));

        var first = await book.ScheduleAsync(subject, D(2026, 3, 1), D(2026, 3, 31));
        var second = await book.ScheduleAsync(subject, D(2026, 3, 1), D(2026, 3, 31));

        Assert.Equal(6, first.Count);
        Assert.Empty(second);
        Assert.Equal(6, (await book.ListAsync(ContactPlanQuery.All)).Count);
    }

    [Fact]
    public async Task Record_DoNotContact_RefusedWithReasonAndNothingKept()
    {
        var book = new ContactPlanBook(Planner(ContactPolicy.Document001));
        var subject = Subject("A", D(2026, 3, 2)) with { DoNotContact = true };
        var entry = Manual(D(2026, 3, 10));

        var ex = await Assert.ThrowsAsync<CustomerContactRefusedException>(() => book.RecordAsync(subject, entry));

        Assert.Equal(CustomerContactRefusedException.ErrorCode, ex.Code);
        Assert.Contains("asked not to be contacted", ex.Message, StringComparison.Ordinal);
        Assert.Contains("无需联系", ex.LocalizedMessage(new CultureInfo("zh-Hans")), StringComparison.Ordinal);
        Assert.Empty(await book.ListAsync(ContactPlanQuery.All));
        await book.RecordAsync(subject with { DoNotContact = false }, entry);
        Assert.Equal(entry.ToState(1), (await book.FindAsync(entry.Id))!.ToState(1));
        await Assert.ThrowsAsync<ArgumentException>(() => book.RecordAsync(subject with { DoNotContact = false }, entry));
    }

    [Fact]
    public async Task Schedule_AfterOptOut_CancelsOpenGeneratedEntries_ResumesWhenCustomerGetsInTouch()
    {
        var clock = TestData.NewClock();
        var customer = TestData.CustomerFactory(clock).Create(TestData.Profile());
        customer.AssignTier(clock.GetCurrentInstant(), "A");
        customer.AssignAccountManager(clock.GetCurrentInstant(), Manager);
        var book = new ContactPlanBook(Planner(ContactPolicy.Document001));
        var window = (From: D(2026, 3, 1), To: D(2026, 3, 31));

        var planned = await book.ScheduleAsync(PlanSubject.From(customer), window.From, window.To);
        var manual = Manual(D(2026, 3, 20), customer.Id);
        await book.RecordAsync(PlanSubject.From(customer), manual);
        await book.CompleteAsync(planned[0].Id, Cn(2026, 3, 2, 10), "wang.li", "满意");

        customer.OptOutOfContact(clock.GetCurrentInstant(), "客户明确表示无需联系");
        var whileOptedOut = await book.ScheduleAsync(PlanSubject.From(customer), window.From, window.To);

        Assert.Empty(whileOptedOut);
        Assert.Equal(PlanStatus.Completed, (await book.FindAsync(planned[0].Id))!.Status);
        var suspended = await Task.WhenAll(planned.Skip(1).Select(e => book.FindAsync(e.Id)));
        Assert.All(suspended, e => Assert.Equal(PlanStatus.Cancelled, e!.Status));
        Assert.All(suspended, e => Assert.Contains("客户明确表示无需联系", e!.CancelReason, StringComparison.Ordinal));
        Assert.Equal(PlanStatus.NotStarted, (await book.FindAsync(manual.Id))!.Status);

        customer.RecordInteraction(clock.GetCurrentInstant(), new Interaction { CustomerId = customer.Id, At = clock.GetCurrentInstant(), Channel = Channel.Phone, Summary = "客户来电咨询", By = "wang.li" });
        var resumed = await book.ScheduleAsync(PlanSubject.From(customer), window.From, window.To);

        Assert.Equal(planned.Skip(1).Select(e => e.Id), resumed.Select(e => e.Id));
        Assert.All(resumed, e => Assert.Equal(PlanStatus.NotStarted, e.Status));
        Assert.Equal(PlanStatus.Completed, (await book.FindAsync(planned[0].Id))!.Status);
    }

    [Fact]
    public async Task Complete_StoresTheContactRecordWithTheEntry()
    {
        var book = new ContactPlanBook(Planner(ContactPolicy.Document001));
        await book.ScheduleAsync(Subject("C", D(2026, 3, 3)), D(2026, 3, 1), D(2026, 3, 31));
        var entry = Assert.Single(await book.ListAsync(ContactPlanQuery.All));

        await book.StartAsync(entry.Id, Cn(2026, 3, 3, 10));
        var done = await book.CompleteAsync(entry.Id, Cn(2026, 3, 3, 11), "wang.li", "客户对新品感兴趣", "寄送样品");

        Assert.Equal((PlanStatus.Completed, true), (done.Status, done.CompletedOnTime));
        var contact = Assert.Single(await book.Store.ListContactsAsync(entry.Customer).ToListAsync());
        Assert.Equal((Cn(2026, 3, 3, 11), Channel.Sms, InteractionDirection.Outbound, "客户对新品感兴趣", "寄送样品"), (contact.At, contact.Channel, contact.Direction, contact.CustomerFeedback, contact.NextAction));
        await Assert.ThrowsAsync<PlanTransitionException>(() => book.CancelAsync(entry.Id, "late"));
        Assert.Single(await book.Store.ListContactsAsync(entry.Customer).ToListAsync());
    }

    [Fact]
    public async Task Complete_MovesTheCustomersLastInteraction_NeverBack()
    {
        var clock = TestData.NewClock();
        var customers = new CrmCore.Desk.InMemoryCustomerRepository();
        var customer = TestData.CustomerFactory(clock).Create(TestData.Profile());
        customer.AssignTier(clock.GetCurrentInstant(), "B");
        await customers.SaveAsync(customer.ToState(), 0);
        var book = new ContactPlanBook(Planner(ContactPolicy.Document001), null, customers);
        await book.ScheduleAsync(PlanSubject.From(customer) with { CadenceAnchor = D(2026, 3, 2) }, D(2026, 3, 1), D(2026, 3, 31));
        var entries = (await book.ListAsync(ContactPlanQuery.All)).OrderBy(e => e.DueOn).ToList();
        Assert.Null((await customers.FindAsync(customer.Id))!.LastInteractionAt);

        await book.CompleteAsync(entries[^1].Id, Cn(2026, 3, 30, 11), "wang.li", "客户对服务满意");
        var afterLatest = (await customers.FindAsync(customer.Id))!;
        await book.CompleteAsync(entries[0].Id, Cn(2026, 3, 2, 11), "wang.li", "客户反馈近期无需求");
        var afterEarlier = (await customers.FindAsync(customer.Id))!;

        Assert.Equal(Cn(2026, 3, 30, 11), afterLatest.LastInteractionAt);
        Assert.Equal(customer.Version + 1, afterLatest.Version);
        Assert.Equal((afterLatest.Version, afterLatest.LastInteractionAt), (afterEarlier.Version, afterEarlier.LastInteractionAt));
        Assert.Equal(Cn(2026, 3, 30, 11), PlanSubject.From(CrmCore.Customers.Customer.Restore(afterEarlier)).LastInteractionAt);
    }

    [Fact]
    public async Task Advance_RaisesDueThenOverdueOncePerEntry()
    {
        var book = new ContactPlanBook(Planner(ContactPolicy.Document001));
        await book.ScheduleAsync(Subject("C", D(2026, 3, 3)), D(2026, 3, 1), D(2026, 3, 31));
        var entry = Assert.Single(await book.ListAsync(ContactPlanQuery.All));

        Assert.Empty(await book.AdvanceAsync(Cn(2026, 3, 3, 8)));
        var due = await book.AdvanceAsync(Cn(2026, 3, 3, 9));
        var again = await book.AdvanceAsync(Cn(2026, 3, 3, 12));
        var overdue = await book.AdvanceAsync(Cn(2026, 3, 4, 9));

        var dueEvent = Assert.IsType<ContactPlanEntryBecameDue>(Assert.Single(due));
        Assert.Equal((entry.Id, Manager, Cn(2026, 3, 3, 9)), (dueEvent.Entry, dueEvent.Owner!.Value, dueEvent.OccurredAt));
        Assert.Empty(again);
        var overdueEvent = Assert.IsType<ContactPlanEntryWentOverdue>(Assert.Single(overdue));
        Assert.Equal(Cn(2026, 3, 4, 0), overdueEvent.OccurredAt);
        Assert.True(Assert.Single(await book.DueAsync(Cn(2026, 3, 5, 9))).IsOverdue);
        Assert.Empty(await book.AdvanceAsync(Cn(2026, 3, 6, 9)));
    }

    [Fact]
    public async Task Advance_LongGap_RaisesBothInTimeOrder_AndNothingForClosedEntries()
    {
        var book = new ContactPlanBook(Planner(ContactPolicy.Document001));
        await book.ScheduleAsync(Subject("B", D(2026, 3, 2)), D(2026, 3, 1), D(2026, 3, 31));
        var done = (await book.ListAsync(ContactPlanQuery.All)).Single(e => e.DueOn == D(2026, 3, 16));
        await book.StartAsync(done.Id, Cn(2026, 3, 16, 10));
        await book.CompleteAsync(done.Id, Cn(2026, 3, 16, 11), "wang.li", "客户对服务满意", "下月推荐新品");

        var events = await book.AdvanceAsync(Cn(2026, 4, 1, 12));

        Assert.Equal(events.OrderBy(e => e.OccurredAt), events);
        Assert.DoesNotContain(events, e => e is ContactPlanEntryBecameDue d && d.Entry == done.Id);
        Assert.Equal(3, events.OfType<ContactPlanEntryWentOverdue>().Count()); // calls on 2 and 30 March, email on 2 March
        Assert.DoesNotContain(await book.DueAsync(Cn(2026, 4, 1, 12)), r => r.Entry.Id == done.Id);
    }

    [Fact]
    public async Task Advance_CustomerOptedOutAfterPlanning_RemindsNothing_CancelsGenerated_KeepsManual()
    {
        var clock = TestData.NewClock();
        var customers = new CrmCore.Desk.InMemoryCustomerRepository();
        var customer = TestData.CustomerFactory(clock).Create(TestData.Profile());
        customer.AssignTier(clock.GetCurrentInstant(), "C");
        await customers.SaveAsync(customer.ToState(), 0);
        var book = new ContactPlanBook(Planner(ContactPolicy.Document001), null, customers);
        var subject = PlanSubject.From(customer) with { CadenceAnchor = D(2026, 3, 3) };
        var generated = Assert.Single(await book.ScheduleAsync(subject, D(2026, 3, 1), D(2026, 3, 31)));
        var manual = Manual(D(2026, 3, 10), customer.Id);
        await book.RecordAsync(subject, manual);
        var version = customer.Version;
        customer.OptOutOfContact(clock.GetCurrentInstant(), "客户明确表示无需联系");
        await customers.SaveAsync(customer.ToState(), version);

        var events = await book.AdvanceAsync(Cn(2026, 3, 20, 9));

        Assert.Empty(events);
        var cancelled = (await book.FindAsync(generated.Id))!;
        Assert.Equal(PlanStatus.Cancelled, cancelled.Status);
        Assert.Contains("客户明确表示无需联系", cancelled.CancelReason, StringComparison.Ordinal);
        Assert.Equal(PlanStatus.NotStarted, (await book.FindAsync(manual.Id))!.Status);
        await Assert.ThrowsAsync<CustomerContactRefusedException>(() => book.CompleteAsync(manual.Id, Cn(2026, 3, 20, 10), "wang.li", "ok"));
        Assert.Empty(await book.Store.ListContactsAsync(customer.Id).ToListAsync());
    }

    [Fact]
    public async Task Advance_AnEntryChangedMeanwhile_IsLeftToTheNextAdvance_AndTheEntriesAroundItAreReminded()
    {
        // Another writer starts m-2 between the advance's read and its save: that save conflicts and is skipped, the others are saved.
        var store = new CrmCore.Testing.RacingPlans(new InMemoryContactPlanRepository(), new PlanEntryId("m-2"),
            e => e with { Status = PlanStatus.InProgress, StartedAt = Cn(2026, 3, 5, 8) });
        var book = new ContactPlanBook(Planner(ContactPolicy.Document001), store);
        foreach (var (id, day) in new[] { ("m-1", 2), ("m-2", 3), ("m-3", 4) })
        {
            var entry = new ContactPlanEntry(new PlanEntryId(id), PlanTestData.Customer, PlanKind.Manual, ContactChannel.Visit, Manager, D(2026, 3, day), Cn(2026, 3, day, 10), Cn(2026, 3, day, 18), "Quarterly review");
            await book.RecordAsync(Subject("A", D(2026, 3, 2)), entry);
        }

        var first = await book.AdvanceAsync(Cn(2026, 3, 5, 9));
        var stored = (await book.ListAsync(ContactPlanQuery.All)).ToDictionary(e => e.Id.Value);
        var second = await book.AdvanceAsync(Cn(2026, 3, 5, 9));

        Assert.True(store.Raced);
        Assert.Equal(["m-1", "m-1", "m-3", "m-3"], first.Select(EntryOf).Order(StringComparer.Ordinal));
        Assert.Equal((PlanStatus.InProgress, false), (stored["m-2"].Status, stored["m-2"].OverdueRaised));
        Assert.True(stored["m-1"].OverdueRaised && stored["m-3"].OverdueRaised);
        Assert.Equal(
            [typeof(ContactPlanEntryBecameDue), typeof(ContactPlanEntryWentOverdue)],
            second.Where(e => EntryOf(e) == "m-2").Select(e => e.GetType()).OrderBy(t => t.Name, StringComparer.Ordinal));
        Assert.All(second, e => Assert.Equal("m-2", EntryOf(e)));

        static string EntryOf(IDomainEvent e) => e switch
        {
            ContactPlanEntryBecameDue due => due.Entry.Value,
            ContactPlanEntryWentOverdue overdue => overdue.Entry.Value,
            _ => throw new InvalidOperationException(e.GetType().Name),
        };
    }

    [Fact]
    public void Lifecycle_WrongMove_ThrowsWithStatusNamesInBothLanguages()
    {
        var entry = Manual(D(2026, 3, 10));
        entry.Cancel("客户出差");

        var ex = Assert.Throws<PlanTransitionException>(() => entry.Complete(Cn(2026, 3, 10, 10), "ok"));

        Assert.Equal((PlanStatus.Cancelled, PlanMove.Complete), (ex.Current, ex.Move));
        Assert.Equal("Plan entry m-1: cannot complete while the entry is 'Cancelled'.", ex.Message);
        Assert.Equal("沟通计划 m-1：当前状态为“已取消”，不能完成。", ex.LocalizedMessage(new CultureInfo("zh-Hans")));
        Assert.Equal(PlanStatus.Cancelled, entry.Status);
        Assert.Throws<ArgumentException>(() => Manual(D(2026, 3, 10)).Complete(Cn(2026, 3, 10, 10), " "));
    }

    [Fact]
    public void DisplayNames_PlanStatuses_InChinese()
    {
        var zh = new CultureInfo("zh-Hans");

        Assert.Equal(["未开始", "进行中", "已完成", "已取消"], Enum.GetValues<PlanStatus>().Select(s => DisplayNames.Of(s, zh)));
        Assert.Equal(["Not started", "In progress", "Completed", "Cancelled"], Enum.GetValues<PlanStatus>().Select(s => DisplayNames.Of(s, CultureInfo.InvariantCulture)));
        Assert.Equal("主管致电", DisplayNames.Of(ContactChannel.SupervisorCall, zh));
        Assert.Equal("生日关怀", DisplayNames.Of(PlanKind.Birthday, zh));
    }

    [Fact]
    public async Task PlanCompletion_ByOwner_CountsCompletedOnTimeOverdueAndCancelled()
    {
        var book = new ContactPlanBook(Planner(ContactPolicy.Document001));
        await book.ScheduleAsync(Subject("A", D(2026, 3, 2)), D(2026, 3, 1), D(2026, 3, 31));
        await book.ScheduleAsync(Subject("C", D(2026, 3, 3)) with { Customer = new CustomerId("C202603002"), AccountManager = null }, D(2026, 3, 1), D(2026, 3, 31));
        var calls = (await book.ListAsync(ContactPlanQuery.All)).Where(e => e.Channel == ContactChannel.Call).OrderBy(e => e.DueOn).ToArray();
        await book.CompleteAsync(calls[0].Id, Cn(2026, 3, 2, 15), "wang.li", "ok");
        await book.CompleteAsync(calls[1].Id, Cn(2026, 3, 11, 15), "wang.li", "late");
        await book.CancelAsync(calls[2].Id, "客户休假");

        var rows = await book.CompletionAsync(D(2026, 3, 1), D(2026, 3, 31), Cn(2026, 4, 1, 0));

        Assert.Equal(2, rows.Count);
        Assert.Equal(new PlanCompletionRow(Manager, 5, 2, 1, 3, 1), rows[0]);
        Assert.Equal(0.4, rows[0].CompletionRate!.Value, 9);
        Assert.Equal(new PlanCompletionRow(null, 1, 0, 0, 1, 0), rows[1]);
    }

    private static ContactPlanEntry Manual(LocalDate on, CustomerId? customer = null) =>
        new(new PlanEntryId("m-1"), customer ?? PlanTestData.Customer, PlanKind.Manual, ContactChannel.Visit, Manager, on, Cn(on.Year, on.Month, on.Day, 10), Cn(on.Year, on.Month, on.Day, 18), "Quarterly review");
}
