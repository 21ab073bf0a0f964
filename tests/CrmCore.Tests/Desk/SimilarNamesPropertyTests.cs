using CrmCore.Customers;
using CrmCore.Desk;
using CrmCore.Normalization;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CrmCore.Tests.Desk;

/// <summary>The similar-name search is complete: every key as similar as the threshold is found, whatever order the probes are read in.</summary>
public sealed class SimilarNamesPropertyTests
{
    // A small alphabet, so that similar keys are common; a repeated character tests the gram counts.
    private static readonly Gen<string> Key =
        from length in Gen.Choose(1, 12)
        from chars in Gen.ArrayOf(Gen.Elements('上', '海', '瑞', '丰', 'a', '1'), length)
        select new string(chars);

    private static readonly Gen<double> Threshold = Gen.Elements(0.5, 0.55, 0.6, 2.0 / 3, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 1.0);

    [Property(MaxTest = 1000)]
    public Property ChosenProbes_WhateverTheirCounts_CoverEverySimilarKey()
    {
        var cases =
            from query in Key
            from keys in Gen.ListOf(Key).Select(k => k.ToArray())
            from threshold in Threshold
            from seed in Gen.Choose(0, int.MaxValue)
            select (query, keys, threshold, seed);
        return Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var plan = SimilarNames.Plan(c.query, c.threshold);
            var random = new Random(c.seed);
            var chosen = plan.Choose([.. plan.Probes.Select(_ => (long)random.Next(0, 100))]);
            Assert.True(chosen.Sum(p => p.Positions) >= plan.Needed);
            foreach (var key in c.keys.Where(k => CompanyNameNormalizer.Similarity(c.query, k) >= c.threshold))
            {
                var grams = SimilarNames.Grams(key);
                Assert.True(
                    chosen.Any(p => p.IsPrefix ? key.Contains(p.Text[0], StringComparison.Ordinal) : grams.Contains(p.Text)),
                    $"{key} is {CompanyNameNormalizer.Similarity(c.query, key):F3} similar to {c.query} but holds none of {string.Join(' ', chosen)}");
            }
        });
    }

    [Property(MaxTest = 300)]
    public Property Index_FindsExactlyTheKeysAsSimilarAsAsked_AndForgetsRemovedOnes()
    {
        var cases =
            from query in Key
            from keys in Gen.ListOf(Key).Select(k => k.ToArray())
            from removed in Gen.ListOf(Gen.Choose(0, 40)).Select(r => r.ToArray())
            from threshold in Threshold
            select (query, keys, removed, threshold);
        return Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var index = new SimilarNameIndex();
            var held = new List<string>();
            foreach (var key in c.keys)
            {
                index.Add(key);
                held.Add(key);
            }

            foreach (var r in c.removed.Where(r => r < c.keys.Length))
            {
                index.Remove(c.keys[r]);
                held.Remove(c.keys[r]);
            }

            var expected = held.Distinct().Where(k => CompanyNameNormalizer.Similarity(c.query, k) >= c.threshold).Order(StringComparer.Ordinal);
            var found = index.Find(c.query, c.threshold, out var complete);
            Assert.True(complete);
            Assert.Equal(expected, found.Order(StringComparer.Ordinal));
        });
    }

    [Fact]
    public void Index_WhenRemovedKeysOutnumberTheHeldOnes_ReclaimsTheirEntries_AndStillFindsTheHeld()
    {
        var index = new SimilarNameIndex();
        var keys = Enumerable.Range(0, 3 * SimilarNameIndex.CompactAt).Select(i => "上海" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + "号").ToList();
        keys.ForEach(index.Add);
        index.Add(keys[5]);
        var full = index.Entries;
        foreach (var key in keys.Where((_, i) => i % 3 != 0))
        {
            index.Remove(key);
        }

        var held = keys.Where((k, i) => i % 3 == 0 || k == keys[5]).ToList();
        Assert.Equal(held.Count, index.Count);
        // Compacted when the removed keys first outnumbered the held ones (half of them): at most those held then keep entries.
        Assert.True(index.Entries < full * 0.6, $"{index.Entries} of {full} entries kept for {held.Count} of {keys.Count} keys");
        var expected = held.Where(k => CompanyNameNormalizer.Similarity("上海15号", k) >= 0.75).Order(StringComparer.Ordinal);
        Assert.Equal(expected, index.Find("上海15号", 0.75, out var complete).Order(StringComparer.Ordinal));
        Assert.True(complete);
    }

    [Fact]
    public void MemoryKeyTable_HoldsNoGrams_UntilASimilarNameLookup_ThenKeepsThemWithEverySave()
    {
        var table = new CustomerKeyTable();
        var at = NodaTime.Instant.FromUtc(2026, 3, 2, 9, 0);
        CustomerState New(string id, string name) =>
            Customer.Create(new CustomerId(id), new CustomerProfile { Name = name, FirstContactOn = new NodaTime.LocalDate(2026, 1, 1) }, at).ToState();
        var first = New("KH1", "上海瑞丰精密机械有限公司");
        table.Write(first.Id, first);
        Assert.DoesNotContain(CustomerKey.Of(first), k => k.Kind == CustomerKeyKind.NameGram);
        Assert.Single(table.Find([CustomerKey.ForNameKey("上海瑞丰精密机械")]));
        Assert.False(table.HasSimilarNames);

        Assert.Single(table.Find([CustomerKey.BlockOf("上海瑞丰精密机槭", 0.85)]));
        Assert.True(table.HasSimilarNames);
        var second = New("KH2", "广州天河精密机械有限公司");
        table.Write(second.Id, second);
        Assert.Equal([second.Id], table.Find([CustomerKey.BlockOf("广州天河精密机槭", 0.85)]).Select(m => m.CustomerId));
    }

    [Fact]
    public void Grams_EachCharacterWithTheNext_TheLastWithTheEnd_EachOnce()
    {
        Assert.Equal(["上海", "海上", "上$"], SimilarNames.Grams("上海上"));
        Assert.Equal(["上海", "海上"], SimilarNames.Grams("上海上海").Take(2));
        Assert.Equal(["a$"], SimilarNames.Grams("a"));
        Assert.Empty(SimilarNames.Grams(""));
    }

    [Fact]
    public void Plan_ShortKeyAtALowThreshold_ProbesCharacters_LongKeyAtAHighOne_Grams()
    {
        var low = SimilarNames.Plan("上海瑞丰", 0.5);
        Assert.True(low.Probes.All(p => p.IsPrefix));
        Assert.Equal(3, low.Needed); // at least 2 of 4 characters kept: any 3 positions hold one
        var high = SimilarNames.Plan("上海瑞丰精密机械", 0.85);
        Assert.True(high.Probes.All(p => !p.IsPrefix));
        Assert.Equal((1, 3), (high.MaxDistance, high.Needed));
        Assert.Throws<ArgumentOutOfRangeException>(() => SimilarNames.Plan("上海", 0));
    }
}
