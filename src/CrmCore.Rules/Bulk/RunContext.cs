using NodaTime;

namespace CrmCore.Rules.Bulk;

/// <summary>The per-run inputs of a compiled bulk kernel: the clock values and the literals resolved against the store's intern tables.</summary>
internal sealed class RunContext
{
    public Instant Now;
    public long NowTicks;
    public bool NowIsWholeTick;
    public DateTimeZone Zone = DateTimeZone.Utc;
    public LocalDate Today;
    public int TodayDay;

    /// <summary>Today's month key (<see cref="ColumnCodes.MonthKey"/>).</summary>
    public int TodayMonthKey;

    public string[] StringNames = [];
    public int[] StringLiteralIds = [];
    public ulong[] TagLiteralBits = [];

    /// <summary>The vectorised kernel's string literal ids (-1 when the store never saw the literal).</summary>
    public int[] VectorStringIds = [];

    /// <summary>The vectorised kernel's tag literal bits (0 when no customer has the tag).</summary>
    public ulong[] VectorTagBits = [];

    /// <summary>
    /// For each day count k the vectorised kernel compares "days since the last interaction" with: the last-interaction tick at or
    /// before which at least k whole days have passed (<see cref="NowTicks"/> − k days), clamped into the range of real instants.
    /// </summary>
    public long[] DayThresholds = [];

    /// <summary>The scalar kernel, for the rows the vectorised kernel hands back (an overflow, a day boundary within 100 µs).</summary>
    public Action<CustomerChunk, RunContext, int, int>? ScalarKernel;

    /// <summary>The scalar kernel with each rule guarded (a rule that throws does not hold).</summary>
    public Action<CustomerChunk, RunContext, int, int>? GuardedKernel;
}
