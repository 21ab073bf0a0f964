namespace CrmCore.Privacy;

/// <summary>
/// Several <see cref="IPersonalDataScrubber"/>s as one, for <see cref="PersonalDataRequests"/>: for example the in-memory outbox and the
/// in-memory knowledge store (<see cref="Knowledge.InMemoryKnowledgeRepository"/>), which each keep their own copies of personal values.
/// Runs them in order; the counts add up. Thread-safe when the parts are.
/// </summary>
public sealed class CompositePersonalDataScrubber : IPersonalDataScrubber
{
    private readonly IReadOnlyList<IPersonalDataScrubber> _parts;

    /// <summary>Creates the composite.</summary>
    /// <param name="parts">The scrubbers, run in this order.</param>
    /// <exception cref="ArgumentNullException"><paramref name="parts"/> or one of them is null.</exception>
    public CompositePersonalDataScrubber(params IEnumerable<IPersonalDataScrubber> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        _parts = [.. parts];
        foreach (var part in _parts)
        {
            ArgumentNullException.ThrowIfNull(part, nameof(parts));
        }
    }

    /// <inheritdoc />
    public async Task<int> ScrubAsync(IReadOnlyCollection<string> values, string replacement, CancellationToken cancellationToken = default)
    {
        var changed = 0;
        foreach (var part in _parts)
        {
            changed += await part.ScrubAsync(values, replacement, cancellationToken).ConfigureAwait(false);
        }

        return changed;
    }
}
