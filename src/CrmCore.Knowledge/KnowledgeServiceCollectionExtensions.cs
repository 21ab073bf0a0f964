using CrmCore.Knowledge;
using CrmCore.Satisfaction;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers CrmCore knowledge suggestions.</summary>
public static class KnowledgeServiceCollectionExtensions
{
    /// <summary>
    /// Registers a singleton <see cref="KnowledgeIndex"/>, a <see cref="KnowledgeBase"/> that fills it from the registered
    /// <see cref="IKnowledgeRepository"/> (in memory unless a storage package or <c>AddCrmCore()</c> registered one; needs an
    /// <see cref="NodaTime.IClock"/>, which <c>AddCrmCore()</c> registers) and, as <see cref="IFeedbackThemeExtractor"/>,
    /// a <see cref="WordThemeExtractor"/> sharing the index's segmentation, and the knowledge base as the desk's <see cref="IArticleSuggester"/>
    /// (each raised ticket then carries its top articles, <see cref="CrmCore.Desk.ArticlesSuggested"/>). The options are validated at start
    /// (a host stops with every setting out of range listed in an <see cref="OptionsValidationException"/>), or when the index is first
    /// resolved without a host.
    /// Uses TryAdd, so an earlier registration wins.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Changes the options; default: <see cref="KnowledgeOptions"/>' defaults.</param>
    /// <returns>The services.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is null.</exception>
    public static IServiceCollection AddCrmKnowledge(this IServiceCollection services, Action<KnowledgeOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var builder = services.AddOptions<KnowledgeOptions>();
        if (configure is not null)
        {
            builder.Configure(configure);
        }

        builder.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<KnowledgeOptions>, KnowledgeOptionsValidator>());
        services.TryAddSingleton(sp => new KnowledgeIndex(sp.GetRequiredService<IOptions<KnowledgeOptions>>().Value));
        services.TryAddSingleton<IKnowledgeRepository, InMemoryKnowledgeRepository>();
        services.TryAddSingleton(sp => new KnowledgeBase(sp.GetRequiredService<IKnowledgeRepository>(), sp.GetRequiredService<KnowledgeIndex>(), sp.GetRequiredService<NodaTime.IClock>()));
        services.TryAddSingleton<IArticleSuggester>(sp => sp.GetRequiredService<KnowledgeBase>());
        services.TryAddSingleton<IFeedbackThemeExtractor>(sp => new WordThemeExtractor(sp.GetRequiredService<KnowledgeIndex>().Segmenter));
        return services;
    }

    private sealed class KnowledgeOptionsValidator : IValidateOptions<KnowledgeOptions>
    {
        public ValidateOptionsResult Validate(string? name, KnowledgeOptions options) =>
            options.Validate() is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
    }
}
