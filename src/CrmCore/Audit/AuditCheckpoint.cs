using System.Globalization;

namespace CrmCore.Audit;

/// <summary>
/// The heads of every chain of an audit trail at one moment, for detecting deleted newest records: a chain alone cannot show that its
/// last records were removed, so the host keeps a checkpoint somewhere the database's writers cannot change (another system, a signed
/// log, a printed report) and passes it to <see cref="AuditChain.VerifyAsync(IAuditStore, AuditCheckpoint, int, CancellationToken)"/>,
/// which then requires every head to still be there, unchanged. Text form (<see cref="ToString"/>, <see cref="Parse"/>):
/// <c>v1</c> then <c>;chain:sequence:hash</c> per chain, for example <c>v1;0:12:9f…;5:14:03…</c>. Immutable and thread-safe.
/// </summary>
public sealed record AuditCheckpoint
{
    private const string Version = "v1";

    /// <summary>Creates a checkpoint.</summary>
    /// <param name="heads">One head per non-empty chain.</param>
    /// <exception cref="ArgumentException">A chain is out of range or appears twice, a sequence is below 1 or a hash is not 64 hex digits.</exception>
    public AuditCheckpoint(IEnumerable<AuditChainHead> heads)
    {
        ArgumentNullException.ThrowIfNull(heads);
        var list = heads.OrderBy(h => h.Chain).ToList();
        for (var i = 0; i < list.Count; i++)
        {
            var h = list[i] ?? throw new ArgumentException("A head is null.", nameof(heads));
            if (h.Chain is < 0 or >= AuditChain.ChainCount || h.Sequence < 1 || h.Hash is not { Length: 64 } || !h.Hash.All(char.IsAsciiHexDigitLower)
                || (i > 0 && list[i - 1].Chain == h.Chain))
            {
                throw new ArgumentException(
                    $"Head '{h.Chain}:{h.Sequence}:{h.Hash}' is invalid: the chain must be 0 to {AuditChain.ChainCount - 1} and appear once, the sequence at least 1, the hash 64 lowercase hex digits.",
                    nameof(heads));
            }
        }

        Heads = list;
    }

    /// <summary>The heads, by chain.</summary>
    public IReadOnlyList<AuditChainHead> Heads { get; }

    /// <summary>Reads the text form written by <see cref="ToString"/>.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The checkpoint.</returns>
    /// <exception cref="FormatException">The text is not a checkpoint; the message says which part is wrong.</exception>
    public static AuditCheckpoint Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Trim().Split(';');
        if (parts[0] != Version)
        {
            throw new FormatException($"An audit checkpoint starts with '{Version}', not '{Truncate(parts[0])}'.");
        }

        if (parts.Length > AuditChain.ChainCount + 1)
        {
            throw new FormatException($"An audit checkpoint has at most {AuditChain.ChainCount} heads; this one has {parts.Length - 1}.");
        }

        var heads = new List<AuditChainHead>();
        foreach (var part in parts.Skip(1))
        {
            var fields = part.Split(':');
            if (fields.Length != 3
                || !int.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out var chain)
                || !long.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var sequence))
            {
                throw new FormatException($"'{Truncate(part)}' in the audit checkpoint is not chain:sequence:hash.");
            }

            heads.Add(new AuditChainHead(chain, sequence, fields[2]));
        }

        try
        {
            return new AuditCheckpoint(heads);
        }
        catch (ArgumentException e)
        {
            throw new FormatException(e.Message, e);
        }
    }

    /// <summary>The text form: <c>v1</c>, then <c>;chain:sequence:hash</c> per head.</summary>
    /// <returns>The text.</returns>
    public override string ToString() =>
        string.Concat(Heads.Select(h => string.Create(CultureInfo.InvariantCulture, $";{h.Chain}:{h.Sequence}:{h.Hash}")).Prepend(Version));

    /// <summary>True when both hold the same heads.</summary>
    /// <param name="other">The other checkpoint.</param>
    /// <returns>True when equal.</returns>
    public bool Equals(AuditCheckpoint? other) => other is not null && Heads.SequenceEqual(other.Heads);

    /// <inheritdoc />
    public override int GetHashCode() => Heads.Aggregate(0, (hash, head) => HashCode.Combine(hash, head));

    private static string Truncate(string text) => text.Length <= 80 ? text : text[..80] + "…";
}
