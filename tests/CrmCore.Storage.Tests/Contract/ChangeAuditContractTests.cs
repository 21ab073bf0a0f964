using CrmCore.Access;
using CrmCore.Agents;
using CrmCore.Audit;
using CrmCore.Calendars;
using CrmCore.Customers;
using CrmCore.Desk;
using CrmCore.Interactions;
using CrmCore.Relationships;
using CrmCore.Tickets;
using NodaTime;
using NodaTime.Testing;

namespace CrmCore.Storage.Tests.Contract;

/// <summary>Customer field changes and contact plan status changes are audited by the stores themselves, in the save's transaction.</summary>
public sealed class ChangeAuditContractTests
{
    private static readonly Instant T0 = Instant.FromUtc(2026, 3, 2, 1, 0);

    public static TheoryData<string> Providers => StoreProvider.All();

    private static CustomerState Customer(long version, string phone, Money amount, string tier) => new()
    {
        Id = new CustomerId("C202603001"),
        Version = version,
        Name = "上海精密机械有限公司",
        Industry = Industry.Manufacturing,
        FirstContactOn = new LocalDate(2025, 11, 3),
        CreatedAt = T0,
        Contacts = [new Contact("王芳", ContactRole.DecisionMaker) { Phone = phone, Email = "wang@example.com" }],
        AnnualAmount = amount,
        AccountManager = new AgentId("A-li"),
        Tier = tier,
    };

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task CustomerSaves_AuditEachChangedField_Masked_WithTheScopesActor_AndAConflictWritesNothing(string provider)
    {
        using var storage = StoreProvider.Create(provider);
        var clock = new FakeClock(T0 + Duration.FromHours(1));
        var (customers, _) = storage.Audited(clock);

        await customers.SaveAsync(Customer(1, "13800138000", Money.Cny(880_000m), "Gold"), 0);
        clock.Advance(Duration.FromMinutes(5));
        using (AuditActor.Begin("li.na"))
        {
            await customers.SaveAsync(Customer(2, "13911112222", Money.Cny(990_000m), "Gold"), 1);
            await Assert.ThrowsAsync<ConcurrencyConflictException>(() => customers.SaveAsync(Customer(3, "13000000000", Money.Cny(1m), "Bronze"), 1).AsTask());
        }

        var trail = await storage.Audit().QueryAsync(new AuditQuery { EntityType = AuditEntityTypes.Customer, EntityId = "C202603001" });

        Assert.Equal((AuditAction.Create, AuditActor.System, T0 + Duration.FromHours(1)), (trail[0].Entry.Action, trail[0].Entry.Actor, trail[0].Entry.At));
        var updates = trail.Skip(1).ToList();
        Assert.All(updates, r => Assert.Equal((AuditAction.Update, "li.na", clock.GetCurrentInstant()), (r.Entry.Action, r.Entry.Actor, r.Entry.At)));
        var phone = Assert.Single(updates, r => r.Entry.Field!.StartsWith(CustomerFields.NameOf(CustomerField.ContactPhone), StringComparison.Ordinal));
        Assert.Equal(
            (CustomerFields.Mask(CustomerField.ContactPhone, "13800138000"), CustomerFields.Mask(CustomerField.ContactPhone, "13911112222")),
            (phone.Entry.OldValue, phone.Entry.NewValue));
        Assert.Single(updates, r => r.Entry.Field == CustomerFields.NameOf(CustomerField.AnnualAmount));
        Assert.Equal(2, updates.Count);
        Assert.DoesNotContain(trail, r => $"{r.Entry.OldValue}{r.Entry.NewValue}".Contains("138001", StringComparison.Ordinal)
            || $"{r.Entry.OldValue}{r.Entry.NewValue}".Contains("139111", StringComparison.Ordinal)
            || $"{r.Entry.OldValue}{r.Entry.NewValue}".Contains("Bronze", StringComparison.Ordinal));
        Assert.True((await AuditChain.VerifyAsync(storage.Audit())).IsIntact);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task CustomerSaves_NeverKeepPreferenceTagsInClear_SoAnErasureLeavesNoneInTheTrail(string provider)
    {
        using var storage = StoreProvider.Create(provider);
        var clock = new FakeClock(T0 + Duration.FromHours(1));
        var (customers, _) = storage.Audited(clock);

        await customers.SaveAsync(Customer(1, "13800138000", Money.Cny(880_000m), "Gold") with { PreferenceTags = ["偏好电话沟通"] }, 0);
        await customers.SaveAsync(Customer(2, "13800138000", Money.Cny(880_000m), "Gold") with { PreferenceTags = [] }, 1);

        var trail = await storage.Audit().QueryAsync(new AuditQuery { EntityType = AuditEntityTypes.Customer, EntityId = "C202603001" });

        var change = Assert.Single(trail, r => r.Entry.Field == CustomerFields.NameOf(CustomerField.Preferences));
        Assert.Equal("***", change.Entry.OldValue);
        Assert.DoesNotContain(trail, r => $"{r.Entry.OldValue}{r.Entry.NewValue}".Contains("偏好", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task PlanSaves_AuditCreationAndStatusChanges_NotOtherEdits(string provider)
    {
        using var storage = StoreProvider.Create(provider);
        var clock = new FakeClock(T0);
        var (_, plans) = storage.Audited(clock);
        var entry = new ContactPlanEntryState
        {
            Id = new PlanEntryId("P-1"),
            Version = 1,
            Customer = new CustomerId("C202603001"),
            Kind = PlanKind.Cadence,
            Channel = ContactChannel.Call,
            Owner = new AgentId("wang.li"),
            DueOn = new LocalDate(2026, 3, 3),
            PlannedAt = T0 + Duration.FromDays(1),
            DueBy = T0 + Duration.FromDays(2),
            Purpose = "Weekly call",
        };

        using (AuditActor.Begin("wang.li"))
        {
            await plans.SaveAsync(entry, 0);
            await plans.SaveAsync(entry with { Version = 2, Purpose = "Weekly call, moved" }, 1);
            await plans.SaveAsync(entry with { Version = 3, Status = PlanStatus.InProgress }, 2);
            await plans.SaveAsync(entry with { Version = 4, Status = PlanStatus.Cancelled, CancelReason = "客户张伟已离职" }, 3);
        }

        var trail = await storage.Audit().QueryAsync(new AuditQuery { EntityType = AuditEntityTypes.Plan, EntityId = "P-1" });

        Assert.Equal([AuditAction.Create, AuditAction.StatusChange, AuditAction.StatusChange], trail.Select(r => r.Entry.Action));
        Assert.Equal(
            [("NotStarted", "InProgress"), ("InProgress", "Cancelled")],
            trail.Skip(1).Select(r => (r.Entry.OldValue, r.Entry.NewValue)));
        Assert.All(trail, r => Assert.Equal("wang.li", r.Entry.Actor));
        Assert.DoesNotContain(trail, r => (r.Entry.NewValue ?? string.Empty).Contains("张伟", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task PlanBook_AuditsEachChangeAsMadeByTheCallersBy_ElseTheScopesActor_TheCustomerTouchToo(string provider)
    {
        using var storage = StoreProvider.Create(provider);
        var clock = new FakeClock(T0);
        var (customers, plans) = storage.Audited(clock);
        await customers.SaveAsync(Customer(1, "13800138000", Money.Cny(880_000m), "Gold"), 0);
        var book = new ContactPlanBook(new ContactPlanner(ContactPolicy.Document001, BusinessCalendar.AlwaysOpen), plans, customers);
        var subject = new PlanSubject { Customer = new CustomerId("C202603001"), Tier = "A", AccountManager = new AgentId("A-li"), CadenceAnchor = new LocalDate(2026, 3, 2) };
        var entries = (await book.ScheduleAsync(subject, new LocalDate(2026, 3, 1), new LocalDate(2026, 3, 31))).OrderBy(e => e.PlannedAt).ThenBy(e => e.Id.Value, StringComparer.Ordinal).ToList();
        Assert.True(entries.Count >= 4, $"{entries.Count} entries planned");
        var contactAt = T0 + Duration.FromHours(3);

        using (AuditActor.Begin("li.na"))
        {
            await book.StartAsync(entries[0].Id, T0 + Duration.FromHours(2), by: "wang.li");
            await book.CompleteAsync(entries[0].Id, contactAt, "wang.li", "客户对服务满意");
            await book.CancelAsync(entries[1].Id, "客户休假", by: "zhao.min");
            await book.StartAsync(entries[2].Id, T0 + Duration.FromHours(2));
        }

        await book.CancelAsync(entries[2].Id, "改期");
        var trailBefore = await storage.Audit().QueryAsync(new AuditQuery());
        await Assert.ThrowsAsync<ArgumentException>("by", () => book.StartAsync(entries[3].Id, T0, by: new string('x', AuditEntry.MaxNameLength + 1)));
        await Assert.ThrowsAsync<ArgumentException>("by", () => book.CancelAsync(entries[3].Id, "改期", by: " "));
        await Assert.ThrowsAsync<ArgumentException>("by", () => book.CompleteAsync(entries[3].Id, contactAt, new string('x', AuditEntry.MaxNameLength + 1), "ok"));

        async Task<List<(AuditAction, string?, string?, string)>> PlanTrail(PlanEntryId id) =>
            [.. (await storage.Audit().QueryAsync(new AuditQuery { EntityType = AuditEntityTypes.Plan, EntityId = id.Value }))
                .Select(r => (r.Entry.Action, r.Entry.OldValue, r.Entry.Action == AuditAction.Create ? null : r.Entry.NewValue, r.Entry.Actor))];
        Assert.Equal(
            [(AuditAction.Create, null, null, AuditActor.System), (AuditAction.StatusChange, "NotStarted", "InProgress", "wang.li"), (AuditAction.StatusChange, "InProgress", "Completed", "wang.li")],
            await PlanTrail(entries[0].Id));
        Assert.Equal([(AuditAction.Create, null, null, AuditActor.System), (AuditAction.StatusChange, "NotStarted", "Cancelled", "zhao.min")], await PlanTrail(entries[1].Id));
        Assert.Equal(
            [(AuditAction.Create, null, null, AuditActor.System), (AuditAction.StatusChange, "NotStarted", "InProgress", "li.na"), (AuditAction.StatusChange, "InProgress", "Cancelled", AuditActor.System)],
            await PlanTrail(entries[2].Id));
        var touch = Assert.Single(
            await storage.Audit().QueryAsync(new AuditQuery { EntityType = AuditEntityTypes.Customer, EntityId = "C202603001" }),
            r => r.Entry.Field == CustomerFields.NameOf(CustomerField.LastInteraction));
        Assert.Equal("wang.li", touch.Entry.Actor);
        Assert.Equal(contactAt, (await customers.FindAsync(new CustomerId("C202603001")))!.LastInteractionAt);
        Assert.Equal(trailBefore.Count, (await storage.Audit().QueryAsync(new AuditQuery())).Count);
        Assert.Equal(PlanStatus.NotStarted, (await book.FindAsync(entries[3].Id))!.Status);
        Assert.True((await AuditChain.VerifyAsync(storage.Audit())).IsIntact);
    }
}
