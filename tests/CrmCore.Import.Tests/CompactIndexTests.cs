using System.Globalization;
using System.Text;
using CrmCore.Desk;
using CrmCore.Import.Customers;
using CrmCore.Import.Reports;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CrmCore.Import.Tests;

/// <summary>The compact duplicate index and the report rows kept out of memory give the same answers as the plain collections they replace.</summary>
public class CompactIndexTests
{
    private const string Header = "客户编号,客户名称,所属行业,联系方式,邮箱,年合作金额,更新时间\n";

    [Property(MaxTest = 200)]
    public Property CompactKeyTable_BehavesLikeADictionaryWithTryAdd_AlsoAfterClear()
    {
        var alphabet = Gen.Elements("a", "B", "上海", "某", "有限公司", "@", ".", "1", "9", "ü", "🙂", " ");
        var key = Gen.ListOf(alphabet).Select(parts => string.Concat(parts));
        // The table is first filled with other keys and cleared (as the per-batch index is): it must then behave as a new one.
        return Prop.ForAll(Gen.ListOf(key).ToArbitrary(), Gen.ListOf(key).ToArbitrary(), (before, keys) =>
        {
            var table = new CompactKeyTable();
            for (var i = 0; i < before.Count; i++)
            {
                table.TryAdd(before[i], -i - 1, out _);
            }

            table.Clear();
            var expected = new Dictionary<string, int>(StringComparer.Ordinal);
            var offsets = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i < keys.Count; i++)
            {
                var added = table.TryAdd(keys[i], i, out var offset);
                if (added != expected.TryAdd(keys[i], i))
                {
                    return false;
                }

                if (added)
                {
                    offsets[keys[i]] = offset;
                }
                else if (offsets[keys[i]] != offset)
                {
                    return false;
                }
            }

            return table.Count == expected.Count
                && expected.All(p => table.TryGetValue(p.Key, out var v) && v == p.Value && table.KeyAt(offsets[p.Key]) == p.Key)
                && !table.TryGetValue("not-" + string.Concat(keys) + "-there", out _);
        });
    }

    [Property(MaxTest = 200)]
    public Property CompactKeyTable_KeysPreparedAheadAndReserve_AnswerAsTheText()
    {
        // Keys made ready on the reading thread (TableKey) and plain texts are mixed on the same table, which is sized ahead (Reserve) at
        // a random point: every answer is the dictionary's, whichever form found or added the key.
        var alphabet = Gen.Elements("a", "B", "上海", "某", "有限公司", "@", ".", "1", "🙂", " ");
        var key = Gen.ListOf(alphabet).Select(parts => string.Concat(parts));
        var step = Gen.Zip(key, Gen.Choose(0, 3), (text, kind) => (Text: text, Prepared: kind % 2 == 0, Add: kind < 2));
        return Prop.ForAll(Gen.ListOf(step).ToArbitrary(), Gen.Choose(0, 3_000).ToArbitrary(), (steps, reserve) =>
        {
            var table = new CompactKeyTable();
            var expected = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i < steps.Count; i++)
            {
                var (text, prepared, add) = steps[i];
                if (i == steps.Count / 2)
                {
                    table.Reserve(reserve);
                }

                var ready = new TableKey(text);
                if (add)
                {
                    var added = prepared ? table.TryAdd(ready, i, out var offset) : table.TryAdd(text, i, out offset);
                    if (added != expected.TryAdd(text, i) || table.KeyAt(offset) != text || table.ValueAt(offset) != expected[text])
                    {
                        return false;
                    }
                }
                else
                {
                    var found = prepared ? table.TryGetValue(ready, out var value) : table.TryGetValue(text, out value);
                    if (found != expected.TryGetValue(text, out var known) || (found && value != known))
                    {
                        return false;
                    }
                }
            }

            return table.Count == expected.Count
                && expected.All(p => table.TryGetValue(new TableKey(p.Key), out var v) && v == p.Value && table.TryGetValue(p.Key, out var w) && w == p.Value);
        });
    }

    [Fact]
    public void CompactTables_Reserve_HoldsTheKeysWithoutLosingAny()
    {
        var keys = new CompactKeyTable();
        var numbers = new CompactNumberTable();
        keys.TryAdd("before", -1, out _);
        numbers.TryAdd(7, -1);
        keys.Reserve(50_000);
        numbers.Reserve(50_000);
        for (var i = 0; i < 60_000; i++)
        {
            Assert.True(keys.TryAdd(new TableKey(string.Create(CultureInfo.InvariantCulture, $"客户{i}")), i, out _));
            Assert.True(numbers.TryAdd(8_613_800_000_000UL + (ulong)i, i));
        }

        Assert.True(keys.TryGetValue("before", out var first) && first == -1);
        Assert.True(numbers.TryGetValue(7, out var seven) && seven == -1);
        Assert.All(Enumerable.Range(0, 60_000).Where(i => i % 13 == 0), i =>
        {
            Assert.True(keys.TryGetValue(string.Create(CultureInfo.InvariantCulture, $"客户{i}"), out var value) && value == i);
            Assert.True(numbers.TryGetValue(8_613_800_000_000UL + (ulong)i, out var number) && number == i);
        });
        Assert.Equal(60_001, keys.Count);
        Assert.Equal(512, CompactKeyTable.SlotsFor(384));
        Assert.Equal(1024, CompactKeyTable.SlotsFor(385));
        Assert.Equal(256, CompactKeyTable.SlotsFor(0));
    }

    [Property(MaxTest = 200)]
    public Property CompactNumberTable_BehavesLikeADictionaryWithTryAdd_AlsoAfterClear()
    {
        // Few distinct keys (so that repeats happen) spread over the whole range, and enough of them to make the table grow.
        var key = Gen.OneOf(Gen.Choose(1, 50).Select(k => (ulong)k), Gen.Choose(1, 50).Select(k => (ulong)k * 0x1000_0000_0000UL), Gen.Constant(ulong.MaxValue));
        return Prop.ForAll(Gen.ListOf(key).ToArbitrary(), Gen.Choose(0, 2_000).ToArbitrary(), (keys, extra) =>
        {
            var table = new CompactNumberTable();
            var expected = new Dictionary<ulong, int>();
            var all = keys.Concat(Enumerable.Range(1, extra).Select(i => 8_613_800_000_000UL + (ulong)i)).ToList();
            foreach (var stale in Enumerable.Range(1, extra + 1).Select(i => 8_613_800_000_000UL - (ulong)i).Concat(all))
            {
                table.TryAdd(stale, -1);
            }

            table.Clear();
            for (var i = 0; i < all.Count; i++)
            {
                if (table.TryAdd(all[i], i) != expected.TryAdd(all[i], i))
                {
                    return false;
                }
            }

            return table.Count == expected.Count
                && expected.All(p => table.TryGetValue(p.Key, out var v) && v == p.Value)
                && !table.TryGetValue(0, out _) && !table.TryGetValue(8_613_800_000_000UL, out _);
        });
    }

    [Fact]
    public void CompactKeyTable_HoldsManyKeysAcrossChunks()
    {
        var table = new CompactKeyTable();
        const int count = 120_000;
        for (var i = 0; i < count; i++)
        {
            Assert.True(table.TryAdd(Key(i), i, out _));
        }

        Assert.Equal(count, table.Count);
        for (var i = 0; i < count; i += 7)
        {
            Assert.True(table.TryGetValue(Key(i), out var value));
            Assert.Equal(i, value);
            Assert.False(table.TryAdd(Key(i), -1, out _));
        }

        Assert.False(table.TryGetValue(Key(count), out _));

        static string Key(int i) => string.Create(CultureInfo.InvariantCulture, $"上海某某{i}号制造-{i % 97}@example.cn");
    }

    [Fact]
    public void ImportRowLog_RowsPastTheMemoryLimit_ReadBackUnchanged()
    {
        var rows = Enumerable.Range(1, 1_000).Select(i => new ImportRowResult
        {
            Line = i + 1,
            Outcome = (ImportOutcome)(i % 7),
            CustomerId = i % 5 == 0 ? null : $"KH{i}",
            AssetId = i % 8 == 0 ? $"ZC{i}" : null,
            Column = i % 3 == 0 ? "联系方式" : null,
            ColumnNumber = i % 11,
            // Short texts, 42 Chinese characters (126 bytes, the most a one-byte count holds) and longer ones (a two-byte count).
            Reason = i % 9 == 1 ? new string('因', 42) : i % 9 == 4 ? new string('原', 40 + (i % 7)) + $" {i}" : i % 2 == 0 ? $"原因 {i}; reason" : null,
            ReasonCode = i % 9 == 1 ? "Blank" : i % 9 == 4 ? "RepeatedHeader" : i % 2 == 0 ? $"Code{i}" : null,
            MatchedBy = i % 4 == 0 ? "phone" : null,
            MatchedSource = i % 4 == 0 ? "line 2" : null,
            Cells = i % 6 == 0 ? null : [$"KH{i}", null, "", "上海某某 有限公司"],
        }).ToList();
        var log = new ImportRowLog(memoryRows: 10);
        foreach (var chunk in rows.Chunk(97))
        {
            log.AddRange(chunk);
        }

        Assert.Equal(rows.Count, log.Count);
        Assert.Equal(rows.Count - 10, log.Spilled);
        Assert.All(Enumerable.Range(0, rows.Count), i => AssertSame(rows[i], log[i]));
        Assert.All(rows.Zip(log), pair => AssertSame(pair.First, pair.Second));
        Assert.Throws<ArgumentOutOfRangeException>(() => log[rows.Count]);
    }

    [Fact]
    public async Task Import_WithRowsOutOfMemory_GivesTheSameReport()
    {
        var csv = new StringBuilder(Header);
        for (var i = 0; i < 900; i++)
        {
            // Duplicates by phone, by e-mail and by name, rejected cells, blank and totals rows, repeated ids.
            csv.Append(i switch
            {
                _ when i % 50 == 49 => ",,,,,,\n",
                _ when i % 13 == 0 => $"KH{i},公司{i},制造业,电话坏了,,10万,2026-01-01\n",
                _ when i % 10 == 3 => $",公司{i - 1}有限公司,零售业,,,20万,2026-02-01\n",
                _ when i % 10 == 5 => $"KH{i},另一家{i},服务业,138{i - 2:D8},,,\n",
                _ when i % 10 == 7 => $"KH{i - 6},公司{i - 6},,,c{i}@example.cn,5万,2025-12-01\n",
                _ => $"KH{i},公司{i},制造业,138{i:D8},c{i}@example.cn,{i}万,2026-01-0{(i % 9) + 1}\n",
            });
        }

        csv.Append("合计,,,,,,\n");
        var inMemory = await ImportAsync(csv.ToString(), int.MaxValue);
        var spilled = await ImportAsync(csv.ToString(), 5);
        Assert.Equal(inMemory.Totals, spilled.Totals);
        Assert.Equal(inMemory.Rows.Count, spilled.Rows.Count);
        Assert.All(inMemory.Rows.Zip(spilled.Rows), pair => AssertSame(pair.First, pair.Second));
        Assert.True(inMemory.Totals.Merged > 0 && inMemory.Totals.Rejected > 0 && inMemory.Totals.Skipped > 0, inMemory.Totals.ToString());
        Assert.Contains(spilled.Rows, r => r.ReasonCode == "Totals");
        Assert.Contains(spilled.Rows, r => r.ReasonCode == "Merged");
    }

    private static async Task<ImportReport> ImportAsync(string csv, int memoryRows)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(csv));
        var options = new CustomerImportOptions { BatchSize = 100, ReportMemoryRows = memoryRows };
        return await Samples.Importer(new InMemoryCustomerRepository(), options).ImportAsync(stream, "test.csv");
    }

    private static void AssertSame(ImportRowResult expected, ImportRowResult actual)
    {
        Assert.Equal(expected with { Cells = null }, actual with { Cells = null });
        Assert.Equal(expected.Cells, actual.Cells);
    }
}
