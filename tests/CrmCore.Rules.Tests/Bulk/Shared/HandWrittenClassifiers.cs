using System.Numerics;
using CrmCore.Rules.Bulk;
using NodaTime;

namespace CrmCore.Rules.Tests.Bulk.Shared;

/// <summary>
/// The two test rule sets written by hand in plain scalar C# over the same integer-coded columns (the lean baseline for the
/// benchmarks and the third opinion in the correctness tests): money in fen codes, dates as day numbers and month keys computed once
/// per run, days since the last interaction by integer division. Each writes the tag mask and tier index of rows [0, count) into the
/// given arrays.
/// </summary>
internal static class HandWrittenClassifiers
{
    /// <summary>The default pack's tiering (doc 001) and tagging files.</summary>
    public static void DefaultPack(CustomerStore store, Instant now, DateTimeZone zone, ulong[] masks, short[] tiers)
    {
        var todayKey = ColumnCodes.MonthKey(now.InZone(zone).Date);
        var nowTicks = now.ToUnixTimeTicks();
        var whole = Instant.FromUnixTimeTicks(nowTicks) == now;
        Money(500_000m, out var a);
        Money(100_000m, out var b);
        var columns = store.Columns;
        for (var k = 0; k < columns.ChunkCount; k++)
        {
            var c = columns.Chunks[k];
            var n = Math.Min(CustomerChunk.Rows, store.Count - c.BaseRow);
            for (var i = 0; i < n; i++)
            {
                var flags = c.Flags[i];
                int? days = (flags & CustomerColumns.HasLastInteraction) != 0 ? DaysSince(now, nowTicks, whole, c, i) : null;
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

                if ((flags & CustomerColumns.DoNotContact) != 0)
                {
                    m |= 1UL << 5; // do-not-contact
                }

                masks[c.BaseRow + i] = m;
                var revenue = c.RevenueCode[i];
                short tier = 3; // C
                if (revenue >= a)
                {
                    tier = 0;
                }
                else if (revenue >= b)
                {
                    tier = 1;
                }
                else if ((flags & CustomerColumns.HasFirstCooperation) != 0 && ColumnCodes.WholeMonths(c.FirstCooperationKey[i], todayKey) is >= 3 and <= 6)
                {
                    tier = 2;
                }

                tiers[c.BaseRow + i] = tier;
            }
        }
    }

    /// <summary>The synthetic 20-rule set of <c>synthetic-20.json</c>.</summary>
    public static void Synthetic(CustomerStore store, Instant now, DateTimeZone zone, ulong[] masks, short[] tiers)
    {
        var today = now.InZone(zone).Date;
        var todayDay = BulkDates.DayNumber(today);
        var todayKey = ColumnCodes.MonthKey(today);
        var manufacturing = Id(store.Strings, "制造业");
        var retail = Id(store.Strings, "零售业");
        var east = Id(store.Strings, "华东");
        var south = Id(store.Strings, "华南");
        var referral = Id(store.Strings, "转介绍");
        var tierA = Id(store.Strings, "A");
        var small = Id(store.Strings, "Small");
        var vip = Bit(store.CurrentTags, "VIP");
        var phone = Bit(store.CurrentTags, "prefers-phone");
        Money(1_000_000m, out var million);
        Money(500_000m, out var half);
        Money(300_000m, out var threeHundred);
        Money(100_000m, out var hundred);
        ColumnCodes.TryCsatLiteral(3m, out var csat3);
        ColumnCodes.TryCsatLiteral(4m, out var csat4);
        var nowTicks = now.ToUnixTimeTicks();
        var whole = Instant.FromUnixTimeTicks(nowTicks) == now;
        var columns = store.Columns;
        for (var k = 0; k < columns.ChunkCount; k++)
        {
            var c = columns.Chunks[k];
            var n = Math.Min(CustomerChunk.Rows, store.Count - c.BaseRow);
            for (var i = 0; i < n; i++)
            {
                var flags = c.Flags[i];
                var revenue = c.RevenueCode[i];
                var tags = c.Tags[i];
                int? days = (flags & CustomerColumns.HasLastInteraction) != 0 ? DaysSince(now, nowTicks, whole, c, i) : null;
                var hasMonths = (flags & CustomerColumns.HasFirstCooperation) != 0;
                var months = hasMonths ? ColumnCodes.WholeMonths(c.FirstCooperationKey[i], todayKey) : 0;
                var hasCsat = (flags & CustomerColumns.HasCsat) != 0;
                var complaints = c.ComplaintsLast60Days[i];
                var industry = c.Industry[i];
                ulong m = 0;
                m |= industry == manufacturing && c.Employees[i] >= 1000 ? 1UL << 0 : 0;
                m |= industry == retail && (c.Region[i] == east || c.Region[i] == south) ? 1UL << 1 : 0;
                m |= days <= 30 ? 1UL << 2 : 0;
                m |= days > 180 ? 1UL << 3 : 0;
                m |= hasMonths && months < 3 ? 1UL << 4 : 0;
                m |= hasMonths && months >= 3 && months <= 6 && revenue < hundred ? 1UL << 5 : 0;
                var toEnd = c.ContractEndDay[i] - todayDay;
                m |= (flags & CustomerColumns.HasContractEnd) != 0 && toEnd >= 0 && toEnd <= 30 ? 1UL << 6 : 0;
                m |= hasCsat && c.CsatCode[i] < csat3 ? 1UL << 7 : 0;
                m |= complaints >= 2 && complaints >= 2 * c.ComplaintsPrev60Days[i] ? 1UL << 8 : 0;
                m |= c.ConsultationsLast60Days[i] + c.ConsultationsPrev60Days[i] >= 10 ? 1UL << 9 : 0;
                m |= c.UnresolvedComplaints[i] > 0 || c.OpenTicketCount[i] >= 5 ? 1UL << 10 : 0;
                m |= (tags & vip) != 0 && (complaints > 0 || days > 90) ? 1UL << 11 : 0;
                m |= c.SourceChannel[i] == referral && (flags & CustomerColumns.DoNotContact) == 0 ? 1UL << 12 : 0;
                m |= (flags & CustomerColumns.HasTierDowngrade) != 0 && Math.Max(0, todayDay - c.TierDowngradeDay[i]) <= 30 ? 1UL << 13 : 0;
                m |= (tags & phone) != 0 || BitOperations.PopCount(tags) >= 3 ? 1UL << 14 : 0;
                m |= c.Tier[i] == tierA && revenue < half && c.Size[i] != small ? 1UL << 15 : 0;
                masks[c.BaseRow + i] = m;
                tiers[c.BaseRow + i] = revenue >= million || (revenue >= half && (tags & vip) != 0) ? (short)0
                    : revenue >= threeHundred && hasCsat && c.CsatCode[i] >= csat4 ? (short)1
                    : revenue >= hundred || c.Employees[i] >= 500 ? (short)2
                    : (short)3;
            }
        }
    }

    private static void Money(decimal literal, out long code) => ColumnCodes.TryMoneyLiteral(literal, out code);

    private static int Id(InternTable table, string name) => table.TryGetId(name, out var id) ? id : -1;

    private static ulong Bit(InternTable table, string name) => table.TryGetId(name, out var id) ? 1UL << id : 0;

    /// <summary>As the kernels count it: in ticks for a whole-tick "now", else from the exact instant (tick and nanoseconds).</summary>
    private static int DaysSince(Instant now, long nowTicks, bool whole, CustomerChunk c, int i) => whole
        ? CrmCore.Rules.Facts.FactMath.WholeDaysSince(nowTicks, c.LastInteractionTicks[i])
        : BulkDates.DaysSince(now, c.LastInteractionTicks[i], c.LastInteractionNanoseconds[i]);
}
