namespace CrmCore.Customers;

/// <summary>
/// The customer's industry. Extensible: the well-known values below are provided, and a host may create its own with the constructor.
/// Compared ordinally by code. Display names in English and zh-Hans: <c>DisplayNames.Of</c>.
/// </summary>
public readonly record struct Industry
{
    /// <summary>Creates a value from its code.</summary>
    /// <param name="code">A non-empty code, trimmed.</param>
    /// <exception cref="ArgumentException">The code is empty or white space.</exception>
    public Industry(string code)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        Code = code.Trim();
    }

    /// <summary>The stable code, used in rules, storage and resources; empty for the default instance.</summary>
    public string Code { get => field ?? string.Empty; }

    /// <summary>Manufacturing (制造业).</summary>
    public static Industry Manufacturing { get; } = new("Manufacturing");

    /// <summary>Retail (零售业).</summary>
    public static Industry Retail { get; } = new("Retail");

    /// <summary>Services (服务业).</summary>
    public static Industry Services { get; } = new("Services");

    /// <summary>Technology and Internet (科技/互联网).</summary>
    public static Industry Technology { get; } = new("Technology");

    /// <inheritdoc />
    public override string ToString() => Code;
}
