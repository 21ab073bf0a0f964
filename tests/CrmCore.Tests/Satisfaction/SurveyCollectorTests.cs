using CrmCore.Customers;
using CrmCore.Satisfaction;
using CrmCore.Tickets;
using NodaTime;

namespace CrmCore.Tests.Satisfaction;

public class SurveyCollectorTests
{
    private static SurveyResponse Response(params (string Dimension, int Score)[] scores) =>
        new(new TicketId("WT1"), new CustomerId("C1"), Instant.FromUtc(2024, 5, 1, 0, 0), new CsatScore(4),
            dimensionScores: scores.ToDictionary(s => new SatisfactionDimension(s.Dimension), s => s.Score));

    [Fact]
    public void Record_KnownDimensions_IsKept()
    {
        var collector = new SurveyCollector(new SatisfactionOptions());

        collector.Record(Response(("Price", 3), ("Resolution", 5)));

        Assert.Single(collector.Responses);
    }

    [Fact]
    public void Record_UnknownDimensions_ThrowsListingEachAndKeepsNothing()
    {
        var collector = new SurveyCollector(new SatisfactionOptions());

        var error = Assert.Throws<ArgumentException>(() => collector.Record(Response(("Taste", 3), ("Smell", 2), ("Price", 4))));

        Assert.Contains("'Taste'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'Smell'", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("'Price'", error.Message, StringComparison.Ordinal);
        Assert.Empty(collector.Responses);
    }

    [Fact]
    public void TryRecord_ConfiguredCustomDimension_Accepts()
    {
        var options = new SatisfactionOptions();
        options.Dimensions.Add(new SatisfactionDimension("DeliveryTime"));
        var collector = new SurveyCollector(options);

        var accepted = collector.TryRecord(Response(("DeliveryTime", 2)), out var problems);

        Assert.True(accepted);
        Assert.Empty(problems);
    }

    [Fact]
    public void Constructor_InvalidOptions_Throws()
    {
        var options = new SatisfactionOptions { LowScoreThreshold = 5 };

        Assert.Throws<ArgumentException>(() => new SurveyCollector(options));
    }
}
