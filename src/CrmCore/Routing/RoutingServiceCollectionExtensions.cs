using CrmCore.Agents;
using CrmCore.Routing;
using CrmCore.Tickets;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers CrmCore routing: the ticket queue, the router, the group resolver and the assignment strategies.</summary>
public static class RoutingServiceCollectionExtensions
{
    /// <summary>Registers routing with default <see cref="RoutingOptions"/>. See <see cref="AddCrmRouting(IServiceCollection, Action{RoutingOptions})"/>.</summary>
    /// <param name="services">The service collection.</param>
    /// <returns>The same collection, for chaining.</returns>
    public static IServiceCollection AddCrmRouting(this IServiceCollection services) => services.AddCrmRouting(_ => { });

    /// <summary>
    /// Registers routing: <see cref="RoutingOptions"/> (validated on start), the built-in strategies (<c>round-robin</c>,
    /// <c>least-loaded</c>, <c>skills-match</c>; add your own with
    /// <c>services.TryAddEnumerable(ServiceDescriptor.Singleton&lt;IAssignmentStrategy, MyStrategy&gt;())</c>), and singletons of
    /// <see cref="SlaTerm"/>, <see cref="TicketQueue"/>, <see cref="IGroupResolver"/> (a <see cref="DictionaryGroupResolver"/>
    /// over the options' maps) and <see cref="TicketRouter"/>. Uses TryAdd throughout, so earlier registrations win; calling it
    /// twice is harmless.
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
        services.TryAddSingleton<IGroupResolver>(sp => CreateResolver(sp.GetRequiredService<IOptions<RoutingOptions>>().Value));
        services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<RoutingOptions>>().Value;
            var strategy = sp.GetServices<IAssignmentStrategy>()
                .Last(s => string.Equals(s.Name, options.Strategy, StringComparison.OrdinalIgnoreCase));
            return new TicketRouter(sp.GetRequiredService<TicketQueue>(), sp.GetRequiredService<IGroupResolver>(), strategy, options.OverflowAfter);
        });
        return services;
    }

    private static DictionaryGroupResolver CreateResolver(RoutingOptions options) => new(
        new TeamId(options.DefaultGroup),
        options.IndustryGroups.ToDictionary(p => p.Key, p => new TeamId(p.Value), StringComparer.OrdinalIgnoreCase),
        options.TypeSkills.ToDictionary(p => new TicketType(p.Key), p => SkillSet.Of(p.Value.Select(code => new Skill(code)))));
}
