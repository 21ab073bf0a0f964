namespace CrmCore.Completeness;

/// <summary>A field of a customer record that the completeness check can require or recommend.</summary>
public enum CustomerDataField
{
    /// <summary>The short name.</summary>
    ShortName,

    /// <summary>The industry.</summary>
    Industry,

    /// <summary>The value tier.</summary>
    Tier,

    /// <summary>The account manager.</summary>
    AccountManager,

    /// <summary>At least one contact.</summary>
    Contact,

    /// <summary>A contact with a phone number.</summary>
    Phone,

    /// <summary>A contact with an e-mail address.</summary>
    Email,

    /// <summary>A contact with a postal address.</summary>
    Address,

    /// <summary>The first cooperation date.</summary>
    FirstCooperationOn,

    /// <summary>A non-zero annual cooperation amount.</summary>
    AnnualAmount,

    /// <summary>At least one product.</summary>
    Products,

    /// <summary>The source channel of first contact.</summary>
    Source,

    /// <summary>The company size (employees or revenue).</summary>
    Size,
}
