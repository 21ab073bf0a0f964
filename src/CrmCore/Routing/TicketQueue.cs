using System.Numerics;
using System.Runtime.InteropServices;
using CrmCore.Agents;
using CrmCore.Tickets;
using NodaTime;

namespace CrmCore.Routing;

/// <summary>
/// The routing queue: holds waiting tickets and hands each agent the best ticket it may take, at the moment it asks.
/// </summary>
/// <remarks>
/// <para>
/// Order: a ticket's priority at <c>now</c> is <c>static + SlaTerm(due − now)</c> (see <see cref="Routing.SlaTerm"/>); higher first,
/// then earlier due time (no due time last), then earlier enqueue time, then ticket id (ordinal). Because the SLA term is the same
/// non-decreasing function for every ticket, tickets that share a static priority keep their relative order as time passes. The
/// queue therefore keeps one heap per (group, static priority, required skills) ordered by due time, and compares only the heads
/// at <c>now</c>: nothing is re-scored as time passes.
/// </para>
/// <para>
/// Thread safety: every member is thread-safe. Each operation holds one lock for a short, allocation-free critical section
/// (a bucket scan plus O(log n) heap work), so a ticket is handed to at most one agent, never lost, and an update replaces the
/// entry in place (no stale copy remains).
/// </para>
/// <para>
/// Memory: a 40-byte entry plus hash-head and heap slots per ticket, about 50 bytes per queued ticket when presized (or at a
/// million tickets), up to about 80 just after the arrays doubled; ticket id strings and shared <see cref="SkillSet"/> objects
/// are not counted.
/// </para>
/// </remarks>
public sealed class TicketQueue
{
    private const long NoDue = long.MaxValue;

    private readonly Lock _lock = new();
    private readonly Dictionary<BucketKey, Bucket> _bucketByKey = [];
    private Bucket[] _order = [];                 // buckets by static priority, highest first
    private Entry[] _entries;
    private int[] _heads;                         // hash heads (a power of two): entry index + 1, 0 for none
    private int _highWater;
    private int _freeList = -1;
    private int _count;
    private int _bucketsVersion;

    /// <summary>Creates an empty queue.</summary>
    /// <param name="slaTerm">The SLA term; null means <see cref="SlaTerm.Default"/>.</param>
    /// <param name="capacity">How many tickets to make room for up front (default 0: grow by doubling). Presizing avoids the
    /// slack that doubling leaves, keeping memory near 48 bytes per ticket.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="capacity"/> is negative or above 2^28.</exception>
    public TicketQueue(SlaTerm? slaTerm = null, int capacity = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(capacity, 1 << 28);
        SlaTerm = slaTerm ?? SlaTerm.Default;
        var size = Math.Max(16, capacity);
        _entries = new Entry[size];
        _heads = new int[(int)BitOperations.RoundUpToPowerOf2((uint)size)];
    }

    /// <summary>The SLA term used to rank tickets.</summary>
    public SlaTerm SlaTerm { get; }

    /// <summary>The number of tickets waiting.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _count;
            }
        }
    }

    /// <summary>Adds a ticket.</summary>
    /// <param name="ticket">The ticket; must not be the default instance.</param>
    /// <exception cref="ArgumentException">The ticket is the default instance.</exception>
    /// <exception cref="CrmException">The ticket is already queued (code <c>CRM-QUEUE-DUPLICATE</c>); the queue is unchanged.</exception>
    public void Enqueue(QueuedTicket ticket)
    {
        if (!TryEnqueue(ticket))
        {
            throw new CrmException($"Ticket {ticket.Id} is already queued; use Update to change it.") { Code = "CRM-QUEUE-DUPLICATE" };
        }
    }

    /// <summary>Adds a ticket unless one with the same id is queued.</summary>
    /// <param name="ticket">The ticket; must not be the default instance.</param>
    /// <returns>True when added; false when the id was already queued (the queue is unchanged).</returns>
    /// <exception cref="ArgumentException">The ticket is the default instance.</exception>
    public bool TryEnqueue(QueuedTicket ticket)
    {
        Check(ticket);
        lock (_lock)
        {
            if (Find(ticket.Id) >= 0)
            {
                return false;
            }

            var bucket = BucketFor(ticket.Group, ticket.StaticPriority, ticket.RequiredSkills, overflowed: false);
            var index = Allocate(ticket.Id);
            ref var e = ref _entries[index];
            e.Due = ticket.Due is { } d ? d.ToUnixTimeTicks() : NoDue;
            e.Enqueued = ticket.EnqueuedAt.ToUnixTimeTicks();
            Push(bucket, index);
            return true;
        }
    }

    /// <summary>
    /// Replaces a queued ticket's data (group, static priority, due time, skills, enqueue time) in place. A ticket already taken or
    /// removed is not brought back.
    /// </summary>
    /// <param name="ticket">The new data; its id names the ticket to change.</param>
    /// <returns>True when the ticket was queued and is now changed; false when it is not queued.</returns>
    /// <exception cref="ArgumentException">The ticket is the default instance.</exception>
    public bool Update(QueuedTicket ticket)
    {
        Check(ticket);
        lock (_lock)
        {
            var index = Find(ticket.Id);
            if (index < 0)
            {
                return false;
            }

            ref var e = ref _entries[index];
            var old = e.Bucket;
            var overflowed = old.Overflowed && old.Group == ticket.Group;
            var bucket = BucketFor(ticket.Group, ticket.StaticPriority, ticket.RequiredSkills, overflowed);
            RemoveFromHeap(old, e.HeapPos);
            e.Due = ticket.Due is { } d ? d.ToUnixTimeTicks() : NoDue;
            e.Enqueued = ticket.EnqueuedAt.ToUnixTimeTicks();
            Push(bucket, index);
            return true;
        }
    }

    /// <summary>Removes a waiting ticket (for example one closed or withdrawn before anyone took it).</summary>
    /// <param name="id">The ticket's id.</param>
    /// <returns>True when it was queued and is now removed; false when it was not queued.</returns>
    public bool Remove(TicketId id)
    {
        lock (_lock)
        {
            var index = Find(id);
            if (index < 0)
            {
                return false;
            }

            RemoveFromHeap(_entries[index].Bucket, _entries[index].HeapPos);
            Free(index);
            return true;
        }
    }

    /// <summary>True when the ticket is waiting in the queue.</summary>
    /// <param name="id">The ticket's id.</param>
    /// <returns>Whether it is queued.</returns>
    public bool Contains(TicketId id)
    {
        lock (_lock)
        {
            return Find(id) >= 0;
        }
    }

    /// <summary>Reads a queued ticket's data.</summary>
    /// <param name="id">The ticket's id.</param>
    /// <param name="ticket">The data when found; the default instance otherwise.</param>
    /// <returns>True when the ticket is queued.</returns>
    public bool TryGet(TicketId id, out QueuedTicket ticket)
    {
        lock (_lock)
        {
            var index = Find(id);
            ticket = index >= 0 ? ToTicket(index) : default;
            return index >= 0;
        }
    }

    /// <summary>
    /// Finds the best ticket <paramref name="agent"/> may take at <paramref name="now"/>, removes it from the queue and takes one
    /// unit of the agent's capacity, all atomically. A ticket is eligible when its group is one the agent serves
    /// (<see cref="Agent.Serves"/>) and the agent's skills cover its required skills; the agent must be
    /// <see cref="Availability.Online"/> and below its capacity.
    /// </summary>
    /// <param name="agent">The agent asking for work.</param>
    /// <param name="now">The moment of the request; the SLA term is evaluated here.</param>
    /// <returns>The ticket handed to the agent, or null when there is none it may take (then the agent's load is unchanged).</returns>
    public QueuedTicket? NextFor(Agent agent, Instant now)
    {
        ArgumentNullException.ThrowIfNull(agent);
        if (agent.Availability != Availability.Online || !agent.TryReserveSlot())
        {
            return null;
        }

        lock (_lock)
        {
            var best = FindBest(agent, now.ToUnixTimeTicks());
            if (best is not null)
            {
                var index = best.Heap[0];
                var ticket = ToTicket(index);
                RemoveFromHeap(best, 0);
                Free(index);
                return ticket;
            }
        }

        agent.ReleaseSlot();
        return null;
    }

    /// <summary>
    /// Moves tickets of <paramref name="from"/> that joined the queue at or before <paramref name="cutoff"/> to
    /// <paramref name="to"/> (overflow to a fallback group). A ticket overflows at most once: tickets that already arrived in a
    /// group by overflow are not moved again. Costs time in proportion to the tickets waiting for <paramref name="from"/>.
    /// </summary>
    /// <param name="from">The group whose tickets waited too long.</param>
    /// <param name="to">The fallback group; must differ from <paramref name="from"/>.</param>
    /// <param name="cutoff">Tickets enqueued at or before this instant move.</param>
    /// <returns>How many tickets moved.</returns>
    /// <exception cref="ArgumentException">A group is the default instance, or both are the same.</exception>
    public int Overflow(TeamId from, TeamId to, Instant cutoff)
    {
        if (from.IsEmpty || to.IsEmpty || from == to)
        {
            throw new ArgumentException("Overflow needs two different, non-default groups.", nameof(to));
        }

        var limit = cutoff.ToUnixTimeTicks();
        var moved = 0;
        lock (_lock)
        {
            foreach (var bucket in _order)
            {
                if (bucket.Group != from || bucket.Overflowed || bucket.Count == 0)
                {
                    continue;
                }

                var due = new List<int>();
                for (var i = 0; i < bucket.Count; i++)
                {
                    if (_entries[bucket.Heap[i]].Enqueued <= limit)
                    {
                        due.Add(bucket.Heap[i]);
                    }
                }

                if (due.Count == 0)
                {
                    continue;
                }

                var target = BucketFor(to, bucket.Static, bucket.Required, overflowed: true);
                foreach (var index in due)
                {
                    RemoveFromHeap(bucket, _entries[index].HeapPos);
                    Push(target, index);
                }

                moved += due.Count;
            }
        }

        return moved;
    }

    /// <summary>
    /// The best <paramref name="count"/> waiting tickets at <paramref name="now"/>, best first, in the same order
    /// <see cref="NextFor"/> uses, without taking them (a ranked view for dashboards and supervisors). Ignores agents' skills and
    /// teams. Costs O(buckets + count·log(buckets + count)), independent of how many tickets wait.
    /// </summary>
    /// <param name="count">How many to return, at least 0; fewer come back when fewer wait.</param>
    /// <param name="now">The moment of ranking.</param>
    /// <returns>The tickets, best first.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative.</exception>
    public IReadOnlyList<QueuedTicket> Top(int count, Instant now)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var nowTicks = now.ToUnixTimeTicks();
        lock (_lock)
        {
            var result = new List<QueuedTicket>(Math.Min(count, _count));
            var frontier = new PriorityQueue<(Bucket Bucket, int Pos), (long Score, int Index)>(new RankComparer(this));
            foreach (var bucket in _order)
            {
                if (bucket.Count > 0)
                {
                    AddCandidate(frontier, bucket, 0, nowTicks);
                }
            }

            while (result.Count < count && frontier.TryDequeue(out var best, out _))
            {
                result.Add(ToTicket(best.Bucket.Heap[best.Pos]));
                AddCandidate(frontier, best.Bucket, (2 * best.Pos) + 1, nowTicks);
                AddCandidate(frontier, best.Bucket, (2 * best.Pos) + 2, nowTicks);
            }

            return result;
        }
    }

    /// <summary>A copy of every waiting ticket, in no particular order (for reports such as waiting times). O(n).</summary>
    /// <returns>The tickets.</returns>
    public IReadOnlyList<QueuedTicket> Snapshot()
    {
        lock (_lock)
        {
            var list = new List<QueuedTicket>(_count);
            foreach (var bucket in _order)
            {
                for (var i = 0; i < bucket.Count; i++)
                {
                    list.Add(ToTicket(bucket.Heap[i]));
                }
            }

            return list;
        }
    }

    private static void Check(QueuedTicket ticket)
    {
        if (ticket.Id.IsEmpty)
        {
            throw new ArgumentException("The ticket must not be the default instance.", nameof(ticket));
        }
    }

    private Bucket? FindBest(Agent agent, long now)
    {
        Bucket? best = null;
        long bestScore = 0;
        var maxTerm = SlaTerm.MaxTerm;
        foreach (var bucket in EligibleBuckets(agent))
        {
            if (best is not null && bucket.Static + maxTerm < bestScore)
            {
                break; // buckets are sorted by static priority: nothing further can win
            }

            if (bucket.Count == 0)
            {
                continue;
            }

            ref var head = ref _entries[bucket.Heap[0]];
            var score = bucket.Static + SlaTerm.EvaluateTicks(head.Due, now);
            if (best is null || score > bestScore || (score == bestScore && Before(bucket.Heap[0], best.Heap[0])))
            {
                best = bucket;
                bestScore = score;
            }
        }

        return best;
    }

    private void AddCandidate(PriorityQueue<(Bucket Bucket, int Pos), (long Score, int Index)> frontier, Bucket bucket, int pos, long now)
    {
        if (pos < bucket.Count)
        {
            var index = bucket.Heap[pos];
            frontier.Enqueue((bucket, pos), (bucket.Static + SlaTerm.EvaluateTicks(_entries[index].Due, now), index));
        }
    }

    // The buckets (highest static priority first) whose group the agent serves and whose skills it covers, cached on the agent
    // until a bucket is added or the agent's teams change. Called under the lock.
    private Bucket[] EligibleBuckets(Agent agent)
    {
        var teamsVersion = agent.TeamsVersion;
        if (agent.RoutingCache is EligibilityCache cache && cache.Queue == this && cache.BucketsVersion == _bucketsVersion
            && cache.TeamsVersion == teamsVersion)
        {
            return cache.Buckets;
        }

        // A plain loop: a lambda here would capture the agent and allocate a closure on every call, even on a cache hit.
        var eligible = new List<Bucket>();
        foreach (var bucket in _order)
        {
            if (agent.Serves(bucket.Group) && agent.Skills.Covers(bucket.Required))
            {
                eligible.Add(bucket);
            }
        }

        Bucket[] buckets = [.. eligible];
        agent.RoutingCache = new EligibilityCache(this, _bucketsVersion, teamsVersion, buckets);
        return buckets;
    }

    private QueuedTicket ToTicket(int index)
    {
        ref var e = ref _entries[index];
        var due = e.Due == NoDue ? (Instant?)null : Instant.FromUnixTimeTicks(e.Due);
        return new QueuedTicket(e.Id, e.Bucket.Group, e.Bucket.Static, due, e.Bucket.Required, Instant.FromUnixTimeTicks(e.Enqueued));
    }

    // Order inside a bucket (and the tie-break across buckets): earlier due, earlier enqueue, smaller id.
    private bool Before(int a, int b)
    {
        ref var x = ref _entries[a];
        ref var y = ref _entries[b];
        if (x.Due != y.Due)
        {
            return x.Due < y.Due;
        }

        if (x.Enqueued != y.Enqueued)
        {
            return x.Enqueued < y.Enqueued;
        }

        return string.CompareOrdinal(x.Id.Value, y.Id.Value) < 0;
    }

    private Bucket BucketFor(TeamId group, long staticPriority, SkillSet required, bool overflowed)
    {
        var key = new BucketKey(group, staticPriority, required, overflowed);
        ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_bucketByKey, key, out var exists);
        if (!exists)
        {
            slot = new Bucket(group, staticPriority, required, overflowed);
            var order = new Bucket[_order.Length + 1];
            var at = 0;
            while (at < _order.Length && _order[at].Static >= staticPriority)
            {
                at++;
            }

            Array.Copy(_order, order, at);
            order[at] = slot;
            Array.Copy(_order, at, order, at + 1, _order.Length - at);
            _order = order;
            _bucketsVersion++;
        }

        return slot!;
    }

    // ---- heap per bucket (entry indices), each entry knows its position ----

    private void Push(Bucket bucket, int index)
    {
        if (bucket.Count == bucket.Heap.Length)
        {
            Array.Resize(ref bucket.Heap, Math.Max(4, bucket.Heap.Length * 2));
        }

        _entries[index].Bucket = bucket;
        bucket.Heap[bucket.Count] = index;
        _entries[index].HeapPos = bucket.Count;
        bucket.Count++;
        SiftUp(bucket, bucket.Count - 1);
    }

    private void RemoveFromHeap(Bucket bucket, int pos)
    {
        var last = --bucket.Count;
        if (pos != last)
        {
            var moved = bucket.Heap[last];
            Place(bucket, pos, moved);
            SiftDown(bucket, pos);
            if (_entries[moved].HeapPos == pos)
            {
                SiftUp(bucket, pos);
            }
        }

        if (bucket.Count == 0 && bucket.Heap.Length > 64)
        {
            bucket.Heap = [];
        }
    }

    private void Place(Bucket bucket, int pos, int index)
    {
        bucket.Heap[pos] = index;
        _entries[index].HeapPos = pos;
    }

    private void SiftUp(Bucket bucket, int pos)
    {
        var heap = bucket.Heap;
        var item = heap[pos];
        while (pos > 0)
        {
            var parent = (pos - 1) >> 1;
            if (!Before(item, heap[parent]))
            {
                break;
            }

            Place(bucket, pos, heap[parent]);
            pos = parent;
        }

        Place(bucket, pos, item);
    }

    private void SiftDown(Bucket bucket, int pos)
    {
        var heap = bucket.Heap;
        var count = bucket.Count;
        var item = heap[pos];
        while (true)
        {
            var child = (2 * pos) + 1;
            if (child >= count)
            {
                break;
            }

            if (child + 1 < count && Before(heap[child + 1], heap[child]))
            {
                child++;
            }

            if (!Before(heap[child], item))
            {
                break;
            }

            Place(bucket, pos, heap[child]);
            pos = child;
        }

        Place(bucket, pos, item);
    }

    // ---- id index: chained hash table over the entry array ----

    private int Find(TicketId id)
    {
        var i = _heads[(int)((uint)id.GetHashCode() & (uint)(_heads.Length - 1))] - 1;
        while (i >= 0)
        {
            ref var e = ref _entries[i];
            if (e.Id == id)
            {
                return i;
            }

            i = e.Next;
        }

        return -1;
    }

    private int Allocate(TicketId id)
    {
        int index;
        if (_freeList >= 0)
        {
            index = _freeList;
            _freeList = _entries[index].Next;
        }
        else
        {
            if (_highWater == _entries.Length)
            {
                Grow();
            }

            index = _highWater++;
        }

        ref var e = ref _entries[index];
        e.Id = id;
        var head = (int)((uint)id.GetHashCode() & (uint)(_heads.Length - 1));
        e.Next = _heads[head] - 1;
        _heads[head] = index + 1;
        _count++;
        return index;
    }

    private void Free(int index)
    {
        ref var e = ref _entries[index];
        var head = (int)((uint)e.Id.GetHashCode() & (uint)(_heads.Length - 1));
        var i = _heads[head] - 1;
        if (i == index)
        {
            _heads[head] = e.Next + 1;
        }
        else
        {
            while (_entries[i].Next != index)
            {
                i = _entries[i].Next;
            }

            _entries[i].Next = e.Next;
        }

        e = default;
        e.Next = _freeList;
        _freeList = index;
        _count--;
    }

    private void Grow()
    {
        var size = _entries.Length * 2;
        Array.Resize(ref _entries, size);
        _heads = new int[(int)BitOperations.RoundUpToPowerOf2((uint)size)];
        for (var i = 0; i < _highWater; i++)
        {
            ref var e = ref _entries[i];
            if (e.Bucket is null)
            {
                continue; // free slot; the free list is empty whenever we grow
            }

            var head = (int)((uint)e.Id.GetHashCode() & (uint)(_heads.Length - 1));
            e.Next = _heads[head] - 1;
            _heads[head] = i + 1;
        }
    }

    private struct Entry
    {
        public TicketId Id;
        public Bucket Bucket;
        public long Due;
        public long Enqueued;
        public int Next;
        public int HeapPos;
    }

    // Higher score first, then the in-bucket order (due, enqueue time, id).
    private sealed class RankComparer(TicketQueue queue) : IComparer<(long Score, int Index)>
    {
        public int Compare((long Score, int Index) x, (long Score, int Index) y) =>
            x.Score != y.Score ? y.Score.CompareTo(x.Score)
            : x.Index == y.Index ? 0
            : queue.Before(x.Index, y.Index) ? -1 : 1;
    }

    private sealed record EligibilityCache(TicketQueue Queue, int BucketsVersion, int TeamsVersion, Bucket[] Buckets);

    private readonly record struct BucketKey(TeamId Group, long Static, SkillSet Required, bool Overflowed);

    private sealed class Bucket(TeamId group, long staticPriority, SkillSet required, bool overflowed)
    {
        public readonly TeamId Group = group;
        public readonly long Static = staticPriority;
        public readonly SkillSet Required = required;
        public readonly bool Overflowed = overflowed;
        public int[] Heap = [];
        public int Count;
    }
}
