using CrmCore.Cli.Input;
using CrmCore.Rules.Facts;

namespace CrmCore.Cli.Rules;

/// <summary>
/// Maps the CLI's raw customer rows to the rules package's customer fact inputs (tickets go through the desk's shape: <see cref="TicketRowView"/>). Absent numbers count as 0, absent texts as empty;
/// an absent <c>LastInteraction</c> stays absent (the fact <c>DaysSinceLastInteraction</c> is null, so "more than 90 days" does not hold).
/// </summary>
internal static class FactsMapper
{
    public static CustomerFactsInput Customer(CustomerRow row) => new()
    {
        AnnualRevenue = row.AnnualRevenue ?? 0,
        Industry = row.Industry ?? string.Empty,
        Region = row.Region ?? string.Empty,
        Tier = row.Tier ?? string.Empty,
        Size = row.Size ?? string.Empty,
        Employees = row.Employees ?? 0,
        SourceChannel = row.SourceChannel ?? string.Empty,
        Tags = row.Tags,
        ComplaintsLast60Days = row.ComplaintsLast60Days ?? 0,
        ComplaintsPrev60Days = row.ComplaintsPrev60Days ?? 0,
        ConsultationsLast60Days = row.ConsultationsLast60Days ?? 0,
        ConsultationsPrev60Days = row.ConsultationsPrev60Days ?? 0,
        UnresolvedComplaints = row.UnresolvedComplaints ?? 0,
        OpenTicketCount = row.OpenTicketCount ?? 0,
        LastInteractionAt = row.LastInteraction,
        FirstCooperationOn = row.FirstCooperation,
        CsatAverage = row.CsatAverage,
        ContractEndsOn = row.ContractEnd,
        TierDowngradedOn = row.TierDowngraded,
        DoNotContact = row.DoNotContact ?? false,
    };
}
