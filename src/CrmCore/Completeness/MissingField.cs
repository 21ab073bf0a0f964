namespace CrmCore.Completeness;

/// <summary>A field that some customer records lack, with how many: one line of the completeness check's "most often missing" list.</summary>
/// <param name="Field">The field.</param>
/// <param name="Required">True when the policy requires it (a record without it is incomplete); false when it only recommends it.</param>
/// <param name="Customers">How many customers lack it; at least 1.</param>
/// <param name="Share">The share of all checked customers that lack it, above 0 and at most 1.</param>
public sealed record MissingField(CustomerDataField Field, bool Required, int Customers, double Share);
