using BenchmarkDotNet.Attributes;
using CrmCore.Agents;
using CrmCore.Desk;
using CrmCore.Tickets;
using NodaTime;

namespace CrmCore.Benchmarks.Desk;

/// <summary>
/// Cost per change of the in-memory queue store's change log at steady state (the log full to its retention; every 1,024th change
/// prunes 1,024): the list the store used before 2026-12-02, which removed the pruned changes from its front and so moved the whole
/// kept log at each prune (baseline), against <see cref="QueueChangeRing"/>, and the store itself (<see cref="InMemoryQueueRepository.UpdateAsync"/>:
/// the entry table, the lock and the ring). One invocation is 1,024 changes, so each holds exactly one prune.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5, invocationCount: 32, id: "short")]
public class QueueChangeLogBenchmarks
{
    private const int Changes = 1024;
    private static readonly TicketId[] Tickets = [.. Enumerable.Range(0, 64).Select(i => new TicketId("WT202612" + i.ToString("D6", System.Globalization.CultureInfo.InvariantCulture)))];
    private ListLog _list = null!;
    private QueueChangeRing _ring = null!;
    private long _ringPruned;
    private InMemoryQueueRepository _store = null!;
    private QueueEntryState[] _entries = null!;

    /// <summary>The retention: the default and the largest allowed.</summary>
    [Params(100_000, 100_000_000)]
    public int Retention { get; set; }

    [GlobalSetup(Target = nameof(ListRemoveRange))]
    public void SetupList()
    {
        _list = new ListLog(Retention);
        for (var n = 0; n < Retention + 10; n++)
        {
            _list.Changed(Tickets[n % Tickets.Length]);
        }
    }

    [GlobalSetup(Target = nameof(Ring))]
    public void SetupRing()
    {
        _ring = new QueueChangeRing();
        for (var n = 0; n < Retention + 10; n++)
        {
            RingChanged(Tickets[n % Tickets.Length]);
        }
    }

    [GlobalSetup(Target = nameof(StoreUpdate))]
    public void SetupStore()
    {
        _store = new InMemoryQueueRepository(Retention);
        _entries = [.. Tickets.Select(t => new QueueEntryState(t, new TeamId("L1"), 10, null, [], Instant.FromUtc(2026, 12, 2, 0, 0)))];
        foreach (var entry in _entries)
        {
            _store.AddAsync(entry).AsTask().GetAwaiter().GetResult();
        }

        for (var n = _entries.Length; n < Retention + 10; n++)
        {
            _store.UpdateAsync(_entries[n % _entries.Length]).AsTask().GetAwaiter().GetResult();
        }
    }

    /// <summary>Before: a list, pruned with <c>RemoveRange(0, n)</c>.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Changes)]
    public long ListRemoveRange()
    {
        for (var i = 0; i < Changes; i++)
        {
            _list.Changed(Tickets[i % Tickets.Length]);
        }

        return _list.Last;
    }

    /// <summary>After: the ring, pruned by moving its start.</summary>
    [Benchmark(OperationsPerInvoke = Changes)]
    public long Ring()
    {
        for (var i = 0; i < Changes; i++)
        {
            RingChanged(Tickets[i % Tickets.Length]);
        }

        return _ringPruned + _ring.Count;
    }

    /// <summary>The store's whole change (entry replaced, change kept, prune) with the ring.</summary>
    [Benchmark(OperationsPerInvoke = Changes)]
    public async Task<long> StoreUpdate()
    {
        for (var i = 0; i < Changes; i++)
        {
            await _store.UpdateAsync(_entries[i % _entries.Length]).ConfigureAwait(false);
        }

        return await _store.LastChangeAsync().ConfigureAwait(false);
    }

    // The store's record-and-prune step over the ring (InMemoryQueueRepository.Changed).
    private void RingChanged(TicketId id)
    {
        _ring.Add(id);
        if (QueueChangePruning.PruneThrough(_ringPruned + _ring.Count, Retention) is > 0 and var through)
        {
            _ring.DropOldest((int)(through - _ringPruned));
            _ringPruned = through;
        }
    }

    /// <summary>The change log as the store kept it before: a list whose front is removed at each prune.</summary>
    private sealed class ListLog(int retention)
    {
        private readonly List<TicketId> _changes = [];
        private long _prunedThrough;

        public long Last => _prunedThrough + _changes.Count;

        public void Changed(TicketId id)
        {
            _changes.Add(id);
            if (QueueChangePruning.PruneThrough(_prunedThrough + _changes.Count, retention) is > 0 and var through)
            {
                _changes.RemoveRange(0, (int)(through - _prunedThrough));
                _prunedThrough = through;
            }
        }
    }
}
