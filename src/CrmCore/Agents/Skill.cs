namespace CrmCore.Agents;

/// <summary>
/// A skill an agent has or a ticket requires (for example <c>Technical</c> or <c>AfterSales</c>). Extensible: the well-known
/// values below are provided, and a host may create its own with the constructor. Compared ordinally by code.
/// </summary>
public readonly record struct Skill : IComparable<Skill>
{
    /// <summary>Creates a skill from its code.</summary>
    /// <param name="code">A non-empty code of at most 64 characters, such as <c>Technical</c>.</param>
    /// <exception cref="ArgumentException">The code is null, empty, white space or longer than 64 characters.</exception>
    public Skill(string code)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        if (code.Length > 64)
        {
            throw new ArgumentException("A skill code is at most 64 characters long.", nameof(code));
        }

        Code = code;
    }

    /// <summary>The stable code, used in rules, storage and resources. Empty only for the default instance.</summary>
    public string Code { get => field ?? string.Empty; }

    /// <summary>Technical support (技术支持).</summary>
    public static Skill Technical { get; } = new("Technical");

    /// <summary>After-sales service (售后服务).</summary>
    public static Skill AfterSales { get; } = new("AfterSales");

    /// <summary>Pre-sales consultation (售前咨询).</summary>
    public static Skill PreSales { get; } = new("PreSales");

    /// <summary>Complaint handling (投诉处理).</summary>
    public static Skill Complaints { get; } = new("Complaints");

    /// <summary>Billing and contracts (账务).</summary>
    public static Skill Billing { get; } = new("Billing");

    /// <inheritdoc />
    public int CompareTo(Skill other) => string.CompareOrdinal(Code, other.Code);

    /// <summary>Ordinal comparison.</summary>
    public static bool operator <(Skill left, Skill right) => left.CompareTo(right) < 0;

    /// <summary>Ordinal comparison.</summary>
    public static bool operator >(Skill left, Skill right) => left.CompareTo(right) > 0;

    /// <summary>Ordinal comparison.</summary>
    public static bool operator <=(Skill left, Skill right) => left.CompareTo(right) <= 0;

    /// <summary>Ordinal comparison.</summary>
    public static bool operator >=(Skill left, Skill right) => left.CompareTo(right) >= 0;

    /// <inheritdoc />
    public override string ToString() => Code;
}
