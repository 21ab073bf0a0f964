using CrmCore.Identifiers;
using NodaTime;

namespace CrmCore.Customers;

/// <summary>
/// Registers customers: gives each an id (from the <see cref="IIdGenerator{TId}"/> or the host) and the injected <see cref="IClock"/>.
/// Registered as a singleton by <c>AddCrmCore()</c>. Thread-safe when the id generator is (the library's is).
/// </summary>
public sealed class CustomerFactory
{
    private readonly IClock clock;
    private readonly IIdGenerator<CustomerId> ids;

    /// <summary>Creates a factory.</summary>
    /// <param name="clock">The clock customers read "now" from.</param>
    /// <param name="ids">The id generator used by <see cref="Create(CustomerProfile)"/>.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public CustomerFactory(IClock clock, IIdGenerator<CustomerId> ids)
    {
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(ids);
        this.clock = clock;
        this.ids = ids;
    }

    /// <summary>Registers a customer with a generated id; raises <see cref="CustomerRegistered"/>.</summary>
    /// <param name="profile">What is known about the customer.</param>
    /// <returns>The new customer.</returns>
    /// <exception cref="ArgumentException">The name is blank or two contacts share a name.</exception>
    /// <exception cref="IdSequenceExhaustedException">The id generator has no number left in the period.</exception>
    public Customer Create(CustomerProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentException.ThrowIfNullOrWhiteSpace(profile.Name, nameof(profile));
        return new Customer(ids.Next(), profile, clock.GetCurrentInstant());
    }

    /// <summary>Registers a customer with an id the host brings; otherwise as <see cref="Create(CustomerProfile)"/>.</summary>
    /// <param name="id">The id; not empty.</param>
    /// <param name="profile">What is known about the customer.</param>
    /// <returns>The new customer.</returns>
    /// <exception cref="ArgumentException">The id is empty, or as <see cref="Create(CustomerProfile)"/>.</exception>
    public Customer Create(CustomerId id, CustomerProfile profile) => new(id, profile, clock.GetCurrentInstant());
}
