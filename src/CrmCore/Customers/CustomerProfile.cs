using CrmCore.Agents;
using NodaTime;

namespace CrmCore.Customers;

/// <summary>What a host knows when it registers a customer; passed to <see cref="CustomerFactory.Create(CustomerProfile)"/>.</summary>
public sealed record CustomerProfile
{
    /// <summary>The full name. Required, not blank.</summary>
    public required string Name { get; init; }

    /// <summary>The short name; default none.</summary>
    public string? ShortName { get; init; }

    /// <summary>The industry; default none (the default instance, empty code).</summary>
    public Industry Industry { get; init; }

    /// <summary>The company size; default unknown.</summary>
    public CompanySize Size { get; init; }

    /// <summary>The channel of first contact; default none (the default instance, empty code).</summary>
    public CustomerSource Source { get; init; }

    /// <summary>The date of first contact. Required.</summary>
    public required LocalDate FirstContactOn { get; init; }

    /// <summary>The account manager; default none.</summary>
    public AgentId? AccountManager { get; init; }

    /// <summary>The transaction summary; default <see cref="TransactionSummary.None"/>.</summary>
    public TransactionSummary? Transactions { get; init; }

    /// <summary>The contacts; default none. Names must be unique.</summary>
    public IReadOnlyList<Contact>? Contacts { get; init; }
}
