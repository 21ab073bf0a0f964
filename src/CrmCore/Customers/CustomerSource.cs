namespace CrmCore.Customers;

/// <summary>
/// The channel through which the customer first came in. Extensible: the well-known values below are provided, and a host may create its own with the constructor.
/// Compared ordinally by code. Display names in English and zh-Hans: <c>DisplayNames.Of</c>.
/// </summary>
public readonly record struct CustomerSource
{
    /// <summary>Creates a value from its code.</summary>
    /// <param name="code">A non-empty code, trimmed.</param>
    /// <exception cref="ArgumentException">The code is empty or white space.</exception>
    public CustomerSource(string code)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        Code = code.Trim();
    }

    /// <summary>The stable code, used in rules, storage and resources; empty for the default instance.</summary>
    public string Code { get => field ?? string.Empty; }

    /// <summary>The company's web form (官网表单).</summary>
    public static CustomerSource WebForm { get; } = new("WebForm");

    /// <summary>An e-commerce platform (电商平台).</summary>
    public static CustomerSource ECommerce { get; } = new("ECommerce");

    /// <summary>A physical store (线下门店).</summary>
    public static CustomerSource Store { get; } = new("Store");

    /// <summary>A referral by another customer (转介绍).</summary>
    public static CustomerSource Referral { get; } = new("Referral");

    /// <inheritdoc />
    public override string ToString() => Code;
}
