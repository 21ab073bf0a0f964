using CrmCore.Tickets;
using NodaTime;

namespace CrmCore.Assets;

/// <summary>One entry of an asset's maintenance history. Immutable.</summary>
/// <param name="At">When the work was done.</param>
/// <param name="Kind">What kind of work.</param>
/// <param name="Summary">What was done; not blank.</param>
/// <param name="By">Who did it (an engineer id or name); not blank.</param>
/// <param name="Ticket">The ticket the work was for; null when none.</param>
public sealed record MaintenanceRecord(Instant At, MaintenanceKind Kind, string Summary, string By, TicketId? Ticket = null);
