using System.Collections.Immutable;
using System.Globalization;
using CrmCore.Relationships;
using NodaTime;
using static CrmCore.Tests.Relationships.PlanTestData;

namespace CrmCore.Tests.Relationships;

/// <summary>Contact plans that used to plan nothing, or shift, without a word (QA round 16, items 6, 9 and 13).</summary>
public sealed class ContactPlanQa16Tests
{
    private static readonly CultureInfo ZhHans = CultureInfo.GetCultureInfo("zh-Hans");

    // /tmp/qa16/p/pol2.json: a misspelt holiday and a tier nobody has.
    private const string GoldOnly = """
        {
          "name": "gold-only",
          "dueOnHoliday": "next-working-day",
          "cadences": [ { "tiers": ["Gold"], "channel": "call", "every": "P1W", "purpose": "Weekly call" } ],
          "care": { "leadDays": 3, "birthdays": true, "holidays": ["Spring Festval"], "channel": "care-message" }
        }
        """;

    [Theory]
    [InlineData("2026-03-16")]
    [InlineData("2026-03-13")]
    [InlineData("2026-02-14")]
    [InlineData("2026-01-20")]
    public void SilentCare_DueWhenTheSilenceBegan_WhateverTheWindow(string from)
    {
        // C202404007: last interaction 2025-10-20, after P3M: due 2026-01-20 (a Tuesday), not the window's first day.
        var subject = Subject(null, D(2024, 4, 1)) with { LastInteractionAt = PlanTestData.Calendar.Zone.AtStrictly(new LocalDateTime(2025, 10, 20, 10, 0)).ToInstant() };
        var start = LocalDate.FromDateTime(DateTime.Parse(from, CultureInfo.InvariantCulture));

        var care = Planner(ContactPolicy.Document003).Plan(subject, start, D(2026, 3, 22)).Single(e => e.Kind == PlanKind.SilentCare);

        Assert.Equal(D(2026, 1, 20), care.DueOn);
        Assert.Equal($"{Customer.Value}/SilentCare/silence/2026-01-20", care.Id.Value);
        Assert.True(care.IsOverdueAt(D(2026, 3, 16).AtStartOfDayInZone(PlanTestData.Calendar.Zone).ToInstant()));
    }

    [Fact]
    public void SilentCare_BeganOnAHoliday_MovesToTheNextWorkingDayAsThePolicySays()
    {
        // Silent from 2026-02-15 (last interaction 2025-11-15), the first day of Spring Festival; the next working day is 2026-02-24.
        var subject = Subject(null, D(2024, 4, 1)) with { LastInteractionAt = PlanTestData.Calendar.Zone.AtStrictly(new LocalDateTime(2025, 11, 15, 10, 0)).ToInstant() };

        var care = Planner(ContactPolicy.Document003).Plan(subject, D(2026, 3, 1), D(2026, 3, 7)).Single(e => e.Kind == PlanKind.SilentCare);

        Assert.False(PlanTestData.Calendar.IsWorkingDay(D(2026, 2, 15)));
        Assert.Equal(D(2026, 2, 24), care.DueOn);
        Assert.Equal(D(2026, 2, 15), care.Occasion);
    }

    [Fact]
    public void Check_MisspeltHoliday_WarnsAtItsLineAndColumnWithTheClosestName()
    {
        var warning = Assert.Single(ContactPolicyJson.Check(GoldOnly, PlanTestData.Calendar));

        Assert.Equal("$.care.holidays[0]", warning.Path);
        Assert.Equal((5, 60), (warning.Line, warning.Column));
        Assert.StartsWith("Holiday 'Spring Festval' is not in calendar 'cn-standard', so its care plans nothing; did you mean 'Spring Festival (春节)'? The calendar's holidays: ", warning.Message, StringComparison.Ordinal);
        Assert.Contains("National Day", warning.Message, StringComparison.Ordinal);
        Assert.StartsWith("日历“cn-standard”中没有节假日“Spring Festval”，因此不会为它生成关怀；是否应为“Spring Festival (春节)”？", warning.MessageIn(ZhHans), StringComparison.Ordinal);
    }

    [Fact]
    public void Check_CorrectHolidayAndHeldTier_NoWarning()
    {
        var json = GoldOnly.Replace("Spring Festval", "spring festival", StringComparison.Ordinal);

        Assert.Empty(ContactPolicyJson.Check(json, PlanTestData.Calendar, ["Gold", null, "C"]));
    }

    [Fact]
    public void Check_TierNoCustomerHas_WarnsNamingTheTiersThereAre()
    {
        var json = GoldOnly.Replace("Spring Festval", "Spring Festival", StringComparison.Ordinal);

        var warning = Assert.Single(ContactPolicyJson.Check(json, PlanTestData.Calendar, ["高价值", "潜力", null, "高价值"]));

        Assert.Equal("$.cadences[0].tiers[0]", warning.Path);
        Assert.Equal((4, 29), (warning.Line, warning.Column));
        Assert.Equal("No customer has tier 'Gold', so this cadence plans nothing. The customers' tiers: 潜力, 高价值.", warning.Message);
        Assert.Equal("没有客户属于等级“Gold”，因此该沟通频率不会生成计划。客户的等级有：潜力, 高价值。", warning.MessageIn(ZhHans));
    }

    [Fact]
    public void Check_UnlikeName_NoSuggestion_AndACalendarWithoutHolidaysSaysSo()
    {
        var policy = ContactPolicyJson.Load(GoldOnly.Replace("Spring Festval", "Diwali", StringComparison.Ordinal)).GetValueOrThrow();
        var bare = CrmCore.Calendars.BusinessCalendar.Build(new CrmCore.Calendars.BusinessCalendarDefinition
        {
            Name = "bare", TimeZoneId = "Asia/Shanghai", Week = CrmCore.Calendars.WeeklySchedule.AlwaysOpen,
        });

        var unknown = Assert.Single(policy.Check(PlanTestData.Calendar));
        var none = Assert.Single(policy.Check(bare));

        Assert.DoesNotContain("did you mean", unknown.Message, StringComparison.Ordinal);
        Assert.Equal(0, unknown.Line);
        Assert.Equal("$.care.holidays", none.Path);
        Assert.Equal("Calendar 'bare' has no holidays, so the care for Diwali plans nothing.", none.Message);
        Assert.Equal("日历“bare”中没有节假日，因此不会为以下节假日生成关怀：Diwali。", none.MessageIn(ZhHans));
    }

    [Fact]
    public void Planner_Chinese_WritesPurposesInChinese()
    {
        var subject = Subject(null, D(2024, 4, 1)) with
        {
            LastInteractionAt = PlanTestData.Calendar.Zone.AtStrictly(new LocalDateTime(2025, 10, 20, 10, 0)).ToInstant(),
            ContractEndsOn = D(2026, 4, 13),
        };
        var zh = new ContactPlanner(ContactPolicy.Document003, PlanTestData.Calendar, ZhHans).Plan(subject, D(2026, 3, 10), D(2026, 3, 20));
        var en = new ContactPlanner(ContactPolicy.Document003, PlanTestData.Calendar, CultureInfo.GetCultureInfo("en")).Plan(subject, D(2026, 3, 10), D(2026, 3, 20));

        Assert.Equal("自 2025-10-20 起没有互动", zh.Single(e => e.Kind == PlanKind.SilentCare).Purpose);
        Assert.Equal("合同于 2026-04-13 到期", zh.Single(e => e.Kind == PlanKind.ContractExpiry).Purpose);
        Assert.Equal("No interaction since 2025-10-20", en.Single(e => e.Kind == PlanKind.SilentCare).Purpose);
        Assert.Equal("Contract ends on 2026-04-13", en.Single(e => e.Kind == PlanKind.ContractExpiry).Purpose);
        Assert.Equal(en.Select(e => e.Id), zh.Select(e => e.Id));
    }

    [Fact]
    public void PolicyLoad_Problems_InChineseToo()
    {
        // /tmp/qa16/p/pol1.json's channel and lead days.
        const string json = """
            {
              "name": "tricky",
              "cadences": [ { "tiers": ["A"], "channel": "fax", "every": "P1W2D", "purpose": "x" } ],
              "care": { "leadDays": -3, "birthdays": true, "holidays": [], "channel": "care-message" }
            }
            """;

        var problems = ContactPolicyJson.Load(json).Problems.ToDictionary(p => p.Path);

        Assert.Equal("'fax' is not known; use one of: call, visit, email, sms, care-message, supervisor-call.", problems["$.cadences[0].channel"].Message);
        Assert.Equal("无法识别“fax”；请使用以下之一：call, visit, email, sms, care-message, supervisor-call。", problems["$.cadences[0].channel"].MessageIn(ZhHans));
        Assert.Equal("应为 0 到 60 之间的整数。", problems["$.care.leadDays"].MessageIn(ZhHans));
        Assert.StartsWith("“P1W2D”不是只含一种单位的正 ISO-8601 周期", problems["$.cadences[0].every"].MessageIn(ZhHans), StringComparison.Ordinal);
        Assert.All(problems.Values, p => Assert.NotNull(p.MessageZhHans));
    }
}
