using CrmCore.Access;
using CrmCore.Customers;
using MiniExcelLibs;

namespace CrmCore.Import.Export;

/// <summary>
/// The customer table export for one principal: only the customers in the principal's scope, each cell as the principal's
/// <see cref="CustomerView"/> shows it (hidden fields empty, masked fields masked, readable fields exactly as
/// <see cref="CustomerExporter"/> writes them), so a spreadsheet never holds what the screen hides. The export is audited: one
/// <see cref="Audit.AuditAction.Export"/> record (who, when, how many, what) is stored before any row is written, so an export that
/// cannot be recorded writes nothing. Thread-safe (stateless).
/// </summary>
public static class ProjectedCustomerExport
{
    // The access field behind each column of CustomerExporter.Headers; null for the id, which every view carries.
    private static readonly CustomerField?[] Columns =
    [
        null, CustomerField.Name, CustomerField.ShortName, CustomerField.Industry, CustomerField.Tier, CustomerField.AccountManager,
        CustomerField.ContactName, CustomerField.ContactRole, CustomerField.ContactPhone, CustomerField.ContactEmail, CustomerField.ContactAddress,
        CustomerField.FirstContactOn, CustomerField.FirstCooperationOn, CustomerField.AnnualAmount, CustomerField.Products, CustomerField.OrdersPerYear,
        CustomerField.Size, CustomerField.Size, CustomerField.Source,
    ];

    /// <summary>Writes the principal's customers as an .xlsx table and records the export.</summary>
    /// <param name="access">The policy and the audit trail.</param>
    /// <param name="principal">Who exports.</param>
    /// <param name="customers">The customers to consider, in order; those outside the principal's scope are left out.</param>
    /// <param name="destination">The stream; left open.</param>
    /// <param name="what">What is exported, for the audit record (for example the file name).</param>
    /// <param name="language">The header language; default Chinese.</param>
    /// <param name="cancellationToken">Cancels before the audit record is written.</param>
    /// <returns>How many customers were written.</returns>
    /// <exception cref="ArgumentException"><paramref name="what"/> is blank.</exception>
    public static async Task<int> WriteXlsxAsync(
        CustomerAccess access,
        Principal principal,
        IEnumerable<CustomerState> customers,
        Stream destination,
        string what,
        ExportLanguage language = ExportLanguage.Chinese,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var visible = Visible(access, principal, customers, what);
        await access.RecordExportAsync(principal, visible.Count, what, cancellationToken: cancellationToken).ConfigureAwait(false);
        var headers = CustomerExporter.Headers(language);
        destination.SaveAs(Rows(visible, headers, language), printHeader: false, excelType: ExcelType.XLSX);
        return visible.Count;
    }

    /// <summary>
    /// Writes the principal's customers as an .xlsx file and records the export with the file's SHA-256 (<c>what sha256:…</c>): the file
    /// appears at <paramref name="path"/> only once the record is stored (<see cref="AuditedExportFile"/>), so an export that cannot be
    /// recorded leaves no file.
    /// </summary>
    /// <param name="access">The policy and the audit trail.</param>
    /// <param name="principal">Who exports.</param>
    /// <param name="customers">The customers to consider, in order; those outside the principal's scope are left out.</param>
    /// <param name="path">The .xlsx file to write.</param>
    /// <param name="what">What is exported, for the audit record (for example the file name).</param>
    /// <param name="language">The header language; default Chinese.</param>
    /// <param name="cancellationToken">Cancels before the audit record is written.</param>
    /// <returns>How many customers were written.</returns>
    /// <exception cref="ArgumentException"><paramref name="what"/> is blank.</exception>
    public static async Task<int> WriteXlsxFileAsync(
        CustomerAccess access,
        Principal principal,
        IEnumerable<CustomerState> customers,
        string path,
        string what,
        ExportLanguage language = ExportLanguage.Chinese,
        CancellationToken cancellationToken = default)
    {
        var visible = Visible(access, principal, customers, what);
        var headers = CustomerExporter.Headers(language);
        await AuditedExportFile.WriteAsync(
            path,
            stream => stream.SaveAs(Rows(visible, headers, language), printHeader: false, excelType: ExcelType.XLSX),
            (hash, token) => access.RecordExportAsync(principal, visible.Count, what + " sha256:" + hash, cancellationToken: token),
            cancellationToken).ConfigureAwait(false);
        return visible.Count;
    }

    /// <summary>The cells of one customer's rows as <paramref name="view"/> allows, in header order, before <see cref="CellGuard"/>.</summary>
    /// <param name="customer">The customer's state.</param>
    /// <param name="view">The principal's view of it (<see cref="CustomerAccess.Project(Principal, CustomerState)"/>).</param>
    /// <param name="language">The language of display values.</param>
    /// <returns>One array of cells per contact (at least one).</returns>
    public static IEnumerable<string?[]> Cells(CustomerState customer, CustomerView view, ExportLanguage language = ExportLanguage.Chinese)
    {
        ArgumentNullException.ThrowIfNull(customer);
        ArgumentNullException.ThrowIfNull(view);
        var index = 0;
        foreach (var cells in CustomerExporter.Cells(customer, language))
        {
            var contact = customer.Contacts.Count == 0 || view.Contacts.Count <= index ? null : view.Contacts[index];
            for (var i = 0; i < cells.Length; i++)
            {
                if (Columns[i] is not { } field)
                {
                    continue;
                }

                var contactField = CustomerFields.IsContactField(field);
                var shows = contactField ? contact is not null && contact.Has(field) : view.Has(field);
                var masked = shows && (contactField ? contact!.IsMasked(field) : view.IsMasked(field));
                cells[i] = !shows ? null
                    : !masked ? cells[i]
                    : i > 0 && Columns[i - 1] == field ? null
                    : contactField ? contact![field] : view[field];
            }

            index++;
            yield return cells;
        }
    }

    /// <summary>The customers the principal sees, each with its view, after the arguments every export takes are checked.</summary>
    private static List<(CustomerState State, CustomerView View)> Visible(CustomerAccess access, Principal principal, IEnumerable<CustomerState> customers, string what)
    {
        ArgumentNullException.ThrowIfNull(access);
        ArgumentNullException.ThrowIfNull(principal);
        ArgumentNullException.ThrowIfNull(customers);
        ArgumentException.ThrowIfNullOrWhiteSpace(what);
        return customers.Where(c => access.CanSee(principal, c)).Select(c => (State: c, View: access.Project(principal, c))).ToList();
    }

    private static IEnumerable<IDictionary<string, object?>> Rows(
        List<(CustomerState State, CustomerView View)> customers, IReadOnlyList<string> headers, ExportLanguage language)
    {
        yield return headers.ToDictionary(h => h, h => (object?)h, StringComparer.Ordinal);
        foreach (var (state, view) in customers)
        {
            foreach (var cells in Cells(state, view, language))
            {
                var row = new Dictionary<string, object?>(headers.Count, StringComparer.Ordinal);
                for (var i = 0; i < headers.Count; i++)
                {
                    row[headers[i]] = CellGuard.Neutralise(cells[i]);
                }

                yield return row;
            }
        }
    }
}
