namespace CrmCore.Metrics;

/// <summary>The clock a first-response KPI is measured on (see <see cref="ServiceKpis.FirstResponseClock"/>).</summary>
public enum FirstResponseClock
{
    /// <summary>Wall-clock time from raising to first response: no ticket gave its business time.</summary>
    WallClock,

    /// <summary>Business time from the SLA clock (<see cref="ServiceRecord.FirstResponseBusinessTime"/>) for every ticket.</summary>
    BusinessHours,

    /// <summary>Some tickets gave business time and the others were measured in wall-clock time.</summary>
    Mixed,
}
