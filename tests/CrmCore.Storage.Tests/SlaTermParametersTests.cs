using System.Globalization;
using System.Numerics;
using System.Text.RegularExpressions;
using CrmCore.Routing;
using CrmCore.Storage.PostgreSql;
using FsCheck;
using FsCheck.Fluent;
using static CrmCore.Testing.LongGens;
using NodaTime;

namespace CrmCore.Storage.Tests;

/// <summary>
/// The SLA term's numbers the stores bind into SQL (<c>SlaTermParameters</c>, one source file compiled into both stores) for settings
/// given to the nanosecond: the horizon and the cap in whole seconds rounded down from their exact nanoseconds (the horizon at least
/// 1), as <see cref="SlaTerm"/> counts them. Read from the PostgreSQL store's claim text, which needs no server.
/// </summary>
public sealed class SlaTermParametersTests
{
    private const long NanosecondsPerSecond = 1_000_000_000;

    private static readonly PostgreSqlDatabase Database =
        new(new PostgreSqlStorageOptions { ConnectionString = "Host=127.0.0.1;Port=1;Username=none;Database=none", Schema = "crm" });

    // Anywhere from `least` to 366 days, or a whole number of seconds and a few nanoseconds either side of it, or the ends.
    private static Gen<Duration> SettingGen(long least)
    {
        var most = SlaTermOptions.MaxDuration.ToInt64Nanoseconds();
        return Gen.Frequency(
            (1, LongBetween(least, most)),
            (2, from seconds in LongBetween(0, most / NanosecondsPerSecond)
                from nanoseconds in Gen.Choose(-2, 2)
                select Math.Clamp((seconds * NanosecondsPerSecond) + nanoseconds, least, most)),
            (1, Gen.Elements(least, NanosecondsPerSecond - 1, NanosecondsPerSecond, most - 1, most)))
            .Select(Duration.FromNanoseconds);
    }

    private static Gen<SlaTermOptions> OptionsGen() =>
        from h in SettingGen(1)
        from c in SettingGen(0)
        from p in LongBetween(0, SlaTermOptions.MaxPoints)
        from o in LongBetween(0, SlaTermOptions.MaxPoints)
        select new SlaTermOptions { Horizon = h, PointsAtDue = p, OverduePointsPerHour = o, OverdueCap = c };

    private static BigInteger WholeSeconds(Duration duration) => BigInteger.Divide(duration.ToBigIntegerNanoseconds(), NanosecondsPerSecond);

    // The numbers the store binds, by name, from its claim text: each placeholder becomes "(value::bigint)".
    private static Dictionary<string, long> Bound(SlaTermOptions options)
    {
        var text = PostgreSqlTicketQueueStore.ClaimText(Database, "h={h} hticks={hticks} p={p} o={o} c={c}", new(options));
        return Regex.Matches(text, @"(\w+)=\((-?\d+)::bigint\)")
            .ToDictionary(m => m.Groups[1].Value, m => long.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture));
    }

    [FsCheck.Xunit.Property(MaxTest = 3_000)]
    public Property Parameters_SettingsToTheNanosecond_AreTheExactWholeSeconds() =>
        Prop.ForAll(Arb.From(OptionsGen()), options =>
        {
            var bound = Bound(options);
            var h = BigInteger.Max(1, WholeSeconds(options.Horizon));
            var c = WholeSeconds(options.OverdueCap);
            return (bound.Count == 5 && bound["h"] == h && bound["hticks"] == h * NodaConstants.TicksPerSecond && bound["c"] == c
                    && bound["p"] == options.PointsAtDue && bound["o"] == options.OverduePointsPerHour)
                .Label($"horizon {options.Horizon.ToBigIntegerNanoseconds()} ns, cap {options.OverdueCap.ToBigIntegerNanoseconds()} ns: " +
                       $"bound {string.Join(", ", bound.Select(b => $"{b.Key}={b.Value}"))}; expected h={h}, c={c}");
        });

    // The same numbers as the in-memory term: at H whole seconds before the due time its term is 0, a tick later it is ⌊P / H⌋; and
    // its largest term is P + ⌊S·C / 3600⌋.
    [Theory]
    [InlineData(366L * 86_400 * NanosecondsPerSecond, 366L * 86_400)]
    [InlineData((366L * 86_400 * NanosecondsPerSecond) - 1, (366L * 86_400) - 1)]
    [InlineData((250L * 86_400 * NanosecondsPerSecond) - 1, (250L * 86_400) - 1)]
    [InlineData(NanosecondsPerSecond + 1, 1)]
    [InlineData(NanosecondsPerSecond - 1, 1)]
    [InlineData(1, 1)]
    public void Parameters_HorizonAndCap_AreTheSecondsTheInMemoryTermCounts(long nanoseconds, long seconds)
    {
        var setting = Duration.FromNanoseconds(nanoseconds);
        var options = new SlaTermOptions { Horizon = setting, PointsAtDue = SlaTermOptions.MaxPoints, OverduePointsPerHour = 3_600, OverdueCap = setting };
        var bound = Bound(options);
        var term = new SlaTerm(options);
        var due = Instant.FromUtc(2026, 3, 2, 12, 0);
        Assert.Equal(seconds, bound["h"]);
        Assert.Equal(nanoseconds < NanosecondsPerSecond ? 0 : seconds, bound["c"]);
        Assert.Equal(0, term.Evaluate(due, due - Duration.FromSeconds(bound["h"])));
        Assert.Equal(SlaTermOptions.MaxPoints / bound["h"], term.Evaluate(due, due - Duration.FromSeconds(bound["h"]) + Duration.FromTicks(1)));
        Assert.Equal(SlaTermOptions.MaxPoints + bound["c"], term.MaxTerm);
    }

    // Zero and negative settings are refused by the store as by the term, every problem named.
    [Fact]
    public void Store_ZeroHorizonAndNegativeCap_IsRefusedListingBoth()
    {
        var options = new SlaTermOptions { Horizon = Duration.Zero, OverdueCap = -Duration.FromNanoseconds(1) };
        var error = Assert.Throws<ArgumentException>(() => new PostgreSqlTicketQueueStore(Database, options));
        Assert.Equal("options", error.ParamName);
        Assert.Contains("SlaTerm.Horizon", error.Message, StringComparison.Ordinal);
        Assert.Contains("SlaTerm.OverdueCap", error.Message, StringComparison.Ordinal);
        Assert.Equal(Assert.Throws<ArgumentException>(() => new SlaTerm(options)).Message, error.Message);
    }
}
