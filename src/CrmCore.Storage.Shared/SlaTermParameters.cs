using CrmCore.Routing;

namespace CrmCore.Storage;

/// <summary>
/// The SLA term's numbers for SQL, derived from <see cref="SlaTermOptions"/> exactly as <see cref="SlaTerm"/> derives them, so a
/// database ranks tickets as the in-memory <see cref="TicketQueue"/> does (the contract tests compare both).
/// </summary>
internal sealed class SlaTermParameters
{
    public const long TicksPerSecond = 10_000_000;

    /// <summary>The due-time value stored for "no SLA": sorts last and has no term, as in <see cref="TicketQueue"/>.</summary>
    public const long NoDue = long.MaxValue;

    public SlaTermParameters(SlaTermOptions? options)
    {
        options ??= new SlaTermOptions();
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", problems), nameof(options));
        }

        HorizonSeconds = Math.Max(1, (long)options.Horizon.TotalSeconds);
        HorizonTicks = HorizonSeconds * TicksPerSecond;
        PointsAtDue = options.PointsAtDue;
        OverduePerHour = options.OverduePointsPerHour;
        CapSeconds = (long)options.OverdueCap.TotalSeconds;
    }

    public long HorizonSeconds { get; }

    public long HorizonTicks { get; }

    public long PointsAtDue { get; }

    public long OverduePerHour { get; }

    public long CapSeconds { get; }
}
