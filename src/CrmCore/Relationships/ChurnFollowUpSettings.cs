using CrmCore.Churn;
using NodaTime;

namespace CrmCore.Relationships;

/// <summary>
/// A follow-up when a customer's churn score enters a band (document 003: a supervisor call within 24 hours for churn risk).
/// Immutable and thread-safe.
/// </summary>
/// <param name="Band">The band that triggers the follow-up; only an assessment that entered the high band
/// (<see cref="ChurnAssessment.EnteredHighBand"/>) triggers one when this is <see cref="ChurnBand.High"/>, and any assessment at or above a lower band otherwise.</param>
/// <param name="Within">How long after the evaluation the follow-up is due, in business time on the calendar, unless the assessment
/// carries its own <see cref="ChurnAssessment.FollowUpDue"/>.</param>
/// <param name="Channel">How the follow-up is made (usually <see cref="ContactChannel.SupervisorCall"/>).</param>
public sealed record ChurnFollowUpSettings(ChurnBand Band, Duration Within, ContactChannel Channel);
