using System.Globalization;
using CrmCore.Relationships;
using NodaTime;
using static CrmCore.Tests.Relationships.PlanTestData;

namespace CrmCore.Tests.Relationships;

/// <summary>The purposes a planner writes are in the caller's language unless it was given a culture (wave 17).</summary>
public sealed class ContactPlannerCultureQa17Tests
{
    private static readonly CultureInfo ZhHans = CultureInfo.GetCultureInfo("zh-Hans");

    [Fact]
    public void Planner_WithoutACulture_WritesInTheCallersLanguage()
    {
        var subject = Subject(null, D(2024, 4, 1)) with { LastInteractionAt = At(2025, 10, 20), ContractEndsOn = D(2026, 4, 13) };
        var planner = new ContactPlanner(ContactPolicy.Document003, PlanTestData.Calendar);
        var before = CultureInfo.CurrentUICulture;
        IReadOnlyList<ContactPlanEntry> zh, en;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-CN");
            zh = planner.Plan(subject, D(2026, 3, 10), D(2026, 3, 20));
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en-GB");
            en = planner.Plan(subject, D(2026, 3, 10), D(2026, 3, 20));
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }

        Assert.Equal("自 2025-10-20 起没有互动", zh.Single(e => e.Kind == PlanKind.SilentCare).Purpose);
        Assert.Equal("合同于 2026-04-13 到期", zh.Single(e => e.Kind == PlanKind.ContractExpiry).Purpose);
        Assert.Equal("No interaction since 2025-10-20", en.Single(e => e.Kind == PlanKind.SilentCare).Purpose);
        Assert.Equal(en.Select(e => e.Id), zh.Select(e => e.Id));
    }

    [Fact]
    public void Planner_GivenACulture_KeepsItWhateverTheCallersLanguage()
    {
        var subject = Subject(null, D(2024, 4, 1)) with { LastInteractionAt = At(2025, 10, 20) };
        var planner = new ContactPlanner(ContactPolicy.Document003, PlanTestData.Calendar, CultureInfo.GetCultureInfo("en"));
        var before = CultureInfo.CurrentUICulture;
        IReadOnlyList<ContactPlanEntry> entries;
        try
        {
            CultureInfo.CurrentUICulture = ZhHans;
            entries = planner.Plan(subject, D(2026, 3, 10), D(2026, 3, 20));
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }

        Assert.Equal("No interaction since 2025-10-20", entries.Single(e => e.Kind == PlanKind.SilentCare).Purpose);
    }


    private static Instant At(int y, int m, int d) => PlanTestData.Calendar.Zone.AtStrictly(new LocalDateTime(y, m, d, 10, 0)).ToInstant();
}
