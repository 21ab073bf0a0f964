namespace CrmCore.Desk;

/// <summary>The default <see cref="ICustomerClassifier"/>: keeps the tier and tags recorded on the customer. Thread-safe.</summary>
public sealed class RecordedClassification : ICustomerClassifier
{
    /// <inheritdoc />
    public CustomerLabels Classify(CustomerView customer)
    {
        ArgumentNullException.ThrowIfNull(customer);
        return new CustomerLabels(customer.Customer.Tier, customer.Customer.Tags);
    }
}
