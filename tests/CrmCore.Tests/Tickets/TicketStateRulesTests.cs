using CrmCore.Customers;
using CrmCore.Satisfaction;
using CrmCore.Tests.Support;
using CrmCore.Tickets;
using NodaTime;

namespace CrmCore.Tests.Tickets;

/// <summary>
/// A stored ticket state is restored only if some sequence of commands could have produced it: each rule of that check, broken on
/// its own, is refused with its exact reason and the ticket's id; ids keep their own rules.
/// </summary>
public class TicketStateRulesTests
{
    private static readonly NodaTime.Testing.FakeClock Clock = TestData.NewClock();
    private static readonly TicketState Valid = TestData.ResolvedTicket(Clock, TestData.TicketFactory(Clock)).ToState();

    private static readonly Dictionary<string, (Func<TicketState, TicketState> Break, string Reason)> Broken = new()
    {
        ["empty customer"] = (s => s with { CustomerId = default }, "the ticket id, customer id and owner must not be empty."),
        ["empty owner"] = (s => s with { Owner = default }, "the ticket id, customer id and owner must not be empty."),
        ["version 0"] = (s => s with { Version = 0 }, "version 0 is below 1."),
        ["blank description"] = (s => s with { Description = " " }, "the description, type, channel or urgency is missing or undefined."),
        ["type without a code"] = (s => s with { Type = default }, "the description, type, channel or urgency is missing or undefined."),
        ["channel without a code"] = (s => s with { Channel = default }, "the description, type, channel or urgency is missing or undefined."),
        ["undefined urgency"] = (s => s with { Urgency = (Urgency)99 }, "the description, type, channel or urgency is missing or undefined."),
        ["empty history"] = (s => s with { StatusHistory = [] }, "the status history must start with the creation entry Pending → Pending."),
        ["history not starting from Pending"] = (s => s with { StatusHistory = [s.StatusHistory[0] with { From = TicketStatus.InProgress }, .. s.StatusHistory.Skip(1)] }, "the status history must start with the creation entry Pending → Pending."),
        ["history not starting at Pending"] = (s => s with { StatusHistory = [s.StatusHistory[0] with { To = TicketStatus.InProgress }, .. s.StatusHistory.Skip(1)] }, "the status history must start with the creation entry Pending → Pending."),
        ["creation entry not at CreatedAt"] = (s => s with { StatusHistory = [s.StatusHistory[0] with { At = s.CreatedAt + Duration.FromTicks(1) }, .. s.StatusHistory.Skip(1)] }, $"the creation entry is at {Valid.CreatedAt + Duration.FromTicks(1)}, not at CreatedAt {Valid.CreatedAt}."),
        ["entry not from the previous status"] = (s => s with { StatusHistory = [s.StatusHistory[0], s.StatusHistory[1] with { From = TicketStatus.Resolved }, .. s.StatusHistory.Skip(2)] }, $"history entry 1 starts from Resolved but the ticket was Pending."),
        ["entry earlier than the one before"] = (s => s with { StatusHistory = [s.StatusHistory[0], s.StatusHistory[1] with { At = s.CreatedAt - Duration.FromTicks(1) }, .. s.StatusHistory.Skip(2)] }, $"history entry 1 ({Valid.CreatedAt - Duration.FromTicks(1)}) is earlier than entry 0 ({Valid.CreatedAt})."),
        ["a move to the same status"] = (s => s with { StatusHistory = [s.StatusHistory[0], new StatusChange(s.CreatedAt, TicketStatus.Pending, TicketStatus.Pending, "x"), .. s.StatusHistory.Skip(1)] }, "history entry 1 (Pending → Pending) is not a move of the lifecycle table."),
        ["status not where the history ends"] = (s => s with { Status = TicketStatus.Closed }, "the status is Closed but the history ends at Resolved."),
        ["last change before the last status change"] = (s => s with { LastChangeAt = s.StatusHistory[^1].At - Duration.FromTicks(1) }, $"LastChangeAt {Valid.StatusHistory[^1].At - Duration.FromTicks(1)} is earlier than the last status change."),
        ["survey of another ticket"] = (s => s with { Surveys = [Survey(new TicketId("OTHER"), s.CustomerId)] }, $"the survey is for ticket OTHER of customer {Valid.CustomerId}."),
        ["survey of another customer"] = (s => s with { Surveys = [Survey(s.Id, new CustomerId("KH9999"))] }, $"the survey is for ticket {Valid.Id} of customer KH9999."),
    };

    public static TheoryData<string> BrokenRows => [.. Broken.Keys];

    [Theory]
    [MemberData(nameof(BrokenRows))]
    public void Restore_StateBreakingOneRule_IsRefusedWithThatReason(string row)
    {
        var (breakIt, reason) = Broken[row];

        var e = Assert.Throws<ArgumentException>(() => Ticket.Restore(breakIt(Valid)));

        Assert.Equal("state", e.ParamName);
        Assert.StartsWith($"The stored state of ticket {Valid.Id} cannot be restored: {reason}", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Restore_ValidState_AndItsBoundaries_AreAccepted()
    {
        var sameInstant = Valid with { LastChangeAt = Valid.StatusHistory[^1].At };
        var survey = Valid with { Surveys = [Survey(Valid.Id, Valid.CustomerId)] };

        Assert.Equal(Valid.Status, Ticket.Restore(Valid).Status);
        Assert.Equal(Valid.Version, Ticket.Restore(sameInstant).Version);
        Assert.NotNull(Ticket.Restore(survey).Satisfaction);
        Assert.Equal("state", Assert.Throws<ArgumentNullException>(() => Ticket.Restore(null!)).ParamName);
        Assert.Equal("options", Assert.Throws<ArgumentOutOfRangeException>(() => Ticket.Restore(Valid, new TicketOptions { ReopenWindow = -Duration.FromTicks(1) })).ParamName);
    }

    [Fact]
    public void TicketId_AtMost64Characters_NotBlank_OrderedOrdinally()
    {
        Assert.Equal(64, new TicketId(new string('A', 64)).Value.Length);
        var tooLong = Assert.Throws<ArgumentException>(() => new TicketId(new string('A', 65)));
        Assert.Equal("value", tooLong.ParamName);
        Assert.StartsWith("An id is at most 64 characters long.", tooLong.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new TicketId(" "));
        Assert.Throws<ArgumentNullException>(() => new TicketId(null!));

        var a = new TicketId("WT-a");
        var b = new TicketId("WT-b");
        var upper = new TicketId("WT-B");
        Assert.Equal((true, true, false, false), (a < b, a <= b, a > b, a >= b));
        Assert.Equal((false, true, false, true), (a < new TicketId("WT-a"), a <= new TicketId("WT-a"), a > new TicketId("WT-a"), a >= new TicketId("WT-a")));
        Assert.True(upper < a); // ordinal: upper case sorts first
        Assert.True(default(TicketId).IsEmpty);
        Assert.False(a.IsEmpty);
        Assert.Equal(string.Empty, default(TicketId).Value);
        Assert.Equal("WT-a", a.ToString());
    }

    private static SurveyResponse Survey(TicketId ticket, CustomerId customer) =>
        new(ticket, customer, Clock.GetCurrentInstant(), new CsatScore(4), new NpsScore(9), comment: "ok");
}
