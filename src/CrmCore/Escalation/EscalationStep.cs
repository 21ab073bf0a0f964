using CrmCore.Sla;
using NodaTime;

namespace CrmCore.Escalation;

/// <summary>
/// One rung of an escalation ladder, plain data so that rules can produce it: at <see cref="After"/> business time past the anchor,
/// notify the target. Immutable and thread-safe.
/// </summary>
public sealed record EscalationStep
{
    /// <summary>The level, unique within its ladder (1 is the first rung).</summary>
    public required int Level { get; init; }

    /// <summary>Whom to notify.</summary>
    public required EscalationTarget Target { get; init; }

    /// <summary>What the step counts from. Default <see cref="EscalationAnchor.Raised"/>.</summary>
    public EscalationAnchor Anchor { get; init; }

    /// <summary>The SLA metric whose warning or due time is the anchor; required for <see cref="EscalationAnchor.Warning"/> and
    /// <see cref="EscalationAnchor.Due"/>, ignored for <see cref="EscalationAnchor.Raised"/>.</summary>
    public SlaMetric? Metric { get; init; }

    /// <summary>Business time after the anchor. Default zero.</summary>
    public Duration After { get; init; }

    /// <summary>The calendar measuring <see cref="After"/> and moving the notification into opening hours. Default: null, meaning
    /// the anchor metric's calendar, or <c>default</c> for the raised anchor.</summary>
    public string? Calendar { get; init; }

    /// <summary>Why the step fires, in English, for the event and its log.</summary>
    public string Reason { get; init; } = string.Empty;
}
