using System.Collections.Immutable;
using CrmCore.Agents;
using CrmCore.Churn;
using CrmCore.Customers;
using NodaTime;

namespace CrmCore.Relationships;

/// <summary>
/// What the planner needs to know about one customer: a read-only snapshot, so planning never changes the customer. Build it with
/// <see cref="From(Customer, LocalDate?, ChurnAssessment?)"/> or set the members directly. Immutable and thread-safe.
/// </summary>
public sealed record PlanSubject
{
    /// <summary>The customer.</summary>
    public required CustomerId Customer { get; init; }

    /// <summary>The customer's tier (for example <c>A</c> or <c>高价值</c>); null when not tiered (no regular contact).</summary>
    public string? Tier { get; init; }

    /// <summary>The account manager, who owns every entry; null when none is assigned.</summary>
    public AgentId? AccountManager { get; init; }

    /// <summary>The date regular contact is counted from (occurrences are anchor + k × interval), usually the first contact date.</summary>
    public required LocalDate CadenceAnchor { get; init; }

    /// <summary>True when the customer asked not to be contacted (客户明确表示"无需联系"): no proactive entry is generated or recorded.</summary>
    public bool DoNotContact { get; init; }

    /// <summary>The customer's stated reason for do-not-contact; null when none was given.</summary>
    public string? DoNotContactReason { get; init; }

    /// <summary>The contacts' birthdays, by contact name (contacts without a birthday are left out).</summary>
    public ImmutableArray<(string Contact, AnnualDate Birthday)> Birthdays { get; init; } = [];

    /// <summary>The last day of the customer's contract; null when unknown.</summary>
    public LocalDate? ContractEndsOn { get; init; }

    /// <summary>The latest interaction with the customer (either direction); null when none.</summary>
    public Instant? LastInteractionAt { get; init; }

    /// <summary>
    /// The day the relationship began (the first contact, 首次合作); null when unknown. Silent-customer care counts from it while no
    /// interaction is recorded (<see cref="LastInteractionAt"/> null): a customer never contacted since is silent once the policy's
    /// <see cref="SilentCareSettings.After"/> has passed. With neither date, <see cref="ContactPlanner.SilenceUnknown"/> reports the
    /// customer. Unlike <see cref="CadenceAnchor"/>, which a caller may fill with a stand-in date, this is only ever a recorded date.
    /// </summary>
    public LocalDate? FirstContactOn { get; init; }

    /// <summary>The latest churn assessment; null when not scored.</summary>
    public ChurnAssessment? Churn { get; init; }

    /// <summary>Builds the snapshot from a customer aggregate (read only).</summary>
    /// <param name="customer">The customer.</param>
    /// <param name="contractEndsOn">The last day of the contract; default null (unknown).</param>
    /// <param name="churn">The latest churn assessment; default null.</param>
    /// <returns>The snapshot.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="customer"/> is null.</exception>
    public static PlanSubject From(Customer customer, LocalDate? contractEndsOn = null, ChurnAssessment? churn = null)
    {
        ArgumentNullException.ThrowIfNull(customer);
        return new PlanSubject
        {
            Customer = customer.Id,
            Tier = customer.Tier,
            AccountManager = customer.AccountManager,
            CadenceAnchor = customer.FirstContactOn,
            DoNotContact = customer.DoNotContact,
            DoNotContactReason = customer.DoNotContactReason,
            Birthdays = [.. customer.Contacts.Where(c => c.Birthday is not null).Select(c => (c.Name, c.Birthday!.Value))],
            ContractEndsOn = contractEndsOn,
            LastInteractionAt = customer.LastInteractionAt,
            FirstContactOn = customer.FirstContactOn,
            Churn = churn,
        };
    }
}
