using NodaTime;

namespace CrmCore.Samples.ServiceDesk.Desk;

/// <summary>The simulation's agenda: actions ordered by time, then by the order they were scheduled in.</summary>
internal sealed class SimulationQueue
{
    private readonly PriorityQueue<(Instant At, Func<Task> Action), (Instant At, long Sequence)> queue = new();
    private long sequence;

    public void Schedule(Instant at, Func<Task> action) => queue.Enqueue((at, action), (at, sequence++));

    public bool TryNext(Instant before, out Instant at, out Func<Task> action)
    {
        if (queue.TryPeek(out var item, out _) && item.At < before)
        {
            queue.Dequeue();
            (at, action) = item;
            return true;
        }

        at = default;
        action = null!;
        return false;
    }
}
