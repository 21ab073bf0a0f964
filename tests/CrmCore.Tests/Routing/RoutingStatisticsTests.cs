using CrmCore.Agents;
using CrmCore.Routing;
using CrmCore.Tickets;
using FsCheck;
using FsCheck.Fluent;
using NodaTime;

namespace CrmCore.Tests.Routing;

public sealed class RoutingStatisticsTests
{
    private static readonly Instant Start = Instant.FromUtc(2026, 3, 2, 1, 0);

    private static Assignment Made(string agent, int waitedMinutes, int n) => new(
        new QueuedTicket(new TicketId("WT" + n), new TeamId("t"), 0, null, null, Start),
        new AgentId(agent),
        Start + Duration.FromMinutes(waitedMinutes));

    [Fact]
    public void Record_SeveralAssignments_SummarisesLoadAndWaits()
    {
        var stats = new RoutingStatistics();
        stats.Record(Made("b", 30, 1));
        stats.Record(Made("a", 10, 2));
        stats.Record(Made("b", 20, 3));
        Assert.Equal(3, stats.Count);
        Assert.Equal([new(new AgentId("a"), 1), new KeyValuePair<AgentId, int>(new AgentId("b"), 2)], stats.AssignedPerAgent);
        Assert.Equal(Duration.FromMinutes(20), stats.MeanWait);
        Assert.Equal(Duration.FromMinutes(30), stats.MaxWait);
        Assert.Equal(Duration.FromMinutes(20), stats.WaitPercentile(50));
        Assert.Equal(Duration.FromMinutes(10), stats.WaitPercentile(0));
        stats.Reset();
        Assert.Equal(Duration.Zero, stats.WaitPercentile(90));
        Assert.Throws<ArgumentOutOfRangeException>(() => stats.WaitPercentile(101));
    }

    [FsCheck.Xunit.Property]
    public Property WaitPercentile_AnyWaits_MatchesNearestRankOfSortedWaits() =>
        Prop.ForAll(Arb.From(Gen.NonEmptyListOf(Gen.Choose(0, 10_000))), Arb.From(Gen.Choose(0, 100)), (waits, p) =>
        {
            var stats = new RoutingStatistics();
            var i = 0;
            foreach (var w in waits)
            {
                stats.Record(Made("a", w, i++));
            }

            var sorted = waits.Order().ToList();
            var rank = Math.Max(1, (int)Math.Ceiling(p / 100.0 * sorted.Count));
            return stats.WaitPercentile(p) == Duration.FromMinutes(sorted[rank - 1]) && stats.MaxWait == Duration.FromMinutes(sorted[^1]);
        });
}
