using CrmCore;
using CrmCore.Customers;
using CrmCore.Identifiers;
using CrmCore.Routing;
using CrmCore.Storage;
using CrmCore.Storage.PostgreSql;
using CrmCore.Tickets;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers CrmCore's PostgreSQL storage.</summary>
public static class PostgreSqlStorageServiceCollectionExtensions
{
    /// <summary>
    /// Stores CrmCore's state in PostgreSQL, shared by every host instance that uses the same database and schema: call after <c>AddCrmCore()</c>. Registers (singletons) the
    /// <see cref="ITicketQueueStore"/>, <see cref="IOutbox"/> and <see cref="IPublicationStore"/> on PostgreSQL, and replaces the
    /// in-memory <see cref="IIdGenerator{TId}"/> of customers and tickets with database sequences, so no id is issued twice across
    /// instances and restarts. The schema is created or upgraded on first use unless <see cref="PostgreSqlStorageOptions.PrepareSchema"/> is false.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="connectionString">The Npgsql connection string.</param>
    /// <param name="configure">Changes further settings; optional.</param>
    /// <returns>The same collection, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> or <paramref name="connectionString"/> is null.</exception>
    /// <exception cref="ArgumentException">A setting is invalid (thrown when the first store is resolved).</exception>
    public static IServiceCollection AddCrmPostgreSqlStorage(this IServiceCollection services, string connectionString, Action<PostgreSqlStorageOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(connectionString);
        var options = new PostgreSqlStorageOptions { ConnectionString = connectionString };
        configure?.Invoke(options);
        services.TryAddSingleton(options);
        services.TryAddSingleton(sp => new PostgreSqlDatabase(sp.GetRequiredService<PostgreSqlStorageOptions>()));
        services.TryAddSingleton<ITicketQueueStore>(sp => new PostgreSqlTicketQueueStore(
            sp.GetRequiredService<PostgreSqlDatabase>(),
            sp.GetService<IOptions<RoutingOptions>>()?.Value.SlaTerm));
        services.TryAddSingleton<IOutbox>(sp => new PostgreSqlOutbox(sp.GetRequiredService<PostgreSqlDatabase>()));
        services.TryAddSingleton<IPublicationStore>(sp => new PostgreSqlPublicationStore(sp.GetRequiredService<PostgreSqlDatabase>()));
        services.Replace(ServiceDescriptor.Singleton<IIdGenerator<CustomerId>>(sp => Generator(sp, o => o.CustomerIdPattern, s => new CustomerId(s))));
        services.Replace(ServiceDescriptor.Singleton<IIdGenerator<TicketId>>(sp => Generator(sp, o => o.TicketIdPattern, s => new TicketId(s))));
        return services;
    }

    private static IIdGenerator<TId> Generator<TId>(IServiceProvider services, Func<CrmOptions, string> pattern, Func<string, TId> create)
    {
        var crm = services.GetRequiredService<IOptions<CrmOptions>>().Value;
        return PostgreSqlIdSequences.Generator(
            services.GetRequiredService<PostgreSqlDatabase>(), IdPattern.Parse(pattern(crm)), services.GetRequiredService<IClock>(), crm.ResolveTimeZone(), create);
    }
}
