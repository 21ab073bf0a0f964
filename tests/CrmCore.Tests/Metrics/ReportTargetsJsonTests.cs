using CrmCore.Metrics;

namespace CrmCore.Tests.Metrics;

public class ReportTargetsJsonTests
{
    [Fact]
    public void Document001_EqualsTheDefaults()
    {
        var shipped = ReportTargets.Document001();
        var defaults = new ReportTargets();

        Assert.Equal("document 001", shipped.Source);
        Assert.All(Enum.GetValues<KpiKind>(), k => Assert.Equal(defaults.For(k), shipped.For(k)));
    }

    [Fact]
    public void Document003_ResolutionNinetyFivePercentAndNoCsatOrChurnFigure()
    {
        var targets = ReportTargets.Document003();

        Assert.Equal("document 003", targets.Source);
        Assert.Equal(0.95, targets.MinResolutionRate);
        Assert.Equal(NodaTime.Duration.FromHours(2), targets.MaxAverageFirstResponse);
        Assert.Null(targets.MinCsatAverage);
        Assert.Null(targets.MaxChurnRate);
    }

    [Fact]
    public void Parse_MissingTargets_AreOffAndNullTurnsOneOff()
    {
        var targets = ReportTargetsJson.Parse("{\"minNps\": 20, \"maxChurnRate\": null}", "t.json");

        Assert.Equal(20, targets.MinNps);
        Assert.Null(targets.MaxChurnRate);
        Assert.Null(targets.MinResolutionRate);
        Assert.Equal("t", targets.Source);
    }

    [Fact]
    public void Parse_UnknownAndMiscasedKeys_ListedWithLineAndColumn()
    {
        var e = Assert.Throws<FormatException>(() => ReportTargetsJson.Parse("{\n  \"minresolutionRate\": 0.9,\n  \"speed\": 1\n}", "t.json"));

        Assert.Contains("t.json:2:3: unknown target 'minresolutionRate'; did you mean 'minResolutionRate'?", e.Message, StringComparison.Ordinal);
        Assert.Contains("t.json:3:3: unknown target 'speed'; known: ", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"minResolutionRate\": 90}", "t.json:1:23: 'minResolutionRate' must be a fraction from 0 to 1 (0.9 means 90 %), was 90.")]
    [InlineData("{\"minResolutionRate\": \"90%\"}", "t.json:1:2: 'minResolutionRate' must be a number or null")]
    [InlineData("{\"minCsatAverage\": 4.5,\n \"minCsatAverage\": 4}", "t.json:2:2: 'minCsatAverage' appears twice.")]
    [InlineData("{\"minNps\": 10,\n  oops}", "t.json:2:")]
    [InlineData("[1]", "t.json:1:1: the targets must be a JSON object.")]
    public void Parse_BadTargets_ClearErrors(string json, string expected)
    {
        var e = Assert.Throws<FormatException>(() => ReportTargetsJson.Parse(json, "t.json"));

        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_HugeText_RefusedBeforeParsing()
    {
        var e = Assert.Throws<FormatException>(() => ReportTargetsJson.Parse(new string(' ', ReportTargetsJson.MaxLength + 1), "big.json"));

        Assert.Contains("big.json:1:1", e.Message, StringComparison.Ordinal);
    }
}
