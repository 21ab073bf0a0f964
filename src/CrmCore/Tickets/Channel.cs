namespace CrmCore.Tickets;

/// <summary>
/// The channel through which a ticket or interaction arrived. Extensible: the well-known values below are provided, and a host may create its own with
/// the constructor. Compared ordinally by code.
/// </summary>
public readonly record struct Channel
{
    /// <summary>Creates a value from its code.</summary>
    /// <param name="code">A non-empty code such as <c>Complaint</c>.</param>
    /// <exception cref="ArgumentException">The code is empty or white space.</exception>
    public Channel(string code)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        Code = code;
    }

    /// <summary>The stable code, used in rules, storage and resources.</summary>
    public string Code { get => field ?? string.Empty; }

    /// <summary>Telephone (电话).</summary>
    public static Channel Phone { get; } = new("Phone");

    /// <summary>E-mail (邮件).</summary>
    public static Channel Email { get; } = new("Email");

    /// <summary>Online chat (在线客服).</summary>
    public static Channel OnlineChat { get; } = new("OnlineChat");

    /// <summary>An on-site or in-store visit (上门/到店).</summary>
    public static Channel Visit { get; } = new("Visit");

    /// <summary>A web form (官网表单).</summary>
    public static Channel WebForm { get; } = new("WebForm");

    /// <summary>SMS (短信).</summary>
    public static Channel Sms { get; } = new("Sms");

    /// <inheritdoc />
    public override string ToString() => Code;
}
