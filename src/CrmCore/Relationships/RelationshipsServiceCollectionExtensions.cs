using CrmCore.Calendars;
using CrmCore.Desk;
using CrmCore.Relationships;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers CrmCore relationship maintenance (contact plans and care).</summary>
public static class RelationshipsServiceCollectionExtensions
{
    /// <summary>
    /// Registers a singleton <see cref="ContactPlanner"/> built from <see cref="RelationshipOptions"/> and the named business calendar,
    /// and a singleton <see cref="ContactPlanBook"/> over the registered <see cref="IContactPlanRepository"/> (in memory unless a storage
    /// provider registered one; its saves are audited into the registered <c>IAuditStore</c> when there is one) that reads the registered <see cref="ICustomerRepository"/> for do-not-contact. The book is also the
    /// desk's <see cref="IPlanScheduler"/>, so <c>ServiceDesk.AdvanceAsync</c> raises its due and overdue reminders. Also registers the calendars (<c>AddCrmCalendars</c>) when they are not yet.
    /// The planner writes purposes in the caller's language (<see cref="System.Globalization.CultureInfo.CurrentUICulture"/> when planning).
    /// With an <see cref="ILoggerFactory"/> registered, a due date the planner could not check against the calendar
    /// (<see cref="ContactPlanner.DueDateUnchecked"/>) is logged as a warning.
    /// Options are validated at start (a policy is required, the calendar must exist). Uses TryAdd, so an earlier registration wins.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Changes the options; default: document 001's policy on the <c>default</c> calendar.</param>
    /// <returns>The services.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is null.</exception>
    public static IServiceCollection AddCrmRelationships(this IServiceCollection services, Action<RelationshipOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddCrmCalendars();
        var builder = services.AddOptions<RelationshipOptions>();
        if (configure is not null)
        {
            builder.Configure(configure);
        }

        builder.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RelationshipOptions>, RelationshipOptionsValidator>());
        services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<RelationshipOptions>>().Value;
            return PlanDateLog.Watch(
                new ContactPlanner(options.Policy, sp.GetRequiredService<ICalendarProvider>().Get(options.Calendar)),
                sp.GetService<ILoggerFactory>()?.CreateLogger<ContactPlanner>());
        });
        services.TryAddSingleton<IContactPlanRepository>(sp => sp.GetService<CrmCore.Audit.IAuditStore>() is { } audit
            ? new InMemoryContactPlanRepository(audit, sp.GetRequiredService<NodaTime.IClock>())
            : new InMemoryContactPlanRepository());
        services.TryAddSingleton(sp => new ContactPlanBook(
            sp.GetRequiredService<ContactPlanner>(), sp.GetRequiredService<IContactPlanRepository>(), sp.GetService<ICustomerRepository>()));
        services.TryAddSingleton<IPlanScheduler>(sp => sp.GetRequiredService<ContactPlanBook>());
        return services;
    }

    private sealed class RelationshipOptionsValidator(ICalendarProvider calendars) : IValidateOptions<RelationshipOptions>
    {
        public ValidateOptionsResult Validate(string? name, RelationshipOptions options)
        {
            if (options.Policy is null || string.IsNullOrWhiteSpace(options.Calendar))
            {
                return ValidateOptionsResult.Fail("RelationshipOptions needs a Policy and a Calendar name.");
            }

            return calendars.TryGet(options.Calendar, out _)
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail($"RelationshipOptions.Calendar names calendar '{options.Calendar}', which is not registered.");
        }
    }
}
