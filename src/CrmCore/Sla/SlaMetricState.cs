using NodaTime;

namespace CrmCore.Sla;

/// <summary>The state of one SLA clock of a ticket at an instant. Immutable and thread-safe.</summary>
/// <param name="Target">The target measured.</param>
/// <param name="Status">The clock's status.</param>
/// <param name="StartedAt">When the clock started; null when not started.</param>
/// <param name="StoppedAt">When it stopped; null while running or paused.</param>
/// <param name="DueAt">When the allowance runs out: exact from history while the clock counts, projected from now while paused, and
/// "had it kept counting" once stopped. Always an open instant of the calendar. Null when not started.</param>
/// <param name="WarningAt">When the warning lead is reached, computed like <paramref name="DueAt"/>. Null when not started.</param>
/// <param name="Allowed">The allowance in business time (working-day targets converted on the calendar from the start).</param>
/// <param name="Elapsed">The business time counted so far (to the stop, or to now).</param>
public readonly record struct SlaMetricState(
    SlaTarget Target, SlaClockStatus Status, Instant? StartedAt, Instant? StoppedAt, Instant? DueAt, Instant? WarningAt, Duration Allowed, Duration Elapsed)
{
    /// <summary>The metric.</summary>
    public SlaMetric Metric => Target.Metric;

    /// <summary>Business time left before due (positive) or overdue by (negative): <see cref="Allowed"/> minus <see cref="Elapsed"/>.</summary>
    public Duration Margin => Allowed - Elapsed;

    /// <summary>True when the clock is still open (running, paused, or breached but not stopped).</summary>
    public bool IsOpen => Status != SlaClockStatus.NotStarted && StoppedAt is null;
}
