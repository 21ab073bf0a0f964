using CrmCore.Agents;
using CrmCore.Routing;
using CrmCore.Tickets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NodaTime;

namespace CrmCore.Tests.Routing;

public sealed class RoutingServiceCollectionExtensionsTests
{
    [Fact]
    public void AddCrmRouting_Configured_ResolvesRouterWithChosenStrategyAndMaps()
    {
        using var provider = new ServiceCollection()
            .AddCrmRouting(o =>
            {
                o.Strategy = "Round-Robin";
                o.IndustryGroups["Retail"] = "retail";
                o.TypeSkills["Fault"] = ["Technical"];
            })
            .AddCrmRouting()
            .BuildServiceProvider();
        var router = provider.GetRequiredService<TicketRouter>();
        Assert.IsType<RoundRobinStrategy>(router.Strategy);
        Assert.Same(provider.GetRequiredService<TicketQueue>(), router.Queue);
        Assert.Equal(3, provider.GetServices<IAssignmentStrategy>().Count());
        var placed = provider.GetRequiredService<IGroupResolver>().Resolve(new RoutingRequest(new TicketId("WT1"), "retail", TicketType.Fault));
        Assert.Equal(new GroupAssignment(new TeamId("retail"), SkillSet.Of(Skill.Technical)), placed);
    }

    [Fact]
    public void AddCrmRouting_InvalidOptions_FailsListingEveryProblem()
    {
        using var provider = new ServiceCollection()
            .AddCrmRouting(o =>
            {
                o.Strategy = "fastest";
                o.OverflowAfter = Duration.Zero;
                o.SlaTerm.PointsAtDue = -1;
            })
            .BuildServiceProvider();
        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<TicketRouter>());
        Assert.Equal(3, error.Failures.Count());
    }
}
