using CrmCore.Interactions;
using CrmCore.Tests.Support;
using CrmCore.Tickets;
using NodaTime;

namespace CrmCore.Tests.Interactions;

public class InteractionTests
{
    [Fact]
    public void Init_AllFields_AreKeptTrimmed()
    {
        var interaction = new Interaction
        {
            CustomerId = TestData.Acme,
            At = TestData.Start,
            Channel = Channel.OnlineChat,
            Direction = InteractionDirection.Outbound,
            Summary = " 回访打印机维修结果 ",
            By = " alice ",
            CustomerFeedback = "满意",
            NextAction = "下月寄送耗材目录",
            NextContactOn = new LocalDate(2024, 4, 4),
            TicketId = new TicketId("WT202403001"),
        };

        Assert.Equal("回访打印机维修结果", interaction.Summary);
        Assert.Equal("alice", interaction.By);
        Assert.Equal("满意", interaction.CustomerFeedback);
        Assert.Equal(new LocalDate(2024, 4, 4), interaction.NextContactOn);
        Assert.Equal(new TicketId("WT202403001"), interaction.TicketId);
    }

    [Fact]
    public void Init_DefaultDirection_IsInbound() =>
        Assert.Equal(InteractionDirection.Inbound, new Interaction { CustomerId = TestData.Acme, At = TestData.Start, Channel = Channel.Sms, Summary = "Hi", By = "bot" }.Direction);

    [Fact]
    public void Init_BlankOptionalText_IsNull() =>
        Assert.Null(new Interaction { CustomerId = TestData.Acme, At = TestData.Start, Channel = Channel.Sms, Summary = "Hi", By = "bot", NextAction = " " }.NextAction);

    [Fact]
    public void Init_BlankSummary_Throws() =>
        Assert.Throws<ArgumentException>(() => new Interaction { CustomerId = TestData.Acme, At = TestData.Start, Channel = Channel.Sms, Summary = " ", By = "bot" });

    [Fact]
    public void Init_EmptyCustomerOrChannel_Throws()
    {
        Assert.Throws<ArgumentException>(() => new Interaction { CustomerId = default, At = TestData.Start, Channel = Channel.Sms, Summary = "Hi", By = "bot" });
        Assert.Throws<ArgumentException>(() => new Interaction { CustomerId = TestData.Acme, At = TestData.Start, Channel = default, Summary = "Hi", By = "bot" });
    }
}
