using CrmCore.Rules.Bulk;
using CrmCore.Rules.Facts;
using CrmCore.Rules.Tests.Bulk.Shared;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;

namespace CrmCore.Rules.Tests.Bulk;

/// <summary>Incremental re-tagging evaluates only changed customers and gives the results of a full run.</summary>
public class IncrementalClassificationTests
{
    private static readonly BulkClassifier Synthetic = new(BulkTestData.Synthetic());
    private static readonly BulkClassifier Default = new(BulkTestData.DefaultPack());

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ClassifyChanged_SomeRowsChanged_EvaluatesOnlyThoseAndMatchesFullRun(bool parallel)
    {
        var customers = BulkTestData.Customers(40_000, seed: 21);
        var store = BulkTestData.Store(customers);
        Assert.True(Synthetic.ClassifyChanged(store, BulkTestData.Now, BulkTestData.Zone, parallel).WasFullRun);
        Assert.Equal(0, store.DirtyCount);

        var replacements = BulkTestData.Customers(200, seed: 22);
        var changed = new SortedSet<int>();
        for (var k = 0; k < 100; k++)
        {
            changed.Add((k * 397) % customers.Length); // scattered rows
        }

        for (var row = 120; row < 220; row++)
        {
            changed.Add(row); // a run crossing dirty-bit words
        }

        changed.Add(customers.Length - 1);
        var j = 0;
        foreach (var row in changed)
        {
            customers[row] = replacements[j++ % replacements.Length];
            store.Set(row, customers[row]);
        }

        // Plant a wrong result on unchanged rows: a re-evaluation would overwrite it.
        int[] untouched = [1, 5000, 39_998];
        foreach (var row in untouched)
        {
            Assert.DoesNotContain(row, changed);
            store.Columns.ResultMask(row) = ulong.MaxValue;
        }

        var result = Synthetic.ClassifyChanged(store, BulkTestData.Now, BulkTestData.Zone, parallel);

        Assert.Equal(new BulkRunResult(changed.Count, false), result);
        Assert.Equal(0, store.DirtyCount);
        var fresh = BulkTestData.Store(customers);
        Synthetic.ClassifyAll(fresh, BulkTestData.Now, BulkTestData.Zone);
        for (var row = 0; row < customers.Length; row++)
        {
            var expected = untouched.Contains(row) ? ulong.MaxValue : fresh.TagMasks[row];
            Assert.Equal(expected, store.TagMasks[row]);
            Assert.Equal(fresh.TierIndexes[row], store.TierIndexes[row]);
        }
    }

    [Fact]
    public void ClassifyChanged_NothingChanged_EvaluatesNobody()
    {
        var store = BulkTestData.Store(BulkTestData.Customers(1000, seed: 2));
        Default.ClassifyAll(store, BulkTestData.Now, BulkTestData.Zone);
        Assert.Equal(new BulkRunResult(0, false), Default.ClassifyChanged(store, BulkTestData.Now, BulkTestData.Zone));
        store.MarkDirty(999);
        Assert.Equal(new BulkRunResult(1, false), Default.ClassifyChanged(store, BulkTestData.Now, BulkTestData.Zone));
    }

    [Fact]
    public void ClassifyChanged_TimeRulesAndNewNow_IsFullRun()
    {
        var store = BulkTestData.Store(BulkTestData.Customers(500, seed: 4));
        Synthetic.ClassifyAll(store, BulkTestData.Now, BulkTestData.Zone);
        var later = BulkTestData.Now + Duration.FromDays(40);
        Assert.Equal(new BulkRunResult(500, true), Synthetic.ClassifyChanged(store, later, BulkTestData.Zone));
        Assert.Equal(new BulkRunResult(500, true), Default.ClassifyChanged(store, later, BulkTestData.Zone));
        Assert.Same(Default, store.ClassifiedBy);
    }

    [Fact]
    public void ClassifyChanged_RulesWithoutTimeFacts_NewNowStaysIncremental()
    {
        var json = TestFacts.Workflow("Tagging", ("Big", "customer.AnnualRevenue >= 100000", "big"));
        var bulk = new BulkClassifier(RuleLoader.Load("t.json", json).GetRuleSetOrThrow());
        Assert.False(bulk.ReadsTimeDerivedFacts);
        var store = BulkTestData.Store(BulkTestData.Customers(500, seed: 4));
        bulk.ClassifyAll(store, BulkTestData.Now, BulkTestData.Zone);
        store.Set(7, new CustomerFactsInput { AnnualRevenue = 200_000 });
        Assert.Equal(new BulkRunResult(1, false), bulk.ClassifyChanged(store, BulkTestData.Now + Duration.FromDays(3), BulkTestData.Zone));
        Assert.Equal(1UL, store.GetClassification(7).TagMask);
    }

    [Property(MaxTest = 60)]
    public Property ClassifyChanged_RandomEdits_SameAsFullRun() => Prop.ForAll(
        Gen.Choose(0, 299).Zip(Arbitraries.CustomerInputs().Generator).ListOf().ToArbitrary(),
        edits =>
        {
            var customers = BulkTestData.Customers(300, seed: 8);
            var store = BulkTestData.Store(customers);
            Default.ClassifyAll(store, TestFacts.Now, TestFacts.Zone);
            foreach (var (row, input) in edits)
            {
                customers[row] = input;
                store.Set(row, input);
            }

            var result = Default.ClassifyChanged(store, TestFacts.Now, TestFacts.Zone);
            Assert.Equal(edits.Select(e => e.Item1).Distinct().Count(), result.Evaluated);
            var fresh = BulkTestData.Store(customers);
            Default.ClassifyAll(fresh, TestFacts.Now, TestFacts.Zone);
            Assert.Equal(fresh.TagMasks.ToArray(), store.TagMasks.ToArray());
            Assert.Equal(fresh.TierIndexes.ToArray(), store.TierIndexes.ToArray());
        });
}
