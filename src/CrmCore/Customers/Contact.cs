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

    private Contact(string name, ContactRole role, string? storedPhone, string? storedEmail)
        : this(name, role)
    {
        _phone = storedPhone;
        _email = storedEmail;
    }

    // Plain backing fields rather than `field`: Restore sets them without the accessors' checks, and `with` copies them as they are.
    private readonly string? _phone;
    private readonly string? _email;

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

    /// <summary>
    /// Rebuilds a stored contact. The name and role are checked as usual, but the phone and e-mail are taken as stored, without
    /// today's checks, so a contact written under an older, laxer phone or e-mail rule still loads (nothing stored is lost). A value
    /// set later with <c>with</c> is checked again. Stores call this when they restore a <see cref="CustomerState"/>.
    /// </summary>
    /// <param name="name">The person's name; not blank.</param>
    /// <param name="role">The role; not the default instance.</param>
    /// <param name="phone">The stored phone, or null; trimmed, blank becomes null.</param>
    /// <param name="email">The stored e-mail, or null; trimmed, blank becomes null.</param>
    /// <returns>The contact.</returns>
    /// <exception cref="ArgumentException">The name is blank or the role is empty.</exception>
    public static Contact Restore(string name, ContactRole role, string? phone, string? email) =>
        new(name, role, Stored(phone), Stored(email));

    /// <summary>The phone number as given (trimmed), or null: a number <see cref="Normalization.PhoneNormalizer"/> reads.</summary>
    /// <exception cref="ArgumentException">Set to a value that is not a phone number.</exception>
    public string? Phone
    {
        get => _phone;
        init => _phone = ContactMasking.ValidatePhone(value);
    }

    /// <summary>The e-mail address (trimmed), or null. Must look like <c>local@domain.tld</c>.</summary>
    /// <exception cref="ArgumentException">Set to a value that is not an address.</exception>
    public string? Email
    {
        get => _email;
        init => _email = ContactMasking.ValidateEmail(value);
    }

    /// <summary>The postal address, or null.</summary>
    public string? Address
    {
        get;
        init => field = string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }

    /// <summary>The birthday (month and day; the year is often unknown), or null. Used for birthday care.</summary>
    public AnnualDate? Birthday { get; init; }

    /// <summary>The phone with all but its line's last four digits hidden: <c>****5678</c>; an extension stays readable
    /// (<c>010-88889999转123</c> is <c>****9999转123</c>); empty when there is no phone.</summary>
    public string MaskedPhone => ContactMasking.MaskPhone(Phone);

    /// <summary>The e-mail with the local part hidden after its first character: <c>z***@example.com</c>; empty when there is no e-mail.</summary>
    public string MaskedEmail => ContactMasking.MaskEmail(Email);

    private static string? Stored(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
