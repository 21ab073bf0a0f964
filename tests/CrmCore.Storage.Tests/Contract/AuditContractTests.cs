using CrmCore.Agents;
using CrmCore.Audit;
using CrmCore.Customers;
using CrmCore.Desk;
using CrmCore.Tickets;
using NodaTime;

namespace CrmCore.Storage.Tests.Contract;

/// <summary>The contract of the hash-chained audit trail on every provider, and tamper detection on the databases.</summary>
public sealed class AuditContractTests
{
    private static readonly Instant At = Instant.FromUtc(2026, 3, 2, 9, 30) + Duration.FromTicks(1234567);

    public static TheoryData<string> Providers => StoreProvider.All();

    public static TheoryData<string> Databases => StoreProvider.Databases();

    private static AuditEntry Entry(int i) => new(At + Duration.FromTicks(i * 10_000_001L), i % 2 == 0 ? "li.na" : "wang.fang", (AuditAction)(i % 8), "customer", "KH000" + (i % 3))
    {
        Field = i % 4 == 0 ? null : "contact.phone[张***]",
        OldValue = i % 3 == 0 ? null : "****8000",
        NewValue = "值 " + i,
        Reason = i % 5 == 0 ? "工单 WT202403001 回访" : null,
        CorrelationId = i % 2 == 0 ? "batch-7" : null,
    };

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Append_ChainsRecords_KeepsEveryFieldExactly_AndVerifiesAfterReopening(string provider)
    {
        using var storage = StoreProvider.Create(provider);
        var written = new List<AuditRecord>();
        written.AddRange(await storage.Audit().AppendAsync([Entry(1), Entry(2), Entry(3)]));
        written.AddRange(await storage.Audit().AppendAsync([Entry(4)]));
        written.AddRange(await storage.Audit().AppendAsync([]));

        var read = await storage.Audit().QueryAsync(new AuditQuery());

        Assert.Equal([1L, 2, 3, 4], read.Select(r => r.Sequence));
        Assert.Equal(written, read);
        Assert.Equal(Entry(3), read[2].Entry);
        Assert.Equal(read.Select(r => AuditChain.ChainOf(r.Entry)), read.Select(r => r.Chain));
        Assert.All(read, (r, i) => Assert.Equal(read.Take(i).LastOrDefault(p => p.Chain == r.Chain)?.Hash ?? AuditChain.GenesisHash, r.PreviousHash));
        var verification = await AuditChain.VerifyAsync(storage.Audit(), pageSize: 3);
        Assert.Equal((4L, (long?)null), (verification.Verified, verification.BrokenAt));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Query_FiltersByEntityActorActionAndTime(string provider)
    {
        using var storage = StoreProvider.Create(provider);
        await storage.Audit().AppendAsync([.. Enumerable.Range(1, 9).Select(Entry)]);
        var audit = storage.Audit();

        Assert.Equal([1L, 4, 7], (await audit.QueryAsync(new AuditQuery { EntityType = "customer", EntityId = "KH0001" })).Select(r => r.Sequence));
        Assert.Equal([4L], (await audit.QueryAsync(new AuditQuery { EntityId = "KH0001", Actor = "li.na" })).Select(r => r.Sequence));
        Assert.Equal([3L], (await audit.QueryAsync(new AuditQuery { Action = AuditAction.Reveal })).Select(r => r.Sequence));
        Assert.Equal([3L, 4], (await audit.QueryAsync(new AuditQuery { From = Entry(3).At, To = Entry(5).At })).Select(r => r.Sequence));
        Assert.Equal([6L, 7], (await audit.QueryAsync(new AuditQuery { AfterSequence = 5, Limit = 2 })).Select(r => r.Sequence));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ConcurrentAppenders_NeverForkTheChain(string provider)
    {
        using var storage = StoreProvider.Create(provider);
        var writers = Enumerable.Range(0, 6).Select(w => Task.Run(async () =>
        {
            var audit = storage.Audit();
            for (var i = 0; i < 5; i++)
            {
                await audit.AppendAsync([Entry((w * 10) + i), Entry((w * 10) + i + 100)]);
            }
        }));

        await Task.WhenAll(writers);

        var verification = await AuditChain.VerifyAsync(storage.Audit());
        Assert.True(verification.IsIntact, verification.Problem);
        Assert.Equal(60, verification.Verified);
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task AlteringAStoredRecord_IsReportedAtThatRecord(string provider)
    {
        using var storage = StoreProvider.Create(provider);
        await storage.Audit().AppendAsync([.. Enumerable.Range(1, 5).Select(Entry)]);

        storage.ExecuteSql($"UPDATE {storage.AuditTable} SET new_value = 'forged' WHERE sequence = 3;");

        var result = await AuditChain.VerifyAsync(storage.Audit());
        Assert.Equal(3, result.BrokenAt);
        Assert.Contains("altered", result.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task ARowNoEntryCanHold_IsReportedAsAltered_NotAnError(string provider)
    {
        using var storage = StoreProvider.Create(provider);
        await storage.Audit().AppendAsync([.. Enumerable.Range(1, 3).Select(Entry)]);

        storage.ExecuteSql($"UPDATE {storage.AuditTable} SET actor = '' WHERE sequence = 2;");

        var result = await AuditChain.VerifyAsync(storage.Audit());
        Assert.Equal(2, result.BrokenAt);
        Assert.Contains("altered", result.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task DeletingAStoredRecord_IsReportedWhereTheGapIs(string provider)
    {
        using var storage = StoreProvider.Create(provider);
        await storage.Audit().AppendAsync([.. Enumerable.Range(1, 5).Select(Entry)]);

        var before = await storage.Audit().QueryAsync(new AuditQuery());
        var next = before.First(r => r.Sequence > 2 && r.Chain == before[1].Chain);

        storage.ExecuteSql($"DELETE FROM {storage.AuditTable} WHERE sequence = 2;");

        var result = await AuditChain.VerifyAsync(storage.Audit());
        Assert.Equal(next.Sequence, result.BrokenAt);
        Assert.Equal(next.Sequence - 2, result.Verified);
        Assert.Contains("does not carry the hash", result.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task ReorderingStoredRecords_IsDetected(string provider)
    {
        using var storage = StoreProvider.Create(provider);
        await storage.Audit().AppendAsync([.. Enumerable.Range(1, 5).Select(Entry)]);

        storage.ExecuteSql($"UPDATE {storage.AuditTable} SET sequence = -2 WHERE sequence = 2;");
        storage.ExecuteSql($"UPDATE {storage.AuditTable} SET sequence = 2 WHERE sequence = 4;");
        storage.ExecuteSql($"UPDATE {storage.AuditTable} SET sequence = 4 WHERE sequence = -2;");

        var result = await AuditChain.VerifyAsync(storage.Audit());
        Assert.Equal(2, result.BrokenAt);
        Assert.False(result.IsIntact);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task TicketSaves_WriteTheirAuditRecordsInTheSameTransaction_AndAConflictWritesNone(string provider)
    {
        using var storage = StoreProvider.Create(provider);
        var desk = storage.Desk();
        var t0 = Instant.FromUtc(2026, 3, 2, 9, 0);
        var ticket = Ticket.Open(
            new TicketId("WT202603001"),
            new TicketRequest { CustomerId = new CustomerId("KH0001"), Description = "张伟的打印机卡纸", Urgency = Urgency.Urgent },
            new AgentId("li.na"),
            "desk",
            t0);
        await desk.Tickets.SaveAsync(ticket.ToState(), 0, ticket.DomainEvents);
        var copy = Ticket.Restore((await desk.Tickets.FindAsync(ticket.Id))!);
        ticket.ClearDomainEvents();
        ticket.Start(t0 + Duration.FromHours(1), "li.na");
        ticket.Resolve(t0 + Duration.FromHours(2), "li.na", "换了搓纸轮");
        await desk.Tickets.SaveAsync(ticket.ToState(), 1, ticket.DomainEvents);

        copy.MarkNoActionNeeded(t0 + Duration.FromHours(3), "wang.fang", "duplicate");
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => desk.Tickets.SaveAsync(copy.ToState(), 1, copy.DomainEvents).AsTask());

        var trail = await storage.Audit().QueryAsync(new AuditQuery { EntityType = AuditEntityTypes.Ticket, EntityId = "WT202603001" });
        Assert.Equal(
            [AuditAction.Create, AuditAction.StatusChange, AuditAction.StatusChange],
            trail.Select(r => r.Entry.Action));
        Assert.Equal(("Pending", "InProgress", "li.na"), (trail[1].Entry.OldValue, trail[1].Entry.NewValue, trail[1].Entry.Actor));
        Assert.Equal("Resolved", trail[2].Entry.NewValue);
        Assert.DoesNotContain(trail, r => r.Entry.Actor == "wang.fang");
        Assert.DoesNotContain(trail, r => (r.Entry.NewValue ?? string.Empty).Contains("张伟", StringComparison.Ordinal));
        Assert.True((await AuditChain.VerifyAsync(storage.Audit())).IsIntact);
    }
}
