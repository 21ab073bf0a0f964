using CrmCore.Agents;
using CrmCore.Desk;
using CrmCore.Satisfaction;
using CrmCore.Tests.Support;
using CrmCore.Tickets;

namespace CrmCore.Tests.Desk;

public class InMemoryStoreTests
{
    private readonly NodaTime.Testing.FakeClock clock = TestData.NewClock();

    [Fact]
    public async Task TicketSave_StaleVersion_ThrowsConflictAndKeepsStoredState()
    {
        var repository = new InMemoryTicketRepository();
        var ticket = TestData.TicketFactory(clock).Open(TestData.Request(), TestData.Alice, "desk");
        await repository.SaveAsync(ticket.ToState(), 0);
        ticket.Start(clock.GetCurrentInstant(), "alice");
        await repository.SaveAsync(ticket.ToState(), 1);

        var stale = ticket.ToState() with { Version = 2 };
        var error = await Assert.ThrowsAsync<ConcurrencyConflictException>(async () => await repository.SaveAsync(stale, 1));

        Assert.Equal(2, error.ActualVersion);
        Assert.Equal(TicketStatus.InProgress, (await repository.FindAsync(ticket.Id))!.Status);
        await Assert.ThrowsAsync<ConcurrencyConflictException>(async () => await repository.SaveAsync(ticket.ToState() with { Version = 5 }, 0));
    }

    [Fact]
    public async Task TicketList_OpenQuery_LeavesFinishedOut_AndSurveysAreReadFromTickets()
    {
        var repository = new InMemoryTicketRepository();
        var factory = TestData.TicketFactory(clock);
        var open = factory.Open(TestData.Request(), TestData.Alice, "desk");
        var resolved = TestData.ResolvedTicket(clock, factory);
        resolved.RecordSatisfaction(clock.GetCurrentInstant(), new CsatScore(2), "alice");
        var done = factory.Open(TestData.Request(), TestData.Alice, "desk");
        done.MarkNoActionNeeded(clock.GetCurrentInstant(), "alice", "duplicate");
        foreach (var t in new[] { open, resolved, done })
        {
            await repository.SaveAsync(t.ToState(), 0);
        }

        var listed = await repository.ListAsync(TicketQuery.Open).Select(s => s.Id).ToListAsync();
        var surveys = await ((ISurveyRepository)repository).ListAsync(TestData.Start, clock.GetCurrentInstant().PlusTicks(1)).ToListAsync();

        Assert.Equal([open.Id, resolved.Id], listed);
        Assert.Equal(resolved.Id, Assert.Single(surveys).Ticket);
    }

    [Fact]
    public async Task Queue_AddTwice_SecondIsRefused()
    {
        var queue = new InMemoryQueueRepository();
        var entry = new QueueEntryState(new TicketId("WT1"), new TeamId("L1"), 10, null, [new SkillLevel(Skill.Technical, 2)], TestData.Start);

        Assert.True(await queue.AddAsync(entry));
        Assert.False(await queue.AddAsync(entry with { Priority = 99 }));
        Assert.Equal(10, Assert.Single(await queue.ListAsync().ToListAsync()).Priority);
        Assert.True(await queue.RemoveAsync(entry.TicketId));
        Assert.False(await queue.UpdateAsync(entry));
    }

    [Fact]
    public async Task Queue_ManyPrunes_ReadsOnEitherSideOfTheBoundary_GiveTheLatestChangePerTicket_OrSayPruned()
    {
        // Retention 8 prunes every 2 changes; 1,000 changes over 5 tickets prune about 500 times and wrap the log many times.
        const int Retention = 8;
        var queue = new InMemoryQueueRepository(Retention);
        var history = new List<TicketId>(); // change n is history[n - 1]
        var prunedThrough = 0L;
        for (var n = 1; n <= 1000; n++)
        {
            var id = new TicketId("WT" + (n * 7 % 5));
            var entry = new QueueEntryState(id, new TeamId("L1"), n, null, [], TestData.Start);
            Assert.True(await queue.AddAsync(entry) || await queue.UpdateAsync(entry));
            history.Add(id);
            if (n % (Retention / 4) == 0 && n > Retention)
            {
                prunedThrough = n - Retention;
            }

            if (n % 3 != 0)
            {
                continue;
            }

            Assert.Equal(n, await queue.LastChangeAsync());
            for (var after = Math.Max(0L, prunedThrough - 2); after <= n; after++)
            {
                if (after < prunedThrough)
                {
                    var pruned = await Assert.ThrowsAsync<QueueChangesPrunedException>(async () => await queue.ChangesAsync(after).ToListAsync());
                    Assert.Equal(prunedThrough, pruned.PrunedThrough);
                    continue;
                }

                var expected = Enumerable.Range((int)after + 1, n - (int)after)
                    .GroupBy(number => history[number - 1])
                    .Select(g => (Number: (long)g.Max(), Ticket: g.Key))
                    .OrderBy(c => c.Number)
                    .ToList();
                var changes = await queue.ChangesAsync(after).ToListAsync();
                Assert.Equal(expected, changes.Select(c => (c.Number, c.TicketId)));
                Assert.All(changes, c => Assert.Equal(c.Number, c.Entry!.Priority)); // each entry as its latest change left it
            }
        }
    }

    [Fact]
    public async Task Sequence_CountsPerNameAndPeriod()
    {
        var sequences = new InMemorySequenceRepository();

        var numbers = new[]
        {
            await sequences.NextAsync("ticket", "202403"),
            await sequences.NextAsync("ticket", "202403"),
            await sequences.NextAsync("ticket", "202404"),
            await sequences.NextAsync("customer", "202403"),
        };

        Assert.Equal([1L, 2L, 1L, 1L], numbers);
    }
}
