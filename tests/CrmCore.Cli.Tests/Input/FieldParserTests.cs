using System.Globalization;
using CrmCore.Cli.Input;
using CrmCore.Tickets;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;

namespace CrmCore.Cli.Tests.Input;

public sealed class FieldParserTests
{
    private static readonly FieldSpec Revenue = new("AnnualRevenue", FieldKind.Decimal, "x") { Minimum = 0 };
    private static readonly FieldSpec Csat = new("Csat", FieldKind.Integer, "x") { Minimum = 1, Maximum = 5 };

    [Theory]
    [InlineData("120000", 120000)]
    [InlineData(" 1234.50 ", 1234.5)]
    [InlineData("0", 0)]
    public void Parse_Decimal_ReturnsValue(string text, double expected)
    {
        var outcome = FieldParser.Parse(Revenue, text);
        Assert.Null(outcome.Problem);
        Assert.Equal((decimal)expected, outcome.Value);
    }

    [Theory]
    [InlineData("12万")]
    [InlineData("1,000")]
    [InlineData("abc")]
    [InlineData("-5")]
    public void Parse_BadDecimal_IsBadNumber(string text)
    {
        Assert.Equal(RowProblemKind.BadNumber, FieldParser.Parse(Revenue, text).Problem);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("6")]
    [InlineData("4.5")]
    public void Parse_IntegerOutOfRangeOrFraction_IsBadNumber(string text)
    {
        Assert.Equal(RowProblemKind.BadNumber, FieldParser.Parse(Csat, text).Problem);
    }

    [Theory]
    [InlineData("2026-03-01T09:30:00+08:00", 2026, 3, 1, 1, 30)]
    [InlineData("2026-03-01T01:30:00Z", 2026, 3, 1, 1, 30)]
    public void Parse_Instant_AcceptsOffsetsAndZ(string text, int y, int mo, int d, int h, int mi)
    {
        var outcome = FieldParser.Parse(new FieldSpec("RaisedAt", FieldKind.Instant, "x"), text);
        Assert.Equal(Instant.FromUtc(y, mo, d, h, mi), outcome.Value);
    }

    [Theory]
    [InlineData("Instant", "2026-03-01 09:30")]
    [InlineData("Instant", "2026-03-01T09:30:00")]
    [InlineData("Date", "2025-02-30")]
    [InlineData("Date", "2025/02/03")]
    public void Parse_BadTimes_AreBadDate(string kind, string text)
    {
        var field = new FieldSpec("At", Enum.Parse<FieldKind>(kind), "x");
        Assert.Equal(RowProblemKind.BadDate, FieldParser.Parse(field, text).Problem);
    }

    [Fact]
    public void Parse_DateOrInstant_DateIsMidnightUtc()
    {
        var outcome = FieldParser.Parse(new FieldSpec("LastInteraction", FieldKind.DateOrInstant, "x"), "2025-10-20");
        Assert.Equal(Instant.FromUtc(2025, 10, 20, 0, 0), outcome.Value);
    }

    [Theory]
    [InlineData("紧急", Urgency.Urgent)]
    [InlineData("major", Urgency.Major)]
    [InlineData("General", Urgency.General)]
    public void Parse_Urgency_AcceptsEnglishAndChinese(string text, Urgency expected)
    {
        Assert.Equal(expected, FieldParser.Parse(new FieldSpec("Urgency", FieldKind.Urgency, "x"), text).Value);
    }

    [Theory]
    [InlineData("处理中", TicketStatus.InProgress)]
    [InlineData("closed", TicketStatus.Closed)]
    public void Parse_Status_AcceptsEnglishAndChinese(string text, TicketStatus expected)
    {
        Assert.Equal(expected, FieldParser.Parse(new FieldSpec("Status", FieldKind.TicketStatus, "x"), text).Value);
    }

    [Theory]
    [InlineData("是", true)]
    [InlineData("no", false)]
    [InlineData("TRUE", true)]
    public void Parse_Boolean_AcceptsWords(string text, bool expected)
    {
        Assert.Equal(expected, FieldParser.Parse(new FieldSpec("DoNotContact", FieldKind.Boolean, "x"), text).Value);
    }

    [Fact]
    public void SplitList_MixedSeparators_TrimsAndDeduplicates()
    {
        Assert.Equal(["高价值", "活跃", "偏好新品"], FieldParser.SplitList(" 高价值; 活跃|偏好新品;;活跃 "));
    }

    [Property]
    public Property SplitList_IsIdempotent(string[] items)
    {
        var text = string.Join(";", (items ?? []).Where(i => i is not null));
        var once = FieldParser.SplitList(text);
        var twice = FieldParser.SplitList(string.Join("|", once));
        return once.SequenceEqual(twice).ToProperty();
    }

    [Property]
    public Property Parse_Integer_RoundTripsInvariantText(int value)
    {
        var field = new FieldSpec("N", FieldKind.Integer, "x");
        var outcome = FieldParser.Parse(field, value.ToString(CultureInfo.InvariantCulture));
        return (outcome.Problem is null && (int)outcome.Value! == value).ToProperty();
    }
}
