using CrmCore.Rules;
using CrmCore;
using CrmCore.Rules.Integration;
using CrmCore.Rules.Reload;
using CrmCore.Desk;
using CrmCore.Rules.Desk;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers CrmCore rules.</summary>
public static class CrmRulesServiceCollectionExtensions
{
    /// <summary>
    /// Registers a singleton <see cref="IRuleSetProvider"/> that loads the configured rule files (or the default pack) when first
    /// resolved. The options are validated here. When <see cref="RuleLoadOptions.EscalationLadders"/> is null and an
    /// <see cref="CrmCore.Escalation.EscalationEngine"/> is registered (<c>AddCrmSla</c>), Escalation rules are checked against its ladders
    /// (an unknown ladder is CRM062, so the initial load fails). Resolving the provider throws <see cref="CrmCore.CrmException"/> (code
    /// <c>CRM-RULES-LOAD</c>, listing every error) when the initial files do not load; a generic host loads them at start, so such files
    /// stop it with an <see cref="OptionsValidationException"/> carrying the same list. Calling it twice keeps the first registration. For the service desk it registers
    /// <see cref="RulesDeskPorts"/> (run by <see cref="CrmRulesOptions.Backend"/>) as <see cref="IPriorityScorer"/>,
    /// <see cref="IRoutingPolicy"/>, <see cref="IEscalationPathChooser"/>, <see cref="ICustomerClassifier"/> and <see cref="IChurnFactorSource"/>, replacing <c>AddCrmCore()</c>'s plain-C# defaults but
    /// keeping a host's own implementation registered before. It registers a <see cref="RoutingNamesMonitor"/> that, once resolved,
    /// warns (CRM060, CRM061) about Routing results and skills that name no team or skill registered with the
    /// <see cref="ServiceDesk"/> (the teams its agents serve and their skills), at every publish and on <see cref="RoutingNamesMonitor.Recheck"/>.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Configures <see cref="CrmRulesOptions"/>; optional.</param>
    /// <returns>The services.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is null.</exception>
    /// <exception cref="ArgumentException">The options are invalid (an empty file path, or load options out of range).</exception>
    public static IServiceCollection AddCrmRules(this IServiceCollection services, Action<CrmRulesOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = new CrmRulesOptions();
        configure?.Invoke(options);
        ArgumentNullException.ThrowIfNull(options.LoadOptions);
        options.LoadOptions.Validate();
        if (options.RuleFiles.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("CrmRulesOptions.RuleFiles contains an empty path.", nameof(configure));
        }

        var files = options.RuleFiles.ToArray();
        services.TryAddSingleton<IRuleSetProvider>(sp =>
        {
            // Escalation rules choose ladders: check the names they give against the ladders that run (CRM062), unless the host said otherwise.
            var loadOptions = options.LoadOptions.EscalationLadders is null && sp.GetService<CrmCore.Escalation.EscalationEngine>() is { } escalation
                ? options.LoadOptions with { EscalationLadders = [.. escalation.Policy.Ladders.Select(l => l.Name)] }
                : options.LoadOptions;
            var provider = new RuleSetProvider(loadOptions, sp.GetService<ILogger<RuleSetProvider>>());
            var result = files.Length == 0 ? provider.Reload(DefaultRulePack.Sources(options.UseDoc003Tiering)) : provider.ReloadFromFiles(files);
            result.GetRuleSetOrThrow();
            return provider;
        });

        // The service desk's ports: the rule pack replaces the plain-C# defaults of AddCrmCore(), but not a host's own implementation.
        var backend = options.Backend;
        services.TryAddSingleton(sp =>
        {
            var rules = sp.GetRequiredService<IRuleSetProvider>();
            return new RulesDeskPorts(() => rules.Current?.RuleSet ?? throw CrmException.Worded("CRM-RULES-NONE", "Error_NoRuleSetLoaded"), backend, sp.GetRequiredService<NodaTime.IClock>());
        });
        // Routing names are checked against what the host registered with the desk (its agents and the teams they serve), at every publish.
        services.TryAddSingleton(sp => new RoutingNamesMonitor(
            sp.GetRequiredService<IRuleSetProvider>(),
            () => DeskTeams(sp.GetService<ServiceDesk>()),
            () => sp.GetService<ServiceDesk>()?.Agents ?? [],
            sp.GetService<ILogger<RoutingNamesMonitor>>()));
        // A generic host loads the rule files at start: broken files stop it with their errors instead of failing the first ticket.
        services.AddOptions<RuleFilesLoaded>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RuleFilesLoaded>, RuleFilesLoadedValidator>());
        ReplaceDefault<IPriorityScorer, UrgencyPriorityScorer>(services);
        ReplaceDefault<IRoutingPolicy, SingleGroupRouting>(services);
        ReplaceDefault<IEscalationPathChooser, AllLaddersPath>(services);
        ReplaceDefault<ICustomerClassifier, RecordedClassification>(services);
        ReplaceDefault<IChurnFactorSource, Document001ChurnFactors>(services);
        return services;
    }

    private static IEnumerable<CrmCore.Agents.TeamId> DeskTeams(ServiceDesk? desk) =>
        desk is null ? [] : desk.Agents.SelectMany(a => a.Teams).Distinct();

    private static void ReplaceDefault<TPort, TDefault>(IServiceCollection services)
        where TPort : class
    {
        var existing = services.LastOrDefault(d => d.ServiceType == typeof(TPort));
        if (existing is null || existing.ImplementationType == typeof(TDefault) || existing.ImplementationInstance is TDefault)
        {
            services.RemoveAll<TPort>();
            services.AddSingleton<TPort>(sp => (TPort)(object)sp.GetRequiredService<RulesDeskPorts>());
        }
    }

    // Stands for "the initial rule files load" in the start-time validation; holds nothing.
    private sealed class RuleFilesLoaded;

    private sealed class RuleFilesLoadedValidator(IServiceProvider services) : IValidateOptions<RuleFilesLoaded>
    {
        public ValidateOptionsResult Validate(string? name, RuleFilesLoaded options)
        {
            try
            {
                _ = services.GetRequiredService<IRuleSetProvider>();
                return ValidateOptionsResult.Success;
            }
            catch (CrmException e) when (e.Code == "CRM-RULES-LOAD")
            {
                return ValidateOptionsResult.Fail(e.Message);
            }
        }
    }
}
