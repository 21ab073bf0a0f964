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
    [InlineData("Closed", true)]
    [InlineData("Resolved", true)]
    [InlineData("AwaitingRevisit", true)]
    [InlineData("InProgress", false)]
    public void IsResolved_ByStatusAlone_FollowsTheStatus(string status, bool expected)
    {
        var record = new ServiceRecord { TicketId = "1", CustomerId = "C", RaisedAt = At(1), Status = status };

        Assert.Equal(expected, record.IsResolved);
    }
}
