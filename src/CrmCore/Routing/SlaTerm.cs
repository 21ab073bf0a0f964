using NodaTime;

namespace CrmCore.Routing;

/// <summary>
/// The time-dependent part of a ticket's priority: <c>priority(now) = static + term(due − now)</c>. With <c>r = due − now</c> in whole
/// seconds (rounded down), H the horizon, P the points at due, S the overdue points per hour and C the overdue cap:
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
    private readonly long _horizonSeconds;
    private readonly long _horizonTicks;
    private readonly long _pointsAtDue;
    private readonly long _overduePerHour;
    private readonly long _capSeconds;

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

        // Sub-second horizons round up to one second so the division below is never by zero.
        _horizonSeconds = Math.Max(1, (long)options.Horizon.TotalSeconds);
        _horizonTicks = _horizonSeconds * TicksPerSecond;
        _pointsAtDue = options.PointsAtDue;
        _overduePerHour = options.OverduePointsPerHour;
        _capSeconds = (long)options.OverdueCap.TotalSeconds;
        MaxTerm = _pointsAtDue + (_overduePerHour * _capSeconds / 3600);
    }

    /// <summary>The term with the default settings of <see cref="SlaTermOptions"/>.</summary>
    public static SlaTerm Default { get; } = new(new SlaTermOptions());

    /// <summary>The largest value the term can take (at or beyond the overdue cap).</summary>
    public long MaxTerm { get; }

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
            return (_pointsAtDue * (_horizonSeconds - seconds)) / _horizonSeconds;
        }

        var late = Math.Min(-seconds, _capSeconds);
        return _pointsAtDue + (_overduePerHour * late / 3600);
    }
}
