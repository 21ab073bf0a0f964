using System.Numerics;
using CrmCore.Rules.Bulk;
using CrmCore.Rules.Facts;
using NodaTime;

namespace CrmCore.Rules.Tests.Bulk.Shared;

/// <summary>
/// The two test rule sets written by hand in C# over the same columns (the practical limit for the benchmarks and the third opinion
/// in the correctness tests). Each writes the tag mask and tier index of rows [0, count) into the given arrays.
/// </summary>
internal static class HandWrittenClassifiers
{
    /// <summary>The default pack's tiering (doc 001) and tagging files.</summary>
    public static void DefaultPack(CustomerStore store, Instant now, DateTimeZone zone, ulong[] masks, short[] tiers)
    {
        var c = store.Columns;
        var today = now.InZone(zone).Date;
        var nowTicks = now.ToUnixTimeTicks();
        var whole = Instant.FromUnixTimeTicks(nowTicks) == now;
        var n = store.Count;
        for (var i = 0; i < n; i++)
        {
            int? days = (c.Flags[i] & CustomerColumns.HasLastInteraction) != 0 ? BulkDates.DaysSince(now, nowTicks, whole, c.LastInteractionTicks[i]) : null;
            ulong m = 0;
            if (days <= 90)
            {
                m |= 1UL << 0; // active
            }
            else if (days <= 180)
            {
                m |= 1UL << 1; // silent
            }

            var recent = c.ComplaintsLast60Days[i] + c.ConsultationsLast60Days[i];
            var before = c.ComplaintsPrev60Days[i] + c.ConsultationsPrev60Days[i];
            if (recent >= 3 && recent >= 2 * before)
            {
                m |= 1UL << 2; // churn-risk
            }

            if (c.ConsultationsLast60Days[i] >= 5)
            {
                m |= 1UL << 3; // 高频咨询
            }

            if (c.ComplaintsLast60Days[i] > 0)
            {
                m |= 1UL << 4; // 近期有投诉记录
            }

            var flags = c.Flags[i];
            if ((flags & CustomerColumns.DoNotContact) != 0)
            {
                m |= 1UL << 5; // do-not-contact
            }

            masks[i] = m;
            var revenue = c.AnnualRevenue[i];
            short tier = 3; // C
            if (revenue >= 500_000m)
            {
                tier = 0;
            }
            else if (revenue >= 100_000m)
            {
                tier = 1;
            }
            else if ((flags & CustomerColumns.HasFirstCooperation) != 0 && FactMath.WholeMonths(c.FirstCooperation[i], today) is >= 3 and <= 6)
            {
                tier = 2;
            }

            tiers[i] = tier;
        }
    }

    /// <summary>The synthetic 20-rule set of <c>synthetic-20.json</c>.</summary>
    public static void Synthetic(CustomerStore store, Instant now, DateTimeZone zone, ulong[] masks, short[] tiers)
    {
        var c = store.Columns;
        var today = now.InZone(zone).Date;
        var todayDay = BulkDates.DayNumber(today);
        var manufacturing = Id(store.Strings, "制造业");
        var retail = Id(store.Strings, "零售业");
        var east = Id(store.Strings, "华东");
        var south = Id(store.Strings, "华南");
        var referral = Id(store.Strings, "转介绍");
        var tierA = Id(store.Strings, "A");
        var small = Id(store.Strings, "Small");
        var vip = Bit(store.CurrentTags, "VIP");
        var phone = Bit(store.CurrentTags, "prefers-phone");
        var nowTicks = now.ToUnixTimeTicks();
        var whole = Instant.FromUnixTimeTicks(nowTicks) == now;
        var n = store.Count;
        for (var i = 0; i < n; i++)
        {
            var flags = c.Flags[i];
            var revenue = c.AnnualRevenue[i];
            var tags = c.Tags[i];
            int? days = (c.Flags[i] & CustomerColumns.HasLastInteraction) != 0 ? BulkDates.DaysSince(now, nowTicks, whole, c.LastInteractionTicks[i]) : null;
            var hasMonths = (flags & CustomerColumns.HasFirstCooperation) != 0;
            var months = hasMonths ? FactMath.WholeMonths(c.FirstCooperation[i], today) : 0;
            var hasCsat = (flags & CustomerColumns.HasCsat) != 0;
            var complaints = c.ComplaintsLast60Days[i];
            var industry = c.Industry[i];
            ulong m = 0;
            m |= industry == manufacturing && c.Employees[i] >= 1000 ? 1UL << 0 : 0;
            m |= industry == retail && (c.Region[i] == east || c.Region[i] == south) ? 1UL << 1 : 0;
            m |= days <= 30 ? 1UL << 2 : 0;
            m |= days > 180 ? 1UL << 3 : 0;
            m |= hasMonths && months < 3 ? 1UL << 4 : 0;
            m |= hasMonths && months >= 3 && months <= 6 && revenue < 100_000m ? 1UL << 5 : 0;
            var toEnd = c.ContractEndDay[i] - todayDay;
            m |= (flags & CustomerColumns.HasContractEnd) != 0 && toEnd >= 0 && toEnd <= 30 ? 1UL << 6 : 0;
            m |= hasCsat && c.CsatAverage[i] < 3m ? 1UL << 7 : 0;
            m |= complaints >= 2 && complaints >= 2 * c.ComplaintsPrev60Days[i] ? 1UL << 8 : 0;
            m |= c.ConsultationsLast60Days[i] + c.ConsultationsPrev60Days[i] >= 10 ? 1UL << 9 : 0;
            m |= c.UnresolvedComplaints[i] > 0 || c.OpenTicketCount[i] >= 5 ? 1UL << 10 : 0;
            m |= (tags & vip) != 0 && (complaints > 0 || days > 90) ? 1UL << 11 : 0;
            m |= c.SourceChannel[i] == referral && (flags & CustomerColumns.DoNotContact) == 0 ? 1UL << 12 : 0;
            m |= (flags & CustomerColumns.HasTierDowngrade) != 0 && Math.Max(0, todayDay - c.TierDowngradeDay[i]) <= 30 ? 1UL << 13 : 0;
            m |= (tags & phone) != 0 || BitOperations.PopCount(tags) >= 3 ? 1UL << 14 : 0;
            m |= c.Tier[i] == tierA && revenue < 500_000m && c.Size[i] != small ? 1UL << 15 : 0;
            masks[i] = m;
            tiers[i] = revenue >= 1_000_000m || (revenue >= 500_000m && (tags & vip) != 0) ? (short)0
                : revenue >= 300_000m && hasCsat && c.CsatAverage[i] >= 4m ? (short)1
                : revenue >= 100_000m || c.Employees[i] >= 500 ? (short)2
                : (short)3;
        }
    }

    private static int Id(InternTable table, string name) => table.TryGetId(name, out var id) ? id : -1;

    private static ulong Bit(InternTable table, string name) => table.TryGetId(name, out var id) ? 1UL << id : 0;
}
