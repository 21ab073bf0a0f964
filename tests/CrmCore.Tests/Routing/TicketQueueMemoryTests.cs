using CrmCore.Agents;
using CrmCore.Routing;
using CrmCore.Tickets;
using NodaTime;

namespace CrmCore.Tests.Routing;

/// <summary>
/// The queue's memory rules: at most 64 bytes per waiting ticket with the default growth, and drained buckets give their heaps
/// back. Bytes are counted from what the queue holds (every array and queue-private object it reaches, found by reflection so a
/// new field counts, with headers), not from the process's heap, which other tests change at the same time. Ticket id strings
/// and shared skill sets belong to the caller and are not counted.
/// </summary>
public sealed class TicketQueueMemoryTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 3, 2, 9, 0);
    private static readonly TeamId Tech = new("tech");

    // 16 static priorities × 3 skill sets, due times in whole minutes, 10 % without: the shape of the routing benchmark.
    private static QueuedTicket[] Tickets(int n)
    {
        var random = new Random(7);
        SkillSet[] skills = [SkillSet.Empty, SkillSet.Of(Skill.Technical), SkillSet.Of(Skill.AfterSales)];
        var tickets = new QueuedTicket[n];
        for (var i = 0; i < n; i++)
        {
            tickets[i] = new QueuedTicket(new TicketId("WT" + i.ToString("D8", System.Globalization.CultureInfo.InvariantCulture)), Tech,
                random.Next(16) * 100, random.Next(10) == 0 ? null : Now + Duration.FromMinutes(random.Next(-2880, 4320)),
                skills[random.Next(3)], Now - Duration.FromSeconds(random.Next(86_400)));
        }

        return tickets;
    }

    [Theory]
    [InlineData(10_000)]
    [InlineData(100_000)]
    public void Enqueue_DefaultGrowth_AtMost64BytesPerTicket_AndDrainingReturnsTheHeaps(int n)
    {
        var tickets = Tickets(n);
        var queue = new TicketQueue();
        foreach (var t in tickets)
        {
            queue.Enqueue(t);
        }

        var filled = RetainedBytes(queue) / (double)n;
        Assert.InRange(filled, 32, 64);

        var agent = new Agent(new AgentId("a"), "A", Tech, SkillSet.Of(Skill.Technical, Skill.AfterSales), 1000);
        agent.SetAvailability(Availability.Online);
        var taken = 0;
        while (queue.NextFor(agent, Now) is not null)
        {
            taken++;
            agent.ReleaseSlot();
        }

        // Entry chunks and hash heads stay for reuse (about 36–40 B per ticket); the emptied heaps (16 B slots) are released.
        var drained = RetainedBytes(queue) / (double)n;
        Assert.Equal(n, taken);
        Assert.InRange(drained, 32, 42);
    }

    [Fact]
    public void Constructor_Capacity_PresizesAndRejectsOutOfRange()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new TicketQueue(capacity: -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TicketQueue(capacity: (1 << 28) + 1));
        var tickets = Tickets(5000);
        var queue = new TicketQueue(capacity: 5000);
        Assert.InRange(RetainedBytes(queue) / 5000.0, 36, 44);   // 32 B entries in 5 chunks of 1,024 and 8,192 hash heads
        foreach (var t in tickets)
        {
            queue.Enqueue(t);
        }

        Assert.Equal(5000, queue.Count);
        Assert.Equal(tickets.Select(t => t.Id).Order(), queue.Snapshot().Select(t => t.Id).Order());
    }

    private static long RetainedBytes(TicketQueue queue) => Retained(queue, new HashSet<object>(ReferenceEqualityComparer.Instance));

    private static long Retained(object item, HashSet<object> seen)
    {
        const int objectHeader = 16, arrayHeader = 24, reference = 8;
        if (!seen.Add(item))
        {
            return 0;
        }

        if (item is Array array)
        {
            var element = array.GetType().GetElementType()!;
            var size = element.IsValueType
                ? (int)typeof(System.Runtime.CompilerServices.Unsafe).GetMethod(nameof(System.Runtime.CompilerServices.Unsafe.SizeOf))!
                    .MakeGenericMethod(element).Invoke(null, null)!
                : reference;
            long bytes = arrayHeader + ((long)size * array.Length);
            if (!element.IsValueType)
            {
                foreach (var child in array)
                {
                    bytes += child is null ? 0 : Retained(child, seen);
                }
            }

            return bytes;
        }

        // Only the queue's own objects are followed (buckets and the like); ids, skill sets, the SLA term and the lock are shared.
        var type = item.GetType();
        if (type != typeof(TicketQueue) && type.DeclaringType != typeof(TicketQueue))
        {
            return 0;
        }

        long total = objectHeader;
        foreach (var field in type.GetFields(System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.NonPublic))
        {
            total += field.FieldType.IsValueType ? 8 : reference;
            if (!field.FieldType.IsValueType && field.GetValue(item) is { } value)
            {
                total += Retained(value, seen);
            }
        }

        return total;
    }
}
