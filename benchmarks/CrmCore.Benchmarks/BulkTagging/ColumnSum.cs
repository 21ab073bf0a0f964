using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using CrmCore.Rules.Bulk;

namespace CrmCore.Benchmarks.BulkTagging;

/// <summary>
/// The memory-bandwidth reference for the bulk kernels: a plain vectorised sum over every column the rules read (and the two result
/// columns), chunk by chunk — no rule logic, so its time is what streaming those bytes through one core costs on this machine.
/// </summary>
internal static class ColumnSum
{
    /// <summary>The columns the default pack reads, plus the results.</summary>
    public static readonly string[] DefaultColumns =
    [
        nameof(CustomerChunk.RevenueCode), nameof(CustomerChunk.LastInteractionTicks), nameof(CustomerChunk.FirstCooperationKey),
        nameof(CustomerChunk.ComplaintsLast60Days), nameof(CustomerChunk.ComplaintsPrev60Days), nameof(CustomerChunk.ConsultationsLast60Days),
        nameof(CustomerChunk.ConsultationsPrev60Days), nameof(CustomerChunk.Flags), nameof(CustomerChunk.ResultMasks), nameof(CustomerChunk.ResultTiers),
    ];

    /// <summary>The columns the synthetic 20-rule set reads, plus the results.</summary>
    public static readonly string[] SyntheticColumns =
    [
        .. DefaultColumns, nameof(CustomerChunk.CsatCode), nameof(CustomerChunk.Industry), nameof(CustomerChunk.Region), nameof(CustomerChunk.Tier),
        nameof(CustomerChunk.Size), nameof(CustomerChunk.SourceChannel), nameof(CustomerChunk.Employees), nameof(CustomerChunk.UnresolvedComplaints),
        nameof(CustomerChunk.OpenTicketCount), nameof(CustomerChunk.ContractEndDay), nameof(CustomerChunk.TierDowngradeDay), nameof(CustomerChunk.Tags),
    ];

    /// <summary>The arrays of the named columns of every chunk, for <see cref="Sum"/>.</summary>
    public static Array[] Arrays(CustomerStore store, string[] columns)
    {
        var list = new List<Array>();
        var c = store.Columns;
        for (var k = 0; k < c.ChunkCount; k++)
        {
            foreach (var name in columns)
            {
                list.Add((Array)typeof(CustomerChunk).GetField(name)!.GetValue(c.Chunks[k])!);
            }
        }

        return [.. list];
    }

    /// <summary>Bytes per customer in the named columns.</summary>
    public static int BytesPerRow(string[] columns)
        => columns.Sum(n => Marshal.SizeOf(typeof(CustomerChunk).GetField(n)!.FieldType.GetElementType()!));

    /// <summary>Sums every byte of the arrays as 64-bit lanes (8 × 256 bits per step, four independent accumulators).</summary>
    public static ulong Sum(Array[] arrays)
    {
        var a0 = Vector256<ulong>.Zero;
        var a1 = Vector256<ulong>.Zero;
        var a2 = Vector256<ulong>.Zero;
        var a3 = Vector256<ulong>.Zero;
        foreach (var array in arrays)
        {
            var bytes = MemoryMarshal.CreateReadOnlySpan(ref MemoryMarshal.GetArrayDataReference(array), array.Length * Marshal.SizeOf(array.GetType().GetElementType()!));
            var lanes = MemoryMarshal.Cast<byte, Vector256<ulong>>(bytes);
            var i = 0;
            for (; i + 4 <= lanes.Length; i += 4)
            {
                a0 += lanes[i];
                a1 += lanes[i + 1];
                a2 += lanes[i + 2];
                a3 += lanes[i + 3];
            }

            for (; i < lanes.Length; i++)
            {
                a0 += lanes[i];
            }
        }

        return Vector256.Sum(a0 + a1 + a2 + a3);
    }
}
