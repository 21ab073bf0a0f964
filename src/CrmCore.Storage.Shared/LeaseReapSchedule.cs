using NodaTime;

namespace CrmCore.Storage;

/// <summary>
/// When a leased claim must first return expired leases to the queue. One per store instance: it keeps the earliest instant at which
/// a lease in the queue can expire, as this instance knows it, and a claim before that instant skips the reaper statement.
/// </summary>
/// <remarks>
/// <para>After a reap the claim reads the earliest <c>lease_until</c> still in the queue (one probe of the lease index, in the claim's
/// round trip), and the next reap is due at that instant or at the reap's instant plus <see cref="ShortestLease"/>, whichever comes
/// first. A lease that another instance issues later expires at its own claim instant plus its lease time, which is at least
/// <see cref="ShortestLease"/> (the options allow no shorter lease), so it is never missed whatever lease time that instance uses,
/// provided the instances' claim instants come from clocks that agree. Leases this instance issues lower the bound at once, so
/// claims at instants that go back in time (tests) stay exact.</para>
/// <para>Thread-safe: a reap that raced with a lease issued by this instance leaves the bound where it is, so the next claim reaps
/// again rather than too late.</para>
/// </remarks>
internal sealed class LeaseReapSchedule
{
    /// <summary>The shortest lease any instance may issue (the options' lower bound for <c>LeaseDuration</c>).</summary>
    public static readonly Duration ShortestLease = Duration.FromSeconds(1);

    private static readonly long ShortestLeaseTicks = ShortestLease.BclCompatibleTicks;

    // Unix ticks; no lease in the queue expires before it as far as this instance knows. MinValue: unknown, reap at the next claim.
    private long _reapAt = long.MinValue;

    /// <summary>Whether a claim at <paramref name="nowTicks"/> must reap first; <paramref name="seen"/> is the bound it was compared with
    /// (pass it back to <see cref="Reaped"/>).</summary>
    public bool IsDue(long nowTicks, out long seen)
    {
        seen = Volatile.Read(ref _reapAt);
        return nowTicks >= seen;
    }

    /// <summary>Records a reap at <paramref name="nowTicks"/> after which the earliest lease left expires at <paramref name="earliestTicks"/>
    /// (null: no lease is held). Leaves the bound alone when it changed since <paramref name="seen"/>.</summary>
    public void Reaped(long seen, long nowTicks, long? earliestTicks)
    {
        var horizon = nowTicks > long.MaxValue - ShortestLeaseTicks ? long.MaxValue : nowTicks + ShortestLeaseTicks;
        var next = earliestTicks is { } earliest ? Math.Min(earliest, horizon) : horizon;
        Interlocked.CompareExchange(ref _reapAt, next, seen);
    }

    /// <summary>Records a lease this instance issued, held until <paramref name="untilTicks"/>.</summary>
    public void Issued(long untilTicks)
    {
        var current = Volatile.Read(ref _reapAt);
        while (untilTicks < current)
        {
            var found = Interlocked.CompareExchange(ref _reapAt, untilTicks, current);
            if (found == current)
            {
                return;
            }

            current = found;
        }
    }
}
