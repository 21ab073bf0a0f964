using CrmCore;
using CrmCore.Customers;
using CrmCore.Desk;
using CrmCore.Identifiers;
using CrmCore.Routing;
using CrmCore.Storage;
using CrmCore.Tickets;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>The registration both providers share: one storage singleton whose stores replace the in-memory defaults.</summary>
internal static class StorageRegistration
{
    /// <summary>
    /// Registers <typeparamref name="TOptions"/> set by <paramref name="target"/> (the database the caller named), then changed by the
    /// caller's <paramref name="configure"/>, and validated by <paramref name="validate"/> when the host starts (<c>ValidateOnStart</c>: a
    /// generic host fails before it serves anything, with every problem listed) or, without a host, when the storage is first resolved;
    /// then the storage singleton built from those options, whose stores replace the in-memory defaults. The body of each provider's
    /// <c>AddCrm…Storage</c>, which checks its arguments first.
    /// </summary>
    public static IServiceCollection Replace<TStorage, TOptions>(
        IServiceCollection services,
        Action<TOptions> target,
        Action<TOptions>? configure,
        Func<TOptions, IReadOnlyList<string>> validate,
        Func<TOptions, SlaTermOptions?, IClock?, TStorage> create)
        where TStorage : class, IStorageStores
        where TOptions : class
    {
        services.AddOptions<TOptions>().Configure(options =>
        {
            target(options);
            configure?.Invoke(options);
        }).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TOptions>>(new ProblemListValidator<TOptions>(validate)));
        return Replace(services, (slaTerm, clock, sp) => create(sp.GetRequiredService<IOptions<TOptions>>().Value, slaTerm, clock));
    }

    private static IServiceCollection Replace<TStorage>(IServiceCollection services, Func<SlaTermOptions?, IClock?, IServiceProvider, TStorage> create)
        where TStorage : class, IStorageStores
    {
        services.TryAddSingleton(sp => create(sp.GetService<IOptions<RoutingOptions>>()?.Value.SlaTerm, sp.GetService<IClock>(), sp));
        services.Replace(ServiceDescriptor.Singleton<ITicketRepository>(sp => sp.GetRequiredService<TStorage>().Tickets));
        services.Replace(ServiceDescriptor.Singleton(sp => sp.GetRequiredService<TStorage>().Tickets));
        services.Replace(ServiceDescriptor.Singleton(sp => sp.GetRequiredService<TStorage>().Surveys));
        services.Replace(ServiceDescriptor.Singleton(sp => sp.GetRequiredService<TStorage>().Customers));
        services.Replace(ServiceDescriptor.Singleton(sp => sp.GetRequiredService<TStorage>().Escalations));
        services.Replace(ServiceDescriptor.Singleton(sp => sp.GetRequiredService<TStorage>().Sequences));
        services.Replace(ServiceDescriptor.Singleton(sp => sp.GetRequiredService<TStorage>().ContactPlans));
        services.Replace(ServiceDescriptor.Singleton(sp => sp.GetRequiredService<TStorage>().Assets));
        services.Replace(ServiceDescriptor.Singleton(sp => sp.GetRequiredService<TStorage>().ModelTicketCounts));
        services.Replace(ServiceDescriptor.Singleton(sp => sp.GetRequiredService<TStorage>().Agents));
        services.Replace(ServiceDescriptor.Singleton(sp => sp.GetRequiredService<TStorage>().Knowledge));
        services.Replace(ServiceDescriptor.Singleton(sp => sp.GetRequiredService<TStorage>().QueueRepository));
        services.Replace(ServiceDescriptor.Singleton(sp => sp.GetRequiredService<TStorage>().QueueStore));
        services.Replace(ServiceDescriptor.Singleton(sp => sp.GetRequiredService<TStorage>().Outbox));
        services.Replace(ServiceDescriptor.Singleton(sp => sp.GetRequiredService<TStorage>().Publications));
        services.Replace(ServiceDescriptor.Singleton(sp => sp.GetRequiredService<TStorage>().Audit));
        services.Replace(ServiceDescriptor.Singleton(sp => sp.GetRequiredService<TStorage>().Transactions));
        services.Replace(ServiceDescriptor.Singleton(sp => sp.GetRequiredService<TStorage>().ChurnHistory));
        services.Replace(ServiceDescriptor.Singleton(sp => sp.GetRequiredService<TStorage>().ImportLedger));
        services.Replace(ServiceDescriptor.Singleton(sp => Generator<TStorage, CustomerId>(sp, o => o.CustomerIdPattern, s => new CustomerId(s))));
        services.Replace(ServiceDescriptor.Singleton(sp => Generator<TStorage, TicketId>(sp, o => o.TicketIdPattern, s => new TicketId(s))));
        return services;
    }

    private sealed class ProblemListValidator<T>(Func<T, IReadOnlyList<string>> validate) : IValidateOptions<T>
        where T : class
    {
        public ValidateOptionsResult Validate(string? name, T options)
        {
            var problems = validate(options);
            return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
        }
    }

    private static IIdGenerator<TId> Generator<TStorage, TId>(IServiceProvider services, Func<CrmOptions, string> pattern, Func<string, TId> create)
        where TStorage : class, IStorageStores
    {
        var crm = services.GetRequiredService<IOptions<CrmOptions>>().Value;
        return services.GetRequiredService<TStorage>().IdGenerator(IdPattern.Parse(pattern(crm)), services.GetRequiredService<IClock>(), crm.ResolveTimeZone(), create);
    }
}
