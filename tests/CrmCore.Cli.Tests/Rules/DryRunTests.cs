using CrmCore.Cli.Rules;
using CrmCore.Cli.Tests.Infrastructure;
using CrmCore.Rules;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;

namespace CrmCore.Cli.Tests.Rules;

public sealed class DryRunTests
{
    private static readonly RuleSet Sample = RuleLoader.Load(
        "crm-rules.json", File.ReadAllText(Path.Combine(RepoPaths.SampleData, "rules", "crm-rules.json"))).GetRuleSetOrThrow();

    private static readonly DryRun Run = new(Sample, Instant.FromUtc(2026, 3, 1, 1, 0), DateTimeZoneProviders.Tzdb["Asia/Shanghai"], PriorityBands.Default);

    private static Gen<string[]> Tags =>
        Gen.SubListOf(Sample.Tags.Names.Concat(["偏好电话沟通", "VIP", "高频咨询产品A"]).ToArray()).Select(l => l.ToArray());

    [Property(MaxTest = 100)]
    public Property EffectiveTags_AppliedTwice_ChangesNothing()
    {
        var gen = from existing in Tags
                  from derived in Gen.SubListOf(Sample.Tags.Names.ToArray())
                  select (existing, derived.ToArray());
        return Prop.ForAll(gen.ToArbitrary(), t =>
        {
            var once = Run.EffectiveTags(t.existing, t.Item2);
            var twice = Run.EffectiveTags(once, t.Item2);
            return once.SequenceEqual(twice);
        });
    }

    [Fact]
    public void EffectiveTags_ManagedTagsReplacedOthersKept()
    {
        var result = Run.EffectiveTags(["偏好电话沟通", "silent"], ["active"]);
        Assert.Equal(["偏好电话沟通", "active"], result);
    }

    [Theory]
    [InlineData(60, "P1")]
    [InlineData(59.5, "P2")]
    [InlineData(30, "P2")]
    [InlineData(0, "P3")]
    public void PriorityBands_Default(double points, string band)
    {
        Assert.Equal(band, PriorityBands.Default.BandOf((decimal)points));
    }

    [Theory]
    [InlineData("30,60")]
    [InlineData("60,60")]
    [InlineData("-1")]
    [InlineData("a,b")]
    public void PriorityBands_Parse_RejectsNonDescending(string text)
    {
        Assert.Null(PriorityBands.Parse(text));
    }

    [Property]
    public Property PriorityBands_HigherPointsNeverLowerBand(NonNegativeInt a, NonNegativeInt b)
    {
        var bands = PriorityBands.Parse("80,50,20")!;
        var (low, high) = a.Get <= b.Get ? (a.Get, b.Get) : (b.Get, a.Get);
        return (string.CompareOrdinal(bands.BandOf(high), bands.BandOf(low)) <= 0).ToProperty();
    }
}
