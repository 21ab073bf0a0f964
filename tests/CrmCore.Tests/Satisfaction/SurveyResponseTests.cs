using CrmCore.Customers;
using CrmCore.Satisfaction;
using CrmCore.Tickets;
using NodaTime;

namespace CrmCore.Tests.Satisfaction;

public class SurveyResponseTests
{
    private static readonly Instant Answered = Instant.FromUtc(2024, 5, 3, 8, 0);

    [Fact]
    public void Constructor_ValidInput_KeepsEveryField()
    {
        var scores = new Dictionary<SatisfactionDimension, int> { [SatisfactionDimension.Price] = 2, [SatisfactionDimension.ResponseSpeed] = 5 };

        var response = new SurveyResponse(new TicketId("WT202405001"), new CustomerId("C202405001"), Answered, new CsatScore(4), new NpsScore(9), scores, "  价格太贵  ");

        Assert.Equal("WT202405001", response.Ticket.Value);
        Assert.Equal("C202405001", response.Customer.Value);
        Assert.Equal(Answered, response.AnsweredAt);
        Assert.Equal(4, response.Csat.Value);
        Assert.Equal(9, response.Nps!.Value.Value);
        Assert.Equal(2, response.DimensionScores[SatisfactionDimension.Price]);
        Assert.Equal("价格太贵", response.Comment);
    }

    [Fact]
    public void Constructor_ScoresChangedAfterwards_KeepsItsOwnCopy()
    {
        var scores = new Dictionary<SatisfactionDimension, int> { [SatisfactionDimension.Price] = 2 };
        var response = new SurveyResponse(new TicketId("T1"), new CustomerId("C1"), Answered, new CsatScore(3), dimensionScores: scores);

        scores[SatisfactionDimension.Price] = 5;

        Assert.Equal(2, response.DimensionScores[SatisfactionDimension.Price]);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    [InlineData(-1)]
    public void Constructor_DimensionScoreOutOfRange_ThrowsNamingTheDimension(int score)
    {
        var scores = new Dictionary<SatisfactionDimension, int> { [SatisfactionDimension.Communication] = score };

        var error = Assert.Throws<ArgumentOutOfRangeException>(() =>
            new SurveyResponse(new TicketId("T1"), new CustomerId("C1"), Answered, new CsatScore(3), dimensionScores: scores));

        Assert.Contains("Communication", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_DefaultCsat_Throws()
    {
        Assert.Throws<ArgumentException>(() => new SurveyResponse(new TicketId("T1"), new CustomerId("C1"), Answered, default));
    }

    [Fact]
    public void Constructor_EmptyIds_Throw()
    {
        Assert.Throws<ArgumentException>(() => new SurveyResponse(default, new CustomerId("C1"), Answered, new CsatScore(3)));
        Assert.Throws<ArgumentException>(() => new SurveyResponse(new TicketId("T1"), default, Answered, new CsatScore(3)));
    }

    [Fact]
    public void Constructor_NoCommentOrScores_UsesEmptyValues()
    {
        var response = new SurveyResponse(new TicketId("T1"), new CustomerId("C1"), Answered, new CsatScore(5), comment: "   ");

        Assert.Equal(string.Empty, response.Comment);
        Assert.Empty(response.DimensionScores);
        Assert.Null(response.Nps);
    }
}
