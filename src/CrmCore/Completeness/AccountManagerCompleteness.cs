using CrmCore.Agents;

namespace CrmCore.Completeness;

/// <summary>The completeness of one account manager's customers (document 002's daily check, per owner).</summary>
/// <param name="AccountManager">The account manager; null for customers without one.</param>
/// <param name="Customers">How many customers the manager has; at least 1.</param>
/// <param name="Complete">How many of them have every required field.</param>
/// <param name="MostOftenMissing">The field these customers lack most often (required before recommended on a tie), or null when none lacks any.</param>
public sealed record AccountManagerCompleteness(AgentId? AccountManager, int Customers, int Complete, CustomerDataField? MostOftenMissing)
{
    /// <summary>The share of the manager's customers with every required field, 0 to 1.</summary>
    public double CompleteShare => Customers == 0 ? 1 : (double)Complete / Customers;
}
