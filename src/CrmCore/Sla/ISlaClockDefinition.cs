namespace CrmCore.Sla;

/// <summary>
/// Defines when the clock of a metric starts and stops for a ticket. The four well-known metrics have built-in definitions
/// (see <c>docs/sla.md</c>); supply one for a custom <see cref="SlaMetric"/>. Implementations must be thread-safe and pure.
/// </summary>
public interface ISlaClockDefinition
{
    /// <summary>The metric defined.</summary>
    SlaMetric Metric { get; }

    /// <summary>Finds the clock's bounds for a ticket.</summary>
    /// <param name="ticket">The ticket.</param>
    /// <returns>The bounds, or null when the clock has not started or does not apply (for example no revisit before resolution).</returns>
    SlaClockBounds? GetBounds(SlaTicket ticket);
}
