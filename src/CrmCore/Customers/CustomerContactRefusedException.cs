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
        : base($"Customer {customerId} asked not to be contacted; proactive contact is stopped until the customer gets in touch.")
    {
        CustomerId = customerId;
        Code = ErrorCode;
    }

    /// <summary>The customer.</summary>
    public CustomerId CustomerId { get; }
}
