using CrmCore.Customers;

namespace CrmCore.Completeness;

/// <summary>
/// The daily completeness check of document 002: which required and recommended fields each customer record lacks, the share of
/// complete records (a KPI: <see cref="CompletenessReport.CompleteShare"/>) and the share per field. Pure (no I/O); thread-safe.
/// </summary>
public static class CompletenessCheck
{
    /// <summary>Checks one customer.</summary>
    /// <param name="customer">The customer's state.</param>
    /// <param name="policy">The policy; default <see cref="CompletenessPolicy.Default"/>.</param>
    /// <returns>What is missing and the score.</returns>
    public static CustomerCompleteness Check(CustomerState customer, CompletenessPolicy? policy = null)
    {
        ArgumentNullException.ThrowIfNull(customer);
        policy ??= CompletenessPolicy.Default;
        var required = policy.Required.Where(f => !Has(customer, f)).ToList();
        var recommended = policy.Recommended.Where(f => !Has(customer, f)).ToList();
        var total = policy.Required.Count + policy.Recommended.Count;
        var score = total == 0 ? 1 : (double)(total - required.Count - recommended.Count) / total;
        return new CustomerCompleteness(customer.Id, required, recommended, score);
    }

    /// <summary>Checks a set of customers: per customer, as shares, the most often missing fields and per account manager.</summary>
    /// <param name="customers">The customers.</param>
    /// <param name="policy">The policy; default <see cref="CompletenessPolicy.Default"/>.</param>
    /// <returns>The report.</returns>
    public static CompletenessReport Check(IEnumerable<CustomerState> customers, CompletenessPolicy? policy = null)
    {
        ArgumentNullException.ThrowIfNull(customers);
        policy ??= CompletenessPolicy.Default;
        var fields = policy.Required.Concat(policy.Recommended).Distinct().ToList();
        var present = fields.ToDictionary(f => f, _ => 0);
        var entries = new List<CustomerCompleteness>();
        var owners = new Dictionary<string, OwnerTally>(StringComparer.Ordinal);
        foreach (var customer in customers)
        {
            var entry = Check(customer, policy);
            entries.Add(entry);
            foreach (var field in fields)
            {
                present[field] += Has(customer, field) ? 1 : 0;
            }

            var key = customer.AccountManager is { IsEmpty: false } manager ? manager.Value : string.Empty;
            if (!owners.TryGetValue(key, out var tally))
            {
                owners[key] = tally = new OwnerTally(key.Length == 0 ? null : customer.AccountManager);
            }

            tally.Add(entry);
        }

        double Share(int count) => entries.Count == 0 ? 1 : (double)count / entries.Count;
        var missing = fields
            .Where(f => present[f] < entries.Count)
            .Select(f => new MissingField(f, policy.Required.Contains(f), entries.Count - present[f], Share(entries.Count - present[f])))
            .OrderByDescending(m => m.Customers)
            .ThenBy(m => !m.Required)
            .ThenBy(m => m.Field)
            .ToList();
        var byOwner = owners.Values
            .Select(t => t.ToRow(policy))
            .OrderBy(r => r.CompleteShare)
            .ThenByDescending(r => r.Customers)
            .ThenBy(r => r.AccountManager is null)
            .ThenBy(r => r.AccountManager?.Value, StringComparer.Ordinal)
            .ToList();
        return new CompletenessReport(entries, Share(entries.Count(e => e.IsComplete)), present.ToDictionary(p => p.Key, p => Share(p.Value)))
        {
            Policy = policy,
            MostOftenMissing = missing,
            ByAccountManager = byOwner,
        };
    }

    /// <summary>Whether a customer record has a field.</summary>
    /// <param name="customer">The customer's state.</param>
    /// <param name="field">The field.</param>
    /// <returns>True when the field has a value.</returns>
    public static bool Has(CustomerState customer, CustomerDataField field)
    {
        ArgumentNullException.ThrowIfNull(customer);
        return field switch
        {
            CustomerDataField.ShortName => !string.IsNullOrWhiteSpace(customer.ShortName),
            CustomerDataField.Industry => customer.Industry.Code.Length > 0,
            CustomerDataField.Tier => !string.IsNullOrWhiteSpace(customer.Tier),
            CustomerDataField.AccountManager => customer.AccountManager is { IsEmpty: false },
            CustomerDataField.Contact => customer.Contacts.Count > 0,
            CustomerDataField.Phone => customer.Contacts.Any(c => c.Phone is not null),
            CustomerDataField.Email => customer.Contacts.Any(c => c.Email is not null),
            CustomerDataField.Address => customer.Contacts.Any(c => c.Address is not null),
            CustomerDataField.FirstCooperationOn => customer.FirstCooperationOn is not null,
            CustomerDataField.AnnualAmount => customer.AnnualAmount.Amount != 0,
            CustomerDataField.Products => customer.Products.Count > 0,
            CustomerDataField.Source => customer.Source.Code.Length > 0,
            CustomerDataField.Size => customer.Size.Employees is not null || customer.Size.AnnualRevenue is not null,
            _ => throw new ArgumentOutOfRangeException(nameof(field), field, "Unknown customer field."),
        };
    }

    /// <summary>Counts one account manager's customers while <see cref="Check(IEnumerable{CustomerState}, CompletenessPolicy?)"/> runs.</summary>
    private sealed class OwnerTally(Agents.AgentId? manager)
    {
        private readonly Dictionary<CustomerDataField, int> _missing = [];
        private int _customers;
        private int _complete;

        public void Add(CustomerCompleteness entry)
        {
            _customers++;
            _complete += entry.IsComplete ? 1 : 0;
            foreach (var field in entry.MissingRequired.Concat(entry.MissingRecommended))
            {
                _missing[field] = _missing.GetValueOrDefault(field) + 1;
            }
        }

        public AccountManagerCompleteness ToRow(CompletenessPolicy policy)
        {
            CustomerDataField? worst = _missing.Count == 0
                ? null
                : _missing.OrderByDescending(p => p.Value).ThenBy(p => !policy.Required.Contains(p.Key)).ThenBy(p => p.Key).First().Key;
            return new AccountManagerCompleteness(manager, _customers, _complete, worst);
        }
    }
}
