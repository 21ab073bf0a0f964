using NodaTime;

namespace CrmCore.Rules.Bulk;

/// <summary>
/// The struct-of-arrays layout behind <see cref="CustomerStore"/>: one array per fact, indexed by row. Compiled bulk kernels read
/// these fields directly. Not thread-safe for writes.
/// </summary>
internal sealed class CustomerColumns
{
    public const byte HasFirstCooperation = 1;
    public const byte HasCsat = 2;
    public const byte HasContractEnd = 4;
    public const byte HasTierDowngrade = 8;
    public const byte DoNotContact = 16;
    public const byte HasLastInteraction = 32;

    /// <summary>Bytes one row takes in the columns below (strings excluded: they are ids into intern tables).</summary>
    public const int BytesPerRow =
        (2 * sizeof(decimal)) // AnnualRevenue, CsatAverage
        + (5 * sizeof(int)) // Industry, Region, Tier, Size, SourceChannel ids
        + (7 * sizeof(int)) // Employees and the six ticket counters
        + sizeof(long) // LastInteractionTicks
        + 4 // FirstCooperation (LocalDate is one int)
        + (2 * sizeof(int)) // ContractEndDay, TierDowngradeDay
        + sizeof(byte) // Flags
        + sizeof(ulong) // current tags
        + sizeof(ulong) + sizeof(short); // results: tag mask, tier index

    public decimal[] AnnualRevenue = [];
    public decimal[] CsatAverage = [];
    public int[] Industry = [];
    public int[] Region = [];
    public int[] Tier = [];
    public int[] Size = [];
    public int[] SourceChannel = [];
    public int[] Employees = [];
    public int[] ComplaintsLast60Days = [];
    public int[] ComplaintsPrev60Days = [];
    public int[] ConsultationsLast60Days = [];
    public int[] ConsultationsPrev60Days = [];
    public int[] UnresolvedComplaints = [];
    public int[] OpenTicketCount = [];
    public long[] LastInteractionTicks = [];
    public LocalDate[] FirstCooperation = [];
    public int[] ContractEndDay = [];
    public int[] TierDowngradeDay = [];
    public byte[] Flags = [];
    public ulong[] Tags = [];

    /// <summary>Results of the last run: tag mask over the rule set's <see cref="TagRegistry"/>.</summary>
    public ulong[] ResultMasks = [];

    /// <summary>Results of the last run: tier index, -1 when none.</summary>
    public short[] ResultTiers = [];

    /// <summary>One bit per row: set when the row changed since the last run.</summary>
    public ulong[] Dirty = [];

    public int Capacity => AnnualRevenue.Length;

    public void Grow(int capacity)
    {
        Array.Resize(ref AnnualRevenue, capacity);
        Array.Resize(ref CsatAverage, capacity);
        Array.Resize(ref Industry, capacity);
        Array.Resize(ref Region, capacity);
        Array.Resize(ref Tier, capacity);
        Array.Resize(ref Size, capacity);
        Array.Resize(ref SourceChannel, capacity);
        Array.Resize(ref Employees, capacity);
        Array.Resize(ref ComplaintsLast60Days, capacity);
        Array.Resize(ref ComplaintsPrev60Days, capacity);
        Array.Resize(ref ConsultationsLast60Days, capacity);
        Array.Resize(ref ConsultationsPrev60Days, capacity);
        Array.Resize(ref UnresolvedComplaints, capacity);
        Array.Resize(ref OpenTicketCount, capacity);
        Array.Resize(ref LastInteractionTicks, capacity);
        Array.Resize(ref FirstCooperation, capacity);
        Array.Resize(ref ContractEndDay, capacity);
        Array.Resize(ref TierDowngradeDay, capacity);
        Array.Resize(ref Flags, capacity);
        Array.Resize(ref Tags, capacity);
        Array.Resize(ref ResultMasks, capacity);
        var oldTiers = ResultTiers.Length;
        Array.Resize(ref ResultTiers, capacity);
        ResultTiers.AsSpan(oldTiers).Fill(-1);
        Array.Resize(ref Dirty, (capacity + 63) >> 6);
    }
}
