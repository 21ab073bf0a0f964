namespace CrmCore.Audit;

/// <summary>
/// The audit half of an in-memory store's writes, for any <see cref="IAuditStore"/> the host gives: writes are serialised, each one is
/// checked first, its records are appended (and awaited), and only then is the change applied. A refused change appends nothing; an
/// append that fails leaves the change unapplied, and the caller sees the store's exception.
/// </summary>
internal sealed class AuditedWrites(IAuditStore audit)
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>The audit trail the records go to.</summary>
    public IAuditStore Store { get; } = audit ?? throw new ArgumentNullException(nameof(audit));

    /// <summary>Runs one write: <paramref name="check"/> throws when the change is refused and otherwise returns its records;
    /// <paramref name="apply"/> then stores the change and must not fail. No other write of this instance runs in between.</summary>
    public async ValueTask RunAsync(Func<IReadOnlyList<AuditEntry>> check, Action apply, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var entries = check();
            if (entries.Count > 0)
            {
                await Store.AppendAsync(entries, cancellationToken).ConfigureAwait(false);
            }

            apply();
        }
        finally
        {
            _gate.Release();
        }
    }
}
