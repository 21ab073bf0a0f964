using System.Globalization;
using CrmCore.Localization;

namespace CrmCore.Relationships;

/// <summary>Thrown when a contact plan entry is asked for a move its status does not allow (for example completing a cancelled entry). The entry is unchanged.</summary>
public sealed class PlanTransitionException : CrmException
{
    /// <summary>The stable error code, <c>CRM-PLAN-TRANSITION</c>.</summary>
    public const string ErrorCode = "CRM-PLAN-TRANSITION";

    /// <summary>Creates the exception.</summary>
    /// <param name="entryId">The entry.</param>
    /// <param name="current">Its status.</param>
    /// <param name="move">The refused move.</param>
    public PlanTransitionException(PlanEntryId entryId, PlanStatus current, PlanMove move)
        : base(Describe(entryId, current, move, CultureInfo.InvariantCulture))
    {
        EntryId = entryId;
        Current = current;
        Move = move;
        Code = ErrorCode;
    }

    /// <summary>The entry.</summary>
    public PlanEntryId EntryId { get; }

    /// <summary>The entry's status when the move was refused.</summary>
    public PlanStatus Current { get; }

    /// <summary>The refused move.</summary>
    public PlanMove Move { get; }

    /// <inheritdoc />
    public override string LocalizedMessage(CultureInfo? culture = null) => Describe(EntryId, Current, Move, culture ?? CultureInfo.CurrentUICulture);

    private static string Describe(PlanEntryId id, PlanStatus current, PlanMove move, CultureInfo culture) =>
        Strings.Format("Error_PlanMoveNotAllowed", culture, id.Value, Strings.Find("PlanMove_" + move, culture) ?? move.ToString(), DisplayNames.Of(current, culture));
}
