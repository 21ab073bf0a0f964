using System.Collections.Immutable;
using CrmCore.Tickets;
using NodaTime;

namespace CrmCore.Sla;

/// <summary>
/// One target of an SLA policy: a metric, its allowance (a business duration or a number of working days) on a named calendar,
/// the statuses that pause it, and when it warns. Immutable and thread-safe.
/// </summary>
public sealed record SlaTarget
{
    /// <summary>Creates a target measured as business time.</summary>
    /// <param name="metric">The metric.</param>
    /// <param name="businessTime">The allowance in business time; not negative.</param>
    /// <param name="calendar">The calendar name; default <c>default</c>.</param>
    /// <exception cref="ArgumentOutOfRangeException">The allowance is negative.</exception>
    public SlaTarget(SlaMetric metric, Duration businessTime, string calendar = "default")
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(businessTime, Duration.Zero);
        ArgumentException.ThrowIfNullOrWhiteSpace(calendar);
        Metric = metric;
        BusinessTime = businessTime;
        Calendar = calendar;
    }

    /// <summary>Creates a target measured in working days (see <see cref="Calendars.BusinessCalendar.AddWorkingDays"/>).</summary>
    /// <param name="metric">The metric.</param>
    /// <param name="workingDays">The allowance in working days; not negative.</param>
    /// <param name="calendar">The calendar name; default <c>default</c>.</param>
    /// <exception cref="ArgumentOutOfRangeException">The number is negative.</exception>
    public SlaTarget(SlaMetric metric, int workingDays, string calendar = "default")
    {
        ArgumentOutOfRangeException.ThrowIfNegative(workingDays);
        ArgumentException.ThrowIfNullOrWhiteSpace(calendar);
        Metric = metric;
        WorkingDays = workingDays;
        Calendar = calendar;
    }

    /// <summary>The metric.</summary>
    public SlaMetric Metric { get; }

    /// <summary>The allowance as business time; null when <see cref="WorkingDays"/> is set.</summary>
    public Duration? BusinessTime { get; }

    /// <summary>The allowance in working days; null when <see cref="BusinessTime"/> is set.</summary>
    public int? WorkingDays { get; }

    /// <summary>The name of the calendar the allowance is measured on.</summary>
    public string Calendar { get; }

    /// <summary>Statuses during which this clock does not run (for example <see cref="TicketStatus.WaitingForCustomer"/> for resolution). Default: none.</summary>
    public ImmutableHashSet<TicketStatus> PausedIn
    {
        get => field ?? [];
        init
        {
            ArgumentNullException.ThrowIfNull(value);
            field = value;
            PausedMask = StatusMask.Of(value);
        }
    }

    /// <summary><see cref="PausedIn"/> as a bit mask by status value.</summary>
    internal uint PausedMask { get; private init; }

    /// <summary>When the clock warns. Default: at 80 % used.</summary>
    public SlaWarningLead Warning { get; init; }

    /// <summary>An English description such as <c>Resolution within 4 business hours</c>.</summary>
    public override string ToString() => BusinessTime is { } d
        ? $"{Metric} within {d.TotalHours:0.##} business hours on '{Calendar}'"
        : $"{Metric} within {WorkingDays} working days on '{Calendar}'";
}
