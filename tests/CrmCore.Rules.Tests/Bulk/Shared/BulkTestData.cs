using CrmCore.Rules.Bulk;
using CrmCore.Rules.Facts;
using NodaTime;

namespace CrmCore.Rules.Tests.Bulk.Shared;

/// <summary>
/// The rule sets and seeded customers of the bulk tagging tests and benchmarks (this file is also compiled into the benchmark
/// project). Values cluster around the rules' thresholds so that every branch is taken.
/// </summary>
internal static class BulkTestData
{
    public static readonly Instant Now = Instant.FromUtc(2026, 6, 15, 4, 0);
    public static readonly DateTimeZone Zone = DateTimeZoneProviders.Tzdb["Asia/Shanghai"];

    private static readonly string[] Industries = ["制造业", "零售业", "服务业", "科技", "互联网", string.Empty];
    private static readonly string[] Regions = ["华东", "华南", "华北", "西部"];
    private static readonly string[] TierNames = ["A", "B", "C", string.Empty];
    private static readonly string[] Sizes = ["Small", "Medium", "Large"];
    private static readonly string[] Channels = ["官网表单", "电商平台", "线下门店", "转介绍"];
    private static readonly string[] TagPool = ["VIP", "prefers-phone", "高价值", "偏好新品", "x"];
    private static readonly decimal[] Revenues = [0m, 49_999.99m, 99_999m, 100_000m, 299_999.5m, 300_000m, 499_999m, 500_000m, 999_999m, 1_000_000m];

    /// <summary>The shipped default pack's tiering (doc 001) and tagging files.</summary>
    public static RuleSet DefaultPack() => RuleLoader.Load([DefaultRulePack.GetSource(DefaultRulePack.Tiering), DefaultRulePack.GetSource(DefaultRulePack.Tagging)]).GetRuleSetOrThrow();

    /// <summary>The synthetic 20-rule set (<c>synthetic-20.json</c>), loaded through <see cref="RuleLoader"/>.</summary>
    public static RuleSet Synthetic() => RuleLoader.LoadFiles([SyntheticPath()]).GetRuleSetOrThrow();

    /// <summary>Deterministic customers for a seed.</summary>
    public static CustomerFactsInput[] Customers(int count, int seed)
    {
        var rnd = new Random(seed);
        var today = Now.InZone(Zone).Date;
        var result = new CustomerFactsInput[count];
        for (var i = 0; i < count; i++)
        {
            var tags = new List<string>();
            foreach (var t in TagPool)
            {
                if (rnd.Next(4) == 0)
                {
                    tags.Add(t);
                }
            }

            result[i] = new CustomerFactsInput
            {
                AnnualRevenue = rnd.Next(3) == 0 ? Revenues[rnd.Next(Revenues.Length)] : rnd.Next(0, 1_200_000),
                Industry = Industries[rnd.Next(Industries.Length)],
                Region = Regions[rnd.Next(Regions.Length)],
                Tier = TierNames[rnd.Next(TierNames.Length)],
                Size = Sizes[rnd.Next(Sizes.Length)],
                Employees = rnd.Next(3) == 0 ? rnd.Next(400, 1200) : rnd.Next(0, 300),
                SourceChannel = Channels[rnd.Next(Channels.Length)],
                Tags = tags,
                ComplaintsLast60Days = rnd.Next(0, 5),
                ComplaintsPrev60Days = rnd.Next(0, 4),
                ConsultationsLast60Days = rnd.Next(0, 9),
                ConsultationsPrev60Days = rnd.Next(0, 6),
                UnresolvedComplaints = rnd.Next(4) == 0 ? rnd.Next(1, 3) : 0,
                OpenTicketCount = rnd.Next(0, 7),
                LastInteractionAt = rnd.Next(12) == 0 ? null : Now - Duration.FromSeconds(rnd.NextInt64(0, 400L * 86_400)), // some never interacted: null, not 1970
                FirstCooperationOn = rnd.Next(5) == 0 ? null : today.PlusDays(-rnd.Next(0, 400)),
                CsatAverage = rnd.Next(4) == 0 ? null : rnd.Next(10, 51) / 10m,
                ContractEndsOn = rnd.Next(3) == 0 ? null : today.PlusDays(rnd.Next(-20, 60)),
                TierDowngradedOn = rnd.Next(2) == 0 ? null : today.PlusDays(-rnd.Next(0, 90)),
                DoNotContact = rnd.Next(8) == 0,
            };
        }

        return result;
    }

    /// <summary>A store holding the customers.</summary>
    public static CustomerStore Store(IReadOnlyList<CustomerFactsInput> customers)
    {
        var store = new CustomerStore(customers.Count);
        foreach (var c in customers)
        {
            store.Add(c);
        }

        return store;
    }

    private static string SyntheticPath()
    {
        const string relative = "tests/CrmCore.Rules.Tests/Bulk/Shared/synthetic-20.json";
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, relative);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("synthetic-20.json not found above " + AppContext.BaseDirectory, relative);
    }
}
