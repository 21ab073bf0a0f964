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
/// (a scan of the eligible bucket heads plus O(log n) heap work), so a ticket is handed to at most one agent, never lost, and an
/// update replaces the entry in place (no stale copy remains).
/// </para>
/// <para>
/// Speed: each bucket is a 4-ary heap whose 16-byte slots carry the due time and the enqueue time in whole seconds next to the
/// entry index, so comparisons inside a heap and across bucket heads read only the heap arrays (an entry is read only when both
/// are equal). Every bucket's head is also copied into one contiguous array. <see cref="NextFor"/> costs
/// O(eligible buckets + log n): it reads the eligible heads from that array by descending static priority, compares them by due
/// time, scores one head per static priority at <c>now</c> (a lower static priority's head only when it is due earlier than the best
/// so far) and stops once no lower static priority can win; then it unlinks the winner's id and removes it from its heap bottom-up.
/// </para>
/// <para>
/// Memory: a 32-byte entry in fixed chunks of 1,024 (no doubling copies, at most one partly used chunk), a 16-byte heap slot in
/// heaps that grow by half, and a 4-byte hash head per 1 to 2 tickets: about 55–62 bytes per queued ticket at 10k to 1M tickets
/// with the default growth; ticket id strings and shared <see cref="SkillSet"/> objects are not counted.
/// </para>
/// </remarks>
public sealed class TicketQueue
{
    private const long NoDue = long.MaxValue;
    private static readonly HeapSlot EmptyTop = new(NoDue, -1, 0);

    private readonly Lock _lock = new();
    private readonly Dictionary<BucketKey, Bucket> _bucketByKey = [];
    private Bucket[] _order = [];                 // buckets by static priority, highest first
    private Bucket[] _byOrdinal = [];             // buckets by creation order (Bucket.Ordinal)
    private HeapSlot[] _tops = [];                // each bucket's head by ordinal (Index −1 when empty): the scan reads only this
    private const int AritySh = 2;                // each heap node has 2^AritySh children
    private const int Arity = 1 << AritySh;
    private const int ChunkShift = 10;
    private const int ChunkSize = 1 << ChunkShift;
    private const int ChunkMask = ChunkSize - 1;

    private Entry[][] _chunks;                    // entries in fixed chunks: growing never copies them
    private int _chunkCount;
    private int[] _heads;                         // hash heads (a power of two): entry index + 1, 0 for none
    private int _highWater;
    private int _freeList = -1;
    private int _count;
    private int _bucketsVersion;

    /// <summary>Creates an empty queue.</summary>
    /// <param name="slaTerm">The SLA term; null means <see cref="SlaTerm.Default"/>.</param>
    /// <param name="capacity">How many tickets to make room for up front (default 0: grow a chunk of 1,024 entries at a time).
    /// Presizing also sizes the id hash table up front.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="capacity"/> is negative or above 2^28.</exception>
    public TicketQueue(SlaTerm? slaTerm = null, int capacity = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(capacity, 1 << 28);
        SlaTerm = slaTerm ?? SlaTerm.Default;
        var chunks = Math.Max(1, (capacity + ChunkMask) >> ChunkShift);
        _chunks = new Entry[Math.Max(4, chunks)][];
        for (var i = 0; i < chunks; i++)
        {
            _chunks[i] = new Entry[ChunkSize];
        }

        _chunkCount = chunks;
        _heads = new int[(int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, capacity))];
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
            throw CrmException.Worded("CRM-QUEUE-DUPLICATE", "Error_QueueDuplicate", ticket.Id);
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
            Push(bucket, SlotFor(ticket, index));
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

            ref var e = ref E(index);
            var old = _byOrdinal[e.Bucket];
            var overflowed = old.Overflowed && old.Group == ticket.Group;
            var bucket = BucketFor(ticket.Group, ticket.StaticPriority, ticket.RequiredSkills, overflowed);
            RemoveFromHeap(old, e.HeapPos);
            Push(bucket, SlotFor(ticket, index));
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

            RemoveFromHeap(_byOrdinal[E(index).Bucket], E(index).HeapPos);
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
            if (best >= 0)
            {
                var bucket = _byOrdinal[best];
                var head = bucket.Heap[0];
                var ticket = ToTicket(head.Index, bucket, head.Due);
                Free(head.Index); // before the heap work: its reads (entry, hash head) overlap the heap's instead of following them
                PopHead(bucket);
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

                var due = new List<HeapSlot>();
                for (var i = 0; i < bucket.Count; i++)
                {
                    if (E(bucket.Heap[i].Index).Enqueued <= limit)
                    {
                        due.Add(bucket.Heap[i]);
                    }
                }

                if (due.Count == 0)
                {
                    continue;
                }

                var target = BucketFor(to, bucket.Static, bucket.Required, overflowed: true);
                foreach (var slot in due)
                {
                    RemoveFromHeap(bucket, E(slot.Index).HeapPos);
                    Push(target, slot);
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
            var frontier = new PriorityQueue<(Bucket Bucket, int Pos), (long Score, HeapSlot Slot)>(new RankComparer(this));
            foreach (var bucket in _order)
            {
                if (bucket.Count > 0)
                {
                    AddCandidate(frontier, bucket, 0, nowTicks);
                }
            }

            while (result.Count < count && frontier.TryDequeue(out var best, out _))
            {
                result.Add(ToTicket(best.Bucket.Heap[best.Pos].Index));
                for (var child = (best.Pos << AritySh) + 1; child <= (best.Pos << AritySh) + Arity; child++)
                {
                    AddCandidate(frontier, best.Bucket, child, nowTicks);
                }
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
                    list.Add(ToTicket(bucket.Heap[i].Index));
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

    // The ordinal of the bucket whose head goes first, or −1. Within one static priority the term is the same non-increasing
    // function of the due time for every head, so the head that is first in the in-bucket order (due, enqueue time, id) also has
    // the highest score there and wins its ties: the scan compares heads by that order and scores one head per static priority.
    private int FindBest(Agent agent, long now)
    {
        var eligible = EligibleBuckets(agent);
        var ordinals = eligible.Ordinals;
        var statics = eligible.Statics;
        var tops = _tops;
        var maxTerm = SlaTerm.MaxTerm;
        var best = -1;
        var bestSlot = default(HeapSlot);
        var bestScore = 0L;
        var i = 0;
        while (i < ordinals.Length)
        {
            var level = statics[i];
            if (best >= 0 && level + maxTerm < bestScore)
            {
                break; // buckets are sorted by static priority: nothing further can win
            }

            var levelBest = -1;
            var levelSlot = default(HeapSlot);
            for (; i < ordinals.Length && statics[i] == level; i++)
            {
                var top = tops[ordinals[i]];
                if (top.Index >= 0 && (levelBest < 0 || Before(top, levelSlot)))
                {
                    levelBest = ordinals[i];
                    levelSlot = top;
                }
            }

            // A lower static priority wins only with an earlier due time: the term does not increase with the due time.
            if (levelBest < 0 || (best >= 0 && levelSlot.Due >= bestSlot.Due))
            {
                continue;
            }

            var score = level + SlaTerm.EvaluateTicks(levelSlot.Due, now);
            if (best < 0 || score > bestScore || (score == bestScore && Before(levelSlot, bestSlot)))
            {
                best = levelBest;
                bestSlot = levelSlot;
                bestScore = score;
            }
        }

        return best;
    }

    private void AddCandidate(PriorityQueue<(Bucket Bucket, int Pos), (long Score, HeapSlot Slot)> frontier, Bucket bucket, int pos, long now)
    {
        if (pos < bucket.Count)
        {
            var slot = bucket.Heap[pos];
            frontier.Enqueue((bucket, pos), (bucket.Static + SlaTerm.EvaluateTicks(slot.Due, now), slot));
        }
    }

    private static long DueTicks(QueuedTicket ticket) => ticket.Due is { } d ? d.ToUnixTimeTicks() : NoDue;

    // The entry keeps the exact enqueue time; the slot carries it in whole Unix seconds (clamped to 0 … 2^32 − 1, so it never
    // decreases as the time grows) so that equal due times rarely need to read the entries.
    private HeapSlot SlotFor(QueuedTicket ticket, int index)
    {
        var enqueued = ticket.EnqueuedAt.ToUnixTimeTicks();
        E(index).Enqueued = enqueued;
        return new HeapSlot(DueTicks(ticket), index, (uint)Math.Clamp(enqueued / NodaConstants.TicksPerSecond, 0, uint.MaxValue));
    }

    private ref Entry E(int index) => ref _chunks[index >> ChunkShift][index & ChunkMask];

    // The buckets (highest static priority first) whose group the agent serves and whose skills it covers, cached on the agent
    // until a bucket is added or the agent's teams change. Called under the lock.
    private EligibilityCache EligibleBuckets(Agent agent)
    {
        var teamsVersion = agent.TeamsVersion;
        if (agent.RoutingCache is EligibilityCache cache && cache.Queue == this && cache.BucketsVersion == _bucketsVersion
            && cache.TeamsVersion == teamsVersion)
        {
            return cache;
        }

        // A plain loop: a lambda here would capture the agent and allocate a closure on every call, even on a cache hit.
        var ordinals = new List<int>();
        var statics = new List<long>();
        foreach (var bucket in _order)
        {
            if (agent.Serves(bucket.Group) && agent.Skills.Covers(bucket.Required))
            {
                ordinals.Add(bucket.Ordinal);
                statics.Add(bucket.Static);
            }
        }

        var fresh = new EligibilityCache(this, _bucketsVersion, teamsVersion, [.. ordinals], [.. statics]);
        agent.RoutingCache = fresh;
        return fresh;
    }

    private QueuedTicket ToTicket(int index)
    {
        var bucket = _byOrdinal[E(index).Bucket];
        return ToTicket(index, bucket, bucket.Heap[E(index).HeapPos].Due);
    }

    private QueuedTicket ToTicket(int index, Bucket bucket, long dueTicks)
    {
        ref var e = ref E(index);
        var due = dueTicks == NoDue ? (Instant?)null : Instant.FromUnixTimeTicks(dueTicks);
        return new QueuedTicket(e.Id, bucket.Group, bucket.Static, due, bucket.Required, Instant.FromUnixTimeTicks(e.Enqueued));
    }

    // Order inside a bucket (and the tie-break across buckets): earlier due, earlier enqueue, smaller id. The due time is in the
    // heap slot, so only equal due times read the entries.
    private bool Before(HeapSlot a, HeapSlot b) =>
        a.Due != b.Due ? a.Due < b.Due
        : a.EnqueuedSecond != b.EnqueuedSecond ? a.EnqueuedSecond < b.EnqueuedSecond
        : TieBefore(a.Index, b.Index);

    private bool TieBefore(int a, int b)
    {
        ref var x = ref E(a);
        ref var y = ref E(b);
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
            slot = new Bucket(group, staticPriority, required, overflowed, _byOrdinal.Length);
            Array.Resize(ref _byOrdinal, _byOrdinal.Length + 1);
            _byOrdinal[^1] = slot;
            Array.Resize(ref _tops, _tops.Length + 1);
            _tops[^1] = EmptyTop;
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

    private void Push(Bucket bucket, HeapSlot slot)
    {
        if (bucket.Count == bucket.Heap.Length)
        {
            // Grow by half, not double: less slack per ticket in large buckets.
            Array.Resize(ref bucket.Heap, Math.Max(4, bucket.Heap.Length + (bucket.Heap.Length >> 1)));
        }

        E(slot.Index).Bucket = bucket.Ordinal;
        bucket.Count++;
        SiftUp(bucket, bucket.Count - 1, slot);
        _tops[bucket.Ordinal] = bucket.Heap[0];
    }

    // Removes the head. The hole left at the root descends along the better child of each level to the bottom, then the last slot
    // fills it and rises (it came from the bottom, so rarely more than a level): one comparison fewer per level than sifting the
    // last slot down from the root, and the loads of each level do not wait for a comparison with it.
    private void PopHead(Bucket bucket)
    {
        var heap = bucket.Heap;
        var last = --bucket.Count;
        if (last > 0)
        {
            var hole = 0;
            while (true)
            {
                var first = (hole << AritySh) + 1;
                if (first >= last)
                {
                    break;
                }

                var best = first;
                var bestSlot = heap[first];
                var limit = Math.Min(first + Arity, last);
                for (var c = first + 1; c < limit; c++)
                {
                    if (Before(heap[c], bestSlot))
                    {
                        best = c;
                        bestSlot = heap[c];
                    }
                }

                heap[hole] = bestSlot;
                E(bestSlot.Index).HeapPos = hole;
                hole = best;
            }

            SiftUp(bucket, hole, heap[last]);
        }

        AfterRemoval(bucket);
    }

    private void RemoveFromHeap(Bucket bucket, int pos)
    {
        var last = --bucket.Count;
        if (pos != last)
        {
            var moved = bucket.Heap[last];
            if (pos > 0 && Before(moved, bucket.Heap[(pos - 1) >> AritySh]))
            {
                SiftUp(bucket, pos, moved);
            }
            else
            {
                SiftDown(bucket, pos, moved);
            }
        }

        AfterRemoval(bucket);
    }

    private void AfterRemoval(Bucket bucket)
    {
        if (bucket.Count == 0 && bucket.Heap.Length > 64)
        {
            bucket.Heap = [];
        }

        _tops[bucket.Ordinal] = bucket.Count > 0 ? bucket.Heap[0] : EmptyTop;
    }

    // 4-ary heap: the children of p are 4p+1 .. 4p+4, its parent (p-1)/4. Fewer levels than a binary heap, so fewer entries to
    // update (each moved slot writes its entry's HeapPos), and the four children share a cache line or two.
    private void SiftUp(Bucket bucket, int pos, HeapSlot item)
    {
        var heap = bucket.Heap;
        while (pos > 0)
        {
            var parent = (pos - 1) >> AritySh;
            var p = heap[parent];
            if (!Before(item, p))
            {
                break;
            }

            heap[pos] = p;
            E(p.Index).HeapPos = pos;
            pos = parent;
        }

        heap[pos] = item;
        E(item.Index).HeapPos = pos;
    }

    private void SiftDown(Bucket bucket, int pos, HeapSlot item)
    {
        var heap = bucket.Heap;
        var count = bucket.Count;
        while (true)
        {
            var first = (pos << AritySh) + 1;
            if (first >= count)
            {
                break;
            }

            var best = first;
            var bestSlot = heap[first];
            var limit = Math.Min(first + Arity, count);
            for (var c = first + 1; c < limit; c++)
            {
                if (Before(heap[c], bestSlot))
                {
                    best = c;
                    bestSlot = heap[c];
                }
            }

            if (!Before(bestSlot, item))
            {
                break;
            }

            heap[pos] = bestSlot;
            E(bestSlot.Index).HeapPos = pos;
            pos = best;
        }

        heap[pos] = item;
        E(item.Index).HeapPos = pos;
    }

    // ---- id index: chained hash table over the entry array ----

    private int Find(TicketId id)
    {
        var hash = id.GetHashCode();
        var i = _heads[hash & (_heads.Length - 1)] - 1;
        while (i >= 0)
        {
            ref var e = ref E(i);
            if (e.Hash == hash && e.Id == id)
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
            _freeList = E(index).Next;
        }
        else
        {
            if (_highWater == _chunkCount << ChunkShift)
            {
                AddChunk();
            }

            index = _highWater++;
        }

        if (_count >= _heads.Length)
        {
            Rehash(_heads.Length * 2);
        }

        ref var e = ref E(index);
        e.Id = id;
        e.Hash = id.GetHashCode();
        var head = e.Hash & (_heads.Length - 1);
        e.Next = _heads[head] - 1;
        _heads[head] = index + 1;
        _count++;
        return index;
    }

    private void Free(int index)
    {
        ref var e = ref E(index);
        var head = e.Hash & (_heads.Length - 1);
        var i = _heads[head] - 1;
        if (i == index)
        {
            _heads[head] = e.Next + 1;
        }
        else
        {
            while (E(i).Next != index)
            {
                i = E(i).Next;
            }

            E(i).Next = e.Next;
        }

        e = default;
        e.Next = _freeList;
        _freeList = index;
        _count--;
    }

    private void AddChunk()
    {
        if (_chunkCount == _chunks.Length)
        {
            Array.Resize(ref _chunks, _chunks.Length * 2);
        }

        _chunks[_chunkCount++] = new Entry[ChunkSize];
    }

    // The hash heads are sized to at least one per ticket (a power of two), independently of the entry chunks.
    private void Rehash(int size)
    {
        _heads = new int[size];
        for (var i = 0; i < _highWater; i++)
        {
            ref var e = ref E(i);
            if (e.Id.IsEmpty)
            {
                continue; // a free slot
            }

            var head = e.Hash & (size - 1);
            e.Next = _heads[head] - 1;
            _heads[head] = i + 1;
        }
    }

    // 32 bytes; the due time lives in the heap slot. The id's hash is kept so that taking a ticket never reads the id string.
    private struct Entry
    {
        public TicketId Id;
        public long Enqueued;
        public int Next;
        public int HeapPos;
        public int Bucket;                        // the bucket's ordinal
        public int Hash;
    }

    // 16 bytes: a heap orders its slots without reading the entries unless due times and enqueue seconds are both equal.
    private readonly record struct HeapSlot(long Due, int Index, uint EnqueuedSecond);

    // Higher score first, then the in-bucket order (due, enqueue time, id).
    private sealed class RankComparer(TicketQueue queue) : IComparer<(long Score, HeapSlot Slot)>
    {
        public int Compare((long Score, HeapSlot Slot) x, (long Score, HeapSlot Slot) y) =>
            x.Score != y.Score ? y.Score.CompareTo(x.Score)
            : x.Slot.Index == y.Slot.Index ? 0
            : queue.Before(x.Slot, y.Slot) ? -1 : 1;
    }

    // The eligible buckets' ordinals and static priorities, highest static priority first (equal ones adjacent).
    private sealed record EligibilityCache(TicketQueue Queue, int BucketsVersion, int TeamsVersion, int[] Ordinals, long[] Statics);

    private readonly record struct BucketKey(TeamId Group, long Static, SkillSet Required, bool Overflowed);

    private sealed class Bucket(TeamId group, long staticPriority, SkillSet required, bool overflowed, int ordinal)
    {
        public readonly int Ordinal = ordinal;
        public readonly TeamId Group = group;
        public readonly long Static = staticPriority;
        public readonly SkillSet Required = required;
        public readonly bool Overflowed = overflowed;
        public HeapSlot[] Heap = [];
        public int Count;
    }
}
