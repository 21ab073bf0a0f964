using CrmCore.Customers;

namespace CrmCore.Import.Customers;

/// <summary>Compares two states of a customer by value (every field but the version), lists element by element.</summary>
internal static class CustomerValues
{
    /// <summary>Whether two states hold the same values.</summary>
    /// <param name="a">One state.</param>
    /// <param name="b">The other.</param>
    /// <returns>True when every field but <see cref="CustomerState.Version"/> is equal.</returns>
    public static bool Same(CustomerState a, CustomerState b) =>
        a.Id == b.Id
        && string.Equals(a.Name, b.Name, StringComparison.Ordinal)
        && string.Equals(a.ShortName, b.ShortName, StringComparison.Ordinal)
        && a.Industry == b.Industry
        && a.Size == b.Size
        && a.Source == b.Source
        && a.FirstContactOn == b.FirstContactOn
        && a.CreatedAt == b.CreatedAt
        && a.Contacts.SequenceEqual(b.Contacts)
        && a.FirstCooperationOn == b.FirstCooperationOn
        && a.AnnualAmount == b.AnnualAmount
        && a.Products.SequenceEqual(b.Products, StringComparer.Ordinal)
        && a.OrdersPerYear == b.OrdersPerYear
        && a.AccountManager == b.AccountManager
        && a.PreferenceTags.SequenceEqual(b.PreferenceTags, StringComparer.Ordinal)
        && string.Equals(a.Tier, b.Tier, StringComparison.Ordinal)
        && a.Tags.SequenceEqual(b.Tags, StringComparer.Ordinal)
        && a.DoNotContactSince == b.DoNotContactSince
        && string.Equals(a.DoNotContactReason, b.DoNotContactReason, StringComparison.Ordinal)
        && a.LastInteractionAt == b.LastInteractionAt;
}
