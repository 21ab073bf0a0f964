namespace CrmCore.Relationships;

/// <summary>A warning ahead of the end of a customer's contract. Immutable and thread-safe.</summary>
/// <param name="LeadDays">How many days ahead of the contract's end the warning is due: 1–366 (the documents say 30).</param>
/// <param name="Channel">How the account manager follows it up.</param>
public sealed record ContractExpirySettings(int LeadDays, ContactChannel Channel);
