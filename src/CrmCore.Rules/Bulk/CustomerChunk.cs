namespace CrmCore.Rules.Bulk;

/// <summary>
/// One chunk of up to <see cref="Rows"/> rows of a <see cref="CustomerStore"/>: one array per fact (struct of arrays), indexed by the
/// row within the chunk. Chunks keep growth cheap (a full chunk is never copied, only the last one grows, by doubling up to
/// <see cref="Rows"/>), so a store wastes at most one partly filled chunk. Compiled bulk kernels read these fields directly; every
/// array's length is the chunk's capacity, a multiple of 64 (whole dirty-bit words, whole 256-bit vectors). Not thread-safe for writes.
/// </summary>
internal sealed class CustomerChunk
{
    /// <summary>The most rows a chunk holds (a power of two and a multiple of 64).</summary>
    public const int Rows = 4096;

    /// <summary>The smallest capacity of a chunk.</summary>
    public const int MinCapacity = 64;

    public CustomerChunk(int baseRow, int capacity)
    {
        BaseRow = baseRow;
        Grow(capacity);
    }

    /// <summary>The store row of this chunk's first row.</summary>
    public int BaseRow { get; }

    /// <summary>Annual revenue as a monotone integer code (<see cref="ColumnCodes.Money"/>): twice the whole fen, plus one for a fraction of a fen.</summary>
    public long[] RevenueCode = [];

    /// <summary>The exact CSAT average (for the scalar kernel and round trips).</summary>
    public decimal[] CsatAverage = [];

    /// <summary>The CSAT average as a monotone integer code in hundredths (<see cref="ColumnCodes.Csat"/>).</summary>
    public int[] CsatCode = [];

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

    /// <summary>The last interaction's tick (<see cref="BulkDates.InteractionTicks"/>).</summary>
    public long[] LastInteractionTicks = [];

    /// <summary>
    /// The nanoseconds from <see cref="LastInteractionTicks"/> to the exact last interaction (<see cref="BulkDates.InteractionNanoseconds"/>),
    /// read only when "now" is between two ticks.
    /// </summary>
    public sbyte[] LastInteractionNanoseconds = [];

    /// <summary>The first cooperation date as a month key (<see cref="ColumnCodes.MonthKey"/>).</summary>
    public int[] FirstCooperationKey = [];

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

    /// <summary>Revenues the code cannot give back exactly (more than two decimals, or beyond ±2^60 fen), by row in the chunk; null when none.</summary>
    public Dictionary<int, decimal>? ExactRevenue;

    public int Capacity => Flags.Length;

    /// <summary>Bytes one row takes in the arrays above.</summary>
    public const int BytesPerRow =
        sizeof(long) // RevenueCode
        + sizeof(decimal) + sizeof(int) // CsatAverage, CsatCode
        + (5 * sizeof(int)) // Industry, Region, Tier, Size, SourceChannel ids
        + (7 * sizeof(int)) // Employees and the six ticket counters
        + sizeof(long) + sizeof(sbyte) // LastInteractionTicks, LastInteractionNanoseconds
        + (3 * sizeof(int)) // FirstCooperationKey, ContractEndDay, TierDowngradeDay
        + sizeof(byte) // Flags
        + sizeof(ulong) // current tags
        + sizeof(ulong) + sizeof(short); // results: tag mask, tier index

    public void Grow(int capacity)
    {
        Array.Resize(ref RevenueCode, capacity);
        Array.Resize(ref CsatAverage, capacity);
        Array.Resize(ref CsatCode, capacity);
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
        Array.Resize(ref LastInteractionNanoseconds, capacity);
        Array.Resize(ref FirstCooperationKey, capacity);
        Array.Resize(ref ContractEndDay, capacity);
        Array.Resize(ref TierDowngradeDay, capacity);
        Array.Resize(ref Tags, capacity);
        Array.Resize(ref ResultMasks, capacity);
        var oldTiers = ResultTiers.Length;
        Array.Resize(ref ResultTiers, capacity);
        ResultTiers.AsSpan(oldTiers).Fill(-1);
        Array.Resize(ref Dirty, capacity >> 6);
        Array.Resize(ref Flags, capacity);
    }

    /// <summary>The exact annual revenue of a row.</summary>
    public decimal Revenue(int row)
    {
        var scale = (Flags[row] & CustomerColumns.RevenueScaleMask) >> CustomerColumns.RevenueScaleShift;
        return scale == CustomerColumns.RevenueInExceptions ? ExactRevenue![row] : ColumnCodes.DecodeMoney(RevenueCode[row], scale);
    }
}
