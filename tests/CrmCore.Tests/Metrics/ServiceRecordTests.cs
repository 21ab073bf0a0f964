using CrmCore.Metrics;
using static CrmCore.Tests.Metrics.KpiTestData;

namespace CrmCore.Tests.Metrics;

public class ServiceRecordTests
{
    [Fact]
    public void Validate_ValidRecord_HasNoProblems()
    {
        Assert.Empty(Ticket("1").Validate());
    }

    [Fact]
    public void Validate_EverythingWrong_ListsEveryProblem()
    {
        var record = new ServiceRecord
        {
            TicketId = " ",
            CustomerId = "",
            RaisedAt = At(10),
            FirstResponseAt = At(9),
            ResolvedAt = At(9),
            ClosedAt = At(9),
            ReopenCount = -1,
            ContactCount = 0,
        };

        Assert.Equal(7, record.Validate().Count);
    }

    [Theory]
    [InlineData(CrmCore.Tickets.TicketStatus.Closed, true)]
    [InlineData(CrmCore.Tickets.TicketStatus.Resolved, true)]
    [InlineData(CrmCore.Tickets.TicketStatus.AwaitingRevisit, true)]
    [InlineData(CrmCore.Tickets.TicketStatus.InProgress, false)]
    public void IsResolved_ByStatusAlone_FollowsTheStatus(CrmCore.Tickets.TicketStatus status, bool expected)
    {
        var record = new ServiceRecord { TicketId = "1", CustomerId = "C", RaisedAt = At(1), Status = status };

        Assert.Equal(expected, record.IsResolved);
    }
}
