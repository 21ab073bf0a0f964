using CrmCore.Desk;

namespace CrmCore.Storage;

/// <summary>Id numbers from the database's sequence table: never the same number twice, across instances and restarts. Thread-safe.</summary>
internal sealed class DbSequenceRepository(DeskSql sql) : ISequenceRepository
{
    /// <inheritdoc />
    public ValueTask<long> NextAsync(string sequence, string period, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sequence);
        ArgumentNullException.ThrowIfNull(period);
        return ValueTask.FromResult(sql.Reserve(sequence, period, 1, long.MaxValue).First);
    }
}
