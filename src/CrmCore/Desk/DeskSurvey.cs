using CrmCore.Satisfaction;

namespace CrmCore.Desk;

/// <summary>A survey answer as given at a revisit: the desk fills in the ticket, customer and time.</summary>
/// <param name="Csat">The satisfaction score, 1–5.</param>
/// <param name="Nps">The recommendation score, 0–10, or null when not asked.</param>
/// <param name="Dimensions">Scores per dimension (1–5), or null.</param>
/// <param name="Comment">The comment, or null.</param>
public sealed record DeskSurvey(CsatScore Csat, NpsScore? Nps = null, IReadOnlyDictionary<SatisfactionDimension, int>? Dimensions = null, string? Comment = null);
