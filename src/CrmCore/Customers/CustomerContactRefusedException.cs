using System.Globalization;
using CrmCore.Localization;

namespace CrmCore.Customers;

/// <summary>
/// Thrown when a proactive (outbound) contact is recorded for a customer who asked not to be contacted. The record is kept
/// unchanged; the opt-out ends when the customer gets in touch (an inbound interaction).
/// </summary>
public sealed class CustomerContactRefusedException : CrmException
{
    /// <summary>The stable error code, <c>CRM-CUSTOMER-DO-NOT-CONTACT</c>.</summary>
    public const string ErrorCode = "CRM-CUSTOMER-DO-NOT-CONTACT";

    /// <summary>Creates the exception.</summary>
    /// <param name="customerId">The customer.</param>
    public CustomerContactRefusedException(CustomerId customerId)
        : base(Strings.Format("Error_CustomerContactRefused", CultureInfo.InvariantCulture, customerId.Value))
    {
        CustomerId = customerId;
        Code = ErrorCode;
    }

    /// <summary>The customer.</summary>
    public CustomerId CustomerId { get; }

    /// <inheritdoc />
    public override string LocalizedMessage(CultureInfo? culture = null) =>
        Strings.Format("Error_CustomerContactRefused", culture ?? CultureInfo.CurrentUICulture, CustomerId.Value);
}
