namespace CrmCore.Sla;

/// <summary>
/// Counts of SLA clocks of one metric over many tickets, and the compliance rate: met ÷ (met + breached). Breached counts clocks
/// stopped late and clocks still open past due. Immutable and thread-safe.
/// </summary>
/// <param name="Metric">The metric.</param>
/// <param name="Met">Clocks stopped within the allowance.</param>
/// <param name="Breached">Clocks stopped late or open past due.</param>
/// <param name="Running">Open clocks within the allowance and counting.</param>
/// <param name="Paused">Open clocks within the allowance and paused.</param>
/// <param name="NotStarted">Tickets whose policy has the metric but whose clock has not started.</param>
public readonly record struct SlaComplianceSummary(SlaMetric Metric, int Met, int Breached, int Running, int Paused, int NotStarted)
{
    /// <summary>Met ÷ (met + breached), from 0 to 1; null when no clock was decided.</summary>
    public double? ComplianceRate => Met + Breached == 0 ? null : (double)Met / (Met + Breached);

    /// <summary>Summarises one metric over ticket states; tickets whose policy lacks the metric are skipped.</summary>
    /// <param name="states">The ticket states.</param>
    /// <param name="metric">The metric.</param>
    /// <returns>The summary.</returns>
    public static SlaComplianceSummary Of(IEnumerable<SlaTicketState> states, SlaMetric metric)
    {
        ArgumentNullException.ThrowIfNull(states);
        int met = 0, breached = 0, running = 0, paused = 0, notStarted = 0;
        foreach (var state in states)
        {
            switch (state.Find(metric)?.Status)
            {
                case SlaClockStatus.Met: met++; break;
                case SlaClockStatus.Breached: breached++; break;
                case SlaClockStatus.Running: running++; break;
                case SlaClockStatus.Paused: paused++; break;
                case SlaClockStatus.NotStarted: notStarted++; break;
                default: break;
            }
        }

        return new SlaComplianceSummary(metric, met, breached, running, paused, notStarted);
    }
}
