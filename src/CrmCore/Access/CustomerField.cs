namespace CrmCore.Access;

/// <summary>
/// A field of a customer record that an <see cref="AccessPolicy"/> controls. Contact fields (<c>contact.*</c>) apply to every contact of
/// the customer. Which fields are sensitive is decided once, in <see cref="CustomerFields.IsSensitive"/>. Policy JSON names each field
/// by <see cref="CustomerFields.NameOf"/> (for example <c>contact.phone</c>).
/// </summary>
public enum CustomerField
{
    /// <summary>The full name (<c>name</c>).</summary>
    Name,

    /// <summary>The short name (<c>shortName</c>).</summary>
    ShortName,

    /// <summary>The industry (<c>industry</c>).</summary>
    Industry,

    /// <summary>The company size (<c>size</c>).</summary>
    Size,

    /// <summary>The channel of first contact (<c>source</c>).</summary>
    Source,

    /// <summary>The date of first contact (<c>firstContactOn</c>).</summary>
    FirstContactOn,

    /// <summary>The account manager (<c>accountManager</c>).</summary>
    AccountManager,

    /// <summary>The value tier (<c>tier</c>).</summary>
    Tier,

    /// <summary>The dynamic tags (<c>tags</c>).</summary>
    Tags,

    /// <summary>The preference tags (<c>preferences</c>).</summary>
    Preferences,

    /// <summary>The do-not-contact flag and since when (<c>doNotContact</c>).</summary>
    DoNotContact,

    /// <summary>The latest interaction (<c>lastInteraction</c>).</summary>
    LastInteraction,

    /// <summary>The first cooperation date (<c>transactions.firstCooperationOn</c>).</summary>
    FirstCooperationOn,

    /// <summary>The annual cooperation (contract) amount (<c>transactions.annualAmount</c>); sensitive.</summary>
    AnnualAmount,

    /// <summary>The products (<c>transactions.products</c>).</summary>
    Products,

    /// <summary>Orders per year (<c>transactions.ordersPerYear</c>).</summary>
    OrdersPerYear,

    /// <summary>A contact's name (<c>contact.name</c>); personal.</summary>
    ContactName,

    /// <summary>A contact's role (<c>contact.role</c>).</summary>
    ContactRole,

    /// <summary>A contact's phone (<c>contact.phone</c>); sensitive.</summary>
    ContactPhone,

    /// <summary>A contact's e-mail (<c>contact.email</c>); sensitive.</summary>
    ContactEmail,

    /// <summary>A contact's postal address (<c>contact.address</c>); sensitive.</summary>
    ContactAddress,

    /// <summary>A contact's birthday (<c>contact.birthday</c>); sensitive.</summary>
    ContactBirthday,
}
