using CrmCore.Agents;
using NodaTime;

namespace CrmCore.Customers;

/// <summary>
/// A customer as plain data, for stores: what <see cref="Customer.ToState"/> writes and <see cref="Customer.Restore"/> reads. Ids and codes
/// are the library's one-string value types (<c>Id.Value</c>, <c>Industry.Code</c>, ...), times are NodaTime values, collections are
/// lists; the transaction summary is flattened into its fields. A store maps these by hand; nothing here needs a serializer.
/// </summary>
public sealed record CustomerState
{
    /// <summary>The customer id.</summary>
    public required CustomerId Id { get; init; }

    /// <summary>The version (1 when created, one more per change); used by stores for optimistic concurrency.</summary>
    public required long Version { get; init; }

    /// <summary>The full name.</summary>
    public required string Name { get; init; }

    /// <summary>The short name, or null.</summary>
    public string? ShortName { get; init; }

    /// <summary>The industry code (empty when unknown).</summary>
    public Industry Industry { get; init; }

    /// <summary>The company size code.</summary>
    public CompanySize Size { get; init; }

    /// <summary>The source channel code (empty when unknown).</summary>
    public CustomerSource Source { get; init; }

    /// <summary>The date of first contact.</summary>
    public required LocalDate FirstContactOn { get; init; }

    /// <summary>When the record was created.</summary>
    public required Instant CreatedAt { get; init; }

    /// <summary>The contacts, in order.</summary>
    public IReadOnlyList<Contact> Contacts { get; init; } = [];

    /// <summary>The first cooperation date of the transaction summary, or null.</summary>
    public LocalDate? FirstCooperationOn { get; init; }

    /// <summary>The annual transaction amount (default 0 CNY).</summary>
    public Money AnnualAmount { get; init; } = Money.Cny(0);

    /// <summary>The products bought.</summary>
    public IReadOnlyList<string> Products { get; init; } = [];

    /// <summary>Orders per year, or null when unknown.</summary>
    public int? OrdersPerYear { get; init; }

    /// <summary>The account manager, or null.</summary>
    public AgentId? AccountManager { get; init; }

    /// <summary>The preference tags.</summary>
    public IReadOnlyList<string> PreferenceTags { get; init; } = [];

    /// <summary>The tier, or null.</summary>
    public string? Tier { get; init; }

    /// <summary>The dynamic tags.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>When the customer opted out of contact, or null.</summary>
    public Instant? DoNotContactSince { get; init; }

    /// <summary>The opt-out reason, or null.</summary>
    public string? DoNotContactReason { get; init; }

    /// <summary>The latest interaction, or null.</summary>
    public Instant? LastInteractionAt { get; init; }
}
