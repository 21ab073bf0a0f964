using CrmCore.Routing;
using CrmCore.Storage.PostgreSql;
using CrmCore.Storage.Tests.Contract;
using Npgsql;
using NodaTime;

namespace CrmCore.Storage.Tests;

/// <summary>
/// The PostgreSQL schema's <c>queue_score</c> function (the claim's ranking, V021) gives exactly <see cref="SlaTerm.Score"/> for the
/// SLA term's settings as the store binds them (<see cref="PostgreSqlTicketQueueStore.ClaimText"/>): on both sides of the horizon (the
/// case V020's dead inner branch was written for), of the due time and of the overdue cap, one tick and one second apart, for tickets
/// without a due time, at the ends of the instant range and at seeded random offsets; for settings given to the nanosecond too, whose
/// whole seconds a double rounds up (366 days less a nanosecond), with the horizon's and the cap's edges taken from the exact seconds.
/// </summary>
public sealed class QueueScoreFunctionTests
{
    private const long Second = NodaConstants.TicksPerSecond;

    // Before Terms, which use it (static fields are set in order).
    private static readonly Duration Nanosecond = Duration.FromNanoseconds(1);

    private static readonly Instant[] Nows =
    [
        Instant.FromUtc(2026, 3, 2, 1, 0) + Duration.FromTicks(4_321_987), // not on a whole second
        Instant.FromUtc(1969, 7, 20, 20, 17), // before 1970: negative ticks
    ];

    // The defaults, the settings of the claim-order contract test, sub-second horizons (rounded up to 1 s, and down from 1.9 s), a
    // horizon of a whole number of seconds and a fraction, no overdue cap, no points, and the largest settings allowed.
    private static readonly SlaTermOptions[] Terms =
    [
        new(),
        new() { Horizon = Duration.FromHours(3), PointsAtDue = 40, OverduePointsPerHour = 400, OverdueCap = Duration.FromHours(5) },
        new() { Horizon = Duration.FromMilliseconds(400), PointsAtDue = 1_000, OverduePointsPerHour = 7, OverdueCap = Duration.FromSeconds(90) },
        new() { Horizon = Duration.FromMilliseconds(1_900), PointsAtDue = 999, OverduePointsPerHour = 3_600, OverdueCap = Duration.FromMinutes(1) },
        new() { Horizon = Duration.FromSeconds(61) + Duration.FromMilliseconds(700), PointsAtDue = 6_100, OverduePointsPerHour = 3_599, OverdueCap = Duration.FromSeconds(61) },
        new() { Horizon = Duration.FromMinutes(10), PointsAtDue = 100, OverduePointsPerHour = 50, OverdueCap = Duration.Zero },
        new() { Horizon = Duration.FromMinutes(10), PointsAtDue = 0, OverduePointsPerHour = 0, OverdueCap = Duration.FromHours(1) },
        new() { Horizon = Duration.FromDays(366), PointsAtDue = SlaTermOptions.MaxPoints, OverduePointsPerHour = SlaTermOptions.MaxPoints, OverdueCap = Duration.FromDays(366) },

        // To the nanosecond: the largest settings less a nanosecond (31,622,399 whole seconds; a double of the seconds is 31,622,400),
        // 250 days less and plus a nanosecond, the smallest horizon and cap (1 ns: 1 s and 0 s), a second less and plus a nanosecond.
        new() { Horizon = Duration.FromDays(366) - Nanosecond, PointsAtDue = SlaTermOptions.MaxPoints, OverduePointsPerHour = SlaTermOptions.MaxPoints, OverdueCap = Duration.FromDays(366) - Nanosecond },
        new() { Horizon = Duration.FromDays(250) - Nanosecond, PointsAtDue = 987_654_321, OverduePointsPerHour = 3_600, OverdueCap = Duration.FromDays(250) + Nanosecond },
        new() { Horizon = Nanosecond, PointsAtDue = SlaTermOptions.MaxPoints, OverduePointsPerHour = SlaTermOptions.MaxPoints, OverdueCap = Nanosecond },
        new() { Horizon = Duration.FromSeconds(1) - Nanosecond, PointsAtDue = 5, OverduePointsPerHour = 7_200, OverdueCap = Duration.FromSeconds(1) + Nanosecond },
        new() { Horizon = Duration.FromSeconds(2) + Nanosecond, PointsAtDue = 0, OverduePointsPerHour = 1, OverdueCap = Duration.FromDays(366) - Nanosecond },
    ];

    [PostgresFact]
    public async Task QueueScore_ForEverySettingAndEdge_IsSlaTermsScore()
    {
        using var storage = StoreProvider.Create(StoreProvider.Postgres);
        var (connectionString, schema) = storage.PostgresTarget;
        await using var database = new PostgreSqlDatabase(new PostgreSqlStorageOptions { ConnectionString = connectionString, Schema = schema });
        await using var connection = await database.OpenAsync(CancellationToken.None); // applies the migrations
        var compared = 0;
        foreach (var options in Terms)
        {
            var term = new SlaTerm(options);
            var cases = Cases(options, seed: compared);
            var expected = cases.Select(c => (c.Static, c.Due, c.Now, Score: term.Score(c.Static, c.Due, c.Now))).ToList();

            // The score as a claim computes it: the store's own text for the settings, with the ticket's values bound.
            await using var command = new NpgsqlCommand(
                PostgreSqlTicketQueueStore.ClaimText(
                    database,
                    "SELECT {schema}.queue_score(x.s, x.d, x.n, {h}, {hticks}, {p}, {o}, {c}) FROM unnest(@s, @d, @n) WITH ORDINALITY AS x(s, d, n, i) ORDER BY x.i",
                    new(options)),
                connection);
            command.Parameters.AddWithValue("s", cases.Select(c => c.Static).ToArray());
            command.Parameters.AddWithValue("d", cases.Select(c => c.Due is { } d ? d.ToUnixTimeTicks() : long.MaxValue).ToArray());
            command.Parameters.AddWithValue("n", cases.Select(c => c.Now.ToUnixTimeTicks()).ToArray());
            var actual = new List<(long, Instant?, Instant, long)>();
            await using (var reader = await command.ExecuteReaderAsync())
            {
                for (var i = 0; await reader.ReadAsync(); i++)
                {
                    actual.Add((cases[i].Static, cases[i].Due, cases[i].Now, reader.GetInt64(0)));
                }
            }

            Assert.Equal(expected, actual);
            compared += cases.Count;

            // The store binds the exact whole seconds of the settings.
            Assert.Equal(new[] { HorizonSeconds(options), HorizonSeconds(options) * Second, CapSeconds(options) }, await BoundSecondsAsync(database, connection, options));

            // The horizon's edge is really met: one tick inside it the term is positive, at it the term is 0.
            var horizon = HorizonSeconds(options) * Second;
            var inside = expected.Where(e => e.Due is { } d && d - e.Now == Duration.FromTicks(horizon - 1)).ToList();
            var at = expected.Where(e => e.Due is { } d && d - e.Now == Duration.FromTicks(horizon)).ToList();
            Assert.NotEmpty(at);
            Assert.NotEmpty(inside);
            Assert.All(at, e => Assert.Equal(e.Static, e.Score));
            if (options.PointsAtDue >= HorizonSeconds(options))
            {
                Assert.All(inside, e => Assert.True(e.Score > e.Static, $"{options.Horizon}: one tick inside the horizon scores {e.Score}"));
            }
        }

        Assert.True(compared > 3_000, $"only {compared} scores were compared");
    }

    // H and C as the exact model counts them: whole seconds rounded down from the settings' nanoseconds, H at least 1.
    private static long HorizonSeconds(SlaTermOptions options) => Math.Max(1, WholeSeconds(options.Horizon));

    private static long CapSeconds(SlaTermOptions options) => WholeSeconds(options.OverdueCap);

    private static long WholeSeconds(Duration duration) =>
        (long)System.Numerics.BigInteger.Divide(duration.ToBigIntegerNanoseconds(), NodaConstants.NanosecondsPerSecond);

    // The horizon in seconds and in ticks and the cap in seconds as the store binds them into the claim.
    private static async Task<long[]> BoundSecondsAsync(PostgreSqlDatabase database, NpgsqlConnection connection, SlaTermOptions options)
    {
        await using var command = new NpgsqlCommand(PostgreSqlTicketQueueStore.ClaimText(database, "SELECT {h}, {hticks}, {c}", new(options)), connection);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        return [reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2)];
    }

    [PostgresFact]
    public async Task QueueScore_AfterTheMigrations_TestsTheHorizonOnce()
    {
        using var storage = StoreProvider.Create(StoreProvider.Postgres);
        var (connectionString, schema) = storage.PostgresTarget;
        await using var database = new PostgreSqlDatabase(new PostgreSqlStorageOptions { ConnectionString = connectionString, Schema = schema });
        await using var connection = await database.OpenAsync(CancellationToken.None);
        await using var command = new NpgsqlCommand("SELECT prosrc FROM pg_proc WHERE proname = 'queue_score' AND pronamespace = @s::regnamespace;", connection);
        command.Parameters.AddWithValue("s", schema);
        var body = (string)(await command.ExecuteScalarAsync())!;

        // V020's body asked "(due − now) / 10000000 >= h" again inside the branch where due − now < hticks (= h seconds in ticks).
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(body, @"\bCASE\b"));
        Assert.DoesNotContain(">= h ", body, StringComparison.Ordinal);
    }

    // For each instant: tickets without a due time, due one tick and one second either side of the horizon, of the due time, of one
    // hour overdue and of the cap, at the ends of the instant range, and at random offsets over the whole term; static priorities mixed.
    private static List<(long Static, Instant? Due, Instant Now)> Cases(SlaTermOptions options, int seed)
    {
        var random = new Random(seed);
        var horizon = HorizonSeconds(options) * Second;
        var cap = CapSeconds(options) * Second;
        long[] statics = [0, 40, 120, -7, 1_000_000_000_000, -1_000_000_000_000, long.MinValue / 2, long.MaxValue / 2];
        var offsets = new List<long>();
        foreach (var edge in new[] { horizon, horizon - Second, Second, 0, -Second, -3_600 * Second, -cap, -cap - Second })
        {
            offsets.AddRange([edge + Second, edge + 1, edge, edge - 1, edge - Second + 1]);
        }

        offsets.AddRange([400L * 86_400 * Second, -400L * 86_400 * Second]);
        for (var i = 0; i < 120; i++)
        {
            offsets.Add(random.NextInt64(-cap - 2 * horizon, 2 * horizon));
        }

        var cases = new List<(long, Instant?, Instant)>();
        foreach (var now in Nows)
        {
            cases.Add((statics[random.Next(statics.Length)], null, now));
            foreach (var offset in offsets)
            {
                cases.Add((statics[random.Next(statics.Length)], now + Duration.FromTicks(offset), now));
            }
        }

        // The ends of the instant range: the differences are the largest a claim can meet; and the horizon's and the cap's edges
        // reached from the ends, with due and now both at an end.
        cases.Add((40, Instant.MaxValue, Instant.MinValue));
        cases.Add((40, Instant.MinValue, Instant.MaxValue));
        cases.Add((40, null, Instant.MinValue));
        cases.Add((40, null, Instant.MaxValue));
        cases.Add((-40, Instant.MaxValue, Instant.MaxValue));
        cases.Add((-40, Instant.MinValue, Instant.MinValue));
        foreach (var edge in new[] { horizon + 1, horizon, horizon - 1, 1, 0, -1, -cap + 1, -cap, -cap - 1, -cap - Second })
        {
            // due − now = edge, with the later of the two at the last instant or the earlier at the first.
            var span = Duration.FromTicks(edge);
            cases.Add((0, edge >= 0 ? Instant.MaxValue : Instant.MaxValue + span, edge >= 0 ? Instant.MaxValue - span : Instant.MaxValue));
            cases.Add((0, edge >= 0 ? Instant.MinValue + span : Instant.MinValue, edge >= 0 ? Instant.MinValue : Instant.MinValue - span));
        }

        return cases;
    }
}
