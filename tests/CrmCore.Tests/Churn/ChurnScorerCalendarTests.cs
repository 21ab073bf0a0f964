using CrmCore.Calendars;
using CrmCore.Churn;
using CrmCore.Customers;
using CrmCore.Metrics;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Testing;

namespace CrmCore.Tests.Churn;

public class ChurnScorerCalendarTests
{
    // Weekdays 09:00-17:00 UTC: 8 business hours a day, 2024-05-09 a holiday.
    private const string CalendarJsonText = """
        {
          "name": "office",
          "timeZone": "Etc/UTC",
          "week": {
            "monday": ["09:00-17:00"], "tuesday": ["09:00-17:00"], "wednesday": ["09:00-17:00"],
            "thursday": ["09:00-17:00"], "friday": ["09:00-17:00"]
          },
          "holidays": [ { "date": "2024-05-09", "name": "Holiday" } ],
          "horizon": { "from": "2024-01-01", "to": "2024-12-31" }
        }
        """;

    private static readonly CustomerId Customer = new("C202405001");
    private static readonly ChurnFactor[] HighFactors = [new("ContractEnding", 80, "contract ends", "合同到期")];

    private static BusinessCalendar Office()
    {
        var result = CalendarJson.Load(CalendarJsonText);
        Assert.True(result.Success, string.Join("\n", result.Problems));
        return result.Value;
    }

    [Theory]
    [InlineData("2024-05-03T16:00:00Z", "2024-05-08T16:00:00Z")] // Friday 16:00: 1 h + Mon 8 + Tue 8 + Wed 7
    [InlineData("2024-05-10T16:00:00Z", "2024-05-15T16:00:00Z")] // the same a week later
    [InlineData("2024-05-04T20:00:00Z", "2024-05-10T09:00:00Z")] // Saturday: Mon-Wed end at closing, Thursday is a holiday
    [InlineData("2024-05-07T12:00:00Z", "2024-05-13T12:00:00Z")] // Tuesday noon: skips the Thursday holiday and the weekend
    public void Evaluate_WithCalendar_FollowUpDueAfter24BusinessHours(string at, string expected)
    {
        var scorer = new ChurnScorer(new ChurnOptions(), new FakeClock(Instant.MinValue), new InMemoryChurnHistory(), Office());

        var assessment = scorer.Evaluate(Customer, HighFactors, ParseUtc(at));

        var due = assessment.FollowUpDue!.Value;
        Assert.True(Office().IsOpen(due), $"{due} is not an open instant");
        Assert.Equal(ParseUtc(expected), due);
    }

    [Fact]
    public void Evaluate_WithoutCalendar_FollowUpDueAfter24WallHours()
    {
        var at = ParseUtc("2024-05-04T20:00:00Z");
        var scorer = new ChurnScorer(new ChurnOptions(), new FakeClock(at), new InMemoryChurnHistory());

        Assert.Equal(at + Duration.FromHours(24), scorer.Evaluate(Customer, HighFactors).FollowUpDue);
    }

    [Fact]
    public void Evaluate_OutsideTheCalendarHorizon_ThrowsAndStoresNothing()
    {
        var history = new InMemoryChurnHistory();
        var scorer = new ChurnScorer(new ChurnOptions(), new FakeClock(Instant.MinValue), history, Office());

        Assert.Throws<CalendarHorizonException>(() => scorer.Evaluate(Customer, HighFactors, ParseUtc("2025-06-02T10:00:00Z")));
        Assert.Null(history.GetLatest(Customer));
    }

    [Fact]
    public void AddCrmMetrics_DefaultCalendarRegistered_ScorerCountsBusinessTime()
    {
        var at = ParseUtc("2024-05-03T16:00:00Z");
        using var provider = new ServiceCollection()
            .AddSingleton<IClock>(new FakeClock(at))
            .AddCrmCalendars(o => o.AddJson(CalendarJsonText))
            .AddCrmMetrics()
            .BuildServiceProvider();

        var assessment = provider.GetRequiredService<ChurnScorer>().Evaluate(Customer, HighFactors);

        Assert.Equal(ParseUtc("2024-05-08T16:00:00Z"), assessment.FollowUpDue);
    }

    private static Instant ParseUtc(string text) => NodaTime.Text.InstantPattern.General.Parse(text).GetValueOrThrow();
}
