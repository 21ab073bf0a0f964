using System.Globalization;
using CrmCore.Localization;

namespace CrmCore.Audit;

/// <summary>
/// The first broken link of an audit trail in structured form (<see cref="AuditVerification.Finding"/>): what is wrong and the values
/// that say where, so that a host can react by kind and show it in its users' language (<see cref="Describe"/>). Immutable.
/// </summary>
/// <param name="Kind">What is wrong.</param>
/// <param name="Sequence">The record where the trail breaks (for <see cref="AuditFindingKind.NewestDeleted"/>, the checkpoint's missing head).</param>
/// <param name="Chain">The chain of that record.</param>
public sealed record AuditFinding(AuditFindingKind Kind, long Sequence, int Chain)
{
    /// <summary>The other record involved: the one before (<see cref="AuditFindingKind.OutOfOrder"/>), the one before in the chain
    /// (<see cref="AuditFindingKind.PreviousHashMismatch"/>), or the chain's last (<see cref="AuditFindingKind.NewestDeleted"/>, null when the
    /// chain has none); null otherwise.</summary>
    public long? OtherSequence { get; init; }

    /// <summary>The head the checkpoint names for the chain (<see cref="AuditFindingKind.CheckpointMismatch"/>, <see cref="AuditFindingKind.NewestDeleted"/>); null otherwise.</summary>
    public long? CheckpointSequence { get; init; }

    /// <summary>The hash of the checkpoint's head (<see cref="AuditFindingKind.CheckpointMismatch"/>); null otherwise.</summary>
    public string? CheckpointHash { get; init; }

    /// <summary>The finding in words, for example "record 7 was altered: its content does not match its hash".</summary>
    /// <param name="culture">Simplified Chinese for a Simplified Chinese culture (see <see cref="TextCultures"/>), English otherwise; null
    /// means <see cref="CultureInfo.CurrentUICulture"/>.</param>
    /// <returns>One line, without a final full stop.</returns>
    public string Describe(CultureInfo? culture) => Kind switch
    {
        AuditFindingKind.UnknownChain => Strings.Format("Audit_UnknownChain", culture, Number(Sequence), Number(Chain)),
        AuditFindingKind.OutOfOrder => Strings.Format("Audit_OutOfOrder", culture, Number(Sequence), Number(OtherSequence)),
        AuditFindingKind.ChainStartMismatch => Strings.Format("Audit_ChainStartMismatch", culture, Number(Sequence), Number(Chain)),
        AuditFindingKind.PreviousHashMismatch => Strings.Format("Audit_PreviousHashMismatch", culture, Number(Sequence), Number(OtherSequence), Number(Chain)),
        AuditFindingKind.Altered => Strings.Format("Audit_Altered", culture, Number(Sequence)),
        AuditFindingKind.CheckpointMismatch => Strings.Format("Audit_CheckpointMismatch", culture, Number(Sequence), Number(Chain), Number(CheckpointSequence), CheckpointHash),
        AuditFindingKind.NewestDeleted when OtherSequence is null => Strings.Format("Audit_ChainEmptyAtCheckpoint", culture, Number(Chain), Number(CheckpointSequence)),
        AuditFindingKind.NewestDeleted => Strings.Format("Audit_ChainEndsBeforeCheckpoint", culture, Number(Chain), Number(OtherSequence), Number(CheckpointSequence)),
        _ => Kind.ToString(),
    };

    /// <summary>The finding in English (<see cref="Describe"/> with the invariant culture).</summary>
    /// <returns>The English text.</returns>
    public override string ToString() => Describe(CultureInfo.InvariantCulture);

    private static string Number(long? value) => value?.ToString(CultureInfo.InvariantCulture) ?? string.Empty;
}
