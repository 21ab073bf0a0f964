using CrmCore.Cli.Commands;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;

namespace CrmCore.Cli.Tests.Commands;

public sealed class LocalTimeParserTests
{
    [Theory]
    [InlineData("4h", 240)]
    [InlineData("90m", 90)]
    [InlineData("1h30m", 90)]
    [InlineData("1:30", 90)]
    [InlineData("PT4H", 240)]
    [InlineData("pt2h15m", 135)]
    [InlineData("1d", 1440)]
    public void BusinessDuration_AcceptedForms(string text, int minutes)
    {
        Assert.Equal(Duration.FromMinutes(minutes), LocalTimeParser.BusinessDuration(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("0h")]
    [InlineData("h")]
    [InlineData("4x")]
    [InlineData("4")]
    [InlineData("1:75")]
    [InlineData("-2h")]
    [InlineData("P1D")]
    [InlineData("9999999999h")]
    public void BusinessDuration_RejectedForms(string text)
    {
        Assert.Null(LocalTimeParser.BusinessDuration(text));
    }

    [Theory]
    [InlineData("2026-09-30T16:00")]
    [InlineData("2026-09-30 16:00")]
    [InlineData("2026-09-30T16:00:00")]
    public void LocalDateTime_AcceptedForms(string text)
    {
        Assert.Equal(new LocalDateTime(2026, 9, 30, 16, 0), LocalTimeParser.LocalDateTime(text));
    }

    [Fact]
    public void LocalDateTime_DateAlone_IsMidnight()
    {
        Assert.Equal(new LocalDateTime(2026, 10, 8, 0, 0), LocalTimeParser.LocalDateTime("2026-10-08"));
    }

    [Theory]
    [InlineData("2026-09-30T16:00+08:00")]
    [InlineData("30/09/2026 16:00")]
    [InlineData("tomorrow")]
    public void LocalDateTime_RejectedForms(string text)
    {
        Assert.Null(LocalTimeParser.LocalDateTime(text));
    }

    [Property]
    public Property BusinessDuration_HoursAndMinutesAgree(PositiveInt hours, NonNegativeInt minutes)
    {
        var h = hours.Get % 1000;
        var m = minutes.Get % 60;
        var expected = Duration.FromHours(h) + Duration.FromMinutes(m);
        var text = $"{h}h{m}m";
        return (h == 0 || LocalTimeParser.BusinessDuration(text) == expected).ToProperty();
    }
}
