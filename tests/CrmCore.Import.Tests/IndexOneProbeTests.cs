using System.Globalization;
using CrmCore.Import.Customers;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CrmCore.Import.Tests;

/// <summary>
/// The duplicate index's tables, which add a key that a lookup just missed where that lookup's probe ended (one probe for the import's
/// lookup-then-add) and compare a prepared key (<see cref="TableKey"/>: its text and hash, no bytes of its own) with the stored text only
/// on a hash match, answer as a dictionary does: for random sequences of lookups, adds, growth and clears over few slots, and for two
/// texts of the same hash.
/// </summary>
public class IndexOneProbeTests
{
    [Property(MaxTest = 300)]
    public Property CompactKeyTable_LookupThenAdd_AsTheImportDoes_AnswersAsADictionary()
    {
        // Each step looks a prepared key up and, when it is missing, adds that same key (one probe); other keys are added or looked up
        // in between, by text or prepared, and the table is reserved or cleared at random points: every answer is the dictionary's.
        var alphabet = Gen.Elements("a", "B", "上海", "某", "@", "1", "🙂", "\uD800", "\uDC00", "é");
        var text = Gen.ListOf(alphabet).Select(parts => string.Concat(parts));
        var step = Gen.Zip(text, Gen.Choose(0, 10));
        return Prop.ForAll(Gen.ListOf(step).ToArbitrary(), steps =>
        {
            var table = new CompactKeyTable();
            var expected = new Dictionary<string, int>(StringComparer.Ordinal);
            var pending = default(TableKey);
            for (var i = 0; i < steps.Count; i++)
            {
                var (key, kind) = steps[i];
                switch (kind)
                {
                    case <= 3:
                        var ready = new TableKey(key);
                        var found = table.TryGetValue(ready, out var value);
                        if (found != expected.TryGetValue(key, out var known) || (found && value != known))
                        {
                            return false;
                        }

                        if (!found && kind <= 2 && (!table.TryAdd(ready, i, out var offset) || !expected.TryAdd(key, i) || table.ValueAt(offset) != i))
                        {
                            return false;
                        }

                        pending = found ? default : ready;
                        break;
                    case 4 when pending.IsReady:
                        // A key missed earlier, added after other work on the table.
                        if (table.TryAdd(pending, i, out _) != expected.TryAdd(pending.Text!, i))
                        {
                            return false;
                        }

                        break;
                    case 5:
                        if (table.TryAdd(key, i, out _) != expected.TryAdd(key, i))
                        {
                            return false;
                        }

                        break;
                    case 6:
                        table.Reserve(i * 50);
                        break;
                    case 7 when i % 5 == 0:
                        table.Clear();
                        expected.Clear();
                        break;
                    case 8:
                        // Another prepared key added right after a lookup that missed: it must not take that lookup's slot.
                        if (table.TryAdd(new TableKey(key), i, out _) != expected.TryAdd(key, i))
                        {
                            return false;
                        }

                        break;
                }
            }

            return table.Count == expected.Count && expected.All(p => table.TryGetValue(p.Key, out var v) && v == p.Value);
        });
    }

    [Fact]
    public void CompactKeyTable_TwoKeysOfTheSameHash_StayApart_ByTextAndPrepared()
    {
        // Two texts whose 32-bit hashes are equal (searched for: the hash is randomised per process), looked up and added the way the
        // import does (a miss, then an add at the probe's end) in both orders: neither is ever taken for the other.
        var (a, b) = SameHash();
        Assert.Equal(CompactKeyTable.HashOf(a), CompactKeyTable.HashOf(b));
        var table = new CompactKeyTable();
        Assert.False(table.TryGetValue(new TableKey(a), out _));
        var keyB = new TableKey(b);
        Assert.False(table.TryGetValue(keyB, out _));
        Assert.True(table.TryAdd(keyB, 2, out _));
        Assert.False(table.TryGetValue(new TableKey(a), out _));
        Assert.False(table.TryGetValue(a, out _));
        var keyA = new TableKey(a);
        Assert.False(table.TryGetValue(keyA, out _));
        Assert.True(table.TryAdd(keyA, 1, out var offsetA));
        Assert.Equal(a, table.KeyAt(offsetA));
        Assert.True(table.TryGetValue(new TableKey(a), out var va) && va == 1);
        Assert.True(table.TryGetValue(b, out var vb) && vb == 2);
        Assert.False(table.TryAdd(a, 3, out _));
        Assert.Equal(2, table.Count);
    }

    [Property(MaxTest = 300)]
    public Property CompactNumberTable_LookupThenAdd_AsTheImportDoes_AnswersAsADictionary()
    {
        // Few keys over few slots (so that probes run into each other), looked up then added, with other adds, clears and growth between.
        var key = Gen.OneOf(Gen.Choose(1, 40).Select(k => (ulong)k), Gen.Choose(1, 40).Select(k => (ulong)k << 40));
        var step = Gen.Zip(key, Gen.Choose(0, 7));
        return Prop.ForAll(Gen.ListOf(step).ToArbitrary(), Gen.Choose(0, 600).ToArbitrary(), (steps, fill) =>
        {
            var table = new CompactNumberTable();
            var expected = new Dictionary<ulong, int>();
            ulong pending = 0;
            for (var i = 0; i < steps.Count; i++)
            {
                var (k, kind) = steps[i];
                switch (kind)
                {
                    case <= 3:
                        var found = table.TryGetValue(k, out var value);
                        if (found != expected.TryGetValue(k, out var known) || (found && value != known))
                        {
                            return false;
                        }

                        if (!found && kind <= 2 && (!table.TryAdd(k, i) || !expected.TryAdd(k, i)))
                        {
                            return false;
                        }

                        pending = found ? 0 : k;
                        break;
                    case 4 when pending != 0:
                        if (table.TryAdd(pending, i) != expected.TryAdd(pending, i))
                        {
                            return false;
                        }

                        break;
                    case 5:
                        for (var f = 0; f < fill; f++)
                        {
                            var extra = 1_000_000UL + (ulong)f + ((ulong)i << 20);
                            if (table.TryAdd(extra, -f) != expected.TryAdd(extra, -f))
                            {
                                return false;
                            }
                        }

                        break;
                    case 6 when i % 4 == 0:
                        table.Clear();
                        expected.Clear();
                        break;
                    case 7:
                        // Growth with no add (the import reserves room between a batch's lookups and its adds).
                        table.Reserve(i * 50);
                        break;
                }
            }

            return table.Count == expected.Count && expected.All(p => table.TryGetValue(p.Key, out var v) && v == p.Value) && !table.TryGetValue(0, out _);
        });
    }

    [Fact]
    public void CompactNumberTable_LookupMissThenReserveThenAdd_FindsTheKey()
    {
        // A missed lookup remembers where its probe ended; growing the table moves every slot, so that place must be forgotten.
        var table = new CompactNumberTable();
        for (var k = 1UL; k <= 100; k++)
        {
            Assert.True(table.TryAdd(k, (int)k));
        }

        const ulong Late = 1UL << 41;
        Assert.False(table.TryGetValue(Late, out _));
        table.Reserve(100_000);
        Assert.True(table.TryAdd(Late, 7));
        Assert.True(table.TryGetValue(Late, out var value));
        Assert.Equal(7, value);
        Assert.All(Enumerable.Range(1, 100), k => Assert.True(table.TryGetValue((ulong)k, out var v) && v == k));
    }

    private static (string A, string B) SameHash()
    {
        var seen = new Dictionary<uint, string>();
        for (var i = 0; ; i++)
        {
            var text = string.Create(CultureInfo.InvariantCulture, $"客户{i}");
            if (!seen.TryAdd(CompactKeyTable.HashOf(text), text))
            {
                return (seen[CompactKeyTable.HashOf(text)], text);
            }
        }
    }
}
