using CrmCore.Desk;
using CrmCore.Rules.Facts;
using NodaTime;

namespace CrmCore.Rules.Desk;

/// <summary>The one mapping from the desk's <see cref="CustomerView"/> to the rules' customer facts.</summary>
public static class CustomerFactsProjection
{
    /// <summary>Builds the facts the customer workflows (Tiering, Tagging, ChurnRisk) read, as of the view's instant.</summary>
    /// <param name="view">The customer, its activity and background.</param>
    /// <returns>The facts.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="view"/> is null.</exception>
    public static CustomerFacts ToFacts(CustomerView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var customer = view.Customer;
        var activity = view.Activity;
        return CustomerFacts.From(
            new CustomerFactsInput
            {
                AnnualRevenue = customer.AnnualAmount.Amount,
                Industry = customer.Industry.Code ?? string.Empty,
                Region = view.Background?.Region ?? string.Empty,
                Tier = customer.Tier ?? string.Empty,
                Employees = customer.Size.Employees ?? 0,
                SourceChannel = customer.Source.Code,
                Tags = [.. customer.Tags],
                ComplaintsLast60Days = activity.ComplaintsLast60Days,
                ComplaintsPrev60Days = activity.ComplaintsPrev60Days,
                ConsultationsLast60Days = activity.ConsultationsLast60Days,
                ConsultationsPrev60Days = activity.ConsultationsPrev60Days,
                UnresolvedComplaints = activity.UnresolvedComplaints,
                OpenTicketCount = activity.OpenTickets,
                LastInteractionAt = activity.LastInteractionAt,
                FirstCooperationOn = customer.FirstCooperationOn,
                CsatAverage = activity.CsatAverage,
                ContractEndsOn = view.Background?.ContractEndsOn,
                DoNotContact = customer.DoNotContactSince is not null,
            },
            view.AsOf,
            view.Zone);
    }
}
