namespace CrmCore.Desk;

/// <summary>One escalation level raised for a ticket.</summary>
/// <param name="Ladder">The ladder (escalation path) name.</param>
/// <param name="Level">The level, 1 and up.</param>
/// <param name="RaisedAt">When it was raised.</param>
public sealed record EscalationMark(string Ladder, int Level, NodaTime.Instant RaisedAt);
