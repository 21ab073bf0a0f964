using CrmCore.Desk;

namespace CrmCore.Storage;

/// <summary>Id numbers from the database's sequence table: never the same number twice, across instances and restarts. Thread-safe.</summary>
internal sealed class DbSequenceRepository(DeskSql sql) : ISequenceRepository
{
    /// <inheritdoc />
    public async ValueTask<long> NextAsync(string sequence, string period, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sequence);
        ArgumentNullException.ThrowIfNull(period);
        return (await sql.ReserveAsync(sequence, period, 1, long.MaxValue, cancellationToken).ConfigureAwait(false)).First;
    }
}
