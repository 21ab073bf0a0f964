using CrmCore.Rules.Bulk;
using CrmCore.Rules.Facts;
using CrmCore.Rules.Reference;
using CrmCore.Rules.Tests.Bulk.Shared;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CrmCore.Rules.Tests.Bulk;

/// <summary>The compiled bulk path agrees with RulesEngine, the hand-written classifiers and <see cref="RuleSet.Classify"/>.</summary>
public class BulkClassifierTests
{
    private static readonly RuleSet Default = BulkTestData.DefaultPack();
    private static readonly RuleSet Synthetic = BulkTestData.Synthetic();
    private static readonly BulkClassifier DefaultBulk = new(Default);
    private static readonly BulkClassifier SyntheticBulk = new(Synthetic);

    public static TheoryData<string> RuleSets => ["default", "synthetic"];

    [Fact]
    public void Constructor_ShippedAndSyntheticSets_RunOverColumns()
    {
        Assert.True(DefaultBulk.IsColumnar, string.Join("; ", DefaultBulk.NotColumnarBecause));
        Assert.True(SyntheticBulk.IsColumnar, string.Join("; ", SyntheticBulk.NotColumnarBecause));
        Assert.True(SyntheticBulk.ReadsTimeDerivedFacts);
        Assert.Equal(16, Synthetic.Tags.Count);
        Assert.Equal(4, Synthetic.Tiers.Count);
    }

    [Theory]
    [MemberData(nameof(RuleSets))]
    public async Task ClassifyAll_SeededCustomers_SameAsRulesEngineAndHandWritten(string name)
    {
        var (set, bulk) = Pick(name);
        var customers = BulkTestData.Customers(1500, seed: 17);
        var store = BulkTestData.Store(customers);
        var result = bulk.ClassifyAll(store, BulkTestData.Now, BulkTestData.Zone);
        Assert.Equal(new BulkRunResult(customers.Length, true), result);

        var masks = new ulong[customers.Length];
        var tiers = new short[customers.Length];
        HandWritten(name)(store, BulkTestData.Now, BulkTestData.Zone, masks, tiers);
        var reference = new RulesEngineReferenceEvaluator(set);
        var tagHits = new int[set.Tags.Count];
        var tierHits = new int[set.Tiers.Count];
        for (var i = 0; i < customers.Length; i++)
        {
            var facts = CustomerFacts.From(customers[i], BulkTestData.Now, BulkTestData.Zone);
            var evaluation = await reference.EvaluateCustomerAsync(facts);
            var expected = new CustomerClassification(Mask(set, evaluation.Tags), evaluation.Tier is null ? -1 : set.Tiers.ToList().IndexOf(evaluation.Tier));
            Assert.Equal(expected, store.GetClassification(i));
            Assert.Equal(expected, new CustomerClassification(masks[i], tiers[i]));
            Assert.Equal(expected, set.Classify(facts));
            for (var t = 0; t < tagHits.Length; t++)
            {
                tagHits[t] += (int)((expected.TagMask >> t) & 1);
            }

            tierHits[expected.TierIndex]++;
        }

        // The data must exercise every rule both ways, or agreement would prove little.
        Assert.All(tagHits, h => Assert.InRange(h, 1, customers.Length - 1));
        Assert.All(tierHits, h => Assert.True(h > 0));
    }

    [Property(MaxTest = 100)]
    public Property ClassifyAll_RandomFacts_SameAsRuleSetClassify() => Prop.ForAll(Arbitraries.CustomerInputs().Generator.ListOf().ToArbitrary(), inputs =>
    {
        var store = BulkTestData.Store(inputs);
        foreach (var (set, bulk) in new[] { (Default, DefaultBulk), (Synthetic, SyntheticBulk) })
        {
            bulk.ClassifyAll(store, TestFacts.Now, TestFacts.Zone);
            for (var i = 0; i < inputs.Count; i++)
            {
                Assert.Equal(set.Classify(TestFacts.Customer(inputs[i])), store.GetClassification(i));
            }
        }
    });

    [Fact]
    public void ClassifyAll_Parallel_SameAsSequential()
    {
        var store = BulkTestData.Store(BulkTestData.Customers(70_000, seed: 3));
        SyntheticBulk.ClassifyAll(store, BulkTestData.Now, BulkTestData.Zone);
        var masks = store.TagMasks.ToArray();
        var tiers = store.TierIndexes.ToArray();
        DefaultBulk.ClassifyAll(store, BulkTestData.Now, BulkTestData.Zone);
        var result = SyntheticBulk.ClassifyAll(store, BulkTestData.Now, BulkTestData.Zone, parallel: true);
        Assert.Equal(70_000, result.Evaluated);
        Assert.Equal(masks, store.TagMasks.ToArray());
        Assert.Equal(tiers, store.TierIndexes.ToArray());
    }

    [Fact]
    public void ClassifyAll_SteadyState_AllocationDoesNotGrowWithCustomers()
    {
        var small = BulkTestData.Store(BulkTestData.Customers(10_000, seed: 5));
        var large = BulkTestData.Store(BulkTestData.Customers(100_000, seed: 6));
        foreach (var bulk in new[] { DefaultBulk, SyntheticBulk })
        {
            // Warm up both entry points (first calls may allocate while the runtime resolves them).
            bulk.ClassifyAll(small, BulkTestData.Now, BulkTestData.Zone);
            bulk.ClassifyAll(large, BulkTestData.Now, BulkTestData.Zone);
            bulk.ClassifyChanged(large, BulkTestData.Now, BulkTestData.Zone);
            // Steady state: the least of three runs, so a one-off allocation by the runtime (a tier-up of the JIT during the
            // measured call) is not counted; anything allocated per customer shows in every run.
            var forSmall = Steady(() => bulk.ClassifyAll(small, BulkTestData.Now, BulkTestData.Zone));
            var forLarge = Steady(() => bulk.ClassifyAll(large, BulkTestData.Now, BulkTestData.Zone));
            var incremental = Steady(() => bulk.ClassifyChanged(large, BulkTestData.Now, BulkTestData.Zone));

            // A run allocates a small per-run context (clock, resolved literals), never anything per customer.
            Assert.InRange(forLarge, 0, 1024);
            Assert.Equal(forSmall, forLarge);
            Assert.InRange(incremental, 0, 1024);
        }
    }

    [Fact]
    public void Constructor_RuleEnumeratingTags_FallsBackAndStillAgrees()
    {
        var json = TestFacts.Workflow("Tagging", ("HighTag", "customer.Tags.Any(t => t.StartsWith(\"高\"))", "high"), ("Retail", "customer.Industry.StartsWith(\"零\")", "retail"));
        var set = RuleLoader.Load("t.json", json).GetRuleSetOrThrow();
        var bulk = new BulkClassifier(set);
        Assert.False(bulk.IsColumnar);
        Assert.Contains(bulk.NotColumnarBecause, r => r.Contains("HighTag", StringComparison.Ordinal));

        var store = ClassifyAndCompare(set, bulk, seed: 9);
        Assert.Contains(store.TagMasks.ToArray(), m => m == 3);
    }

    [Fact]
    public void ClassifyAll_StringMethodOnFact_RunsOverColumnsAndAgrees()
    {
        var json = TestFacts.Workflow("Tagging", ("Retail", "customer.Industry.StartsWith(\"零\") || customer.Region != \"华东\"", "r"), ("Unknown", "customer.Industry == \"never-seen\"", "u"));
        var set = RuleLoader.Load("t.json", json).GetRuleSetOrThrow();
        var bulk = new BulkClassifier(set);
        Assert.True(bulk.IsColumnar);
        Assert.False(bulk.ReadsTimeDerivedFacts);
        var store = ClassifyAndCompare(set, bulk, seed: 10);
        Assert.Contains(store.TagMasks.ToArray(), m => m == 1);
    }

    [Fact]
    public void ClassifyAll_RuleThatThrowsOnSomeRows_DoesNotHoldThereAsRuleSetClassify()
    {
        var json = TestFacts.Workflow("Tagging", ("Ratio", "customer.Employees / customer.OpenTicketCount > 50", "ratio"), ("Busy", "customer.OpenTicketCount >= 5", "busy"));
        var set = RuleLoader.Load("t.json", json).GetRuleSetOrThrow();
        var bulk = new BulkClassifier(set);
        Assert.True(bulk.IsColumnar);
        var store = ClassifyAndCompare(set, bulk, seed: 11);
        Assert.Contains(store.TagMasks.ToArray(), m => (m & 1) == 1);
        Assert.Contains(store.TagMasks.ToArray(), m => m == 2);
        Assert.Contains(Enumerable.Range(0, store.Count), i => store.GetInput(i).OpenTicketCount == 0);
    }

    [Fact]
    public void ClassifyAll_NullArguments_Throw()
    {
        var store = new CustomerStore();
        Assert.Throws<ArgumentNullException>(() => DefaultBulk.ClassifyAll(null!, BulkTestData.Now, BulkTestData.Zone));
        Assert.Throws<ArgumentNullException>(() => DefaultBulk.ClassifyChanged(store, BulkTestData.Now, null!));
        Assert.Throws<ArgumentNullException>(() => new BulkClassifier(null!));
    }

    private static long Steady(Action action) => Math.Min(Allocated(action), Math.Min(Allocated(action), Allocated(action)));

    internal static long Allocated(Action action)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        action();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    /// <summary>Classifies 300 seeded customers in bulk and checks every row against <see cref="RuleSet.Classify"/>.</summary>
    private static CustomerStore ClassifyAndCompare(RuleSet set, BulkClassifier bulk, int seed)
    {
        var customers = BulkTestData.Customers(300, seed);
        var store = BulkTestData.Store(customers);
        bulk.ClassifyAll(store, BulkTestData.Now, BulkTestData.Zone);
        for (var i = 0; i < customers.Length; i++)
        {
            Assert.Equal(set.Classify(CustomerFacts.From(customers[i], BulkTestData.Now, BulkTestData.Zone)), store.GetClassification(i));
        }

        return store;
    }

    private static ulong Mask(RuleSet set, IReadOnlyList<string> tags)
    {
        ulong mask = 0;
        foreach (var t in tags)
        {
            Assert.True(set.Tags.TryGetId(t, out var id));
            mask |= 1UL << id;
        }

        return mask;
    }

    private static (RuleSet Set, BulkClassifier Bulk) Pick(string name) => name == "default" ? (Default, DefaultBulk) : (Synthetic, SyntheticBulk);

    private static Action<CustomerStore, NodaTime.Instant, NodaTime.DateTimeZone, ulong[], short[]> HandWritten(string name)
        => name == "default" ? HandWrittenClassifiers.DefaultPack : HandWrittenClassifiers.Synthetic;
}
