using NodaTime;

namespace CrmCore.Storage;

/// <summary>
/// The precision every store keeps instants at: whole microseconds, PostgreSQL's <c>timestamptz</c> resolution. The desk truncates the
/// instants it records to it, and the SQLite provider stores them so, so that the in-memory stores, SQLite and PostgreSQL hold the
/// same values.
/// </summary>
internal static class StoredPrecision
{
    private const long TicksPerMicrosecond = 10;

    /// <summary>The instant rounded down to a whole microsecond (towards the past, before 1970 too).</summary>
    public static Instant Truncate(Instant instant)
    {
        var ticks = instant.ToUnixTimeTicks();
        return Instant.FromUnixTimeTicks(ticks - (((ticks % TicksPerMicrosecond) + TicksPerMicrosecond) % TicksPerMicrosecond));
    }

    /// <summary>The instant rounded down to a whole microsecond, or null.</summary>
    public static Instant? Truncate(Instant? instant) => instant is { } value ? Truncate(value) : null;
}
