namespace CrmCore.Tickets;

/// <summary>
/// The kind of request a ticket records. Extensible: the well-known values below are provided, and a host may create its own with
/// the constructor. Compared ordinally by code.
/// </summary>
public readonly record struct TicketType
{
    /// <summary>Creates a value from its code.</summary>
    /// <param name="code">A non-empty code such as <c>Complaint</c>.</param>
    /// <exception cref="ArgumentException">The code is empty or white space.</exception>
    public TicketType(string code)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        Code = code;
    }

    /// <summary>The stable code, used in rules, storage and resources.</summary>
    public string Code { get => field ?? string.Empty; }

    /// <summary>A question (咨询).</summary>
    public static TicketType Consultation { get; } = new("Consultation");

    /// <summary>A complaint (投诉); priority rules count it as urgent by default.</summary>
    public static TicketType Complaint { get; } = new("Complaint");

    /// <summary>A suggestion (建议).</summary>
    public static TicketType Suggestion { get; } = new("Suggestion");

    /// <summary>An after-sales fault (故障).</summary>
    public static TicketType Fault { get; } = new("Fault");

    /// <summary>A pre-sales question (售前咨询).</summary>
    public static TicketType PreSales { get; } = new("PreSales");

    /// <inheritdoc />
    public override string ToString() => Code;
}
