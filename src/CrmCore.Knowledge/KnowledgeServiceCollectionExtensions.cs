using CrmCore.Knowledge;
using CrmCore.Satisfaction;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers CrmCore knowledge suggestions.</summary>
public static class KnowledgeServiceCollectionExtensions
{
    /// <summary>
    /// Registers a singleton <see cref="KnowledgeIndex"/>, a <see cref="KnowledgeBase"/> that fills it from the registered
    /// <see cref="IKnowledgeRepository"/> (in memory unless a storage package or <c>AddCrmCore()</c> registered one; needs an
    /// <see cref="NodaTime.IClock"/>, which <c>AddCrmCore()</c> registers) and, as <see cref="IFeedbackThemeExtractor"/>,
    /// a <see cref="WordThemeExtractor"/> sharing the index's segmentation, and the knowledge base as the desk's <see cref="IArticleSuggester"/>
    /// (each raised ticket then carries its top articles, <see cref="CrmCore.Desk.ArticlesSuggested"/>). Options are validated when the index is first resolved.
    /// Uses TryAdd, so an earlier registration wins.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Changes the options; default: <see cref="KnowledgeOptions"/>' defaults.</param>
    /// <returns>The services.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is null.</exception>
    public static IServiceCollection AddCrmKnowledge(this IServiceCollection services, Action<KnowledgeOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(_ =>
        {
            var options = new KnowledgeOptions();
            configure?.Invoke(options);
            return new KnowledgeIndex(options);
        });
        services.TryAddSingleton<IKnowledgeRepository, InMemoryKnowledgeRepository>();
        services.TryAddSingleton(sp => new KnowledgeBase(sp.GetRequiredService<IKnowledgeRepository>(), sp.GetRequiredService<KnowledgeIndex>(), sp.GetRequiredService<NodaTime.IClock>()));
        services.TryAddSingleton<IArticleSuggester>(sp => sp.GetRequiredService<KnowledgeBase>());
        services.TryAddSingleton<IFeedbackThemeExtractor>(sp => new WordThemeExtractor(sp.GetRequiredService<KnowledgeIndex>().Segmenter));
        return services;
    }
}
