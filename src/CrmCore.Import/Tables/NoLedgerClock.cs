using NodaTime;

namespace CrmCore.Import.Tables;

/// <summary>The clock of a <see cref="TableImport{TField}"/> run without a ledger (the article and asset imports), which never reads the time.</summary>
internal sealed class NoLedgerClock : IClock
{
    /// <summary>The one instance.</summary>
    public static readonly NoLedgerClock Instance = new();

    private NoLedgerClock()
    {
    }

    /// <summary>Never called: only the ledger's records read the clock.</summary>
    /// <exception cref="InvalidOperationException">Always.</exception>
    public Instant GetCurrentInstant() => throw new InvalidOperationException("An import without a ledger reads no clock.");
}
