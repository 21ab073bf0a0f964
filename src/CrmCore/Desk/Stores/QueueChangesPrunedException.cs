using System.Globalization;
using CrmCore.Localization;

namespace CrmCore.Desk;

/// <summary>
/// Thrown by <see cref="IQueueRepository.ChangesAsync"/> when changes after the number asked for were already pruned from the store, so
/// the changes it could list are not all the changes since that number. The caller must rebuild what it keeps from the queue
/// (<see cref="IQueueRepository.ListAsync"/> and <see cref="IQueueRepository.LastChangeAsync"/>, read in one transaction) instead of
/// applying changes; <see cref="ServiceDesk"/> does so by itself. Nothing was read or changed.
/// </summary>
public sealed class QueueChangesPrunedException : CrmException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="after">The change number asked for.</param>
    /// <param name="prunedThrough">The last change number pruned from the store.</param>
    public QueueChangesPrunedException(long after, long prunedThrough)
        : base(Strings.Format("Error_QueueChangesPruned", CultureInfo.InvariantCulture, after, prunedThrough))
    {
        After = after;
        PrunedThrough = prunedThrough;
        Code = "CRM-DESK-QUEUE-PRUNED";
    }

    /// <summary>The change number asked for.</summary>
    public long After { get; }

    /// <summary>The last change number pruned from the store.</summary>
    public long PrunedThrough { get; }

    /// <inheritdoc />
    public override string LocalizedMessage(CultureInfo? culture = null) =>
        Strings.Format("Error_QueueChangesPruned", culture ?? CultureInfo.CurrentUICulture, After, PrunedThrough);
}
