using NodaTime;

namespace CrmCore.Tickets;

/// <summary>One entry of a ticket's progress timeline.</summary>
/// <param name="At">When it was recorded (from the injected clock).</param>
/// <param name="By">Who recorded it.</param>
/// <param name="Text">What happened.</param>
/// <param name="IsCustomerFacing">True for replies sent to the customer; false for internal notes.</param>
public sealed record ProgressNote(Instant At, string By, string Text, bool IsCustomerFacing);
