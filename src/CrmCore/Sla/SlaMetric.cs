namespace CrmCore.Sla;

/// <summary>
/// What an SLA target measures. Extensible: the well-known metrics below have built-in clocks, and a host may add its own with the
/// constructor and an <see cref="ISlaClockDefinition"/>. Compared ordinally by code. Immutable and thread-safe.
/// </summary>
public readonly record struct SlaMetric
{
    /// <summary>Creates a metric from its code.</summary>
    /// <param name="code">A non-empty code such as <c>Resolution</c>.</param>
    /// <exception cref="ArgumentException">The code is empty or white space.</exception>
    public SlaMetric(string code)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        Code = code;
    }

    /// <summary>The stable code, used in policy JSON and resources.</summary>
    public string Code { get => field ?? string.Empty; }

    /// <summary>First response (首次响应): from raised until the first response to the customer.</summary>
    public static SlaMetric FirstResponse { get; } = new("FirstResponse");

    /// <summary>Next response (后续响应): from an unanswered customer message until it is answered.</summary>
    public static SlaMetric NextResponse { get; } = new("NextResponse");

    /// <summary>Resolution (解决): from raised until resolved; reopening resumes the clock.</summary>
    public static SlaMetric Resolution { get; } = new("Resolution");

    /// <summary>Revisit (回访): from the latest resolution until the ticket is closed after the revisit.</summary>
    public static SlaMetric Revisit { get; } = new("Revisit");

    /// <inheritdoc />
    public override string ToString() => Code;
}
