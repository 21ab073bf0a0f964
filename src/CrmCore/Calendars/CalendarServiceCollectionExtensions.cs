using CrmCore.Calendars;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers CrmCore business calendars.</summary>
public static class CalendarServiceCollectionExtensions
{
    /// <summary>
    /// Registers a singleton <see cref="CalendarRegistry"/> (also as <see cref="ICalendarProvider"/>) built from
    /// <see cref="CalendarOptions"/>, validated at start: a calendar that does not load stops the host with every problem listed.
    /// Uses TryAdd, so an earlier registration wins. With an <see cref="ILoggerFactory"/> registered, operations that read dates past
    /// a calendar's holiday data log one warning per calendar and year (or throw, with <see cref="CalendarOptions.StrictHolidayCoverage"/>).
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Adds calendars; default: none, so only <c>24x7</c> (also as <c>default</c>) is registered.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddCrmCalendars(this IServiceCollection services, Action<CalendarOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var builder = services.AddOptions<CalendarOptions>();
        if (configure is not null)
        {
            builder.Configure(configure);
        }

        builder.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CalendarOptions>, CalendarOptionsValidator>());
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<CalendarOptions>>().Value.CreateRegistry(
            sp.GetService<ILoggerFactory>()?.CreateLogger<CalendarRegistry>()));
        services.TryAddSingleton<ICalendarProvider>(sp => sp.GetRequiredService<CalendarRegistry>());
        return services;
    }

    private sealed class CalendarOptionsValidator : IValidateOptions<CalendarOptions>
    {
        public ValidateOptionsResult Validate(string? name, CalendarOptions options)
        {
            var (_, problems) = options.Build();
            return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems.Select(p => p.ToString()));
        }
    }
}
