using System.Collections.Frozen;
using System.Globalization;
using CrmCore.Customers;
using NodaTime.Text;

namespace CrmCore.Access;

/// <summary>
/// The one place where customer fields are named, classified and masked. Sensitive (敏感) fields are the contact's phone, e-mail,
/// address and birthday and the annual cooperation (contract) amount; personal fields are the sensitive ones plus the customer's and
/// contacts' names (what a personal-data request exports and erasure removes). Thread-safe (stateless).
/// </summary>
public static class CustomerFields
{
    private const string Stars = "***";

    private static readonly string[] Names =
    [
        "name", "shortName", "industry", "size", "source", "firstContactOn", "accountManager", "tier", "tags", "preferences",
        "doNotContact", "lastInteraction", "transactions.firstCooperationOn", "transactions.annualAmount", "transactions.products",
        "transactions.ordersPerYear", "contact.name", "contact.role", "contact.phone", "contact.email", "contact.address", "contact.birthday",
    ];

    private static readonly FrozenDictionary<string, CustomerField> ByName =
        Names.Select((n, i) => (n, (CustomerField)i)).ToFrozenDictionary(p => p.n, p => p.Item2, StringComparer.Ordinal);

    /// <summary>Every field, in declaration order.</summary>
    public static IReadOnlyList<CustomerField> All { get; } = [.. Enumerable.Range(0, Names.Length).Select(i => (CustomerField)i)];

    /// <summary>The number of fields.</summary>
    internal static int Count => Names.Length;

    /// <summary>The field's name in policy JSON and exports, for example <c>contact.phone</c>.</summary>
    /// <param name="field">The field.</param>
    /// <returns>The name.</returns>
    /// <exception cref="ArgumentOutOfRangeException">Not a defined field.</exception>
    public static string NameOf(CustomerField field) =>
        (uint)field < (uint)Names.Length ? Names[(int)field] : throw new ArgumentOutOfRangeException(nameof(field), field, null);

    /// <summary>Finds a field by its name (ordinal, case-sensitive).</summary>
    /// <param name="name">The name, for example <c>transactions.annualAmount</c>.</param>
    /// <param name="field">The field when found.</param>
    /// <returns>True when the name is a field's.</returns>
    public static bool TryParse(string? name, out CustomerField field) => ByName.TryGetValue(name ?? string.Empty, out field);

    /// <summary>True for the fields whose clear value leaves the library only through the audited reveal act.</summary>
    /// <param name="field">The field.</param>
    /// <returns>True when sensitive.</returns>
    public static bool IsSensitive(CustomerField field) => field is CustomerField.ContactPhone or CustomerField.ContactEmail
        or CustomerField.ContactAddress or CustomerField.ContactBirthday or CustomerField.AnnualAmount;

    /// <summary>True for the fields that identify or describe a person: the sensitive ones and the customer's and contacts' names.</summary>
    /// <param name="field">The field.</param>
    /// <returns>True when personal.</returns>
    public static bool IsPersonal(CustomerField field) =>
        IsSensitive(field) || field is CustomerField.Name or CustomerField.ShortName or CustomerField.ContactName or CustomerField.DoNotContact;

    /// <summary>True for the <c>contact.*</c> fields, which apply to each contact.</summary>
    /// <param name="field">The field.</param>
    /// <returns>True for a contact field.</returns>
    public static bool IsContactField(CustomerField field) => field >= CustomerField.ContactName;

    /// <summary>
    /// Masks a value of a field: phones keep their line's last four digits (<c>****5678</c>) and an extension (<c>****9999转123</c>), e-mails their first character and domain
    /// (<c>z***@example.com</c>), amounts and birthdays show nothing (<c>***</c>), other text keeps its first character (<c>科***</c>).
    /// </summary>
    /// <param name="field">The field.</param>
    /// <param name="value">The clear value (as a view renders it), or null.</param>
    /// <returns>The masked value; null for null.</returns>
    public static string? Mask(CustomerField field, string? value)
    {
        if (value is null)
        {
            return null;
        }

        return field switch
        {
            CustomerField.ContactPhone => ContactMasking.MaskPhone(value),
            CustomerField.ContactEmail when value.Contains('@', StringComparison.Ordinal) => ContactMasking.MaskEmail(value),
            CustomerField.AnnualAmount or CustomerField.ContactBirthday or CustomerField.DoNotContact => Stars,
            _ when value.Length == 0 => value,
            _ when char.IsSurrogate(value[0]) => string.Concat(value.AsSpan(0, char.IsHighSurrogate(value[0]) && value.Length > 1 ? 2 : 1), Stars),
            _ => TextMasks[value[0]] ??= string.Concat(value.AsSpan(0, 1), Stars),
        };
    }

    // A masked text depends on its first character only, so it is interned, and so is a masked phone without an extension (by
    // ContactMasking): masking a large export allocates no new strings for them (races only compute the same string twice).
    private static readonly string?[] TextMasks = new string?[char.MaxValue + 1];

    /// <summary>The clear value of a customer-level field as a view renders it (invariant culture; lists joined by <c>, </c>), or null.</summary>
    internal static string? Read(CustomerState state, CustomerField field) => field switch
    {
        CustomerField.Name => state.Name,
        CustomerField.ShortName => state.ShortName,
        CustomerField.Industry => state.Industry.Code.Length == 0 ? null : state.Industry.Code,
        CustomerField.Size => SizeText(state.Size),
        CustomerField.Source => state.Source.Code.Length == 0 ? null : state.Source.Code,
        CustomerField.FirstContactOn => LocalDatePattern.Iso.Format(state.FirstContactOn),
        CustomerField.AccountManager => state.AccountManager?.Value,
        CustomerField.Tier => state.Tier,
        CustomerField.Tags => string.Join(", ", state.Tags),
        CustomerField.Preferences => string.Join(", ", state.PreferenceTags),
        CustomerField.DoNotContact => state.DoNotContactSince is { } since
            ? string.Concat(InstantPattern.General.Format(since), state.DoNotContactReason is null ? string.Empty : " " + state.DoNotContactReason)
            : null,
        CustomerField.LastInteraction => state.LastInteractionAt is { } at ? InstantPattern.General.Format(at) : null,
        CustomerField.FirstCooperationOn => state.FirstCooperationOn is { } on ? LocalDatePattern.Iso.Format(on) : null,
        CustomerField.AnnualAmount => string.Create(CultureInfo.InvariantCulture, $"{state.AnnualAmount.Amount} {state.AnnualAmount.Currency}"),
        CustomerField.Products => string.Join(", ", state.Products),
        CustomerField.OrdersPerYear => state.OrdersPerYear?.ToString(CultureInfo.InvariantCulture),
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, "Not a customer-level field."),
    };

    // The company size as the view and the audit trail show it, in the export's two parts: employees=120, annualRevenue=5000000 CNY
    // (a part without value left out); null when neither is known.
    private static string? SizeText(CompanySize size) => (size.Employees, size.AnnualRevenue) switch
    {
        (null, null) => null,
        ({ } employees, null) => string.Create(CultureInfo.InvariantCulture, $"employees={employees}"),
        (null, { } revenue) => string.Create(CultureInfo.InvariantCulture, $"annualRevenue={revenue.Amount} {revenue.Currency}"),
        ({ } employees, { } revenue) => string.Create(CultureInfo.InvariantCulture, $"employees={employees}, annualRevenue={revenue.Amount} {revenue.Currency}"),
    };

    /// <summary>The clear value of a contact field as a view renders it, or null.</summary>
    internal static string? Read(Contact contact, CustomerField field) => field switch
    {
        CustomerField.ContactName => contact.Name,
        CustomerField.ContactRole => contact.Role.Code,
        CustomerField.ContactPhone => contact.Phone,
        CustomerField.ContactEmail => contact.Email,
        CustomerField.ContactAddress => contact.Address,
        CustomerField.ContactBirthday => contact.Birthday?.ToString("MM-dd", CultureInfo.InvariantCulture),
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, "Not a contact field."),
    };
}
