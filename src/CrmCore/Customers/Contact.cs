using NodaTime;

namespace CrmCore.Customers;

/// <summary>
/// A contact person at a customer. Raw phone and e-mail stay available to the host (<see cref="Phone"/>, <see cref="Email"/>);
/// screens that must not show them use <see cref="MaskedPhone"/> (<c>****5678</c>) and <see cref="MaskedEmail"/> (<c>z***@example.com</c>).
/// Immutable (use <c>with</c> to change a field; values are checked again) and thread-safe.
/// </summary>
public sealed record Contact
{
    /// <summary>Creates a contact.</summary>
    /// <param name="name">The person's name; not blank, trimmed. Identifies the contact within its customer.</param>
    /// <param name="role">The role; not the default instance.</param>
    /// <exception cref="ArgumentException">The name is blank or the role is empty.</exception>
    public Contact(string name, ContactRole role)
    {
        Name = name;
        Role = role;
    }

    /// <summary>The person's name, trimmed.</summary>
    /// <exception cref="ArgumentException">Set to a blank name.</exception>
    public string Name
    {
        get;
        init
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(value, nameof(Name));
            field = value.Trim();
        }
    }

    /// <summary>The contact's role.</summary>
    /// <exception cref="ArgumentException">Set to the default (empty) role.</exception>
    public ContactRole Role
    {
        get;
        init => field = value.Code.Length == 0 ? throw new ArgumentException("The contact role is empty.", nameof(Role)) : value;
    }

    /// <summary>The phone number as given (trimmed), or null. Digits, spaces and <c>+ - ( )</c> only, with at least 4 digits.</summary>
    /// <exception cref="ArgumentException">Set to a value with other characters or fewer than 4 digits.</exception>
    public string? Phone
    {
        get;
        init => field = ContactMasking.ValidatePhone(value);
    }

    /// <summary>The e-mail address (trimmed), or null. Must look like <c>local@domain.tld</c>.</summary>
    /// <exception cref="ArgumentException">Set to a value that is not an address.</exception>
    public string? Email
    {
        get;
        init => field = ContactMasking.ValidateEmail(value);
    }

    /// <summary>The postal address, or null.</summary>
    public string? Address
    {
        get;
        init => field = string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }

    /// <summary>The birthday (month and day; the year is often unknown), or null. Used for birthday care.</summary>
    public AnnualDate? Birthday { get; init; }

    /// <summary>The phone with all but its last four digits hidden: <c>****5678</c>; empty when there is no phone.</summary>
    public string MaskedPhone => ContactMasking.MaskPhone(Phone);

    /// <summary>The e-mail with the local part hidden after its first character: <c>z***@example.com</c>; empty when there is no e-mail.</summary>
    public string MaskedEmail => ContactMasking.MaskEmail(Email);
}
