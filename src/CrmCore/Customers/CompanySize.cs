namespace CrmCore.Customers;

/// <summary>The size of a customer company: head count and annual revenue, each optional. Immutable and thread-safe.</summary>
public readonly record struct CompanySize
{
    /// <summary>Creates a size.</summary>
    /// <param name="employees">The number of employees, or null when unknown; not negative.</param>
    /// <param name="annualRevenue">The annual revenue, or null when unknown; not negative.</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is negative.</exception>
    public CompanySize(int? employees, Money? annualRevenue)
    {
        if (employees is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(employees), employees, "The number of employees must not be negative.");
        }

        if (annualRevenue is { Amount: < 0 })
        {
            throw new ArgumentOutOfRangeException(nameof(annualRevenue), annualRevenue, "The annual revenue must not be negative.");
        }

        Employees = employees;
        AnnualRevenue = annualRevenue;
    }

    /// <summary>The number of employees, or null when unknown.</summary>
    public int? Employees { get; }

    /// <summary>The annual revenue, or null when unknown.</summary>
    public Money? AnnualRevenue { get; }
}
