namespace CrmCore.Audit;

/// <summary>The outcome of <see cref="AuditChain.Verify(IEnumerable{AuditRecord})"/>: intact, or the first broken link and why.</summary>
/// <param name="Verified">How many records were checked and found linked before the first broken one (all of them when intact).</param>
/// <param name="BrokenAt">The sequence of the first record that does not follow from the one before, or null when intact.</param>
/// <param name="Problem">What is wrong there, in English (<see cref="Finding"/> as text), or null when intact.</param>
public sealed record AuditVerification(long Verified, long? BrokenAt, string? Problem)
{
    /// <summary>True when every record follows from the one before.</summary>
    public bool IsIntact => BrokenAt is null;

    /// <summary>What is wrong at <see cref="BrokenAt"/> in structured form: its kind and the values that say where, to react to by kind or
    /// to show in a user's language (<see cref="AuditFinding.Describe"/>); null when intact.</summary>
    public AuditFinding? Finding { get; init; }

    /// <summary>When intact, the heads of every chain as verified: keep its text (<see cref="AuditCheckpoint.ToString"/>) outside the
    /// database and pass it to the next verification to detect deleted newest records; null when broken.</summary>
    public AuditCheckpoint? Checkpoint { get; init; }
}
