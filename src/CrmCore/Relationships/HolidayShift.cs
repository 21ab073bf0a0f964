namespace CrmCore.Relationships;

/// <summary>What happens to a plan entry whose due date is not a working day on the business calendar.</summary>
public enum HolidayShift
{
    /// <summary>Move to the next working day (<c>next-working-day</c>): the usual choice for regular contact.</summary>
    NextWorkingDay,

    /// <summary>Move to the previous working day (<c>previous-working-day</c>): the usual choice for care, so that it stays ahead of the occasion.</summary>
    PreviousWorkingDay,

    /// <summary>Keep the date (<c>keep</c>).</summary>
    Keep,
}
