using CrmCore.Routing;

namespace CrmCore.Storage;

/// <summary>
/// The SLA term's numbers for SQL, taken from the <see cref="SlaTerm"/> built from <see cref="SlaTermOptions"/> (one conversion of the
/// horizon and the cap to whole seconds, <see cref="SlaTerm.WholeSeconds"/>), so a database ranks tickets as the in-memory
/// <see cref="TicketQueue"/> does (the contract tests compare both).
/// </summary>
internal sealed class SlaTermParameters
{
    public const long TicksPerSecond = 10_000_000;

    /// <summary>The due-time value stored for "no SLA": sorts last and has no term, as in <see cref="TicketQueue"/>.</summary>
    public const long NoDue = long.MaxValue;

    public SlaTermParameters(SlaTermOptions? options)
    {
        options ??= new SlaTermOptions();
        var term = new SlaTerm(options); // validates: ArgumentException listing every problem
        HorizonSeconds = term.HorizonSeconds;
        HorizonTicks = HorizonSeconds * TicksPerSecond;
        PointsAtDue = options.PointsAtDue;
        OverduePerHour = options.OverduePointsPerHour;
        CapSeconds = term.CapSeconds;
    }

    public long HorizonSeconds { get; }

    public long HorizonTicks { get; }

    public long PointsAtDue { get; }

    public long OverduePerHour { get; }

    public long CapSeconds { get; }
}
