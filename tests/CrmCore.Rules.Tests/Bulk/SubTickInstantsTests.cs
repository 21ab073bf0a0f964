using CrmCore.Rules.Bulk;
using CrmCore.Rules.Facts;
using CrmCore.Rules.Tests.Bulk.Shared;
using CrmCore.Testing;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;
using NodaTime.Text;

namespace CrmCore.Rules.Tests.Bulk;

/// <summary>
/// A "now" and a last interaction that both fall between two 100-ns ticks (a host clock with nanoseconds), at a day's boundary:
/// every bulk kernel counts the same whole days as the per-customer fact, which reads both instants to the nanosecond, and the store
/// gives back the exact last interaction.
/// </summary>
public class SubTickInstantsTests
{
    /// <summary>A whole tick at midnight UTC.</summary>
    private static readonly Instant Boundary = Instant.FromUtc(2026, 12, 3, 0, 0);

    /// <summary>Whole-day comparisons the vectorised kernel can express (a sub-tick "now" runs them in the scalar column loop).</summary>
    private static readonly RuleSet Days = Load(
        ("AtLeast1", "customer.DaysSinceLastInteraction >= 1", "at-least-1"),
        ("Exactly0", "customer.DaysSinceLastInteraction == 0", "exactly-0"),
        ("AtLeast30", "customer.DaysSinceLastInteraction >= 30", "at-least-30"),
        ("Exactly29", "customer.DaysSinceLastInteraction == 29", "exactly-29"));

    /// <summary>A vectorised rule with no day count, and a day rule (a division) left to the scalar loop run after the vectorised kernel.</summary>
    private static readonly RuleSet VectorAndRest = Load(
        ("Any", "customer.Employees >= 0", "any"),
        ("AtLeast1", "customer.DaysSinceLastInteraction / 1 >= 1", "at-least-1"),
        ("AtLeast30", "customer.DaysSinceLastInteraction / 1 >= 30", "at-least-30"));

    /// <summary>A rule enumerating the tags: no column kernel, the per-customer facts over <see cref="CustomerStore.GetInput"/>.</summary>
    private static readonly RuleSet NotColumnar = Load(
        ("Tagged", "customer.Tags.Any(t => t == \"x\") || customer.DaysSinceLastInteraction >= 1", "at-least-1"),
        ("AtLeast30", "customer.Tags.Any(t => t == \"x\") || customer.DaysSinceLastInteraction >= 30", "at-least-30"));

    public static TheoryData<string> Kernels => ["vectorised", "column", "vectorised-and-rest", "not-columnar"];

    // Every nanosecond remainder 0..99 of "now" and of the last interaction, a tick either side of exactly 1 and 30 days.
    [Theory]
    [MemberData(nameof(Kernels))]
    public void ClassifyAll_NowAndLastInteractionBetweenTicks_AtADaysBoundary_AsThePerCustomerFact(string kernel)
    {
        var (set, bulk) = Classifier(kernel);
        var customers = new List<CustomerFactsInput>();
        foreach (var days in new[] { 1, 30 })
        {
            foreach (var ticks in new long[] { -1, 0, 1 })
            {
                for (var nanoseconds = 0; nanoseconds < 100; nanoseconds++)
                {
                    customers.Add(new CustomerFactsInput
                    {
                        LastInteractionAt = Boundary - Duration.FromDays(days) + Duration.FromTicks(ticks) + Duration.FromNanoseconds(nanoseconds),
                    });
                }
            }
        }

        var (atLeast1, atLeast30) = (0, 0);
        for (var nowNanoseconds = 0; nowNanoseconds < 100; nowNanoseconds++)
        {
            var now = Boundary + Duration.FromNanoseconds(nowNanoseconds);
            var counts = AssertAsPerCustomer(set, bulk, customers, now, "at-least-1", "at-least-30");
            atLeast1 += counts[0];
            atLeast30 += counts[1];
        }

        // Both sides of each boundary occur: of the 100 · 100 pairs of remainders, all a tick before the boundary count the day, none a
        // tick after, and 5,050 on it (the last interaction's remainder at most now's); every 30-day row counts at least 1 day.
        Assert.Equal((100 * 100) + 5050 + (3 * 100 * 100), atLeast1);
        Assert.Equal((100 * 100) + 5050, atLeast30);
    }

    [Property(MaxTest = 300)]
    public Property ClassifyAll_AnyNanosecondsAroundADaysBoundary_AsThePerCustomerFact() => Prop.ForAll(
        Arb.From(from nowTicks in LongGens.LongBetween(-600_000_000_000_000_000L, 2_500_000_000_000_000_000L)
                 from nowNanoseconds in Gen.Choose(0, 99)
                 from days in Gen.Choose(0, 40)
                 from offsets in Gen.Choose(-250, 250).ArrayOf(16)
                 from kernel in Gen.Elements("vectorised", "column", "vectorised-and-rest", "not-columnar")
                 select (Now: Instant.FromUnixTimeTicks(nowTicks) + Duration.FromNanoseconds(nowNanoseconds), Days: days, Offsets: offsets, Kernel: kernel)),
        c =>
        {
            var (set, bulk) = Classifier(c.Kernel);
            var customers = c.Offsets
                .Select(n => new CustomerFactsInput { LastInteractionAt = c.Now - Duration.FromDays(c.Days) + Duration.FromNanoseconds(n) })
                .ToList();
            AssertAsPerCustomer(set, bulk, customers, c.Now);
        });

    // Counting from the exact instant allocates nothing per row: a store 128 times larger allocates no more per run.
    [Fact]
    public void ClassifyAll_NowBetweenTicks_AllocatesNothingPerRow()
    {
        var bulk = new BulkClassifier(Days, vectorise: false);
        var now = Boundary + Duration.FromNanoseconds(37);
        var small = Store(64);
        var large = Store(64 * 128);
        bulk.ClassifyAll(small, now, TestFacts.Zone);
        bulk.ClassifyAll(large, now, TestFacts.Zone);

        var smallBytes = Allocated(() => bulk.ClassifyAll(small, now, TestFacts.Zone));
        var largeBytes = Allocated(() => bulk.ClassifyAll(large, now, TestFacts.Zone));
        Assert.True(largeBytes - smallBytes < 64, $"{smallBytes} B for {small.Count} rows, {largeBytes} B for {large.Count} rows");

        static CustomerStore Store(int rows) => BulkTestData.Store([.. Enumerable.Range(0, rows).Select(i => new CustomerFactsInput
        {
            LastInteractionAt = Boundary - Duration.FromDays(1) + Duration.FromNanoseconds((i % 200) - 100),
        })]);

        static long Allocated(Action run)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            run();
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }
    }

    [Fact]
    public void GetInput_LastInteractionBetweenTicks_GivesBackTheExactInstant()
    {
        var instants = new List<Instant>();
        for (var n = 0; n < 300; n++)
        {
            instants.Add(Boundary + Duration.FromNanoseconds(n - 150));
            instants.Add(Instant.MinValue + Duration.FromNanoseconds(n));
            instants.Add(Instant.MaxValue - Duration.FromNanoseconds(n));
        }

        var store = new CustomerStore();
        foreach (var at in instants)
        {
            store.Add(new CustomerFactsInput { LastInteractionAt = at });
        }

        for (var row = 0; row < instants.Count; row++)
        {
            Assert.Equal(instants[row], store.GetInput(row).LastInteractionAt);
        }

        store.Set(0, new CustomerFactsInput { LastInteractionAt = null });
        Assert.Null(store.GetInput(0).LastInteractionAt);
    }

    [Property(MaxTest = 500)]
    public Property GetInput_AnyLastInteraction_RoundTripsToTheNanosecond() => Prop.ForAll(
        Arb.From(from ticks in LongGens.LongBetween(Instant.MinValue.ToUnixTimeTicks(), Instant.MaxValue.ToUnixTimeTicks())
                 from nanoseconds in Gen.Choose(0, 99)
                 select Instant.FromUnixTimeTicks(ticks) + Duration.FromNanoseconds(nanoseconds)),
        at =>
        {
            var store = new CustomerStore();
            var row = store.Add(new CustomerFactsInput { LastInteractionAt = at });
            Assert.Equal(at, store.GetInput(row).LastInteractionAt);
        });

    /// <summary>
    /// Classifies the customers with <paramref name="now"/> and checks every row against the per-customer facts of its original input;
    /// returns how many rows got each of <paramref name="countedTags"/>.
    /// </summary>
    private static int[] AssertAsPerCustomer(RuleSet set, BulkClassifier bulk, IReadOnlyList<CustomerFactsInput> customers, Instant now, params string[] countedTags)
    {
        var store = BulkTestData.Store(customers);
        bulk.ClassifyAll(store, now, TestFacts.Zone);
        var bits = countedTags.Select(t => set.Tags.TryGetId(t, out var id) ? 1UL << id : throw new KeyNotFoundException(t)).ToArray();
        var counted = new int[bits.Length];
        for (var i = 0; i < customers.Count; i++)
        {
            var facts = CustomerFacts.From(customers[i], now, TestFacts.Zone);
            var expected = set.Classify(facts);
            Assert.True(
                expected == store.GetClassification(i),
                $"now {Format(now)}, last interaction {Format(customers[i].LastInteractionAt!.Value)} ({facts.DaysSinceLastInteraction} days): expected {expected}, got {store.GetClassification(i)}");
            for (var t = 0; t < bits.Length; t++)
            {
                counted[t] += (store.TagMasks[i] & bits[t]) != 0 ? 1 : 0;
            }
        }

        return counted;
    }

    private static (RuleSet Set, BulkClassifier Bulk) Classifier(string kernel)
    {
        switch (kernel)
        {
            case "vectorised":
                var vectorised = new BulkClassifier(Days);
                Assert.True(vectorised.IsVectorised, string.Join("; ", vectorised.NotVectorisedBecause));
                return (Days, vectorised);
            case "column":
                return (Days, new BulkClassifier(Days, vectorise: false));
            case "vectorised-and-rest":
                var mixed = new BulkClassifier(VectorAndRest);
                Assert.True(mixed.IsColumnar);
                Assert.False(mixed.IsVectorised);
                Assert.All(mixed.NotVectorisedBecause, r => Assert.Contains("AtLeast", r, StringComparison.Ordinal));
                return (VectorAndRest, mixed);
            default:
                var scalar = new BulkClassifier(NotColumnar);
                Assert.False(scalar.IsColumnar);
                return (NotColumnar, scalar);
        }
    }

    private static string Format(Instant at) => InstantPattern.ExtendedIso.Format(at);

    private static RuleSet Load(params (string Rule, string Expr, string Event)[] rules) =>
        RuleLoader.Load("days.json", TestFacts.Workflow("Tagging", rules)).GetRuleSetOrThrow();
}
