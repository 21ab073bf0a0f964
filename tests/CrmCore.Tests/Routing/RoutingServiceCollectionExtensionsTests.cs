using CrmCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CrmCore.Tests.Routing;

public sealed class RoutingServiceCollectionExtensionsTests
{
    [Fact]
    public void AddCrmRouting_Configured_ResolvesQueueWithTheTermAndTheStrategies()
    {
        using var provider = new ServiceCollection()
            .AddCrmRouting(o => o.SlaTerm.PointsAtDue = 250)
            .AddCrmRouting()
            .BuildServiceProvider();

        Assert.Equal(250, provider.GetRequiredService<IOptions<RoutingOptions>>().Value.SlaTerm.PointsAtDue);
        Assert.NotNull(provider.GetRequiredService<TicketQueue>());
        Assert.Equal(3, provider.GetServices<IAssignmentStrategy>().Count());
    }

    [Fact]
    public void AddCrmRouting_InvalidOptions_FailsListingEveryProblem()
    {
        using var provider = new ServiceCollection()
            .AddCrmRouting(o =>
            {
                o.SlaTerm.PointsAtDue = -1;
                o.SlaTerm.OverduePointsPerHour = -1;
            })
            .BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<TicketQueue>());
        Assert.Equal(2, error.Failures.Count());
    }
}
