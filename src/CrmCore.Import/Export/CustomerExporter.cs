using System.Globalization;
using CrmCore.Customers;
using CrmCore.Import.Mapping;
using CrmCore.Normalization;

namespace CrmCore.Import.Export;

/// <summary>
/// Writes customers as the customer table (.xlsx, one sheet, streamed): one row per contact with the customer's fields repeated
/// (a customer without contacts gets one row), headers in Chinese (document 001) or English, which the built-in import mapping reads
/// back: importing an export gives the same customers (id, names, industry, tier, account manager, contacts with role, phone,
/// e-mail and address, first contact and cooperation dates, annual amount, products, orders per year, size, source; the industry,
/// contact role and source by their display names in the language, from the one name table per value type that the import reads). Tags,
/// preference tags, the do-not-contact flag and birthdays are not part of the table. Mainland phone numbers are written in their
/// national form (<c>13812345678</c>, <c>02112345678</c>); every cell goes through <see cref="CellGuard"/>.
/// <para>The exporter writes the customers it is given: a host that restricts what a reader may see passes the projected rows.</para>
/// Thread-safe (stateless).
/// </summary>
public static class CustomerExporter
{
    /// <summary>The column headers of the export, in order.</summary>
    /// <param name="language">The language.</param>
    /// <returns>The headers.</returns>
    public static IReadOnlyList<string> Headers(ExportLanguage language) => language == ExportLanguage.Chinese
        ? ["客户编号", "客户名称", "简称", "所属行业", "客户等级", "负责客户经理", "联系人", "联系人角色", "联系电话", "邮箱", "地址", "首次接触时间", "首次合作时间", "年合作金额", "产品/服务类型", "合作频次", "员工人数", "年营收", "来源渠道"]
        : ["Customer id", "Name", "Short name", "Industry", "Tier", "Account manager", "Contact", "Contact role", "Phone", "Email", "Address", "First contact on", "First cooperation on", "Annual amount", "Products", "Orders per year", "Employees", "Annual revenue", "Source"];

    /// <summary>Writes customers as an .xlsx table.</summary>
    /// <param name="customers">The customers to write, in order.</param>
    /// <param name="destination">The stream; left open.</param>
    /// <param name="language">The header language; default Chinese.</param>
    public static void WriteXlsx(IEnumerable<CustomerState> customers, Stream destination, ExportLanguage language = ExportLanguage.Chinese)
    {
        ArgumentNullException.ThrowIfNull(customers);
        ArgumentNullException.ThrowIfNull(destination);
        TableWriter.WriteXlsx(Headers(language), customers.SelectMany(customer => Cells(customer, language)), destination);
    }

    /// <summary>The cells of one customer's rows, in header order, before <see cref="CellGuard"/>.</summary>
    /// <param name="customer">The customer.</param>
    /// <param name="language">The language of display values.</param>
    /// <returns>One array of cells per contact (at least one).</returns>
    public static IEnumerable<string?[]> Cells(CustomerState customer, ExportLanguage language = ExportLanguage.Chinese)
    {
        ArgumentNullException.ThrowIfNull(customer);
        IEnumerable<Contact?> contacts = customer.Contacts.Count == 0 ? new Contact?[] { null } : customer.Contacts.Cast<Contact?>();
        foreach (var contact in contacts)
        {
            yield return
            [
                customer.Id.Value,
                customer.Name,
                customer.ShortName,
                customer.Industry.Code.Length == 0 ? null : DisplayLabels.Industries.Name(customer.Industry, language),
                customer.Tier,
                customer.AccountManager?.Value,
                contact?.Name,
                contact is null ? null : DisplayLabels.ContactRoles.Name(contact.Role, language),
                NationalPhone(contact?.Phone),
                contact?.Email,
                contact?.Address,
                Date(customer.FirstContactOn),
                customer.FirstCooperationOn is { } cooperation ? Date(cooperation) : null,
                customer.AnnualAmount.Amount == 0 ? null : customer.AnnualAmount.Amount.ToString(CultureInfo.InvariantCulture),
                customer.Products.Count == 0 ? null : string.Join("、", customer.Products),
                customer.OrdersPerYear?.ToString(CultureInfo.InvariantCulture),
                customer.Size.Employees?.ToString(CultureInfo.InvariantCulture),
                customer.Size.AnnualRevenue?.Amount.ToString(CultureInfo.InvariantCulture),
                customer.Source.Code.Length == 0 ? null : DisplayLabels.CustomerSources.Name(customer.Source, language),
            ];
        }
    }

    private static string Date(NodaTime.LocalDate date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A phone as analysts write it in China (<c>13812345678</c>, <c>02112345678</c>), with its extension kept
    /// (<c>01012345606转808</c>); other countries' numbers in their canonical form. A stored text that is more than one number with
    /// an extension (a host's <c>010-88889999转13800030001</c>: no extension has 11 digits) is written as it is, so that nothing after the
    /// mark is dropped.</summary>
    private static string? NationalPhone(string? phone)
    {
        if (phone is null || !PhoneNormalizer.TryGetKeyAndExtension(phone, out var key, out var extension, out var whole) || !whole)
        {
            return phone;
        }

        var canonical = PhoneNormalizer.FromKey(key);

        if (!canonical.StartsWith("+86", StringComparison.Ordinal))
        {
            return PhoneNormalizer.WithExtension(canonical, extension);
        }

        var national = canonical[3..];
        var mobile = national.Length == 11 && national[0] == '1';
        var hotline = national.Length == 10 && (national.StartsWith("400", StringComparison.Ordinal) || national.StartsWith("800", StringComparison.Ordinal));
        return PhoneNormalizer.WithExtension(mobile || hotline ? national : "0" + national, extension);
    }
}
