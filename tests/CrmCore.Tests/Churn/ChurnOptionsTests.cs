using CrmCore.Churn;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;

namespace CrmCore.Tests.Churn;

public class ChurnOptionsTests
{
    [Fact]
    public void Defaults_AreValid()
    {
        var options = new ChurnOptions();

        Assert.Empty(options.Validate());
        Assert.Equal(Duration.FromHours(24), options.FollowUpWithin);
    }

    [Theory]
    [InlineData(39, ChurnBand.Low)]
    [InlineData(40, ChurnBand.Medium)]
    [InlineData(69, ChurnBand.Medium)]
    [InlineData(70, ChurnBand.High)]
    [InlineData(100, ChurnBand.High)]
    public void BandOf_DefaultThresholds_AreInclusiveLowerBounds(int score, ChurnBand expected)
    {
        Assert.Equal(expected, new ChurnOptions().BandOf(score));
    }

    [Fact]
    public void Validate_EverythingWrong_ListsEveryProblem()
    {
        var options = new ChurnOptions { MediumThreshold = 0, HighThreshold = 120, FollowUpWithin = Duration.Zero };

        Assert.Equal(3, options.Validate().Count);
    }

    [Fact]
    public void Validate_MediumNotBelowHigh_IsAProblem()
    {
        Assert.Single(new ChurnOptions { MediumThreshold = 70, HighThreshold = 70 }.Validate());
    }

    [Property]
    public Property BandOf_AnyValidThresholds_IsMonotoneInScore() =>
        Prop.ForAll(
            Gen.Choose(1, 99).SelectMany(m => Gen.Choose(m + 1, 100).Select(h => (m, h))).ToArbitrary(),
            Gen.Choose(0, 100).Two().ToArbitrary(),
            (thresholds, scores) =>
            {
                var options = new ChurnOptions { MediumThreshold = thresholds.m, HighThreshold = thresholds.h };
                var (low, high) = scores.Item1 <= scores.Item2 ? (scores.Item1, scores.Item2) : (scores.Item2, scores.Item1);
                return options.Validate().Count == 0 && options.BandOf(low) <= options.BandOf(high);
            });
}
