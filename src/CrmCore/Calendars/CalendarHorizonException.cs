using NodaTime;

namespace CrmCore.Calendars;

/// <summary>
/// Thrown when a calendar operation needs a date outside the range a <see cref="BusinessCalendar"/> was precomputed for
/// (<see cref="BusinessCalendarDefinition.HorizonStart"/> to <see cref="BusinessCalendarDefinition.HorizonEnd"/>). Code <c>CRM-CALENDAR-HORIZON</c>.
/// </summary>
public sealed class CalendarHorizonException : CrmException
{
    /// <summary>Creates the exception.</summary>
    public CalendarHorizonException()
        : this("The instant is outside the calendar's horizon.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">An English message.</param>
    public CalendarHorizonException(string message)
        : base(message) => Code = "CRM-CALENDAR-HORIZON";

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">An English message.</param>
    /// <param name="innerException">The cause.</param>
    public CalendarHorizonException(string message, Exception innerException)
        : base(message, innerException) => Code = "CRM-CALENDAR-HORIZON";

    internal static CalendarHorizonException For(string calendar, Instant instant, Interval horizon) =>
        new($"Calendar '{calendar}' covers {horizon.Start} to {horizon.End}; {instant} is outside it. Extend the horizon of the calendar.");
}
