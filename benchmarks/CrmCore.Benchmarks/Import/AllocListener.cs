using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace CrmCore.Benchmarks.Import;

/// <summary>
/// <c>ALLOC=1 ... import one KIND FILE</c>: the bytes each type allocated during one figure, from the runtime's allocation ticks (one
/// event per ~100 KB allocated, naming the type that crossed the mark: a sample, accurate for types allocated often), printed to
/// standard error, largest first. Shows which objects an import makes per row (see benchmarks/results/import.md).
/// </summary>
internal sealed class AllocListener : EventListener
{
    private readonly ConcurrentDictionary<string, long> _bytes = new();

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(source, EventLevel.Verbose, (EventKeywords)0x1);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (e.EventName is "GCAllocationTick_V4" or "GCAllocationTick_V3" or "GCAllocationTick_V2")
        {
            var name = e.Payload![e.PayloadNames!.IndexOf("TypeName")] as string ?? "?";
            var amount = Convert.ToInt64(e.Payload![e.PayloadNames!.IndexOf("AllocationAmount64")]);
            _bytes.AddOrUpdate(name, amount, (_, v) => v + amount);
        }
    }

    /// <summary>Prints the 40 types that allocated most.</summary>
    public void Print()
    {
        var total = _bytes.Values.Sum();
        foreach (var (k, v) in _bytes.OrderByDescending(p => p.Value).Take(40))
        {
            Console.Error.WriteLine($"{v * 100.0 / total,5:F1}% {v / 1_000_000,6} MB {k}");
        }
    }
}
