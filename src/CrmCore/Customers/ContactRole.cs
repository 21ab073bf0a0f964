namespace CrmCore.Customers;

/// <summary>
/// The role a contact person plays at the customer. Extensible: the well-known values below are provided, and a host may create its own with the constructor.
/// Compared ordinally by code. Display names in English and zh-Hans: <c>DisplayNames.Of</c>.
/// </summary>
public readonly record struct ContactRole
{
    /// <summary>Creates a value from its code.</summary>
    /// <param name="code">A non-empty code, trimmed.</param>
    /// <exception cref="ArgumentException">The code is empty or white space.</exception>
    public ContactRole(string code)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        Code = code.Trim();
    }

    /// <summary>The stable code, used in rules, storage and resources; empty for the default instance.</summary>
    public string Code { get => field ?? string.Empty; }

    /// <summary>Decision maker (决策人).</summary>
    public static ContactRole DecisionMaker { get; } = new("DecisionMaker");

    /// <summary>Technical lead (技术负责人).</summary>
    public static ContactRole TechnicalLead { get; } = new("TechnicalLead");

    /// <summary>Procurement lead (采购负责人).</summary>
    public static ContactRole ProcurementLead { get; } = new("ProcurementLead");

    /// <inheritdoc />
    public override string ToString() => Code;
}
