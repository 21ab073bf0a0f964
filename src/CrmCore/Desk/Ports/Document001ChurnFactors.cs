using CrmCore.Churn;
using NodaTime;

namespace CrmCore.Desk;

/// <summary>
/// The default <see cref="IChurnFactorSource"/>: document 001's churn-risk policy in plain C#, the same points as the rule pack's
/// <c>churn-risk.json</c> except the tier-lowered factor (the desk keeps no tier history): a frequency spike (complaints plus
/// consultations in 60 days at least 3 and at least twice the 60 days before) 30; silent 3–6 months 20; average CSAT below 3.5 20;
/// contract ending within 30 days 25; 10 per unresolved complaint, at most 30. Dates are taken in the view's time zone. Thread-safe.
/// </summary>
public sealed class Document001ChurnFactors : IChurnFactorSource
{
    /// <inheritdoc />
    public IReadOnlyList<ChurnFactor> Factors(CustomerView customer)
    {
        ArgumentNullException.ThrowIfNull(customer);
        var a = customer.Activity;
        var factors = new List<ChurnFactor>();
        var recent = a.ComplaintsLast60Days + a.ConsultationsLast60Days;
        if (recent >= 3 && recent >= 2 * (a.ComplaintsPrev60Days + a.ConsultationsPrev60Days))
        {
            factors.Add(new ChurnFactor("FrequencySpike", 30, "Contact frequency spiked", "近期联系频次激增"));
        }

        if (a.LastInteractionAt is { } last && (customer.AsOf - last).Days is > 90 and <= 180)
        {
            factors.Add(new ChurnFactor("Silent3To6Months", 20, "No interaction for 3 to 6 months", "3–6 个月无互动"));
        }

        if (a.CsatAverage is < 3.5m)
        {
            factors.Add(new ChurnFactor("LowCsat", 20, "Average satisfaction below 3.5", "平均满意度低于 3.5"));
        }

        var today = customer.AsOf.InZone(customer.Zone).Date;
        if (customer.Background?.ContractEndsOn is { } end && end >= today && Period.Between(today, end, PeriodUnits.Days).Days <= 30)
        {
            factors.Add(new ChurnFactor("ContractEnding", 25, "Contract ends within 30 days", "合同 30 天内到期"));
        }

        if (a.UnresolvedComplaints > 0)
        {
            factors.Add(new ChurnFactor("UnresolvedComplaints", Math.Min(30, 10 * a.UnresolvedComplaints), "Unresolved complaints", "存在未解决的投诉"));
        }

        return factors;
    }
}
