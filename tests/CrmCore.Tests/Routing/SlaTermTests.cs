using CrmCore.Routing;
using FsCheck;
using FsCheck.Fluent;
using NodaTime;

namespace CrmCore.Tests.Routing;

public sealed class SlaTermTests
{
    private static readonly Instant Due = Instant.FromUtc(2026, 3, 2, 12, 0);

    private static Gen<SlaTermOptions> OptionsGen() =>
        from horizon in Gen.Choose(1, 100_000)
        from points in Gen.Choose(0, 1_000_000)
        from perHour in Gen.Choose(0, 1_000_000)
        from cap in Gen.Choose(0, 500_000)
        select new SlaTermOptions
        {
            Horizon = Duration.FromSeconds(horizon),
            PointsAtDue = points,
            OverduePointsPerHour = perHour,
            OverdueCap = Duration.FromSeconds(cap),
        };

    [FsCheck.Xunit.Property(MaxTest = 500)]
    public Property Evaluate_LaterMoment_NeverLower() =>
        Prop.ForAll(Arb.From(OptionsGen()), Arb.From(Gen.Choose(-1_000_000, 1_000_000)), Arb.From(Gen.Choose(0, 1_000_000)), (options, offset, step) =>
        {
            var term = new SlaTerm(options);
            var earlier = Due + Duration.FromMilliseconds(offset * 331L);
            var later = earlier + Duration.FromMilliseconds(step * 17L);
            var a = term.Evaluate(Due, earlier);
            var b = term.Evaluate(Due, later);
            return a <= b && a >= 0 && b <= term.MaxTerm;
        });

    [Fact]
    public void Evaluate_DefaultOptions_RisesToPointsAtDueThenFurther()
    {
        var term = SlaTerm.Default;
        Assert.Equal(0, term.Evaluate(Due, Due - Duration.FromHours(9)));
        Assert.Equal(0, term.Evaluate(Due, Due - Duration.FromHours(8)));
        Assert.Equal(50, term.Evaluate(Due, Due - Duration.FromHours(4)));
        Assert.Equal(100, term.Evaluate(Due, Due));
        Assert.Equal(150, term.Evaluate(Due, Due + Duration.FromHours(1)));
        Assert.Equal(100 + (50 * 48), term.Evaluate(Due, Due + Duration.FromDays(10)));
        Assert.Equal(term.MaxTerm, term.Evaluate(Due, Due + Duration.FromDays(10)));
        Assert.Equal(0, term.Evaluate(null, Due));
        Assert.Equal(7 + 100, term.Score(7, Due, Due));
    }

    [Fact]
    public void Constructor_InvalidOptions_ListsEveryProblem()
    {
        var options = new SlaTermOptions { Horizon = Duration.Zero, PointsAtDue = -1, OverduePointsPerHour = -5, OverdueCap = Duration.FromDays(-1) };
        var error = Assert.Throws<ArgumentException>(() => new SlaTerm(options));
        Assert.Contains("Horizon", error.Message, StringComparison.Ordinal);
        Assert.Contains("PointsAtDue", error.Message, StringComparison.Ordinal);
        Assert.Contains("OverduePointsPerHour", error.Message, StringComparison.Ordinal);
        Assert.Contains("OverdueCap", error.Message, StringComparison.Ordinal);
        Assert.Equal(4, options.Validate().Count);
    }
}
