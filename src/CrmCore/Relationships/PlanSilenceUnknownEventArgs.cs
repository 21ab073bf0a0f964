using System.Globalization;
using CrmCore.Customers;
using CrmCore.Localization;

namespace CrmCore.Relationships;

/// <summary>
/// Raised by <see cref="ContactPlanner.SilenceUnknown"/> for a customer with no recorded interaction and no first-contact date
/// (<see cref="PlanSubject.LastInteractionAt"/> and <see cref="PlanSubject.FirstContactOn"/> both null) when the policy plans care for
/// silent customers: whether the customer is silent cannot be told, so no such care is planned for it. Immutable.
/// </summary>
public sealed class PlanSilenceUnknownEventArgs : EventArgs
{
    /// <summary>Creates the arguments.</summary>
    /// <param name="customer">The customer.</param>
    public PlanSilenceUnknownEventArgs(CustomerId customer)
    {
        Customer = customer;
    }

    /// <summary>The customer.</summary>
    public CustomerId Customer { get; }

    /// <summary>The warning for end users in a culture: Simplified Chinese for a Simplified Chinese culture, English otherwise.</summary>
    /// <param name="culture">The culture; default <see cref="CultureInfo.CurrentUICulture"/>.</param>
    /// <returns>The message, which names the customer and what to record.</returns>
    public string Message(CultureInfo? culture = null) => Strings.Format("Plan_SilenceUnknown", culture, Customer.Value);
}
