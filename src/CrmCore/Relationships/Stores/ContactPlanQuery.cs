using CrmCore.Agents;
using CrmCore.Customers;
using NodaTime;

namespace CrmCore.Relationships;

/// <summary>Which contact plan entries to list; every filter that is set must match. Immutable.</summary>
public sealed record ContactPlanQuery
{
    /// <summary>Every entry.</summary>
    public static ContactPlanQuery All { get; } = new();

    /// <summary>Only this customer's entries; null for all.</summary>
    public CustomerId? Customer { get; init; }

    /// <summary>Only this account manager's entries; null for all.</summary>
    public AgentId? Owner { get; init; }

    /// <summary>Only entries due on or after this date; null for no lower bound.</summary>
    public LocalDate? DueFrom { get; init; }

    /// <summary>Only entries due on or before this date; null for no upper bound.</summary>
    public LocalDate? DueTo { get; init; }

    /// <summary>Only open entries (未开始 or 进行中); default false.</summary>
    public bool OpenOnly { get; init; }

    /// <summary>True when <paramref name="entry"/> matches (the in-memory store's filter and the databases' reference).</summary>
    /// <param name="entry">The entry.</param>
    /// <returns>Whether it matches.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="entry"/> is null.</exception>
    public bool Matches(ContactPlanEntryState entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return (Customer is not { } c || entry.Customer == c)
            && (Owner is not { } o || entry.Owner == o)
            && (DueFrom is not { } f || entry.DueOn >= f)
            && (DueTo is not { } t || entry.DueOn <= t)
            && (!OpenOnly || PlanLifecycle.IsOpen(entry.Status));
    }
}
