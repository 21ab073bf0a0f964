using CrmCore.Agents;
using CrmCore.Customers;
using CrmCore.Desk;
using CrmCore.Satisfaction;
using CrmCore.Sla;
using CrmCore.Tickets;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Testing;

namespace CrmCore.Storage.Tests.Contract;

/// <summary>The desk's stores, written once and run on the in-memory stores, SQLite and PostgreSQL.</summary>
public sealed class DeskStoreContractTests
{
    private static readonly Instant T0 = Instant.FromUtc(2026, 3, 2, 9, 0);

    public static TheoryData<string> Providers => StoreProvider.All();

    public static TheoryData<string> Databases => StoreProvider.Databases();

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Ticket_SavedAndFound_RestoresEveryFieldHistoryAndSurvey(string provider)
    {
        using var storage = StoreProvider.Create(provider);
        var desk = storage.Desk();
        var ticket = Resolved("WT202603001", "C202603001");
        ticket.AddNote(T0 + Duration.FromHours(3), "alice", "called back");
        ticket.RecordSurvey(T0 + Duration.FromHours(4), new SurveyResponse(ticket.Id, ticket.CustomerId, T0 + Duration.FromHours(4), new CsatScore(4), new NpsScore(9),
            new Dictionary<SatisfactionDimension, int> { [SatisfactionDimension.ResponseSpeed] = 5 }, "快"), "alice");
        var state = ticket.ToState();
        await desk.Tickets.SaveAsync(state, 0);

        var found = await (storage.Persists ? storage.Desk() : desk).Tickets.FindAsync(ticket.Id);

        Assert.NotNull(found);
        Assert.Equivalent(state, found, strict: true);
        var restored = Ticket.Restore(found);
        Assert.Equal(ticket.StatusHistory, restored.StatusHistory);
        Assert.Equal(new CsatScore(4), restored.Satisfaction);
        Assert.Null(await desk.Tickets.FindAsync(new TicketId("WT-NONE")));
        var surveys = await desk.Surveys.ListAsync(T0, T0 + Duration.FromDays(1)).ToListAsync();
        Assert.Equal("快", Assert.Single(surveys).Comment);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Ticket_ReopenedAndSurveyedAgain_KeepsEverySurveyInOrder_LatestCounts(string provider)
    {
        using var storage = StoreProvider.Create(provider);
        var desk = storage.Desk();
        var ticket = Resolved("WT202603009", "C202603001");
        ticket.RecordSurvey(T0 + Duration.FromHours(3), Answer(ticket, T0 + Duration.FromHours(3), 2, "还没修好"), "alice");
        await desk.Tickets.SaveAsync(ticket.ToState(), 0);
        for (var round = 1; round <= 2; round++)
        {
            var copy = Ticket.Restore((await (storage.Persists ? storage.Desk() : desk).Tickets.FindAsync(ticket.Id))!);
            var version = copy.Version;
            var at = T0 + Duration.FromHours(4 * round);
            copy.Reopen(at, "customer", "still jams");
            copy.Resolve(at + Duration.FromHours(1), "alice", "Replaced the tray too");
            copy.RecordSurvey(at + Duration.FromHours(2), Answer(copy, at + Duration.FromHours(2), 3 + round, round == 1 ? "好些了" : "修好了"), "alice");
            await desk.Tickets.SaveAsync(copy.ToState(), version);
        }

        var found = (await (storage.Persists ? storage.Desk() : desk).Tickets.FindAsync(ticket.Id))!;
        var restored = Ticket.Restore(found);

        Assert.Equal(["还没修好", "好些了", "修好了"], found.Surveys.Select(s => s.Comment));
        Assert.Equal(new CsatScore(5), found.Survey!.Csat);
        Assert.Equal(found.Surveys, restored.Surveys);
        Assert.Equal(new CsatScore(5), restored.Satisfaction);
        var listed = await desk.Surveys.ListAsync(T0, T0 + Duration.FromDays(1)).ToListAsync();
        Assert.Equal("修好了", Assert.Single(listed).Comment); // the latest answer is the one KPIs count
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Ticket_SavedFromAStaleCopy_FailsNamingTheTicket_AndWritesNothing(string provider)
    {
        using var storage = StoreProvider.Create(provider);
        var desk = storage.Desk();
        var ticket = Open("WT202603002", "C202603001");
        await desk.Tickets.SaveAsync(ticket.ToState(), 0, ticket.DomainEvents);
        var copyA = Ticket.Restore((await desk.Tickets.FindAsync(ticket.Id))!);
        var copyB = Ticket.Restore((await desk.Tickets.FindAsync(ticket.Id))!);
        copyA.Start(T0 + Duration.FromHours(1), "alice");
        await desk.Tickets.SaveAsync(copyA.ToState(), 1, copyA.DomainEvents);
        var outboxBefore = (await desk.Outbox.ReadUnpublishedAsync(100)).Count;

        copyB.MarkNoActionNeeded(T0 + Duration.FromHours(2), "bob", "duplicate");
        var error = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => desk.Tickets.SaveAsync(copyB.ToState(), 1, copyB.DomainEvents).AsTask());

        Assert.Equal("ticket WT202603002", error.Entity);
        Assert.Equal(1, error.ExpectedVersion);
        Assert.Equal(2, error.ActualVersion);
        var stored = await desk.Tickets.FindAsync(ticket.Id);
        Assert.Equal(TicketStatus.InProgress, stored!.Status);
        Assert.Equal(outboxBefore, (await desk.Outbox.ReadUnpublishedAsync(100)).Count);
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => desk.Tickets.SaveAsync(Open("WT202603002", "C1").ToState(), 0).AsTask());
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Ticket_Save_WritesItsEventsToTheOutboxInOrder(string provider)
    {
        using var storage = StoreProvider.Create(provider);
        var desk = storage.Desk();
        var ticket = Open("WT202603003", "C202603001");
        await desk.Tickets.SaveAsync(ticket.ToState(), 0, ticket.DomainEvents);
        ticket.ClearDomainEvents();
        ticket.Start(T0 + Duration.FromHours(1), "alice");
        ticket.Resolve(T0 + Duration.FromHours(2), "alice", "fixed");
        await desk.Tickets.SaveAsync(ticket.ToState(), 1, ticket.DomainEvents);

        var messages = await desk.Outbox.ReadUnpublishedAsync(100);
        Assert.Equal(1 + ticket.DomainEvents.Count, messages.Count);
        Assert.All(messages, m => Assert.Equal("WT202603003", m.AggregateId));
        Assert.Equal(ticket.DomainEvents.Select(e => e.GetType().Name), messages.Skip(1).Select(m => m.EventType));
        Assert.Equal(T0 + Duration.FromHours(2), messages[^1].OccurredAt);
        Assert.Contains("fixed", messages[^1].Payload, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Ticket_HistoryIsAppendOnly_AShorterHistoryIsRefused(string provider)
    {
        using var storage = StoreProvider.Create(provider);
        var desk = storage.Desk();
        var ticket = Resolved("WT202603004", "C202603001");
        var state = ticket.ToState();
        await desk.Tickets.SaveAsync(state, 0);

        var rewritten = state with { Version = state.Version + 1, StatusHistory = [.. state.StatusHistory.Take(2)], Status = state.StatusHistory[1].To };
        await Assert.ThrowsAsync<InvalidOperationException>(() => desk.Tickets.SaveAsync(rewritten, state.Version).AsTask());

        Assert.Equal(state.StatusHistory, (await desk.Tickets.FindAsync(ticket.Id))!.StatusHistory);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Ticket_List_AppliesTheQueryAsTicketQueryMatchesDoes(string provider)
    {
        using var storage = StoreProvider.Create(provider);
        var desk = storage.Desk();
        var states = new List<TicketState>();
        for (var i = 0; i < 12; i++)
        {
            // Every third ticket is logged late: raised (reported) two days before it was created, so raise and creation order differ.
            var ticket = Open($"WT2026030{i + 10}", i % 3 == 0 ? "C-A" : "C-B", T0 + Duration.FromHours(i), i % 3 == 1 ? T0 + Duration.FromHours(i) - Duration.FromDays(2) : null);
            if (i % 4 == 0)
            {
                ticket.MarkNoActionNeeded(T0 + Duration.FromHours(i) + Duration.FromMinutes(5), "bob", "spam");
            }

            states.Add(ticket.ToState());
            await desk.Tickets.SaveAsync(ticket.ToState(), 0);
        }

        TicketQuery[] queries =
        [
            TicketQuery.All,
            TicketQuery.Open,
            new() { Customer = new CustomerId("C-A") },
            new() { CreatedFrom = T0 + Duration.FromHours(3), CreatedBefore = T0 + Duration.FromHours(9), OpenOnly = true },
            new() { RaisedFrom = T0 + Duration.FromHours(3), RaisedBefore = T0 + Duration.FromHours(9) },
            new() { RaisedBefore = T0 },
            new() { RaisedFrom = T0 - Duration.FromDays(2), RaisedBefore = T0 - Duration.FromDays(1), Customer = new CustomerId("C-B") },
        ];
        Assert.Equal(4, states.Count(s => s.RaisedAt < s.CreatedAt));
        foreach (var query in queries)
        {
            var expected = states.Where(query.Matches).Select(s => s.Id).ToList();
            Assert.True(query == TicketQuery.All || expected.Count < states.Count, $"{query} selects every ticket: it proves nothing");
            var actual = await desk.Tickets.ListAsync(query).Select(s => s.Id).ToListAsync();
            Assert.Equal(expected, actual);
        }
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Ticket_DueTimes_RoundTrip_ListDueByAsTicketQueryMatches_AndRescheduleKeepsTheVersion(string provider)
    {
        using var storage = StoreProvider.Create(provider);
        var desk = storage.Desk();
        var states = new List<TicketState>();
        for (var i = 0; i < 10; i++)
        {
            var ticket = Open($"WT2026031{i:00}", "C-A", T0 + Duration.FromHours(i));
            if (i % 4 == 3)
            {
                ticket.MarkNoActionNeeded(T0 + Duration.FromHours(i) + Duration.FromMinutes(5), "bob", "spam");
            }

            var due = i % 5 == 0 ? null : new TicketDueTimes
            {
                NextAt = i % 3 == 0 ? null : T0 + Duration.FromMinutes(30 * i),
                FirstResponseDueAt = T0 + Duration.FromHours(i + 1),
                ResolutionDueAt = i % 2 == 0 ? T0 + Duration.FromHours(i + 8) : null,
                Breached = i % 2 == 0,
            };
            states.Add(ticket.ToState() with { Due = due });
            await desk.Tickets.SaveAsync(states[^1], 0);
        }

        var reader = storage.Persists ? storage.Desk() : desk;
        foreach (var state in states)
        {
            Assert.Equivalent(state, await reader.Tickets.FindAsync(state.Id), strict: true);
        }

        foreach (var by in new[] { T0 - Duration.FromDays(1), T0 + Duration.FromMinutes(30), T0 + Duration.FromHours(2), T0 + Duration.FromDays(1) })
        {
            var query = new TicketQuery { OpenOnly = true, DueBy = by };
            Assert.Equal(states.Where(query.Matches).Select(s => s.Id), await reader.Tickets.ListAsync(query).Select(s => s.Id).ToListAsync());
        }

        var target = states[1];
        Assert.False(await desk.Tickets.RescheduleAsync(target.Id, target.Version + 1, new TicketDueTimes()));
        Assert.False(await desk.Tickets.RescheduleAsync(new TicketId("WT-NONE"), 1, new TicketDueTimes()));
        Assert.True(await desk.Tickets.RescheduleAsync(target.Id, target.Version, new TicketDueTimes { NextAt = T0 + Duration.FromDays(2), Breached = true }));
        var moved = await reader.Tickets.FindAsync(target.Id);
        Assert.Equal((target.Version, T0 + Duration.FromDays(2), true, (Instant?)null), (moved!.Version, moved.Due!.NextAt, moved.Due.Breached, moved.Due.FirstResponseDueAt));
        Assert.DoesNotContain(target.Id, await reader.Tickets.ListAsync(new TicketQuery { OpenOnly = true, DueBy = T0 + Duration.FromDays(1) }).Select(s => s.Id).ToListAsync());
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Desk_OnTheStores_WritesEachCommandsEventsToTheOutbox_AndKeepsTheDueTimes(string provider)
    {
        using var storage = StoreProvider.Create(provider);
        var stores = storage.Desk();
        var clock = new FakeClock(Instant.FromUtc(2026, 3, 2, 2, 0));
        var services = new ServiceCollection();
        services.AddSingleton<IClock>(clock);
        stores.AddTo(services);
        services.AddCrmCore();
        using var provided = services.BuildServiceProvider();
        var service = provided.GetRequiredService<ServiceDesk>();
        service.RegisterAgent(new AgentId("A001"), "Li", new TeamId("L1"), SkillSet.Empty, 5);
        await service.RegisterCustomerAsync(new CustomerId("KH0001"), new CustomerProfile { Name = "上海某某制造有限公司", FirstContactOn = new LocalDate(2026, 1, 5) }, tier: "A");

        var (id, raised) = await service.RaiseAsync(new TicketRequest { CustomerId = new CustomerId("KH0001"), Description = "系统登录异常", Urgency = Urgency.Urgent }, "phone");
        var (_, pulled) = await service.PullNextAsync(new AgentId("A001"));

        var messages = await stores.Outbox.ReadUnpublishedAsync(100);
        Assert.Equal(raised.Events.Concat(pulled.Events).Select(e => e.GetType().Name), messages.Select(m => m.EventType));
        Assert.Contains(nameof(TicketQueued), messages.Select(m => m.EventType));
        Assert.All(messages, m => Assert.Equal(id.Value, m.AggregateId));
        var due = (await stores.Tickets.FindAsync(id))!.Due!;
        Assert.True(due.NextAt > clock.GetCurrentInstant());
        Assert.True(due.FirstResponseDueAt >= due.NextAt);
        Assert.Empty(await stores.Tickets.ListAsync(new TicketQuery { OpenOnly = true, DueBy = clock.GetCurrentInstant() }).ToListAsync());
        Assert.Equal([id], await stores.Tickets.ListAsync(new TicketQuery { OpenOnly = true, DueBy = due.NextAt }).Select(s => s.Id).ToListAsync());
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Desk_InstantsFinerThanAMicrosecond_AreStoredTruncatedAlikeOnEveryProvider(string provider)
    {
        using var storage = StoreProvider.Create(provider);
        var stores = storage.Desk();
        var start = Instant.FromUtc(2026, 3, 2, 2, 0) + Duration.FromNanoseconds(1_234_567);
        var clock = new FakeClock(start);
        var services = new ServiceCollection();
        services.AddSingleton<IClock>(clock);
        stores.AddTo(services);
        services.AddCrmCore();
        using var provided = services.BuildServiceProvider();
        var service = provided.GetRequiredService<ServiceDesk>();
        service.RegisterAgent(new AgentId("A001"), "Li", new TeamId("L1"), SkillSet.Empty, 5);
        await service.RegisterCustomerAsync(new CustomerId("KH0001"), new CustomerProfile { Name = "上海某某制造有限公司", FirstContactOn = new LocalDate(2026, 1, 5) });
        var request = new TicketRequest { CustomerId = new CustomerId("KH0001"), Description = "系统登录异常", RaisedAt = start - Duration.FromNanoseconds(999) };

        var (id, _) = await service.RaiseAsync(request, "phone");
        await service.PullNextAsync(new AgentId("A001"));
        clock.Advance(Duration.FromNanoseconds(1_000_999));
        await service.RespondAsync(id, "A001", "on it");

        var state = (await (storage.Persists ? storage.Desk() : stores).Tickets.FindAsync(id))!;
        var raisedAt = Instant.FromUtc(2026, 3, 2, 2, 0) + Duration.FromNanoseconds(1_233_000);
        var createdAt = Instant.FromUtc(2026, 3, 2, 2, 0) + Duration.FromNanoseconds(1_234_000);
        var respondedAt = Instant.FromUtc(2026, 3, 2, 2, 0) + Duration.FromNanoseconds(2_235_000);
        Assert.Equal((raisedAt, createdAt, respondedAt, respondedAt), (state.RaisedAt, state.CreatedAt, state.FirstResponseAt!.Value, state.LastChangeAt));
        Assert.Equal([createdAt, respondedAt], state.StatusHistory.Select(h => h.At));
        Assert.All(state.Timeline, n => Assert.Equal(0, n.At.ToUnixTimeTicks() % 10));
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task Customer_StoredUnderAnOlderContactRule_StillLoadsWithItsValuesKept(string provider)
    {
        using var storage = StoreProvider.Create(provider);
        var desk = storage.Desk();
        var state = new CustomerState
        {
            Id = new CustomerId("C202603009"),
            Version = 1,
            Name = "旧系统迁移客户",
            FirstContactOn = new LocalDate(2024, 3, 1),
            CreatedAt = T0,
            Contacts = [new Contact("赵磊", ContactRole.DecisionMaker) { Phone = "13800138000", Email = "zhao@example.com" }],
        };
        await desk.Customers.SaveAsync(state, 0);

        // Written before the one phone rule: four digits passed then, and an address with a space in it.
        storage.ExecuteSql($"UPDATE {storage.CustomerTable} SET contacts = replace(replace(contacts, '13800138000', '5678'), 'zhao@example.com', 'zhao @example.com');");

        var restored = (await storage.Desk().Customers.FindAsync(state.Id))!;
        var contact = Assert.Single(restored.Contacts);
        Assert.Equal(("5678", "zhao @example.com"), (contact.Phone, contact.Email));
        Assert.Equal("****5678", contact.MaskedPhone);
        Assert.Equal("5678", Assert.Single(Customer.Restore(restored).Contacts).Phone);
        Assert.Throws<ArgumentException>(() => contact with { Phone = "5679" });
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Customer_RoundTrips_AndAStaleWriteFails(string provider)
    {
        using var storage = StoreProvider.Create(provider);
        var desk = storage.Desk();
        var state = new CustomerState
        {
            Id = new CustomerId("C202603001"),
            Version = 1,
            Name = "上海精密机械有限公司",
            ShortName = "精密",
            Industry = Industry.Manufacturing,
            Size = new CompanySize(250, Money.Cny(12_500_000.50m)),
            Source = CustomerSource.WebForm,
            FirstContactOn = new LocalDate(2025, 11, 3),
            CreatedAt = T0,
            Contacts = [new Contact("王芳", ContactRole.DecisionMaker) { Phone = "13800138000", Email = "wang@example.com", Birthday = new AnnualDate(5, 20) }],
            FirstCooperationOn = new LocalDate(2025, 12, 1),
            AnnualAmount = Money.Cny(880_000m),
            Products = ["CNC-200", "Service Plan"],
            OrdersPerYear = 14,
            AccountManager = new AgentId("A-li"),
            PreferenceTags = ["email-only"],
            Tier = "Gold",
            Tags = ["vip", "manufacturing"],
            DoNotContactSince = T0 + Duration.FromDays(2),
            DoNotContactReason = "asked",
            LastInteractionAt = T0 + Duration.FromDays(1),
        };
        await desk.Customers.SaveAsync(state, 0);
        var minimal = new CustomerState { Id = new CustomerId("C202603002"), Version = 3, Name = "Solo", FirstContactOn = new LocalDate(2026, 1, 1), CreatedAt = T0 };
        await desk.Customers.SaveAsync(minimal, 0);

        var again = storage.Persists ? storage.Desk() : desk;
        Assert.Equivalent(state, await again.Customers.FindAsync(state.Id), strict: true);
        Assert.Equivalent(minimal, await again.Customers.FindAsync(minimal.Id), strict: true);
        Assert.Equal([state.Id, minimal.Id], await again.Customers.ListAsync().Select(c => c.Id).ToListAsync());
        _ = Customer.Restore((await again.Customers.FindAsync(state.Id))!);

        await desk.Customers.SaveAsync(state with { Version = 2, Tier = "Platinum" }, 1);
        var error = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => desk.Customers.SaveAsync(state with { Version = 2, Tier = "Silver" }, 1).AsTask());
        Assert.Equal("customer C202603001", error.Entity);
        Assert.Equal("Platinum", (await desk.Customers.FindAsync(state.Id))!.Tier);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task EscalationState_RoundTrips_AndAStaleWriteFails(string provider)
    {
        using var storage = StoreProvider.Create(provider);
        var desk = storage.Desk();
        var id = new TicketId("WT202603001");
        var state = new EscalationState
        {
            TicketId = id,
            Version = 1,
            Escalations = [new EscalationMark("vip", 1, T0), new EscalationMark("vip", 2, T0 + Duration.FromHours(2))],
            Warnings = [new SlaWarningMark(SlaMetric.FirstResponse, 0, false, T0)],
            Reminders = [new ReminderMark("revisit", "2026-03-02T09:00:00Z", T0)],
        };
        await desk.Escalations.SaveAsync(state, 0);

        Assert.Equivalent(state, await (storage.Persists ? storage.Desk() : desk).Escalations.FindAsync(id), strict: true);
        Assert.Null(await desk.Escalations.FindAsync(new TicketId("WT-NONE")));
        await desk.Escalations.SaveAsync(state with { Version = 2 }, 1);
        var error = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => desk.Escalations.SaveAsync(state with { Version = 2 }, 1).AsTask());
        Assert.Contains("WT202603001", error.Entity, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Sequences_NeverRepeat_AndCountPerPeriod(string provider)
    {
        using var storage = StoreProvider.Create(provider);
        var desk = storage.Desk();
        var numbers = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => Task.Run(async () => await desk.Sequences.NextAsync("ticket", "202603"))));

        Assert.Equal(Enumerable.Range(1, 40).Select(i => (long)i), numbers.Order());
        Assert.Equal(1, await desk.Sequences.NextAsync("ticket", "202604"));
        if (storage.Persists)
        {
            Assert.Equal(41, await storage.Desk().Sequences.NextAsync("ticket", "202603"));
        }
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Queue_AddUpdateRemoveList_AsTheDeskUsesIt(string provider)
    {
        using var storage = StoreProvider.Create(provider);
        var desk = storage.Desk();
        var a = new QueueEntryState(new TicketId("WT2"), new TeamId("billing"), 40, T0 + Duration.FromHours(4), [new SkillLevel(Skill.Billing, 2)], T0 + Duration.FromMinutes(1));
        var b = new QueueEntryState(new TicketId("WT1"), new TeamId("tech"), 10, null, [], T0 + Duration.FromMinutes(1));
        var c = new QueueEntryState(new TicketId("WT3"), new TeamId("tech"), 10, null, [], T0);
        Assert.True(await desk.Queue.AddAsync(a));
        Assert.True(await desk.Queue.AddAsync(b));
        Assert.True(await desk.Queue.AddAsync(c));
        Assert.False(await desk.Queue.AddAsync(c));
        var moved = a with { Group = new TeamId("vip"), Priority = 90 };
        Assert.True(await desk.Queue.UpdateAsync(moved));
        Assert.False(await desk.Queue.UpdateAsync(moved with { TicketId = new TicketId("WT9") }));
        Assert.True(await desk.Queue.RemoveAsync(b.TicketId));
        Assert.False(await desk.Queue.RemoveAsync(b.TicketId));

        var listed = await (storage.Persists ? storage.Desk() : desk).Queue.ListAsync().ToListAsync();
        Assert.Equal([c.TicketId, moved.TicketId], listed.Select(e => e.TicketId));
        Assert.Equal(moved.Group, listed[1].Group);
        Assert.Equal(90, listed[1].Priority);
        Assert.Equal(moved.Due, listed[1].Due);
        Assert.Equal(moved.RequiredSkills, listed[1].RequiredSkills);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Queue_Changes_NumberEachWriteThatChangedAnEntry_AndListEachTicketOnceAtItsLatest_WithTheEntryAsStoredNow(string provider)
    {
        using var storage = StoreProvider.Create(provider);
        var queue = storage.Desk().Queue;
        var a = new QueueEntryState(new TicketId("WT2"), new TeamId("billing"), 40, T0 + Duration.FromHours(4), [new SkillLevel(Skill.Billing, 2)], T0);
        var b = new QueueEntryState(new TicketId("WT1"), new TeamId("tech"), 10, null, [], T0 + Duration.FromMinutes(1));
        var before = await queue.LastChangeAsync();
        await queue.AddAsync(a);
        await queue.AddAsync(b);
        await queue.AddAsync(b);
        var moved = a with { Group = new TeamId("vip"), Priority = 90 };
        await queue.UpdateAsync(moved);
        await queue.UpdateAsync(moved with { TicketId = new TicketId("WT9") });
        await queue.RemoveAsync(b.TicketId);
        await queue.RemoveAsync(b.TicketId);

        var reader = storage.Persists ? storage.Desk().Queue : queue;
        var all = await reader.ChangesAsync(0).ToListAsync();
        var afterMove = await reader.ChangesAsync(3).ToListAsync();

        Assert.Equal((0L, 4L), (before, await reader.LastChangeAsync()));
        Assert.Equal([(3L, a.TicketId), (4L, b.TicketId)], all.Select(c => (c.Number, c.TicketId)));
        Assert.Equal((moved.Group, moved.Priority, moved.Due, moved.EnqueuedAt), (all[0].Entry!.Group, all[0].Entry!.Priority, all[0].Entry!.Due, all[0].Entry!.EnqueuedAt));
        Assert.Equal(moved.RequiredSkills, all[0].Entry!.RequiredSkills);
        Assert.Null(all[1].Entry);
        Assert.Equal([(4L, b.TicketId)], afterMove.Select(c => (c.Number, c.TicketId)));
        Assert.Empty(await reader.ChangesAsync(4).ToListAsync());
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task StatusHistory_RejectsUpdatesAndDeletesInTheDatabaseItself(string provider)
    {
        using var storage = StoreProvider.Create(provider);
        var desk = storage.Desk();
        await desk.Tickets.SaveAsync(Resolved("WT202603009", "C1").ToState(), 0);

        var (update, delete) = provider == StoreProvider.Sqlite
            ? ("UPDATE crm_ticket_status_history SET by = 'x'", "DELETE FROM crm_ticket_status_history")
            : ("UPDATE {schema}.ticket_status_history SET by = 'x'", "DELETE FROM {schema}.ticket_status_history");
        Assert.ThrowsAny<Exception>(() => storage.ExecuteSql(update));
        Assert.ThrowsAny<Exception>(() => storage.ExecuteSql(delete));
        Assert.Equal(3, (await desk.Tickets.FindAsync(new TicketId("WT202603009")))!.StatusHistory.Count);
    }

    private static Ticket Open(string id, string customer, Instant? at = null, Instant? raisedAt = null) =>
        Ticket.Open(new TicketId(id), new TicketRequest { CustomerId = new CustomerId(customer), Description = "打印机卡纸", Urgency = Urgency.Urgent, Department = "IT", ExpectedResolutionAt = T0 + Duration.FromDays(1), RaisedAt = raisedAt },
            new AgentId("A-alice"), "desk", at ?? T0);

    private static SurveyResponse Answer(Ticket ticket, Instant at, int csat, string comment) =>
        new(ticket.Id, ticket.CustomerId, at, new CsatScore(csat), null, new Dictionary<SatisfactionDimension, int>(), comment);

    private static Ticket Resolved(string id, string customer)
    {
        var ticket = Open(id, customer);
        ticket.Start(T0 + Duration.FromHours(1), "alice");
        ticket.Resolve(T0 + Duration.FromHours(2), "alice", "Replaced the roller");
        return ticket;
    }
}
