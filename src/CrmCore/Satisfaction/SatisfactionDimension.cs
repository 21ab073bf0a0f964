namespace CrmCore.Satisfaction;

/// <summary>
/// One aspect of service that a survey scores from 1 to 5 (response speed, resolution, ...). Extensible: the well-known values
/// below are the defaults of <see cref="SatisfactionOptions.Dimensions"/>, and a host may create its own with the constructor.
/// Compared ordinally by code. Immutable and thread-safe.
/// </summary>
public readonly record struct SatisfactionDimension : IComparable<SatisfactionDimension>
{
    /// <summary>Creates a dimension from its code.</summary>
    /// <param name="code">A non-empty code such as <c>ResponseSpeed</c>; at most 64 characters.</param>
    /// <exception cref="ArgumentException">The code is empty, white space or longer than 64 characters.</exception>
    public SatisfactionDimension(string code)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        if (code.Length > 64)
        {
            throw new ArgumentException("A dimension code is at most 64 characters long.", nameof(code));
        }

        Code = code;
    }

    /// <summary>The stable code, used in storage, options and report labels. Empty for the default instance.</summary>
    public string Code { get => field ?? string.Empty; }

    /// <summary>How fast the service answered (响应速度).</summary>
    public static SatisfactionDimension ResponseSpeed { get; } = new("ResponseSpeed");

    /// <summary>Whether the problem was solved (问题解决).</summary>
    public static SatisfactionDimension Resolution { get; } = new("Resolution");

    /// <summary>The quality of the solution offered (解决方案质量).</summary>
    public static SatisfactionDimension SolutionQuality { get; } = new("SolutionQuality");

    /// <summary>How well the agent communicated (沟通).</summary>
    public static SatisfactionDimension Communication { get; } = new("Communication");

    /// <summary>The price of the service or product (价格).</summary>
    public static SatisfactionDimension Price { get; } = new("Price");

    /// <inheritdoc />
    public int CompareTo(SatisfactionDimension other) => string.CompareOrdinal(Code, other.Code);

    /// <summary>Ordinal comparison by code.</summary>
    public static bool operator <(SatisfactionDimension left, SatisfactionDimension right) => left.CompareTo(right) < 0;

    /// <summary>Ordinal comparison by code.</summary>
    public static bool operator >(SatisfactionDimension left, SatisfactionDimension right) => left.CompareTo(right) > 0;

    /// <summary>Ordinal comparison by code.</summary>
    public static bool operator <=(SatisfactionDimension left, SatisfactionDimension right) => left.CompareTo(right) <= 0;

    /// <summary>Ordinal comparison by code.</summary>
    public static bool operator >=(SatisfactionDimension left, SatisfactionDimension right) => left.CompareTo(right) >= 0;

    /// <inheritdoc />
    public override string ToString() => Code;
}
