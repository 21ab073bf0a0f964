using CrmCore.Tickets;
using NodaTime;

namespace CrmCore.Samples.ServiceDesk.Data;

/// <summary>A customer of the sample month, as plain data before it enters the domain.</summary>
internal sealed record CustomerSeed(
    string Id,
    string Name,
    string ShortName,
    string Industry,
    string Region,
    int Employees,
    decimal AnnualAmount,
    LocalDate FirstContact,
    LocalDate FirstCooperation,
    LocalDate? ContractEnd,
    string SourceChannel,
    bool DoNotContact,
    string ContactName,
    string ContactPhone,
    string ContactEmail,
    int ComplaintsPrev60Days,
    int ConsultationsPrev60Days,
    int DaysSinceLastInteraction,
    double? CsatAverage,
    bool Disgruntled)
{
    /// <summary>What the customer buys; empty when the record has none.</summary>
    public IReadOnlyList<string> Products { get; init; } = [];
}

/// <summary>A ticket the month will raise, as plain data.</summary>
internal sealed record TicketSeed(
    int CustomerIndex,
    Instant RaisedAt,
    Urgency Urgency,
    TicketType Type,
    Channel Channel,
    string Description,
    bool CustomerWaits,
    bool NoActionNeeded,
    bool Reopens,
    int Csat,
    int? Nps,
    string Comment);

/// <summary>Everything the sample month runs on: generated from a fixed seed, so every run prints the same month.</summary>
internal sealed record SampleWorld(
    IReadOnlyList<CustomerSeed> Customers,
    IReadOnlyList<TicketSeed> Tickets,
    YearMonth Month,
    DateTimeZone Zone);
