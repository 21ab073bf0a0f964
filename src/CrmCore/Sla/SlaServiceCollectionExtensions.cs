using CrmCore.Calendars;
using CrmCore.Escalation;
using CrmCore.Sla;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the CrmCore SLA and escalation engines.</summary>
public static class SlaServiceCollectionExtensions
{
    /// <summary>
    /// Registers singleton <see cref="SlaEngine"/> and <see cref="EscalationEngine"/> from <see cref="SlaOptions"/>, validated at start
    /// (every named calendar must exist, every metric must have a clock). Also calls <c>AddCrmCalendars()</c> with no calendars, which
    /// does nothing when calendars were registered before. Uses TryAdd, so an earlier registration wins.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Changes the options; default: the seed policies of document 001.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddCrmSla(this IServiceCollection services, Action<SlaOptions>? configure = null)
    {
        services.AddCrmCalendars(); // throws ArgumentNullException for a null services
        var builder = services.AddOptions<SlaOptions>();
        if (configure is not null)
        {
            builder.Configure(configure);
        }

        builder.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SlaOptions>, SlaOptionsValidator>());
        services.TryAddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<SlaOptions>>().Value;
            return new SlaEngine(o.Policies, sp.GetRequiredService<ICalendarProvider>(), o.Clocks);
        });
        services.TryAddSingleton(sp =>
            new EscalationEngine(sp.GetRequiredService<IOptions<SlaOptions>>().Value.Escalation, sp.GetRequiredService<ICalendarProvider>()));
        return services;
    }

    private sealed class SlaOptionsValidator(ICalendarProvider calendars) : IValidateOptions<SlaOptions>
    {
        public ValidateOptionsResult Validate(string? name, SlaOptions options)
        {
            var failures = new List<string>();
            if (options.Policies is null || options.Escalation is null)
            {
                return ValidateOptionsResult.Fail("SlaOptions.Policies and SlaOptions.Escalation must be set.");
            }

            foreach (var policy in options.Policies.Policies)
            {
                foreach (var target in policy.Targets.Where(t => !calendars.TryGet(t.Calendar, out _)))
                {
                    failures.Add($"SLA policy '{policy.Name}' target {target.Metric} names calendar '{target.Calendar}', which is not registered.");
                }
            }

            foreach (var ladder in options.Escalation.Ladders)
            {
                foreach (var step in ladder.Steps.Where(s => s.Calendar is not null && !calendars.TryGet(s.Calendar, out _)))
                {
                    failures.Add($"Escalation ladder '{ladder.Name}' level {step.Level} names calendar '{step.Calendar}', which is not registered.");
                }
            }

            try
            {
                _ = new SlaEngine(options.Policies, calendars, options.Clocks);
            }
            catch (ArgumentException ex)
            {
                failures.Add(ex.Message);
            }

            return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
        }
    }
}
