using System.Globalization;
using CrmCore.Tickets;
using NodaTime;

namespace CrmCore.Tests.Tickets;

public class TicketTransitionExceptionTests
{
    [Fact]
    public void Message_MoveNotAllowed_IsEnglishAndNamesTicketStatusAndMove()
    {
        var ex = new TicketTransitionException(new TicketId("WT202403001"), TicketStatus.Pending, TicketMove.Close, TicketTransitionFailure.MoveNotAllowed);

        Assert.Equal("Ticket WT202403001: cannot close while the ticket is 'Pending'.", ex.Message);
        Assert.Equal(TicketTransitionException.ErrorCode, ex.Code);
        Assert.IsAssignableFrom<CrmException>(ex);
    }

    [Fact]
    public void LocalizedMessage_ZhHans_UsesChineseNames()
    {
        var ex = new TicketTransitionException(new TicketId("WT202403001"), TicketStatus.Pending, TicketMove.Close, TicketTransitionFailure.MoveNotAllowed);

        Assert.Equal("工单 WT202403001：当前状态为“待处理”，不能关闭。", ex.LocalizedMessage(new CultureInfo("zh-CN")));
    }

    [Fact]
    public void LocalizedMessage_ReopenWindowElapsed_GivesWindowInHours()
    {
        var ex = new TicketTransitionException(new TicketId("WT1"), TicketStatus.Closed, TicketMove.Reopen, TicketTransitionFailure.ReopenWindowElapsed, Duration.FromDays(7));

        Assert.Contains("168 hours", ex.Message, StringComparison.Ordinal);
        Assert.Contains("168 小时", ex.LocalizedMessage(new CultureInfo("zh-Hans")), StringComparison.Ordinal);
    }

    [Fact]
    public void Message_ClosureNotConfirmed_SaysWhatIsMissingInBothLanguages()
    {
        var ex = new TicketTransitionException(new TicketId("WT1"), TicketStatus.Resolved, TicketMove.Close, TicketTransitionFailure.ClosureNotConfirmed);

        Assert.Equal("Ticket WT1: cannot close while the ticket is 'Resolved': the customer has not confirmed the resolution and no revisit was completed.", ex.Message);
        Assert.EndsWith("不能关闭：客户尚未确认解决结果，也未完成回访。", ex.LocalizedMessage(new CultureInfo("zh-Hans")), StringComparison.Ordinal);
        Assert.Equal(Duration.Zero, ex.ReopenWindow);
    }
}
