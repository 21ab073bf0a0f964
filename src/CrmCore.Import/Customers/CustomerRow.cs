using CrmCore.Agents;
using CrmCore.Customers;
using NodaTime;

namespace CrmCore.Import.Customers;

/// <summary>One row's values after mapping and normalisation; null where the row has no value.</summary>
internal sealed class CustomerRow
{
    public required int Line { get; init; }

    public string? Id { get; set; }

    public string? Name { get; set; }

    public string? ShortName { get; set; }

    public Industry? Industry { get; set; }

    public string? Tier { get; set; }

    public AgentId? AccountManager { get; set; }

    public string? ContactName { get; set; }

    public ContactRole? ContactRole { get; set; }

    public string? Phone { get; set; }

    /// <summary>The phone's key (<see cref="Normalization.PhoneNormalizer.TryGetKey"/>) when <see cref="Phone"/> is set, so matching need not read the number again.</summary>
    public ulong PhoneKey { get; set; }

    public string? Email { get; set; }

    public string? Address { get; set; }

    public LocalDate? FirstContactOn { get; set; }

    public LocalDate? FirstCooperationOn { get; set; }

    public decimal? AnnualAmount { get; set; }

    public List<string>? Products { get; set; }

    public int? OrdersPerYear { get; set; }

    public int? Employees { get; set; }

    public decimal? AnnualRevenue { get; set; }

    public CustomerSource? Source { get; set; }

    public LocalDate? UpdatedOn { get; set; }

    public bool HasContact => ContactName is not null || Phone is not null || Email is not null || Address is not null;
}
