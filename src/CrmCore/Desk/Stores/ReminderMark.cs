using NodaTime;

namespace CrmCore.Desk;

/// <summary>One reminder sent for a ticket (a revisit due, a churn follow-up).</summary>
/// <param name="Kind">What kind of reminder (for example <c>revisit</c>, <c>churn-follow-up</c>).</param>
/// <param name="Key">What it was about within its kind (for example the resolution instant it follows up), so each is sent once.</param>
/// <param name="SentAt">When it was sent.</param>
public sealed record ReminderMark(string Kind, string Key, Instant SentAt);
