using System.Globalization;
using CrmCore.Customers;
using CrmCore.Localization;

namespace CrmCore.Desk;

/// <summary>
/// Thrown by <see cref="ServiceDesk.RegisterCustomerAsync(CustomerId, CustomerProfile, string?, IEnumerable{string}?, CancellationToken)"/>
/// when a customer with the same id is already stored. Nothing was written; change the existing customer through its own commands.
/// </summary>
public sealed class CustomerAlreadyRegisteredException : CrmException
{
    /// <summary>The stable error code, <c>CRM-DESK-CUSTOMER-EXISTS</c>.</summary>
    public const string ErrorCode = "CRM-DESK-CUSTOMER-EXISTS";

    /// <summary>Creates the exception.</summary>
    /// <param name="customerId">The customer that already exists.</param>
    /// <param name="innerException">The store's refusal, or null.</param>
    public CustomerAlreadyRegisteredException(CustomerId customerId, Exception? innerException = null)
        : base(Strings.Format("Error_CustomerAlreadyRegistered", CultureInfo.InvariantCulture, customerId.Value), innerException!)
    {
        CustomerId = customerId;
        Code = ErrorCode;
    }

    /// <summary>The customer that already exists.</summary>
    public CustomerId CustomerId { get; }

    /// <inheritdoc />
    public override string LocalizedMessage(CultureInfo? culture = null) =>
        Strings.Format("Error_CustomerAlreadyRegistered", culture ?? CultureInfo.CurrentUICulture, CustomerId.Value);
}
