using CrmCore.Desk;
using CrmCore.Identifiers;
using CrmCore.Storage;
using CrmCore.Storage.PostgreSql;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers CrmCore's PostgreSQL storage.</summary>
public static class PostgreSqlStorageServiceCollectionExtensions
{
    /// <summary>
    /// Stores CrmCore's state in PostgreSQL, shared by every host instance on the same database and schema: call after <c>AddCrmCore()</c>. Registers one <see cref="PostgreSqlStorage"/> (singleton)
    /// and puts its stores in place of the in-memory defaults: <see cref="ITicketRepository"/> (also <see cref="IOutboxTicketRepository"/>),
    /// <see cref="ISurveyRepository"/>, <see cref="ICustomerRepository"/>, <see cref="IQueueRepository"/>, <see cref="ISequenceRepository"/>,
    /// <see cref="IEscalationRepository"/>, plus <see cref="ITicketQueueStore"/>, <see cref="IOutbox"/> and <see cref="IPublicationStore"/>;
    /// and the <see cref="IIdGenerator{TId}"/> of customers and tickets draw their numbers from the database, so no id is issued twice
    /// across instances and restarts. The schema is created or upgraded on first use unless <see cref="PostgreSqlStorageOptions.PrepareSchema"/> is false.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="connectionString">The Npgsql connection string.</param>
    /// <param name="configure">Changes further settings; optional. Runs when the options are first needed (at host start).</param>
    /// <returns>The same collection, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> or <paramref name="connectionString"/> is null.</exception>
    /// <exception cref="OptionsValidationException">A setting is invalid (PostgreSqlStorageOptions.Validate lists the problems): thrown when a generic host
    /// starts (the options are validated on start), or without a host when the storage is first resolved.</exception>
    public static IServiceCollection AddCrmPostgreSqlStorage(this IServiceCollection services, string connectionString, Action<PostgreSqlStorageOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(connectionString);
        return StorageRegistration.Replace<PostgreSqlStorage, PostgreSqlStorageOptions>(
            services, options => options.ConnectionString = connectionString, configure, options => options.Validate(), (options, slaTerm, clock) => new PostgreSqlStorage(options, slaTerm, clock));
    }
}
