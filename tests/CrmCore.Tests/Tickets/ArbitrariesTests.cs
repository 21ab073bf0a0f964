using CrmCore.Tests.Support;
using CrmCore.Tickets;
using FsCheck.Fluent;

namespace CrmCore.Tests.Tickets;

public class ArbitrariesTests
{
    [Fact]
    public void TicketOperations_Sampled_DriveTicketsThroughEveryStatusAndReopen()
    {
        var samples = Arbitraries.TicketOperations().Generator.Sample(60, 200);
        var scenarios = samples.Select(ops => TicketScenario.Run(ops)).ToList();

        var visited = scenarios.SelectMany(s => s.Ticket.StatusHistory.Select(c => c.To)).ToHashSet();
        Assert.Equal(Enum.GetValues<TicketStatus>().ToHashSet(), visited);
        Assert.Contains(scenarios, s => s.Ticket.ReopenCount > 0);
        Assert.Contains(scenarios, s => s.Ticket.StatusHistory.Count(c => c.To == TicketStatus.Closed) > 1);
    }
}
