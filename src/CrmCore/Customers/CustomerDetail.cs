namespace CrmCore.Customers;

/// <summary>Which part of a customer's record a <see cref="CustomerDetailsChanged"/> event reports.</summary>
public enum CustomerDetail
{
    /// <summary>The full or short name.</summary>
    Names,

    /// <summary>The industry.</summary>
    Industry,

    /// <summary>The company size.</summary>
    Size,

    /// <summary>The contacts (added, updated or removed).</summary>
    Contacts,

    /// <summary>The transaction summary.</summary>
    Transactions,

    /// <summary>The preference tags.</summary>
    Preferences,

    /// <summary>The latest interaction instant.</summary>
    LastInteraction,
}
