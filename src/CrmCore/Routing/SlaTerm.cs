using NodaTime;

namespace CrmCore.Routing;

/// <summary>
/// The time-dependent part of a ticket's priority: <c>priority(now) = static + term(due − now)</c>. With <c>r = due − now</c> in whole
/// seconds (rounded down), H the horizon and C the overdue cap in whole seconds (see <see cref="WholeSeconds"/>: rounded down from
/// their exact nanoseconds, H at least 1), P the points at due and S the overdue points per hour:
/// <list type="bullet">
/// <item><c>r ≥ H</c>: 0;</item>
/// <item><c>0 ≤ r &lt; H</c>: <c>⌊P·(H − r) / H⌋</c>, rising linearly to P at the due time;</item>
/// <item><c>r &lt; 0</c>: <c>P + ⌊S·min(−r, C) / 3600⌋</c>, rising further past due, flat after the cap.</item>
/// </list>
/// Every piece is non-increasing in <c>r</c> and the pieces meet (P at <c>r = 0</c>), so the term never falls as time passes, and
/// it is the same function for every ticket. A ticket without a due time has no time term (0). Immutable and thread-safe.
/// </summary>
public sealed class SlaTerm
{
    private const long TicksPerSecond = NodaConstants.TicksPerSecond;
    private readonly long _horizonTicks;
    private readonly long _pointsAtDue;
    private readonly long _overduePerHour;

    /// <summary>Creates the term from validated settings.</summary>
    /// <param name="options">The settings; see <see cref="SlaTermOptions"/> for defaults and ranges.</param>
    /// <exception cref="ArgumentException">The settings are invalid; the message lists every problem.</exception>
    public SlaTerm(SlaTermOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", problems), nameof(options));
        }

        // Sub-second horizons count as one second so the division below is never by zero.
        HorizonSeconds = Math.Max(1, WholeSeconds(options.Horizon));
        _horizonTicks = HorizonSeconds * TicksPerSecond;
        _pointsAtDue = options.PointsAtDue;
        _overduePerHour = options.OverduePointsPerHour;
        CapSeconds = WholeSeconds(options.OverdueCap);
        MaxTerm = _pointsAtDue + (_overduePerHour * CapSeconds / 3600);
    }

    /// <summary>The term with the default settings of <see cref="SlaTermOptions"/>.</summary>
    public static SlaTerm Default { get; } = new(new SlaTermOptions());

    /// <summary>The largest value the term can take (at or beyond the overdue cap).</summary>
    public long MaxTerm { get; }

    /// <summary>H: the horizon in whole seconds (<see cref="WholeSeconds"/>), at least 1. The stores bind this value into SQL.</summary>
    internal long HorizonSeconds { get; }

    /// <summary>C: the overdue cap in whole seconds (<see cref="WholeSeconds"/>). The stores bind this value into SQL.</summary>
    internal long CapSeconds { get; }

    /// <summary>
    /// A setting in whole seconds, computed exactly from its nanoseconds and rounded toward zero (down, as the settings are never
    /// negative). Down, because the term counts <c>r</c> in whole seconds rounded down: with H ≤ the horizon, <c>r ≥ H</c> holds
    /// whenever due − now is at least the horizon, so the term never starts rising before the horizon set (from a horizon of one
    /// second up), and with C ≤ the cap it never rises past the cap set (<see cref="MaxTerm"/> ≤ P + S·cap / 1 h). A double of the
    /// seconds (<see cref="Duration.TotalSeconds"/>) is not exact here: from about 194 days (2^24 s) a setting a nanosecond short of
    /// a whole second can round up to it, so 366 days less a nanosecond came out as 31,622,400 s, one second long.
    /// </summary>
    /// <param name="duration">A horizon or a cap, validated (0 to 366 days).</param>
    /// <returns>The whole seconds.</returns>
    internal static long WholeSeconds(Duration duration) => (long)(duration.ToInt128Nanoseconds() / NodaConstants.NanosecondsPerSecond);

    /// <summary>The term for a ticket due at <paramref name="due"/>, evaluated at <paramref name="now"/>.</summary>
    /// <param name="due">The SLA due time, or null when the ticket has no SLA (the term is then 0).</param>
    /// <param name="now">The moment of evaluation.</param>
    /// <returns>0 to <see cref="MaxTerm"/>, non-decreasing in <paramref name="now"/>.</returns>
    public long Evaluate(Instant? due, Instant now) =>
        due is { } d ? EvaluateTicks(d.ToUnixTimeTicks(), now.ToUnixTimeTicks()) : 0;

    /// <summary>The whole priority at <paramref name="now"/>: <paramref name="staticPriority"/> plus the term.</summary>
    /// <param name="staticPriority">The static part from the priority rules.</param>
    /// <param name="due">The SLA due time, or null.</param>
    /// <param name="now">The moment of evaluation.</param>
    /// <returns>The priority; higher is served first.</returns>
    public long Score(long staticPriority, Instant? due, Instant now) => staticPriority + Evaluate(due, now);

    /// <summary>The term from tick values, exact for any two longs; <see cref="long.MaxValue"/> as the due time means "no SLA".</summary>
    internal long EvaluateTicks(long dueTicks, long nowTicks)
    {
        if (dueTicks == long.MaxValue)
        {
            return 0;
        }

        // due − now needs 65 bits at the ends of the range; test for that before subtracting. A difference above long.MaxValue is far
        // beyond any horizon (at most 366 days), one below long.MinValue far beyond any overdue cap (at most 366 days), so the term there is
        // exactly 0 or MaxTerm.
        if (nowTicks < 0 ? dueTicks > long.MaxValue + nowTicks : dueTicks < long.MinValue + nowTicks)
        {
            return nowTicks < 0 ? 0 : MaxTerm;
        }

        var remaining = dueTicks - nowTicks;

        // Fast path, exact: floor(r / 1 s) >= H exactly when r >= H seconds in ticks, so below it the whole seconds are under H.
        if (remaining >= _horizonTicks)
        {
            return 0;
        }

        // Whole seconds rounded down (division rounds towards zero; a negative r with a remainder is one second more late).
        var seconds = remaining / TicksPerSecond;
        if (remaining < 0 && seconds * TicksPerSecond != remaining)
        {
            seconds--;
        }

        if (seconds >= 0)
        {
            return (_pointsAtDue * (HorizonSeconds - seconds)) / HorizonSeconds;
        }

        var late = Math.Min(-seconds, CapSeconds);
        return _pointsAtDue + (_overduePerHour * late / 3600);
    }
}
