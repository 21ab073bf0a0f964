using CrmCore.Rules.Bulk;
using CrmCore.Rules.Facts;
using CrmCore.Rules.Tests.Bulk.Shared;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;

namespace CrmCore.Rules.Tests.Bulk;

/// <summary>
/// The vectorised kernel against <see cref="RuleSet.Classify"/> at its edges: amounts between fen and hundredths, ticks next to a
/// day threshold, checked overflow, month ends, nulls, literals the store never saw, a "now" that is not a whole tick, partial ranges.
/// </summary>
public class VectorKernelTests
{
    private static readonly LocalDate Today = TestFacts.Now.InZone(TestFacts.Zone).Date;

    /// <summary>Every shape the vectorised kernel handles, each comparison operator, literals on either side.</summary>
    private static readonly RuleSet Edges = RuleLoader.Load("edges.json", """
        [
          { "WorkflowName": "Tiering", "Rules": [
            { "RuleName": "Top", "SuccessEvent": "Top", "Expression": "customer.AnnualRevenue > 100000 && customer.CsatAverage != 3" },
            { "RuleName": "Exact", "SuccessEvent": "Exact", "Expression": "customer.AnnualRevenue == 99999.99 || 5000 >= customer.AnnualRevenue" },
            { "RuleName": "Rest", "SuccessEvent": "Rest", "Expression": "customer.AnnualRevenue != 0" } ] },
          { "WorkflowName": "Tagging", "Rules": [
            { "RuleName": "RevLt", "SuccessEvent": "rev-lt", "Expression": "customer.AnnualRevenue < 100000.01" },
            { "RuleName": "RevLe", "SuccessEvent": "rev-le", "Expression": "customer.AnnualRevenue <= 100000" },
            { "RuleName": "CsatGt", "SuccessEvent": "csat-gt", "Expression": "customer.CsatAverage > 3.33" },
            { "RuleName": "CsatEq", "SuccessEvent": "csat-eq", "Expression": "customer.CsatAverage == 4" },
            { "RuleName": "CsatNull", "SuccessEvent": "csat-null", "Expression": "customer.CsatAverage == null" },
            { "RuleName": "DaysEq", "SuccessEvent": "days-eq", "Expression": "customer.DaysSinceLastInteraction == 30" },
            { "RuleName": "DaysNe", "SuccessEvent": "days-ne", "Expression": "customer.DaysSinceLastInteraction != 1" },
            { "RuleName": "DaysLt", "SuccessEvent": "days-lt", "Expression": "customer.DaysSinceLastInteraction < 0 || customer.DaysSinceLastInteraction >= 0 && customer.DaysSinceLastInteraction < 2" },
            { "RuleName": "DaysGt", "SuccessEvent": "days-gt", "Expression": "customer.DaysSinceLastInteraction > 2147483646" },
            { "RuleName": "DaysNull", "SuccessEvent": "days-null", "Expression": "customer.DaysSinceLastInteraction != null" },
            { "RuleName": "Months", "SuccessEvent": "months", "Expression": "customer.MonthsSinceFirstCooperation == 1 || customer.MonthsSinceFirstCooperation > 11" },
            { "RuleName": "Contract", "SuccessEvent": "contract", "Expression": "customer.DaysToContractEnd < 0 || customer.DaysToContractEnd == 7" },
            { "RuleName": "Downgrade", "SuccessEvent": "downgrade", "Expression": "customer.DaysSinceTierDowngrade != 0" },
            { "RuleName": "Sum", "SuccessEvent": "sum", "Expression": "customer.ComplaintsLast60Days + customer.ComplaintsPrev60Days > 3" },
            { "RuleName": "Product", "SuccessEvent": "product", "Expression": "customer.Employees * 3 >= 3000 || true && customer.ComplaintsLast60Days - customer.OpenTicketCount < -1" },
            { "RuleName": "Negate", "SuccessEvent": "negate", "Expression": "-customer.UnresolvedComplaints < -1 == customer.DoNotContact" },
            { "RuleName": "Strings", "SuccessEvent": "strings", "Expression": "\"制造业\" == customer.Industry || customer.Region != \"never-seen\" && customer.Size == \"never-seen\"" },
            { "RuleName": "Tags", "SuccessEvent": "tags", "Expression": "customer.Tags.Contains(\"never-seen\") || customer.Tags.Contains(\"VIP\") && customer.Tags.Count != 2" } ] }
        ]
        """).GetRuleSetOrThrow();

    private static readonly BulkClassifier EdgesBulk = new(Edges);

    [Fact]
    public void Constructor_ShippedSyntheticAndEdgeSets_AreVectorised()
    {
        foreach (var bulk in new[] { EdgesBulk, new BulkClassifier(BulkTestData.DefaultPack()), new BulkClassifier(BulkTestData.Synthetic()) })
        {
            Assert.True(bulk.IsVectorised, string.Join("; ", bulk.NotVectorisedBecause));
            Assert.Empty(bulk.NotVectorisedBecause);
        }
    }

    [Fact]
    public void Constructor_UnsupportedShapes_NameRuleAndShapeAndRunScalar()
    {
        var json = TestFacts.Workflow(
            "Tagging",
            ("Prefix", "customer.Industry.StartsWith(\"零\")", "prefix"),
            ("Ratio", "customer.Employees / customer.OpenTicketCount > 50", "ratio"),
            ("Fen", "customer.AnnualRevenue >= 0.001", "fen"),
            ("Big", "customer.ComplaintsLast60Days > 2", "big"));
        var set = RuleLoader.Load("t.json", json).GetRuleSetOrThrow();
        var bulk = new BulkClassifier(set);
        Assert.True(bulk.IsColumnar);
        Assert.False(bulk.IsVectorised);
        Assert.Equal(3, bulk.NotVectorisedBecause.Count);
        Assert.Contains(bulk.NotVectorisedBecause, r => r.Contains("`Prefix`", StringComparison.Ordinal) && r.Contains("StartsWith", StringComparison.Ordinal));
        Assert.Contains(bulk.NotVectorisedBecause, r => r.Contains("`Ratio`", StringComparison.Ordinal));
        Assert.Contains(bulk.NotVectorisedBecause, r => r.Contains("`Fen`", StringComparison.Ordinal) && r.Contains("fen", StringComparison.Ordinal));
        Assert.DoesNotContain(bulk.NotVectorisedBecause, r => r.Contains("`Big`", StringComparison.Ordinal));
        AssertSameAsClassify(set, bulk, EdgeCustomers(400, seed: 1), TestFacts.Now);
    }

    [Fact]
    public void ClassifyAll_UnsupportedTieringRule_TiersScalarTagsVectorisedAndAgrees()
    {
        var json = """
            [
              { "WorkflowName": "Tiering", "Rules": [
                { "RuleName": "Retail", "SuccessEvent": "R", "Expression": "customer.Industry.StartsWith(\"零\") && customer.AnnualRevenue > 100000" },
                { "RuleName": "Other", "SuccessEvent": "O", "Expression": "customer.AnnualRevenue > 5000" } ] },
              { "WorkflowName": "Tagging", "Rules": [
                { "RuleName": "Ratio", "SuccessEvent": "ratio", "Expression": "customer.Employees / customer.OpenTicketCount > 50" },
                { "RuleName": "Busy", "SuccessEvent": "busy", "Expression": "customer.OpenTicketCount >= 2" },
                { "RuleName": "Sum", "SuccessEvent": "sum", "Expression": "customer.ComplaintsLast60Days + customer.ComplaintsPrev60Days > 3" } ] }
            ]
            """;
        var set = RuleLoader.Load("t.json", json).GetRuleSetOrThrow();
        var bulk = new BulkClassifier(set);
        Assert.False(bulk.IsVectorised);
        Assert.Equal(2, bulk.NotVectorisedBecause.Count);
        Assert.Contains(bulk.NotVectorisedBecause, r => r.Contains("`Retail`", StringComparison.Ordinal));
        Assert.Contains(bulk.NotVectorisedBecause, r => r.Contains("`Ratio`", StringComparison.Ordinal));
        var customers = EdgeCustomers(3000, seed: 8);
        customers[0] = customers[0] with { Industry = "零售业", AnnualRevenue = 200_000m };
        var store = AssertSameAsClassify(set, bulk, customers, TestFacts.Now);
        Assert.Contains(store.TierIndexes, t => t == 0);
        Assert.Contains(store.TagMasks, m => m == 7);

        // Incremental runs take the same two passes over the changed rows only.
        store.Set(5, customers[0] with { OpenTicketCount = 0, Employees = 7 });
        store.Columns.ResultMask(4) = ulong.MaxValue;
        Assert.Equal(new BulkRunResult(1, false), bulk.ClassifyChanged(store, TestFacts.Now, TestFacts.Zone));
        Assert.Equal(ulong.MaxValue, store.TagMasks[4]);
        Assert.Equal(set.Classify(CustomerFacts.From(store.GetInput(5), TestFacts.Now, TestFacts.Zone)), store.GetClassification(5));
    }

    [Fact]
    public void ClassifyAll_ScalarLoopAskedFor_SameAsVectorised()
    {
        var scalar = new BulkClassifier(Edges, vectorise: false);
        Assert.False(scalar.IsVectorised);
        var customers = EdgeCustomers(5000, seed: 12);
        var a = BulkTestData.Store(customers);
        var b = BulkTestData.Store(customers);
        EdgesBulk.ClassifyAll(a, TestFacts.Now, TestFacts.Zone);
        scalar.ClassifyAll(b, TestFacts.Now, TestFacts.Zone);
        Assert.Equal(b.TagMasks.ToArray(), a.TagMasks.ToArray());
        Assert.Equal(b.TierIndexes.ToArray(), a.TierIndexes.ToArray());
    }

    [Property(MaxTest = 60)]
    public Property ClassifyAll_EdgeValues_SameAsClassify() => Prop.ForAll(Gen.Choose(0, 1_000_000).ToArbitrary(), seed =>
        AssertSameAsClassify(Edges, EdgesBulk, EdgeCustomers(300, seed), TestFacts.Now));

    [Fact]
    public void ClassifyAll_NowNotWholeTick_SameAsClassify()
    {
        var now = TestFacts.Now + Duration.FromNanoseconds(37);
        AssertSameAsClassify(Edges, EdgesBulk, EdgeCustomers(2000, seed: 5), now);
    }

    [Fact]
    public void ClassifyAll_TicksAroundEveryThreshold_SameAsClassify()
    {
        var customers = new List<CustomerFactsInput>();
        foreach (var days in new[] { 0, 1, 2, 29, 30, 31 })
        {
            foreach (var ticks in new long[] { -1001, -1000, -999, -1, 0, 1, 999, 1000, 1001 })
            {
                customers.Add(new CustomerFactsInput { LastInteractionAt = TestFacts.Now - Duration.FromDays(days) + Duration.FromTicks(ticks) });
            }
        }

        var store = AssertSameAsClassify(Edges, EdgesBulk, customers, TestFacts.Now);
        Assert.Contains(store.TagMasks, m => (m & (1UL << TagId("days-eq"))) != 0);
    }

    // 20,000 days less a tick is 19,999 whole days (a double of the days said 20,000): the vectorised threshold, the scalar loop
    // and the per-customer facts all give the exact count, with no row near a threshold handed from one kernel to another.
    [Theory]
    [InlineData(-1L, false, true)]
    [InlineData(0L, true, false)]
    [InlineData(1L, true, false)]
    public void ClassifyAll_ATickOffTwentyThousandDays_ExactInEveryKernel(long ticks, bool atLeast20000, bool exactly19999)
    {
        var set = RuleLoader.Load("days.json", TestFacts.Workflow(
            "Tagging",
            ("AtLeast", "customer.DaysSinceLastInteraction >= 20000", "at-least-20000"),
            ("Exactly", "customer.DaysSinceLastInteraction == 19999", "exactly-19999"))).GetRuleSetOrThrow();
        var customers = new[] { new CustomerFactsInput { LastInteractionAt = TestFacts.Now - (Duration.FromDays(20_000) + Duration.FromTicks(ticks)) } };
        var vectorised = new BulkClassifier(set);
        Assert.True(vectorised.IsVectorised, string.Join("; ", vectorised.NotVectorisedBecause));
        var expected = (atLeast20000 ? 1UL << Id("at-least-20000") : 0) | (exactly19999 ? 1UL << Id("exactly-19999") : 0);

        Assert.Equal(expected, set.Classify(CustomerFacts.From(customers[0], TestFacts.Now, TestFacts.Zone)).TagMask);
        foreach (var bulk in new[] { vectorised, new BulkClassifier(set, vectorise: false) })
        {
            var store = BulkTestData.Store(customers);
            bulk.ClassifyAll(store, TestFacts.Now, TestFacts.Zone);
            Assert.Equal(expected, store.TagMasks[0]);
        }

        int Id(string tag) => set.Tags.TryGetId(tag, out var id) ? id : throw new KeyNotFoundException(tag);
    }

    // A last interaction between two ticks (the bulk store keeps ticks) a whole day before a whole-tick now, or a few nanoseconds
    // less: the per-customer fact reads the nanoseconds, and both kernels give the same tags.
    [Theory]
    [InlineData(1L, false)]
    [InlineData(50L, false)]
    [InlineData(99L, false)]
    [InlineData(0L, true)]
    [InlineData(-1L, true)]
    [InlineData(-99L, true)]
    public void ClassifyAll_LastInteractionBetweenTicks_AtADaysBoundary_AsThePerCustomerFact(long nanoseconds, bool atLeastOneDay)
    {
        var set = RuleLoader.Load("days.json", TestFacts.Workflow(
            "Tagging", ("AtLeast", "customer.DaysSinceLastInteraction >= 1", "at-least-1"))).GetRuleSetOrThrow();
        var customers = new[] { new CustomerFactsInput { LastInteractionAt = TestFacts.Now - Duration.FromDays(1) + Duration.FromNanoseconds(nanoseconds) } };
        var expected = atLeastOneDay ? 1UL << (set.Tags.TryGetId("at-least-1", out var id) ? id : -1) : 0;

        Assert.Equal(expected, set.Classify(CustomerFacts.From(customers[0], TestFacts.Now, TestFacts.Zone)).TagMask);
        foreach (var bulk in new[] { new BulkClassifier(set), new BulkClassifier(set, vectorise: false) })
        {
            var store = BulkTestData.Store(customers);
            bulk.ClassifyAll(store, TestFacts.Now, TestFacts.Zone);
            Assert.Equal(expected, store.TagMasks[0]);
        }
    }

    [Fact]
    public void ClassifyAll_CheckedOverflow_RuleDoesNotHoldAsClassify()
    {
        var customers = new[]
        {
            new CustomerFactsInput { ComplaintsLast60Days = int.MaxValue, ComplaintsPrev60Days = 1, Employees = int.MaxValue / 2, Tags = ["VIP"] },
            new CustomerFactsInput { ComplaintsLast60Days = int.MaxValue, OpenTicketCount = 1, UnresolvedComplaints = int.MaxValue },
            new CustomerFactsInput { ComplaintsLast60Days = 3, ComplaintsPrev60Days = 1, Employees = 1000 },
            new CustomerFactsInput { ComplaintsLast60Days = int.MaxValue, ComplaintsPrev60Days = int.MaxValue }, // would wrap to -2 (counts are never negative)
            new CustomerFactsInput { Employees = (int.MaxValue / 3) + 1 }, // times 3 wraps negative: the first alternative throws
        };
        var store = AssertSameAsClassify(Edges, EdgesBulk, customers, TestFacts.Now);
        Assert.NotEqual(0UL, store.GetClassification(2).TagMask & (1UL << TagId("sum")));
        Assert.Equal(0UL, store.GetClassification(0).TagMask & (1UL << TagId("sum")));
        Assert.Equal(0UL, store.GetClassification(3).TagMask & (1UL << TagId("sum")));
    }

    [Fact]
    public void ClassifyChanged_OneRowInAVector_WritesOnlyThatRow()
    {
        var customers = EdgeCustomers(64, seed: 3);
        var store = BulkTestData.Store(customers);
        EdgesBulk.ClassifyAll(store, TestFacts.Now, TestFacts.Zone);
        store.Columns.ResultMask(10) = ulong.MaxValue;
        store.Columns.ResultMask(12) = ulong.MaxValue;
        store.MarkDirty(11);
        Assert.Equal(new BulkRunResult(1, false), EdgesBulk.ClassifyChanged(store, TestFacts.Now, TestFacts.Zone));
        Assert.Equal(ulong.MaxValue, store.TagMasks[10]);
        Assert.Equal(ulong.MaxValue, store.TagMasks[12]);
        Assert.Equal(Edges.Classify(CustomerFacts.From(store.GetInput(11), TestFacts.Now, TestFacts.Zone)), store.GetClassification(11));
    }

    private static int TagId(string name) => Edges.Tags.TryGetId(name, out var id) ? id : throw new KeyNotFoundException(name);

    private static CustomerStore AssertSameAsClassify(RuleSet set, BulkClassifier bulk, IReadOnlyList<CustomerFactsInput> customers, Instant now)
    {
        var store = BulkTestData.Store(customers);
        bulk.ClassifyAll(store, now, TestFacts.Zone);
        for (var i = 0; i < customers.Count; i++)
        {
            var expected = set.Classify(CustomerFacts.From(store.GetInput(i), now, TestFacts.Zone));
            Assert.True(expected == store.GetClassification(i), $"row {i}: expected {expected}, got {store.GetClassification(i)} for {customers[i]}");
        }

        return store;
    }

    /// <summary>Customers whose values sit on and next to the edge set's literals and the codes' boundaries.</summary>
    private static CustomerFactsInput[] EdgeCustomers(int count, int seed)
    {
        var rnd = new Random(seed);
        decimal[] revenues = [0m, -0.01m, 5000m, 5000.001m, 4999.999m, 99_999.99m, 99_999.985m, 99_999.990m, 100_000m, 100_000.00m, 100_000.001m,
            100_000.01m, 100_000.0099m, 1e20m, -1e20m, decimal.MaxValue, decimal.MinValue, 11_529_215_046_068_469.76m];
        // CSAT averages and counts stay in the ranges the inputs accept (1 to 5; 0 or more), up to their ends.
        decimal?[] csats = [null, 3m, 3.00m, 2.999m, 3.001m, 3.33m, 3.3300001m, 3.34m, 10m / 3, 4m, 4.0000000001m, 1m, 5m, 4.9999999999m];
        int[] counts = [0, 1, 2, 3, 4, 1000, 999, int.MaxValue, int.MaxValue - 1];
        string[] strings = ["制造业", "零售业", "华东", "Small", string.Empty];
        string[][] tags = [[], ["VIP"], ["VIP", "x"], ["VIP", "x", "y"], ["x"]];
        var result = new CustomerFactsInput[count];
        for (var i = 0; i < count; i++)
        {
            var dayOffset = rnd.Next(-3, 40);
            long[] ticks = [0, 1, -1, 999, -999, 1000, -1000, 1001, 5_000_000];
            result[i] = new CustomerFactsInput
            {
                AnnualRevenue = revenues[rnd.Next(revenues.Length)],
                CsatAverage = csats[rnd.Next(csats.Length)],
                Industry = strings[rnd.Next(strings.Length)],
                Region = strings[rnd.Next(strings.Length)],
                Size = strings[rnd.Next(strings.Length)],
                Employees = counts[rnd.Next(counts.Length)],
                ComplaintsLast60Days = counts[rnd.Next(counts.Length)],
                ComplaintsPrev60Days = counts[rnd.Next(counts.Length)],
                OpenTicketCount = counts[rnd.Next(counts.Length)],
                UnresolvedComplaints = counts[rnd.Next(counts.Length)],
                Tags = tags[rnd.Next(tags.Length)],
                LastInteractionAt = rnd.Next(8) == 0 ? null : TestFacts.Now - Duration.FromDays(dayOffset) + Duration.FromTicks(ticks[rnd.Next(ticks.Length)]),
                FirstCooperationOn = rnd.Next(6) == 0 ? null : new LocalDate(2025, 1, 1).PlusDays(rnd.Next(0, 600)),
                ContractEndsOn = rnd.Next(4) == 0 ? null : Today.PlusDays(rnd.Next(-10, 12)),
                TierDowngradedOn = rnd.Next(4) == 0 ? null : Today.PlusDays(rnd.Next(-3, 3)),
                DoNotContact = rnd.Next(2) == 0,
            };
        }

        return result;
    }
}
