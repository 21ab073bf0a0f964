namespace CrmCore.Desk;

/// <summary>
/// Hands out the numbers behind ids (<c>WT202403001</c>): one counter per sequence name and period, never the same number twice,
/// even across processes when the store is shared. The default is <see cref="InMemorySequenceRepository"/>. Implementations must be
/// thread-safe.
/// </summary>
public interface ISequenceRepository
{
    /// <summary>Takes the next number of a counter (1 for a new counter).</summary>
    /// <param name="sequence">The counter's name, for example <c>ticket</c>.</param>
    /// <param name="period">The period the counter restarts in, for example <c>202403</c> (empty for a counter that never restarts).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The number taken.</returns>
    ValueTask<long> NextAsync(string sequence, string period, CancellationToken cancellationToken = default);
}
