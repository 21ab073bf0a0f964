namespace CrmCore.Customers;

/// <summary>Checks and masks contact data.</summary>
internal static class ContactMasking
{
    private const string Mask = "****";

    public static string? ValidatePhone(string? phone)
    {
        if (string.IsNullOrWhiteSpace(phone))
        {
            return null;
        }

        phone = phone.Trim();
        var digits = 0;
        foreach (var c in phone)
        {
            if (char.IsAsciiDigit(c))
            {
                digits++;
            }
            else if (c is not (' ' or '+' or '-' or '(' or ')'))
            {
                throw new ArgumentException($"A phone number holds digits, spaces and + - ( ) only; '{c}' is not allowed.", nameof(phone));
            }
        }

        return digits >= 4 ? phone : throw new ArgumentException("A phone number has at least 4 digits.", nameof(phone));
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
            && !email.Any(char.IsWhiteSpace);
        return valid ? email : throw new ArgumentException($"'{email}' is not an e-mail address.", nameof(email));
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
