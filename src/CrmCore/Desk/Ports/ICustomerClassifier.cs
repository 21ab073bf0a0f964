namespace CrmCore.Desk;

/// <summary>
/// A port of the desk: classifies a customer (tier and tags) when the desk registers it and on
/// <see cref="ServiceDesk.ClassifyCustomerAsync"/>. <c>AddCrmRules()</c> puts the rule pack's Tiering and Tagging workflows here; the
/// default, <see cref="RecordedClassification"/>, keeps what is recorded. Implementations must be thread-safe.
/// </summary>
public interface ICustomerClassifier
{
    /// <summary>Classifies a customer.</summary>
    /// <param name="customer">The customer, its activity and background.</param>
    /// <returns>The tier (null: keep the recorded one) and the complete set of tags the customer should carry.</returns>
    CustomerLabels Classify(CustomerView customer);
}
