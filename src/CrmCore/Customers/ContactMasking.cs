using System.Globalization;
using CrmCore.Normalization;

namespace CrmCore.Customers;

/// <summary>Checks and masks contact data.</summary>
internal static class ContactMasking
{
    private const string Mask = "****";

    /// <summary>
    /// Checks a phone number by the one phone rule of the library, <see cref="PhoneNormalizer"/>: a mainland mobile, a landline with its
    /// area code, a 400/800 hotline, or another country's number with its <c>+</c> or <c>00</c> prefix, in any of the forms the normaliser
    /// reads (spaces, dashes, brackets, full-width digits, an extension). The text is kept as written (trimmed).
    /// </summary>
    public static string? ValidatePhone(string? phone)
    {
        if (string.IsNullOrWhiteSpace(phone))
        {
            return null;
        }

        phone = phone.Trim();
        return PhoneNormalizer.TryGetKey(phone, out _)
            ? phone
            : throw new ArgumentException(
                $"'{phone}' is not a phone number: give a mobile (13812345678), a landline with its area code (021-5555-0123), a 400/800 number, or +country code and number.",
                nameof(phone));
    }

    public static string? ValidateEmail(string? email)
    {
        if (string.IsNullOrWhiteSpace(email))
        {
            return null;
        }

        email = email.Trim();
        var at = email.IndexOf('@', StringComparison.Ordinal);
        var valid = at > 0
            && at == email.LastIndexOf('@')
            && email.IndexOf('.', at) > at + 1
            && !email.EndsWith('.')
            && !HasWhiteSpace(email);
        return valid ? email : throw new ArgumentException($"'{email}' is not an e-mail address.", nameof(email));
    }

    private static bool HasWhiteSpace(string text)
    {
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Masks a phone: the line shows only its last four digits (<c>****5678</c>); an extension stays readable after <c>转</c>, whichever
    /// mark the text used (<c>010-88889999转123</c>, <c>010-88889999-123</c> and <c>010-88889999 ext. 123</c> are all
    /// <c>****9999转123</c>), because the line is what identifies a person while an extension only names a desk behind a switchboard,
    /// which staff need to reach the contact. The digits are the line's as <see cref="PhoneNormalizer"/> reads it (full-width digits shown
    /// half-width), never an extension's. Text after a mark that is no extension (a second number) is not shown. A stored value the
    /// normaliser does not read (<see cref="Contact.Restore"/>) shows its last four digits. A masked line without an extension is one
    /// shared string per last four digits, so masking many phones allocates nothing for them. Thread-safe.
    /// </summary>
    public static string MaskPhone(string? phone)
    {
        if (phone is null)
        {
            return string.Empty;
        }

        if (PhoneNormalizer.TryGetKeyAndExtension(phone, out var key, out var extension, out _))
        {
            var line = LineMask((int)(key % 10_000));
            return extension.Length == 0 ? line : string.Concat(line, "转", extension);
        }

        Span<char> last = stackalloc char[4];
        var found = 0;
        for (var i = phone.Length - 1; i >= 0 && found < 4; i--)
        {
            if (char.IsAsciiDigit(phone[i]))
            {
                last[3 - found] = phone[i];
                found++;
            }
        }

        return string.Concat(Mask, last[(4 - found)..]);
    }

    // Races only compute the same string twice.
    private static readonly string?[] LineMasks = new string?[10_000];

    private static string LineMask(int lastFour) =>
        LineMasks[lastFour] ??= string.Create(CultureInfo.InvariantCulture, $"{Mask}{lastFour:D4}");

    public static string MaskEmail(string? email)
    {
        if (email is null)
        {
            return string.Empty;
        }

        var at = email.IndexOf('@', StringComparison.Ordinal);
        return string.Concat(email.AsSpan(0, 1), "***", email.AsSpan(at));
    }
}
