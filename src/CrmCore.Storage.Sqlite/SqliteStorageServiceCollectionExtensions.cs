using CrmCore.Desk;
using CrmCore.Identifiers;
using CrmCore.Storage;
using CrmCore.Storage.Sqlite;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers CrmCore's SQLite storage.</summary>
public static class SqliteStorageServiceCollectionExtensions
{
    /// <summary>
    /// Stores CrmCore's state in a SQLite file: call after <c>AddCrmCore()</c>. Registers one <see cref="SqliteStorage"/> (singleton)
    /// and puts its stores in place of the in-memory defaults: <see cref="ITicketRepository"/> (also <see cref="IOutboxTicketRepository"/>),
    /// <see cref="ISurveyRepository"/>, <see cref="ICustomerRepository"/>, <see cref="IQueueRepository"/>, <see cref="ISequenceRepository"/>,
    /// <see cref="IEscalationRepository"/>, plus <see cref="ITicketQueueStore"/>, <see cref="IOutbox"/> and <see cref="IPublicationStore"/>;
    /// and the <see cref="IIdGenerator{TId}"/> of customers and tickets draw their numbers from the database, so no id is issued twice
    /// across restarts. The schema is created or upgraded on first use unless <see cref="SqliteStorageOptions.PrepareSchema"/> is false.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="path">The database file; created when missing.</param>
    /// <param name="configure">Changes further settings; optional. Runs when the options are first needed (at host start).</param>
    /// <returns>The same collection, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> or <paramref name="path"/> is null.</exception>
    /// <exception cref="OptionsValidationException">A setting is invalid (SqliteStorageOptions.Validate lists the problems): thrown when a generic host
    /// starts (the options are validated on start), or without a host when the storage is first resolved.</exception>
    public static IServiceCollection AddCrmSqliteStorage(this IServiceCollection services, string path, Action<SqliteStorageOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(path);
        return StorageRegistration.Replace<SqliteStorage, SqliteStorageOptions>(
            services, options => options.DataSource = path, configure, options => options.Validate(), (options, slaTerm, clock) => new SqliteStorage(options, slaTerm, clock));
    }
}
