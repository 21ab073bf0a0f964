using CrmCore.Rules.Bulk;
using CrmCore.Rules.Facts;
using CrmCore.Rules.Tests.Bulk.Shared;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;

namespace CrmCore.Rules.Tests.Bulk;

/// <summary>The columnar store: size per customer, interning, round trips and bad input.</summary>
public class CustomerStoreTests(Xunit.Abstractions.ITestOutputHelper output)
{
    [Theory]
    [InlineData(10_000)]
    [InlineData(100_000)]
    [InlineData(1_000_000)]
    public void Add_DefaultGrowth_AtMost128BytesPerCustomer(int n)
    {
        var input = new CustomerFactsInput { Industry = "制造业", AnnualRevenue = 123_456.78m, CsatAverage = 11m / 3, Tags = ["VIP"] };
        var store = new CustomerStore();
        for (var i = 0; i < n; i++)
        {
            store.Add(input);
        }

        // What the store holds after growing by default: every array of every chunk (found by reflection, so a new column counts), its header, the chunk objects.
        var perCustomer = (double)RetainedBytes(store) / n;
        output.WriteLine($"{n:N0} customers: {perCustomer:F1} B per customer, capacity {store.Capacity:N0}");
        Assert.InRange(store.Capacity, n, n + 4096);
        Assert.InRange(perCustomer, CustomerStore.BytesPerCustomer, 128);
        Assert.InRange(CustomerStore.BytesPerCustomer, 1, 128);
    }

    private static long RetainedBytes(CustomerStore store)
    {
        const int arrayHeader = 24, objectHeader = 16, reference = 8;
        var columns = store.Columns;
        long bytes = arrayHeader + (reference * columns.Chunks.Length);
        for (var c = 0; c < columns.ChunkCount; c++)
        {
            var chunk = columns.Chunks[c];
            bytes += objectHeader;
            foreach (var field in typeof(CustomerChunk).GetFields())
            {
                if (field.GetValue(chunk) is Array array)
                {
                    bytes += arrayHeader + (array.LongLength * System.Runtime.InteropServices.Marshal.SizeOf(array.GetType().GetElementType()!));
                }
                else if (field.FieldType.IsValueType)
                {
                    bytes += System.Runtime.InteropServices.Marshal.SizeOf(field.FieldType);
                }
                else
                {
                    bytes += reference;
                }
            }
        }

        return bytes;
    }

    [Fact]
    public void Constructor_Presized_AtMost128BytesPerCustomer()
    {
        const int n = 100_000;
        var before = GC.GetAllocatedBytesForCurrentThread();
        var store = new CustomerStore(n);
        var perCustomer = (double)(GC.GetAllocatedBytesForCurrentThread() - before) / n;
        Assert.InRange(store.Capacity, n, n + 4096);
        Assert.InRange(perCustomer, CustomerStore.BytesPerCustomer, 128);
    }

    [Property(MaxTest = 200)]
    public Property GetInput_AnyCustomer_RoundTrips() => Prop.ForAll(Arbitraries.CustomerInputs(), input =>
    {
        var store = new CustomerStore();
        store.Add(new CustomerFactsInput { Industry = "padding" });
        var row = store.Add(input);
        var back = store.GetInput(row);
        Assert.Equal(input with { Tags = [] }, back with { Tags = [] });
        Assert.Equal(input.Tags.Where(t => !string.IsNullOrEmpty(t)).Distinct().Order(StringComparer.Ordinal), back.Tags.Order(StringComparer.Ordinal));
    });

    [Fact]
    public void Add_Strings_InternedOnceWithLookupsBothWays()
    {
        var store = new CustomerStore();
        store.Add(new CustomerFactsInput { Industry = "制造业", Region = "华东", Tags = ["VIP", "高价值"] });
        store.Add(new CustomerFactsInput { Industry = "制造业", Region = "制造业", Tags = ["VIP"] });
        Assert.True(store.Strings.TryGetId("制造业", out var id));
        Assert.Equal("制造业", store.Strings.NameOf(id));
        Assert.Equal(store.Strings.Names.Count, store.Strings.Names.Distinct().Count());
        Assert.False(store.Strings.TryGetId("零售业", out var missing));
        Assert.Equal(-1, missing);
        Assert.Equal(["VIP", "高价值"], store.CurrentTags.Names);
        Assert.Equal(2, store.Count);
        Assert.Equal(2, store.DirtyCount);
    }

    [Fact]
    public void Add_65thDistinctTag_ThrowsAndChangesNothing()
    {
        var store = new CustomerStore();
        store.Add(new CustomerFactsInput { Tags = Enumerable.Range(0, 63).Select(i => "t" + i).ToArray() });
        var e = Assert.Throws<ArgumentException>(() => store.Add(new CustomerFactsInput { Tags = ["t1", "new-a", "new-b", "new-a"] }));
        Assert.Contains("64", e.Message, StringComparison.Ordinal);
        Assert.Equal(1, store.Count);
        Assert.Equal(63, store.CurrentTags.Count);
        store.Add(new CustomerFactsInput { Tags = ["t1", "new-a", "new-a"] });
        Assert.Equal(64, store.CurrentTags.Count);
    }

    [Fact]
    public void Set_NonIsoDate_ThrowsAndKeepsTheRow()
    {
        var store = new CustomerStore();
        store.Add(new CustomerFactsInput { AnnualRevenue = 5 });
        var julian = new LocalDate(2026, 1, 1, CalendarSystem.Julian);
        Assert.Throws<ArgumentException>(() => store.Set(0, new CustomerFactsInput { AnnualRevenue = 9, ContractEndsOn = julian }));
        Assert.Equal(5, store.GetInput(0).AnnualRevenue);
        Assert.Throws<ArgumentOutOfRangeException>(() => store.Set(1, new CustomerFactsInput()));
        Assert.Throws<ArgumentOutOfRangeException>(() => store.GetClassification(-1));
        Assert.Throws<ArgumentNullException>(() => store.Add(null!));
    }

    [Fact]
    public void Add_BeyondCapacity_GrowsAndKeepsRows()
    {
        var customers = BulkTestData.Customers(300, seed: 1);
        var store = new CustomerStore(0);
        foreach (var c in customers)
        {
            store.Add(c);
        }

        Assert.True(store.Capacity >= 300);
        Assert.Equal(customers[299].AnnualRevenue, store.GetInput(299).AnnualRevenue);
        Assert.Equal(customers[0].LastInteractionAt, store.GetInput(0).LastInteractionAt);
        Assert.Equal(-1, store.GetClassification(299).TierIndex);
    }
}
