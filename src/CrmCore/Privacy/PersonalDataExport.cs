using CrmCore.Audit;
using CrmCore.Customers;
using CrmCore.Tickets;

namespace CrmCore.Privacy;

/// <summary>Everything held about one customer and its contacts, for an access request (PIPL art. 45, GDPR art. 15). Made by
/// <see cref="PersonalDataRequests.ExportAsync"/>; the request itself is the last record of <see cref="AuditTrail"/>.</summary>
/// <param name="Customer">The customer record, complete (contacts included).</param>
/// <param name="Tickets">The customer's tickets with their notes, history and survey answers.</param>
/// <param name="AuditTrail">The audit records about the customer (values of personal fields masked).</param>
public sealed record PersonalDataExport(CustomerState Customer, IReadOnlyList<TicketState> Tickets, IReadOnlyList<AuditRecord> AuditTrail);
