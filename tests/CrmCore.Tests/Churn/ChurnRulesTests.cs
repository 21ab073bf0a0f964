using CrmCore.Calendars;
using CrmCore.Churn;
using CrmCore.Customers;
using CrmCore.Tests.Calendars;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;
using NodaTime.Testing;

namespace CrmCore.Tests.Churn;

/// <summary>The churn rules one by one: bands at their thresholds, the follow-up only on entry into the high band, the guards.</summary>
public class ChurnRulesTests
{
    private static readonly Instant At = Instant.FromUtc(2026, 3, 3, 2, 0);
    private static readonly CustomerId Customer = new("C202603001");

    private static ChurnFactor Factor(string name, double points) => new(name, points, name + " reason");

    private static ChurnScorer Scorer(ChurnOptions? options = null, BusinessCalendar? calendar = null, IChurnHistory? history = null) =>
        new(options ?? new ChurnOptions(), new FakeClock(At), history ?? new InMemoryChurnHistory(), calendar);

    [Theory]
    [InlineData(0, ChurnBand.Low)]
    [InlineData(39, ChurnBand.Low)]
    [InlineData(40, ChurnBand.Medium)]
    [InlineData(69, ChurnBand.Medium)]
    [InlineData(70, ChurnBand.High)]
    [InlineData(100, ChurnBand.High)]
    public void BandOf_DefaultThresholds_AreInclusiveLowerBounds(int score, ChurnBand band)
    {
        Assert.Equal(band, new ChurnOptions().BandOf(score));
    }

    [Property]
    public Property BandOf_AnyValidThresholds_HighFromHighMediumFromMedium() =>
        Prop.ForAll(
            (from medium in Gen.Choose(1, 99) from high in Gen.Choose(medium + 1, 100) from score in Gen.Choose(medium - 2, high + 2) select (medium, high, score)).ToArbitrary(),
            c =>
            {
                var band = new ChurnOptions { MediumThreshold = c.medium, HighThreshold = c.high }.BandOf(c.score);
                return band == (c.score >= c.high ? ChurnBand.High : c.score >= c.medium ? ChurnBand.Medium : ChurnBand.Low);
            });

    [Theory]
    [InlineData(null, true)]
    [InlineData(ChurnBand.Low, true)]
    [InlineData(ChurnBand.Medium, true)]
    [InlineData(ChurnBand.High, false)]
    public void Assess_HighScore_FollowUpOnlyWhenItJustEnteredTheHighBand(ChurnBand? previousBand, bool entered)
    {
        var previous = previousBand is { } b ? new ChurnHistoryEntry(At - Duration.FromDays(1), 75, b) : null;

        var assessment = Scorer().Assess(Customer, [Factor("Spike", 75)], At, previous);

        Assert.Equal(entered, assessment.EnteredHighBand);
        Assert.Equal(entered ? At + Duration.FromHours(24) : null, assessment.FollowUpDue);
    }

    [Fact]
    public void Assess_NotHigh_NoFollowUp()
    {
        var assessment = Scorer().Assess(Customer, [Factor("Spike", 69)], At, previous: null);

        Assert.Equal((ChurnBand.Medium, false, (Instant?)null), (assessment.Band, assessment.EnteredHighBand, assessment.FollowUpDue));
    }

    [Fact]
    public void Assess_WithCalendar_FollowUpCountsBusinessTime()
    {
        var calendar = TestCalendars.CnStandard;
        var at = TestCalendars.Cn(2026, 3, 6, 17); // Friday 17:00, one business hour before closing
        var options = new ChurnOptions { FollowUpWithin = Duration.FromHours(2) };

        var assessment = Scorer(options, calendar).Assess(Customer, [Factor("Spike", 90)], at, previous: null);

        Assert.Equal(calendar.Add(at, Duration.FromHours(2)), assessment.FollowUpDue);
        Assert.Equal(TestCalendars.Cn(2026, 3, 9, 10), assessment.FollowUpDue); // Monday 10:00
    }

    [Fact]
    public void Assess_Factors_ZeroDroppedOrderedByWeightThenName()
    {
        var assessment = Scorer().Assess(Customer, [Factor("b", 10), Factor("zero", 0), Factor("a", -10), Factor("big", -30), Factor("c", 20)], At, null);

        Assert.Equal(["big", "c", "a", "b"], assessment.Factors.Select(f => f.Name));
        Assert.Equal(0, assessment.Score);
    }

    [Fact]
    public void Assess_EmptyCustomer_ThrowsNamingTheCustomer()
    {
        var e = Assert.Throws<ArgumentException>(() => Scorer().Assess(default, [], At, previous: null));

        Assert.Equal("customer", e.ParamName);
        Assert.StartsWith("The customer id must not be empty.", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_EmptyCustomer_StoresNothing()
    {
        var history = new InMemoryChurnHistory();

        Assert.Throws<ArgumentException>(() => Scorer(history: history).Evaluate(default, [Factor("Spike", 90)], At));

        Assert.Null(history.GetLatest(default));
    }

    [Fact]
    public void NullArguments_AreRefusedByName()
    {
        var clock = new FakeClock(At);
        var history = new InMemoryChurnHistory();

        Assert.Equal("options", Assert.Throws<ArgumentNullException>(() => new ChurnScorer(null!, clock, history)).ParamName);
        Assert.Equal("clock", Assert.Throws<ArgumentNullException>(() => new ChurnScorer(new ChurnOptions(), null!, history)).ParamName);
        Assert.Equal("history", Assert.Throws<ArgumentNullException>(() => new ChurnScorer(new ChurnOptions(), clock, null!)).ParamName);
        Assert.Equal("factors", Assert.Throws<ArgumentNullException>(() => Scorer().Assess(Customer, null!, At, null)).ParamName);
        Assert.Equal("factors", Assert.Throws<ArgumentNullException>(() => ChurnScorer.ScoreOf(null!)).ParamName);
    }

    [Fact]
    public void Evaluate_OlderThanTheStoredEvaluation_IsOutOfDateRaisesNothingStoresNothing()
    {
        var history = new InMemoryChurnHistory();
        var scorer = Scorer(history: history);
        var events = new List<HighChurnRiskEntered>();
        scorer.HighRiskEntered += (_, e) => events.Add(e);
        scorer.Evaluate(Customer, [Factor("Quiet", 10)], At);

        var late = scorer.Evaluate(Customer, [Factor("Spike", 90)], At - Duration.FromHours(1));

        Assert.True(late.IsOutOfDate);
        Assert.False(late.EnteredHighBand);
        Assert.Null(late.FollowUpDue);
        Assert.Empty(events);
        Assert.Equal(new ChurnHistoryEntry(At, 10, ChurnBand.Low), history.GetLatest(Customer));
        Assert.Equal(80, late.Trend);
    }

    [Fact]
    public void Evaluate_StaysHigh_KeepsNoFollowUp()
    {
        var scorer = Scorer();
        scorer.Evaluate(Customer, [Factor("Spike", 90)], At);

        var again = scorer.Evaluate(Customer, [Factor("Spike", 95)], At + Duration.FromHours(1));

        Assert.Equal((ChurnBand.High, ChurnBand.High, false, (Instant?)null), (again.Band, again.PreviousBand, again.EnteredHighBand, again.FollowUpDue));
    }

    [Fact]
    public void Validate_EachProblem_HasItsExactMessage()
    {
        Assert.Empty(new ChurnOptions().Validate());
        Assert.Empty(new ChurnOptions { MediumThreshold = 1, HighThreshold = 100 }.Validate());
        Assert.Equal(
            ["Churn: MediumThreshold must be at least 1 and below HighThreshold (70), was 0."],
            new ChurnOptions { MediumThreshold = 0 }.Validate());
        Assert.Equal(
            ["Churn: MediumThreshold must be at least 1 and below HighThreshold (70), was 70."],
            new ChurnOptions { MediumThreshold = 70 }.Validate());
        Assert.Equal(
            ["Churn: HighThreshold must be at most 100, was 101."],
            new ChurnOptions { HighThreshold = 101 }.Validate());
        Assert.Equal(
            [$"Churn: FollowUpWithin must be positive, was {Duration.Zero}."],
            new ChurnOptions { FollowUpWithin = Duration.Zero }.Validate());
        Assert.Equal(3, new ChurnOptions { MediumThreshold = 0, HighThreshold = 101, FollowUpWithin = -Duration.FromHours(1) }.Validate().Count);
    }

    [Fact]
    public void Constructor_InvalidOptions_MessageListsTheProblem()
    {
        var e = Assert.Throws<ArgumentException>(() => Scorer(new ChurnOptions { HighThreshold = 101 }));

        Assert.Contains("Churn: HighThreshold must be at most 100, was 101.", e.Message, StringComparison.Ordinal);
    }
}
