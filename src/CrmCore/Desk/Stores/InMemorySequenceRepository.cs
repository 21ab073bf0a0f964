namespace CrmCore.Desk;

/// <summary>The default id-number store: counters in memory, restarting at 1 in a new process. Thread-safe; completes synchronously.</summary>
public sealed class InMemorySequenceRepository : ISequenceRepository
{
    private readonly Dictionary<(string Sequence, string Period), long> _last = [];
    private readonly Lock _gate = new();

    /// <inheritdoc />
    public ValueTask<long> NextAsync(string sequence, string period, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sequence);
        ArgumentNullException.ThrowIfNull(period);
        lock (_gate)
        {
            _last.TryGetValue((sequence, period), out var last);
            _last[(sequence, period)] = last + 1;
            return ValueTask.FromResult(last + 1);
        }
    }
}
