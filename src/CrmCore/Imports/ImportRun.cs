using NodaTime;

namespace CrmCore.Imports;

/// <summary>
/// One run of an import as the <see cref="IImportLedger"/> records it: which file (by name and by content hash), which mapping, when it
/// started and finished, how many batches were committed and how many rows got each outcome so far. A run without
/// <see cref="FinishedAt"/> was interrupted (or is still going). Immutable and thread-safe.
/// </summary>
public sealed record ImportRun
{
    /// <summary>The longest id, entity, file name and mapping description kept.</summary>
    public const int MaxTextLength = 400;

    /// <summary>The run's id (unique per ledger).</summary>
    public required string Id { get; init => field = Text(value, nameof(Id)); }

    /// <summary>What was imported, for example <c>customers</c> or <c>tickets</c>.</summary>
    public required string Entity { get; init => field = Text(value, nameof(Entity)); }

    /// <summary>The file name as given.</summary>
    public required string File { get; init => field = Text(value, nameof(File)); }

    /// <summary>SHA-256 of the file's bytes (lowercase hex): the same content under another name is recognised.</summary>
    public required string FileHash { get; init => field = Text(value, nameof(FileHash)); }

    /// <summary>The mapping used (its file name, or <c>built-in</c>) and its own hash, so a re-run with another mapping is told apart.</summary>
    public required string Mapping { get; init => field = Text(value, nameof(Mapping)); }

    /// <summary>When the run started.</summary>
    public required Instant StartedAt { get; init; }

    /// <summary>When the last batch was committed and the run ended, or null while it runs or after an interruption.</summary>
    public Instant? FinishedAt { get; init; }

    /// <summary>When the run last showed it was alive: its start, the last batch it recorded
    /// (<see cref="IImportLedger.RecordBatchAsync"/>) or its finish. A run that has not finished and was active within the importer's lease may
    /// still be running: the next import of its file refuses to take it up, and <see cref="IImportLedger.PruneAsync"/> keeps it. Null only on
    /// a run not recorded yet: the ledger records its start as its first activity (and, for a record written before the ledger kept this,
    /// its finish, or else its start).</summary>
    public Instant? LastActiveAt { get; init; }

    /// <summary>The batches committed so far.</summary>
    public int Batches { get; init; }

    /// <summary>The outcomes of the rows in the committed batches.</summary>
    public ImportTotals Totals { get; init; } = new();

    /// <summary>
    /// Whether <paramref name="later"/>, a finished run of the same file, entity and key, took this unfinished run up (or did it again):
    /// it started at or after this run's last activity, so this run recorded nothing since. Nothing takes this run up any more, and it is
    /// not running: <see cref="IImportLedger.PruneAsync"/> removes it with <paramref name="later"/>, and the next import's lease check
    /// passes it over. The one rule for both (the database ledgers' prune spells it in SQL).
    /// </summary>
    internal bool SupersededBy(ImportRun later) =>
        FinishedAt is null && later.FinishedAt is not null && !string.Equals(later.Id, Id, StringComparison.Ordinal)
        && later.FileHash == FileHash && later.Entity == Entity && later.Mapping == Mapping
        && later.StartedAt >= StartedAt && (LastActiveAt ?? StartedAt) <= later.StartedAt;

    private static string Text(string value, string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value, name);
        return value.Length <= MaxTextLength ? value : throw new ArgumentException($"The import run's {name} is {value.Length} characters long; at most {MaxTextLength} are kept.", name);
    }
}
