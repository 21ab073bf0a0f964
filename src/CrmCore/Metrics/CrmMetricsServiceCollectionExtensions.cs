using System.Diagnostics.Metrics;
using CrmCore.Calendars;
using CrmCore.Churn;
using CrmCore.Metrics;
using CrmCore.Satisfaction;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the satisfaction, KPI, monthly-report and churn-risk services of CrmCore.</summary>
public static class CrmMetricsServiceCollectionExtensions
{
    /// <summary>Registers the services with default options (configure them further with <c>services.Configure&lt;T&gt;</c>).</summary>
    /// <param name="services">The service collection.</param>
    /// <returns>The same collection.</returns>
    public static IServiceCollection AddCrmMetrics(this IServiceCollection services) => services.AddCrmMetrics(static _ => { });

    /// <summary>
    /// Registers, as singletons and only when not registered yet: <see cref="SurveyCollector"/>, <see cref="SatisfactionAnalyzer"/>,
    /// <see cref="KpiCalculator"/>, <see cref="MonthlyReportBuilder"/>, <see cref="ChurnScorer"/>, <see cref="IChurnHistory"/>
    /// (in memory), <see cref="CrmMetrics"/> (using the host's <see cref="IMeterFactory"/> when there is one) and the system
    /// <see cref="IClock"/>. When an <see cref="ICalendarProvider"/> with a <c>default</c> calendar is registered, the scorer counts
    /// the supervisor follow-up in that calendar's business time. <see cref="MetricsOptions"/>, <see cref="SatisfactionOptions"/> (with its
    /// <see cref="ThemeOptions"/>) and <see cref="ChurnOptions"/> are validated when the host starts, and again on first use; an invalid
    /// setting fails with an <see cref="OptionsValidationException"/> listing every problem, all in the language of
    /// <see cref="System.Globalization.CultureInfo.CurrentUICulture"/> (Simplified Chinese for zh-Hans, else English). The analyzer and the report
    /// builder take their negative-feedback themes from the registered <see cref="IFeedbackThemeExtractor"/> when there is one
    /// (<c>AddCrmKnowledge()</c> registers the word-level extractor), else from the built-in <see cref="ThemeExtractor"/>.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Configures the KPI settings and targets.</param>
    /// <returns>The same collection.</returns>
    public static IServiceCollection AddCrmMetrics(this IServiceCollection services, Action<MetricsOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<MetricsOptions>().Configure(configure).ValidateOnStart();
        services.AddOptions<SatisfactionOptions>().ValidateOnStart();
        services.AddOptions<ChurnOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MetricsOptions>>(new ProblemListValidator<MetricsOptions>(o => o.Validate())));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SatisfactionOptions>>(new ProblemListValidator<SatisfactionOptions>(o => o.Validate())));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ChurnOptions>>(new ProblemListValidator<ChurnOptions>(o => o.Validate())));

        services.TryAddCrmClock();
        services.TryAddSingleton<IChurnHistory, InMemoryChurnHistory>();
        services.TryAddSingleton(sp => new SurveyCollector(Get<SatisfactionOptions>(sp)));
        services.TryAddSingleton(sp => new SatisfactionAnalyzer(Get<SatisfactionOptions>(sp), sp.GetService<IFeedbackThemeExtractor>()));
        services.TryAddSingleton(sp => new KpiCalculator(Get<MetricsOptions>(sp)));
        services.TryAddSingleton(sp => new MonthlyReportBuilder(Get<MetricsOptions>(sp), Get<SatisfactionOptions>(sp), sp.GetService<IFeedbackThemeExtractor>()));
        services.TryAddSingleton(sp => new ChurnScorer(
            Get<ChurnOptions>(sp),
            sp.GetRequiredService<IClock>(),
            sp.GetRequiredService<IChurnHistory>(),
            sp.GetService<ICalendarProvider>() is { } calendars && calendars.TryGet("default", out var calendar) ? calendar : null));
        services.TryAddSingleton(sp => new CrmMetrics(sp.GetService<IMeterFactory>()));
        return services;
    }

    private static T Get<T>(IServiceProvider services)
        where T : class => services.GetRequiredService<IOptions<T>>().Value;

    private sealed class ProblemListValidator<T>(Func<T, IReadOnlyList<string>> validate) : IValidateOptions<T>
        where T : class
    {
        public ValidateOptionsResult Validate(string? name, T options)
        {
            var problems = validate(options);
            return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
        }
    }
}
