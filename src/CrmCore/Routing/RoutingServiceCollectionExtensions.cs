using CrmCore.Routing;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers CrmCore's waiting queue and the assignment strategies.</summary>
public static class RoutingServiceCollectionExtensions
{
    /// <summary>Registers routing with default <see cref="RoutingOptions"/>. See <see cref="AddCrmRouting(IServiceCollection, Action{RoutingOptions})"/>.</summary>
    /// <param name="services">The service collection.</param>
    /// <returns>The same collection, for chaining.</returns>
    public static IServiceCollection AddCrmRouting(this IServiceCollection services) => services.AddCrmRouting(_ => { });

    /// <summary>
    /// Registers <see cref="RoutingOptions"/> (validated on start), the built-in assignment strategies (<c>round-robin</c>,
    /// <c>least-loaded</c>, <c>skills-match</c>; add your own with
    /// <c>services.TryAddEnumerable(ServiceDescriptor.Singleton&lt;IAssignmentStrategy, MyStrategy&gt;())</c>) and singletons of
    /// <see cref="SlaTerm"/> and <see cref="TicketQueue"/>. Which group a ticket waits in is the service desk's routing port
    /// (<c>CrmCore.Desk.IRoutingPolicy</c>). Uses TryAdd throughout, so earlier registrations win; calling it twice is harmless.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Configures the options.</param>
    /// <returns>The same collection, for chaining.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static IServiceCollection AddCrmRouting(this IServiceCollection services, Action<RoutingOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<RoutingOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RoutingOptions>, RoutingOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAssignmentStrategy, RoundRobinStrategy>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAssignmentStrategy, LeastLoadedStrategy>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAssignmentStrategy, SkillsMatchStrategy>());
        services.TryAddSingleton(sp => new SlaTerm(sp.GetRequiredService<IOptions<RoutingOptions>>().Value.SlaTerm));
        services.TryAddSingleton(sp => new TicketQueue(sp.GetRequiredService<SlaTerm>()));
        return services;
    }
}
