using System.Globalization;
using CrmCore.Localization;
using NodaTime;

namespace CrmCore.Calendars;

/// <summary>
/// Thrown when a calendar operation needs a date outside the range a <see cref="BusinessCalendar"/> was precomputed for
/// (<see cref="BusinessCalendarDefinition.HorizonStart"/> to <see cref="BusinessCalendarDefinition.HorizonEnd"/>). Code <c>CRM-CALENDAR-HORIZON</c>.
/// </summary>
public sealed class CalendarHorizonException : CrmException
{
    private readonly string? _key;
    private readonly object?[] _args = [];

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

    private CalendarHorizonException(string key, object?[] args)
        : base(Strings.Format(key, CultureInfo.InvariantCulture, args))
    {
        Code = "CRM-CALENDAR-HORIZON";
        _key = key;
        _args = args;
    }

    /// <inheritdoc />
    public override string LocalizedMessage(CultureInfo? culture = null) =>
        _key is null ? base.LocalizedMessage(culture) : Strings.Format(_key, culture, _args);

    internal static CalendarHorizonException For(string calendar, Instant instant, Interval horizon) =>
        new("Error_CalendarHorizon", [calendar, horizon.Start, horizon.End, instant]);

    internal static CalendarHorizonException RunsOut(string calendar, Instant horizonEnd, Instant start) =>
        new("Error_CalendarHorizonForward", [calendar, horizonEnd, start]);

    internal static CalendarHorizonException RunsOutBackward(string calendar, Instant horizonStart, Instant end) =>
        new("Error_CalendarHorizonBackward", [calendar, horizonStart, end]);
}
