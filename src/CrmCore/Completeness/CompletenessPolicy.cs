namespace CrmCore.Completeness;

/// <summary>
/// Which customer fields the daily completeness check (document 002) requires and which it recommends. The default follows
/// document 001's "key fields": industry, tier, account manager, a contact with a phone, and the annual amount are required;
/// e-mail, first cooperation date, products and source are recommended. Immutable and thread-safe.
/// </summary>
public sealed record CompletenessPolicy
{
    /// <summary>The default policy (see the type's summary).</summary>
    public static CompletenessPolicy Default { get; } = new()
    {
        Required = [CustomerDataField.Industry, CustomerDataField.Tier, CustomerDataField.AccountManager, CustomerDataField.Phone, CustomerDataField.AnnualAmount],
        Recommended = [CustomerDataField.Email, CustomerDataField.FirstCooperationOn, CustomerDataField.Products, CustomerDataField.Source],
    };

    /// <summary>Fields a complete record must have.</summary>
    public IReadOnlyList<CustomerDataField> Required { get; init; } = [];

    /// <summary>Fields a record should have; missing ones lower the score but do not make the record incomplete.</summary>
    public IReadOnlyList<CustomerDataField> Recommended { get; init; } = [];
}
