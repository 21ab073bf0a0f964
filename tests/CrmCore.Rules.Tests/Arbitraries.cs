using CrmCore.Rules.Facts;
using CrmCore.Tickets;
using FsCheck;
using FsCheck.Fluent;
using NodaTime;

namespace CrmCore.Rules.Tests;

/// <summary>FsCheck generators of fact inputs around the default pack's thresholds.</summary>
internal static class Arbitraries
{
    private static readonly LocalDate Today = TestFacts.Now.InZone(TestFacts.Zone).Date;

    private static Gen<T?> OrNull<T>(Gen<T> gen)
        where T : struct
        => Gen.OneOf(Gen.Constant<T?>(null), gen.Select(v => (T?)v));

    public static Arbitrary<CustomerFactsInput> CustomerInputs()
    {
        var revenue = Gen.OneOf(
            Gen.Elements(0m, 49_999.99m, 50_000m, 99_999m, 100_000m, 499_999.5m, 500_000m, 620_000m),
            Gen.Choose(0, 1_000_000).Select(i => (decimal)i));
        var count = Gen.Choose(0, 8);
        var gen =
            from rev in revenue
            from industry in Gen.Elements("制造业", "零售业", "Tech", string.Empty)
            from complaints in count
            from complaintsPrev in count
            from consultations in count
            from consultationsPrev in count
            from unresolved in Gen.Choose(0, 4)
            from days in OrNull(Gen.Choose(0, 400))
            from months in OrNull(Gen.Choose(0, 24))
            from csat in OrNull(Gen.Choose(10, 50).Select(i => i / 10m))
            from contract in OrNull(Gen.Choose(-10, 60))
            from downgrade in OrNull(Gen.Choose(0, 200))
            from dnc in Gen.Elements(true, false)
            from tags in Gen.SubListOf(new[] { "VIP", "高价值", "x" })
            select new CustomerFactsInput
            {
                AnnualRevenue = rev,
                Industry = industry,
                ComplaintsLast60Days = complaints,
                ComplaintsPrev60Days = complaintsPrev,
                ConsultationsLast60Days = consultations,
                ConsultationsPrev60Days = consultationsPrev,
                UnresolvedComplaints = unresolved,
                LastInteractionAt = days is { } d0 ? TestFacts.Now - Duration.FromDays(d0) - Duration.FromMinutes(7) : null,
                FirstCooperationOn = months is { } m ? Today.PlusMonths(-m) : null,
                CsatAverage = csat,
                ContractEndsOn = contract is { } c ? Today.PlusDays(c) : null,
                TierDowngradedOn = downgrade is { } d ? Today.PlusDays(-d) : null,
                DoNotContact = dnc,
                Tags = tags.ToArray(),
            };
        return Arb.From(gen);
    }

    public static Arbitrary<TicketFactsInput> TicketInputs()
    {
        var gen =
            from urgency in Gen.Elements(Urgency.General, Urgency.Urgent, Urgency.Major)
            from type in Gen.Elements(TicketType.Consultation, TicketType.Complaint, TicketType.Suggestion, TicketType.Fault, TicketType.PreSales)
            from tier in Gen.Elements("A", "B", "C", "Potential", "高价值", "潜力", "普通", string.Empty)
            from industry in Gen.Elements("制造业", "零售业", "服务业", "科技/互联网", "Retail", "Other")
            from ageMinutes in Gen.Choose(0, 3000)
            from slaMinutes in OrNull(Gen.Choose(10, 2000))
            from reopen in Gen.Choose(0, 5)
            from level in Gen.Choose(0, 2)
            select new TicketFactsInput
            {
                Urgency = urgency,
                Type = type,
                CustomerTier = tier,
                CustomerIndustry = industry,
                RaisedAt = TestFacts.Now - Duration.FromMinutes(ageMinutes),
                SlaDueAt = slaMinutes is { } s ? TestFacts.Now - Duration.FromMinutes(ageMinutes) + Duration.FromMinutes(s) : null,
                ReopenCount = reopen,
                EscalationLevel = level,
            };
        return Arb.From(gen);
    }
}
