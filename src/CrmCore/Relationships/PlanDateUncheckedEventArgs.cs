using System.Globalization;
using CrmCore.Customers;
using CrmCore.Localization;
using NodaTime;

namespace CrmCore.Relationships;

/// <summary>
/// Raised by <see cref="ContactPlanner.DueDateUnchecked"/> when a plan entry's due date lies outside the business calendar's horizon, so
/// the planner could not tell whether it is a working day: the entry keeps the date as it is (not moved off weekends and holidays) and is
/// planned at the start of that day. Today only care for a silent customer, whose date is the day the silence began, whatever the
/// window planned. Immutable.
/// </summary>
public sealed class PlanDateUncheckedEventArgs : EventArgs
{
    /// <summary>Creates the arguments.</summary>
    /// <param name="customer">The customer.</param>
    /// <param name="kind">The kind of entry.</param>
    /// <param name="date">The due date that was kept.</param>
    /// <param name="calendarName">The calendar's name.</param>
    /// <param name="horizon">The dates the calendar covers.</param>
    /// <exception cref="ArgumentNullException"><paramref name="calendarName"/> or <paramref name="horizon"/> is null.</exception>
    public PlanDateUncheckedEventArgs(CustomerId customer, PlanKind kind, LocalDate date, string calendarName, DateInterval horizon)
    {
        ArgumentNullException.ThrowIfNull(calendarName);
        ArgumentNullException.ThrowIfNull(horizon);
        Customer = customer;
        Kind = kind;
        Date = date;
        CalendarName = calendarName;
        Horizon = horizon;
    }

    /// <summary>The customer.</summary>
    public CustomerId Customer { get; }

    /// <summary>The kind of entry (<see cref="PlanKind.SilentCare"/>).</summary>
    public PlanKind Kind { get; }

    /// <summary>The due date that was kept.</summary>
    public LocalDate Date { get; }

    /// <summary>The calendar's name.</summary>
    public string CalendarName { get; }

    /// <summary>The dates the calendar covers (its horizon, both ends inclusive).</summary>
    public DateInterval Horizon { get; }

    /// <summary>The warning for end users in a culture: Simplified Chinese for a Simplified Chinese culture, English otherwise.</summary>
    /// <param name="culture">The culture; default <see cref="CultureInfo.CurrentUICulture"/>.</param>
    /// <returns>The message.</returns>
    public string Message(CultureInfo? culture = null) =>
        Strings.Format("Plan_Unchecked_SilentCare", culture, Customer.Value, Date, CalendarName, Horizon.Start, Horizon.End);
}
