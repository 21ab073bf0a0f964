using CrmCore.Sla;
using NodaTime;

namespace CrmCore.Desk;

/// <summary>One SLA warning raised for a ticket.</summary>
/// <param name="Metric">The SLA metric (first response, resolution, ...).</param>
/// <param name="Cycle">Which cycle of the metric (0 for the first; a reopened ticket's resolution clock starts cycle 1, and so on).</param>
/// <param name="Breached">False for the "due soon" warning, true for the breach.</param>
/// <param name="RaisedAt">When it was raised.</param>
public sealed record SlaWarningMark(SlaMetric Metric, int Cycle, bool Breached, Instant RaisedAt);
