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
    public string[] StringNames = [];
    public int[] StringLiteralIds = [];
    public ulong[] TagLiteralBits = [];
}
