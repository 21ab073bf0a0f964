using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace CrmCore.Storage.Tests.Contract;

/// <summary>A desk host over a provider's stores, as a host process builds it: several per storage act as several instances.</summary>
internal static class DeskHost
{
    /// <summary>The services of one host: the provider's desk stores (and its agent store when asked), <c>AddCrmCore()</c>, the clock.</summary>
    public static ServiceProvider Build(StoreProvider storage, IClock clock, bool withAgents = false)
    {
        var services = new ServiceCollection();
        services.AddSingleton(clock);
        storage.Desk().AddTo(services);
        if (withAgents)
        {
            services.AddSingleton(storage.Agents());
        }

        services.AddCrmCore();
        return services.BuildServiceProvider();
    }
}
