using System.Globalization;
using CrmCore.Localization;
using NodaTime;

namespace CrmCore.Calendars;

/// <summary>
/// Thrown in strict mode (<see cref="BusinessCalendarDefinition.StrictHolidayCoverage"/>) when an operation reads dates outside the
/// years the calendar's holiday data covers, instead of answering from the weekly hours alone. Code <c>CRM-CALENDAR-COVERAGE</c>.
/// </summary>
public sealed class HolidayCoverageException : CrmException
{
    /// <summary>The stable error code, <c>CRM-CALENDAR-COVERAGE</c>.</summary>
    public const string ErrorCode = "CRM-CALENDAR-COVERAGE";

    /// <summary>Creates the exception.</summary>
    public HolidayCoverageException()
        : this("The holiday data of the calendar does not cover the dates of the operation.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">An English message.</param>
    public HolidayCoverageException(string message)
        : base(message) => Code = ErrorCode;

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">An English message.</param>
    /// <param name="innerException">The cause.</param>
    public HolidayCoverageException(string message, Exception innerException)
        : base(message, innerException) => Code = ErrorCode;

    /// <summary>Creates the exception from the details of the uncovered operation.</summary>
    /// <param name="details">What was read outside the coverage.</param>
    public HolidayCoverageException(HolidayCoverageEventArgs details)
        : base((details ?? throw new ArgumentNullException(nameof(details))).Message(CultureInfo.InvariantCulture))
    {
        Details = details;
        Code = ErrorCode;
    }

    /// <summary>What was read outside the coverage; null when created from a message only.</summary>
    public HolidayCoverageEventArgs? Details { get; }

    /// <summary>The first local date outside the coverage, when known.</summary>
    public LocalDate? Date => Details?.Date;

    /// <inheritdoc />
    public override string LocalizedMessage(CultureInfo? culture = null) => Details?.Message(culture) ?? base.LocalizedMessage(culture);
}
