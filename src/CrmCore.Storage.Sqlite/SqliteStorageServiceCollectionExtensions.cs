using CrmCore;
using CrmCore.Customers;
using CrmCore.Identifiers;
using CrmCore.Routing;
using CrmCore.Storage;
using CrmCore.Storage.Sqlite;
using CrmCore.Tickets;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers CrmCore's SQLite storage.</summary>
public static class SqliteStorageServiceCollectionExtensions
{
    /// <summary>
    /// Stores CrmCore's state in a SQLite file: call after <c>AddCrmCore()</c>. Registers (singletons) the
    /// <see cref="ITicketQueueStore"/>, <see cref="IOutbox"/> and <see cref="IPublicationStore"/> on SQLite, and replaces the
    /// in-memory <see cref="IIdGenerator{TId}"/> of customers and tickets with database sequences, so no id is issued twice across
    /// restarts. The schema is created or upgraded on first use unless <see cref="SqliteStorageOptions.PrepareSchema"/> is false.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="path">The database file; created when missing.</param>
    /// <param name="configure">Changes further settings; optional.</param>
    /// <returns>The same collection, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> or <paramref name="path"/> is null.</exception>
    /// <exception cref="ArgumentException">A setting is invalid (thrown when the first store is resolved).</exception>
    public static IServiceCollection AddCrmSqliteStorage(this IServiceCollection services, string path, Action<SqliteStorageOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(path);
        var options = new SqliteStorageOptions { DataSource = path };
        configure?.Invoke(options);
        services.TryAddSingleton(options);
        services.TryAddSingleton(sp => new SqliteDatabase(sp.GetRequiredService<SqliteStorageOptions>()));
        services.TryAddSingleton<ITicketQueueStore>(sp => new SqliteTicketQueueStore(
            sp.GetRequiredService<SqliteDatabase>(),
            sp.GetService<IOptions<RoutingOptions>>()?.Value.SlaTerm));
        services.TryAddSingleton<IOutbox>(sp => new SqliteOutbox(sp.GetRequiredService<SqliteDatabase>()));
        services.TryAddSingleton<IPublicationStore>(sp => new SqlitePublicationStore(sp.GetRequiredService<SqliteDatabase>()));
        services.Replace(ServiceDescriptor.Singleton<IIdGenerator<CustomerId>>(sp => Generator(sp, o => o.CustomerIdPattern, s => new CustomerId(s))));
        services.Replace(ServiceDescriptor.Singleton<IIdGenerator<TicketId>>(sp => Generator(sp, o => o.TicketIdPattern, s => new TicketId(s))));
        return services;
    }

    private static IIdGenerator<TId> Generator<TId>(IServiceProvider services, Func<CrmOptions, string> pattern, Func<string, TId> create)
    {
        var crm = services.GetRequiredService<IOptions<CrmOptions>>().Value;
        return SqliteIdSequences.Generator(
            services.GetRequiredService<SqliteDatabase>(), IdPattern.Parse(pattern(crm)), services.GetRequiredService<IClock>(), crm.ResolveTimeZone(), create);
    }
}
