using CrmCore;
using CrmCore.Access;
using CrmCore.Audit;
using CrmCore.Customers;
using CrmCore.Desk;
using CrmCore.Escalation;
using CrmCore.Routing;
using CrmCore.Sla;
using CrmCore.Storage;
using CrmCore.Identifiers;
using CrmCore.Tickets;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the CrmCore domain services.</summary>
public static class CrmCoreServiceCollectionExtensions
{
    /// <summary>Registers CrmCore with default <see cref="CrmOptions"/>; see <see cref="AddCrmCore(IServiceCollection, Action{CrmOptions})"/>.</summary>
    /// <param name="services">The service collection.</param>
    /// <returns>The same collection, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is null.</exception>
    public static IServiceCollection AddCrmCore(this IServiceCollection services) => services.AddCrmCore(static _ => { });

    /// <summary>
    /// Registers CrmCore (all singletons, with <c>TryAdd</c>, so services the host registered first win; calling this twice is harmless):
    /// <list type="bullet">
    /// <item><see cref="IClock"/>: a <see cref="TimeProviderClock"/> over the registered <see cref="TimeProvider"/> if there is one, else the system clock;</item>
    /// <item><see cref="IIdGenerator{TId}"/> of <see cref="CustomerId"/> and <see cref="TicketId"/>: <see cref="PatternIdGenerator{TId}"/> from
    /// <see cref="CrmOptions.CustomerIdPattern"/> and <see cref="CrmOptions.TicketIdPattern"/> in <see cref="CrmOptions.TimeZoneId"/>;</item>
    /// <item><see cref="CustomerFactory"/> and <see cref="TicketFactory"/> (with <see cref="CrmOptions.Tickets"/>);</item>
    /// <item>the desk's stores, in memory unless the host (or a storage provider) registered its own: <see cref="ITicketRepository"/> and
    /// <see cref="ISurveyRepository"/> (one <see cref="InMemoryOutboxTicketRepository"/>: each save appends its change's records to the
    /// registered <see cref="IAuditStore"/>, an <see cref="InMemoryAuditStore"/> unless the host registered its own, and its events to the
    /// <see cref="IOutbox"/>, an <see cref="InMemoryOutbox"/>), <see cref="ICustomerRepository"/> (audited the same way), <see cref="IQueueRepository"/>,
    /// <see cref="ISequenceRepository"/>, <see cref="IEscalationRepository"/>;</item>
    /// <item>the SLA engine and escalation ladders (<c>AddCrmSla()</c>) and the waiting queue (<c>AddCrmRouting()</c>), with their defaults;</item>
    /// <item>the desk's ports with plain-C# defaults (<see cref="UrgencyPriorityScorer"/>, <see cref="SingleGroupRouting"/>, <see cref="AllLaddersPath"/>,
    /// <see cref="RecordedClassification"/>, <see cref="Document001ChurnFactors"/>, <see cref="NoCustomerBackground"/>), which <c>AddCrmRules()</c>
    /// replaces with the rule pack's workflows (all but the background); the desk assesses churn only when a <c>ChurnScorer</c> is registered
    /// (<c>AddCrmMetrics()</c>);</item>
    /// <item><see cref="ServiceDesk"/>, the one type a host calls, with every registered <see cref="IDeskEventSubscriber"/> and the registered
    /// <see cref="IPlanScheduler"/> if any (<c>AddCrmRelationships()</c> registers the contact plan book);</item>
    /// <item><see cref="CrmOptions"/>, validated by <see cref="CrmOptionsValidator"/> on start.</item>
    /// </list>
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Changes the options.</param>
    /// <returns>The same collection, for chaining.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static IServiceCollection AddCrmCore(this IServiceCollection services, Action<CrmOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<CrmOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CrmOptions>, CrmOptionsValidator>());
        services.TryAddCrmClock();
        services.TryAddSingleton<IIdGenerator<CustomerId>>(sp => CreateGenerator(sp, o => o.CustomerIdPattern, s => new CustomerId(s)));
        services.TryAddSingleton<IIdGenerator<TicketId>>(sp => CreateGenerator(sp, o => o.TicketIdPattern, s => new TicketId(s)));
        services.TryAddSingleton(sp => new CustomerFactory(sp.GetRequiredService<IClock>(), sp.GetRequiredService<IIdGenerator<CustomerId>>()));
        services.TryAddSingleton(sp => new TicketFactory(
            sp.GetRequiredService<IClock>(),
            sp.GetRequiredService<IIdGenerator<TicketId>>(),
            sp.GetRequiredService<IOptions<CrmOptions>>().Value.Tickets));
        services.TryAddSingleton<InMemoryAuditStore>();
        services.TryAddSingleton<IAuditStore>(sp => sp.GetRequiredService<InMemoryAuditStore>());
        services.TryAddSingleton<InMemoryOutbox>();
        services.TryAddSingleton<IOutbox>(sp => sp.GetRequiredService<InMemoryOutbox>());
        services.TryAddSingleton(sp => new InMemoryOutboxTicketRepository(sp.GetRequiredService<InMemoryOutbox>(), sp.GetRequiredService<IAuditStore>()));
        services.TryAddSingleton<IOutboxTicketRepository>(sp => sp.GetRequiredService<InMemoryOutboxTicketRepository>());
        services.TryAddSingleton<ITicketRepository>(sp => sp.GetRequiredService<InMemoryOutboxTicketRepository>());
        services.TryAddSingleton<ISurveyRepository>(sp => sp.GetRequiredService<InMemoryOutboxTicketRepository>());
        services.TryAddSingleton<ICustomerRepository>(sp => new InMemoryCustomerRepository(sp.GetRequiredService<IAuditStore>(), sp.GetRequiredService<IClock>()));
        services.TryAddSingleton<CrmCore.Assets.IAssetRepository, CrmCore.Assets.InMemoryAssetRepository>();
        services.TryAddSingleton<CrmCore.Assets.IModelTicketCounts>(sp => new CrmCore.Assets.ScanningModelTicketCounts(
            sp.GetRequiredService<CrmCore.Assets.IAssetRepository>(), sp.GetRequiredService<ITicketRepository>()));
        services.TryAddSingleton<CrmCore.Agents.IAgentRepository, CrmCore.Agents.InMemoryAgentRepository>();
        services.TryAddSingleton<CrmCore.Knowledge.IKnowledgeRepository, CrmCore.Knowledge.InMemoryKnowledgeRepository>();
        services.TryAddSingleton<IQueueRepository, InMemoryQueueRepository>();
        services.TryAddSingleton<ISequenceRepository, InMemorySequenceRepository>();
        services.TryAddSingleton<IEscalationRepository, InMemoryEscalationRepository>();
        services.TryAddSingleton<CrmCore.Imports.IImportLedger, CrmCore.Imports.InMemoryImportLedger>();
        services.TryAddSingleton(_ => AccessPolicy.Documents000And001);
        services.TryAddSingleton(sp => new CustomerAccess(sp.GetRequiredService<AccessPolicy>(), sp.GetRequiredService<IAuditStore>(), sp.GetRequiredService<IClock>()));
        services.AddCrmSla();
        services.AddCrmRouting();
        services.TryAddSingleton<IPriorityScorer, UrgencyPriorityScorer>();
        services.TryAddSingleton<IRoutingPolicy, SingleGroupRouting>();
        services.TryAddSingleton<IEscalationPathChooser, AllLaddersPath>();
        services.TryAddSingleton<ICustomerClassifier, RecordedClassification>();
        services.TryAddSingleton<IChurnFactorSource, Document001ChurnFactors>();
        services.TryAddSingleton<ICustomerBackgroundSource, NoCustomerBackground>();
        services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<CrmOptions>>().Value;
            return new ServiceDesk(
                sp.GetRequiredService<IClock>(),
                new DeskStores(
                    sp.GetRequiredService<ITicketRepository>(),
                    sp.GetRequiredService<ICustomerRepository>(),
                    sp.GetRequiredService<IQueueRepository>(),
                    sp.GetRequiredService<ISequenceRepository>(),
                    sp.GetRequiredService<IEscalationRepository>())
                {
                    Transactions = sp.GetService<IStoreTransactions>() ?? NoStoreTransactions.Instance,
                    Agents = sp.GetRequiredService<CrmCore.Agents.IAgentRepository>(),
                    Assets = sp.GetRequiredService<CrmCore.Assets.IAssetRepository>(),
                    ModelTicketCounts = sp.GetRequiredService<CrmCore.Assets.IModelTicketCounts>(),
                },
                new DeskEngines(sp.GetRequiredService<SlaEngine>(), sp.GetRequiredService<EscalationEngine>(), sp.GetRequiredService<TicketQueue>())
                {
                    Plans = sp.GetService<IPlanScheduler>() ?? NoPlanScheduler.Instance,
                    Churn = sp.GetService<CrmCore.Churn.ChurnScorer>(),
                },
                new DeskPorts(sp.GetRequiredService<IPriorityScorer>(), sp.GetRequiredService<IRoutingPolicy>(), sp.GetRequiredService<IEscalationPathChooser>())
                {
                    Classifier = sp.GetRequiredService<ICustomerClassifier>(),
                    ChurnFactors = sp.GetRequiredService<IChurnFactorSource>(),
                    Background = sp.GetRequiredService<ICustomerBackgroundSource>(),
                    Suggester = sp.GetService<CrmCore.Knowledge.IArticleSuggester>(),
                },
                sp.GetServices<IDeskEventSubscriber>(),
                new DeskSettings { Desk = options.Desk, Tickets = options.Tickets, TicketIdPattern = options.TicketIdPattern, TimeZone = options.ResolveTimeZone() });
        });
        return services;
    }

    /// <summary>
    /// Registers the default <see cref="IClock"/> unless one is registered already: a registered <see cref="TimeProvider"/>
    /// seen through <see cref="TimeProviderClock"/>, else the system clock. Every CrmCore package's registration calls this,
    /// so the clock has one source whichever packages a host adds.
    /// </summary>
    internal static IServiceCollection TryAddCrmClock(this IServiceCollection services)
    {
        services.TryAddSingleton<IClock>(CreateClock);
        return services;
    }

    private static IClock CreateClock(IServiceProvider services)
    {
        if (services.GetService<TimeProvider>() is { } provider)
        {
            return new TimeProviderClock(provider);
        }

        // The one place the system clock is allowed: the default IClock of a host that registered no TimeProvider.
#pragma warning disable RS0030
        return SystemClock.Instance;
#pragma warning restore RS0030
    }

    private static PatternIdGenerator<TId> CreateGenerator<TId>(IServiceProvider services, Func<CrmOptions, string> pattern, Func<string, TId> create)
    {
        var options = services.GetRequiredService<IOptions<CrmOptions>>().Value;
        return new PatternIdGenerator<TId>(IdPattern.Parse(pattern(options)), services.GetRequiredService<IClock>(), options.ResolveTimeZone(), create);
    }
}
