using CrmCore.Customers;
using CrmCore.Desk;
using CrmCore.Import.Localization;
using CrmCore.Normalization;

namespace CrmCore.Import.Tables;

/// <summary>The stored customers by id and by company-name key, so that a ticket or plan row may name its customer either way.</summary>
internal sealed class CustomerDirectory(ICustomerRepository customers)
{
    private readonly Dictionary<string, string> _ids = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string?> _byName = new(StringComparer.Ordinal);

    /// <summary>Reads the stored customers.</summary>
    public async ValueTask LoadAsync(CancellationToken cancellationToken)
    {
        await foreach (var customer in customers.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            _ids[customer.Id.Value] = customer.Name;
            var key = CompanyNameNormalizer.Key(customer.Name);
            if (key.Length > 0)
            {
                // A name two customers share names neither: null marks it ambiguous.
                _byName[key] = _byName.ContainsKey(key) ? null : customer.Id.Value;
            }
        }
    }

    /// <summary>The customer a row names by id (which must be stored) or else by name (which must name exactly one stored customer).</summary>
    public CustomerId? Resolve<TField>(FieldReader<TField> row, TField idField, TField nameField)
        where TField : struct, Enum
    {
        if (row.Optional(idField, 64) is { } id)
        {
            if (_ids.ContainsKey(id))
            {
                return new CustomerId(id);
            }

            row.Fail(idField, ImportReasons.CustomerUnknown.Format(row.Culture, id));
            return null;
        }

        if (row.Text(nameField) is not { } name)
        {
            row.Fail(idField, ImportReasons.Required.Format(row.Culture, row.Header(idField) + " / " + row.Header(nameField)));
            return null;
        }

        if (_byName.TryGetValue(CompanyNameNormalizer.Key(name), out var found))
        {
            if (found is not null)
            {
                return new CustomerId(found);
            }

            row.Fail(nameField, ImportReasons.CustomerAmbiguous.Format(row.Culture, name));
            return null;
        }

        row.Fail(nameField, ImportReasons.CustomerUnknown.Format(row.Culture, name));
        return null;
    }

    /// <summary>The stored name of a customer found by id, when the row's name for it is another company's (compared by company-name
    /// key, as the customer import compares names: 甲公司 and 甲公司（北京） differ, 甲 公司 and 甲公司 do not); null when the row gives no
    /// name or the same one.</summary>
    public string? OtherName(CustomerId id, string? rowName) =>
        rowName is not null && _ids.TryGetValue(id.Value, out var stored)
        && !string.Equals(CompanyNameNormalizer.Key(rowName), CompanyNameNormalizer.Key(stored), StringComparison.Ordinal) ? stored : null;
}
