using System.Collections.Immutable;
using CrmCore.Tickets;
using NodaTime;

namespace CrmCore.Sla;

/// <summary>The SLA clocks of one ticket at an instant, one per target of its policy. Immutable and thread-safe.</summary>
/// <param name="TicketId">The ticket.</param>
/// <param name="Policy">The policy chosen for it.</param>
/// <param name="EvaluatedAt">The instant the state describes.</param>
/// <param name="Metrics">One state per target, in the policy's order.</param>
public sealed record SlaTicketState(TicketId TicketId, SlaPolicy Policy, Instant EvaluatedAt, ImmutableArray<SlaMetricState> Metrics)
{
    /// <summary>Finds the state of a metric.</summary>
    /// <param name="metric">The metric.</param>
    /// <returns>The state, or null when the policy has no target for it.</returns>
    public SlaMetricState? Find(SlaMetric metric)
    {
        foreach (var m in Metrics)
        {
            if (m.Metric == metric)
            {
                return m;
            }
        }

        return null;
    }
}
