using System.Globalization;
using CrmCore.Customers;
using CrmCore.Localization;

namespace CrmCore.Access;

/// <summary>
/// Thrown when a principal asks for something the <see cref="AccessPolicy"/> does not allow: a customer outside its scope, an update of a
/// field it may not change, a reveal without read-unmasked or without a reason. Nothing was changed, revealed or audited.
/// </summary>
public sealed class AccessDeniedException : CrmException
{
    /// <summary>The stable error code, <c>CRM-ACCESS-DENIED</c>.</summary>
    public const string ErrorCode = "CRM-ACCESS-DENIED";

    /// <summary>Creates the exception.</summary>
    /// <param name="denial">Why.</param>
    /// <param name="principal">Who asked.</param>
    /// <param name="customerId">The customer.</param>
    /// <param name="field">The field, or null for the whole record.</param>
    public AccessDeniedException(AccessDenial denial, Principal principal, CustomerId customerId, CustomerField? field = null)
        : base(Text(denial, principal, customerId, field, CultureInfo.InvariantCulture))
    {
        ArgumentNullException.ThrowIfNull(principal);
        Denial = denial;
        Principal = principal;
        CustomerId = customerId;
        Field = field;
        Code = ErrorCode;
    }

    /// <summary>Why.</summary>
    public AccessDenial Denial { get; }

    /// <summary>Who asked.</summary>
    public Principal Principal { get; }

    /// <summary>The customer.</summary>
    public CustomerId CustomerId { get; }

    /// <summary>The field, or null.</summary>
    public CustomerField? Field { get; }

    /// <inheritdoc />
    public override string LocalizedMessage(CultureInfo? culture = null) =>
        Text(Denial, Principal, CustomerId, Field, culture ?? CultureInfo.CurrentUICulture);

    private static string Text(AccessDenial denial, Principal principal, CustomerId customerId, CustomerField? field, CultureInfo culture) =>
        Strings.Format(
            "Error_Access_" + denial,
            culture,
            principal.User.Value,
            string.Join(", ", principal.Roles),
            customerId.Value,
            field is { } f ? CustomerFields.NameOf(f) : string.Empty);
}
