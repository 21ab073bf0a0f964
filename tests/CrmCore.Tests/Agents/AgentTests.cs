using CrmCore.Agents;
using NodaTime;

namespace CrmCore.Tests.Agents;

public sealed class AgentTests
{
    private static Agent NewAgent(int capacity = 2) =>
        new(new AgentId("a1"), "Li Lei", new TeamId("tech"), SkillSet.Of(Skill.Technical), capacity);

    [Fact]
    public void TryReserveSlot_AtCapacity_ReturnsFalse()
    {
        var agent = NewAgent();
        Assert.True(agent.TryReserveSlot());
        Assert.True(agent.TryReserveSlot());
        Assert.False(agent.TryReserveSlot());
        Assert.Equal(2, agent.ActiveCount);
        Assert.Equal(1.0, agent.Load);
    }

    [Fact]
    public void ReleaseSlot_HoldingNothing_Throws()
    {
        var agent = NewAgent();
        Assert.Throws<InvalidOperationException>(agent.ReleaseSlot);
    }

    [Fact]
    public void TryReserveSlot_ManyThreads_NeverExceedsCapacity()
    {
        var agent = NewAgent(capacity: 50);
        var taken = 0;
        Parallel.For(0, 1000, _ =>
        {
            if (agent.TryReserveSlot())
            {
                Interlocked.Increment(ref taken);
            }
        });
        Assert.Equal(50, taken);
        Assert.Equal(50, agent.ActiveCount);
    }

    [Fact]
    public void JoinTeam_ThenLeave_ServesOnlyWhileJoined()
    {
        var agent = NewAgent();
        var temp = new TeamId("temp-1");
        Assert.False(agent.Serves(temp));
        agent.JoinTeam(temp);
        agent.JoinTeam(temp);
        Assert.Equal([new TeamId("tech"), temp], agent.Teams);
        agent.LeaveTeam(temp);
        Assert.False(agent.Serves(temp));
        Assert.Throws<ArgumentException>(() => agent.LeaveTeam(new TeamId("tech")));
    }

    [Fact]
    public void Constructor_InvalidCapacity_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => NewAgent(capacity: 0));
        Assert.Throws<ArgumentException>(() => new Agent(default, "x", new TeamId("t"), SkillSet.Empty, 1));
    }

    [Fact]
    public void ShiftCovers_DayAndOvernightShifts_MatchLocalTimes()
    {
        var day = new Shift(new LocalTime(9, 0), new LocalTime(18, 0), IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday);
        Assert.True(day.Covers(new LocalDateTime(2026, 3, 2, 9, 0)));    // Monday
        Assert.False(day.Covers(new LocalDateTime(2026, 3, 2, 18, 0)));
        Assert.False(day.Covers(new LocalDateTime(2026, 3, 4, 10, 0)));  // Wednesday
        var night = new Shift(new LocalTime(22, 0), new LocalTime(6, 0), IsoDayOfWeek.Monday);
        Assert.True(night.Covers(new LocalDateTime(2026, 3, 2, 23, 0)));  // Monday evening
        Assert.True(night.Covers(new LocalDateTime(2026, 3, 3, 5, 59)));  // Tuesday morning belongs to Monday's shift
        Assert.False(night.Covers(new LocalDateTime(2026, 3, 3, 23, 0)));
        var everyDay = new Shift(new LocalTime(8, 0), new LocalTime(20, 0));
        Assert.True(everyDay.Covers(new LocalDateTime(2026, 3, 8, 12, 0))); // Sunday
    }

    [Fact]
    public void DisplayName_ChineseAndEnglish_ReturnsLocalizedNames()
    {
        Assert.Equal("在线", Availability.Online.DisplayName(new System.Globalization.CultureInfo("zh-Hans")));
        Assert.Equal("离线", Availability.Offline.DisplayName(new System.Globalization.CultureInfo("zh-CN")));
        Assert.Equal("Away", Availability.Away.DisplayName(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Throws<ArgumentOutOfRangeException>(() => ((Availability)9).DisplayName());
    }
}
