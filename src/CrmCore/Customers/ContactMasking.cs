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

    public static string MaskPhone(string? phone)
    {
        if (phone is null)
        {
            return string.Empty;
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
