using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace CrmCore.Rules.Bulk;

/// <summary>
/// The 256-bit building blocks of the vectorised bulk kernel (<see cref="VectorKernelCompiler"/>): eight rows at a time, a predicate is
/// a <see cref="Vector256{T}"/> of <c>int</c> lanes that are all ones (holds) or zero. Loads read eight rows without bounds checks: the
/// kernel checks its row range against the chunk's capacity (a multiple of 64) once, before its loop.
/// </summary>
internal static class VectorOps
{
    /// <summary>Rows per vector step.</summary>
    public const int Lanes = 8;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<int> Load(int[] column, int row) => Vector256.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(column), (nuint)row);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<long> LoadLow(long[] column, int row) => Vector256.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(column), (nuint)row);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<long> LoadHigh(long[] column, int row) => Vector256.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(column), (nuint)row + 4);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<ulong> LoadLow(ulong[] column, int row) => Vector256.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(column), (nuint)row);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<ulong> LoadHigh(ulong[] column, int row) => Vector256.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(column), (nuint)row + 4);

    /// <summary>Eight flag bytes widened to <c>int</c> lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<int> LoadFlags(byte[] flags, int row)
    {
        ref var first = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(flags), row);
        if (Avx2.IsSupported)
        {
            return Avx2.ConvertToVector256Int32(Vector128.CreateScalarUnsafe(Unsafe.ReadUnaligned<ulong>(ref first)).AsByte());
        }

        return Vector256.Create(
            first, Unsafe.Add(ref first, 1), Unsafe.Add(ref first, 2), Unsafe.Add(ref first, 3),
            Unsafe.Add(ref first, 4), Unsafe.Add(ref first, 5), Unsafe.Add(ref first, 6), Unsafe.Add(ref first, 7));
    }

    /// <summary>The number of current tags of eight rows.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<int> PopCount(ulong[] tags, int row)
    {
        ref var t = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(tags), row);
        return Vector256.Create(
            BitOperations.PopCount(t), BitOperations.PopCount(Unsafe.Add(ref t, 1)), BitOperations.PopCount(Unsafe.Add(ref t, 2)), BitOperations.PopCount(Unsafe.Add(ref t, 3)),
            BitOperations.PopCount(Unsafe.Add(ref t, 4)), BitOperations.PopCount(Unsafe.Add(ref t, 5)), BitOperations.PopCount(Unsafe.Add(ref t, 6)), BitOperations.PopCount(Unsafe.Add(ref t, 7)));
    }

    public static Vector256<int> Broadcast(int value) => Vector256.Create(value);

    public static Vector256<long> Broadcast(long value) => Vector256.Create(value);

    public static Vector256<ulong> Broadcast(ulong value) => Vector256.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<int> And(Vector256<int> a, Vector256<int> b) => a & b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<int> Or(Vector256<int> a, Vector256<int> b) => a | b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<int> Xor(Vector256<int> a, Vector256<int> b) => a ^ b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<int> Not(Vector256<int> a) => ~a;

    /// <summary><c>a &amp; ~b</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<int> AndNot(Vector256<int> a, Vector256<int> b) => Vector256.AndNot(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<int> Select(Vector256<int> mask, Vector256<int> whenTrue, Vector256<int> whenFalse) => Vector256.ConditionalSelect(mask, whenTrue, whenFalse);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<int> Eq(Vector256<int> a, Vector256<int> b) => Vector256.Equals(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<int> Gt(Vector256<int> a, Vector256<int> b) => Vector256.GreaterThan(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<int> Ge(Vector256<int> a, Vector256<int> b) => Vector256.GreaterThanOrEqual(a, b);

    /// <summary>Eight 64-bit values (two vectors) equal to <paramref name="c"/>, as <c>int</c> lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<int> Eq(Vector256<long> low, Vector256<long> high, Vector256<long> c) => Vector256.Narrow(Vector256.Equals(low, c), Vector256.Equals(high, c));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<int> Gt(Vector256<long> low, Vector256<long> high, Vector256<long> c) => Vector256.Narrow(Vector256.GreaterThan(low, c), Vector256.GreaterThan(high, c));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<int> Ge(Vector256<long> low, Vector256<long> high, Vector256<long> c) => Vector256.Narrow(Vector256.GreaterThanOrEqual(low, c), Vector256.GreaterThanOrEqual(high, c));

    /// <summary>Lanes with <paramref name="c"/> &gt; value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<int> Lt(Vector256<long> low, Vector256<long> high, Vector256<long> c) => Vector256.Narrow(Vector256.LessThan(low, c), Vector256.LessThan(high, c));

    /// <summary>Lanes with <paramref name="c"/> ≥ value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<int> Le(Vector256<long> low, Vector256<long> high, Vector256<long> c) => Vector256.Narrow(Vector256.LessThanOrEqual(low, c), Vector256.LessThanOrEqual(high, c));

    /// <summary>Lanes whose tag mask shares a bit with <paramref name="bits"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<int> AnyBits(Vector256<ulong> low, Vector256<ulong> high, Vector256<ulong> bits)
        => ~Vector256.Narrow(Vector256.Equals(low & bits, Vector256<ulong>.Zero), Vector256.Equals(high & bits, Vector256<ulong>.Zero)).AsInt32();

    /// <summary>Lanes with a flag bit set.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<int> HasFlag(Vector256<int> flags, Vector256<int> flag) => ~Vector256.Equals(flags & flag, Vector256<int>.Zero);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<int> Add(Vector256<int> a, Vector256<int> b) => a + b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<int> Subtract(Vector256<int> a, Vector256<int> b) => a - b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<int> Multiply(Vector256<int> a, Vector256<int> b) => a * b;

    /// <summary>Checked addition: wraps, and marks in <paramref name="overflow"/> the lanes where C# would throw.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<int> AddChecked(Vector256<int> a, Vector256<int> b, ref Vector256<int> overflow)
    {
        var r = a + b;
        overflow |= Vector256.ShiftRightArithmetic((a ^ r) & (b ^ r), 31);
        return r;
    }

    /// <summary>Checked subtraction: wraps, and marks the overflowing lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<int> SubtractChecked(Vector256<int> a, Vector256<int> b, ref Vector256<int> overflow)
    {
        var r = a - b;
        overflow |= Vector256.ShiftRightArithmetic((a ^ b) & (a ^ r), 31);
        return r;
    }

    /// <summary>Checked multiplication: wraps, and marks the lanes whose exact 64-bit product does not fit an <c>int</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<int> MultiplyChecked(Vector256<int> a, Vector256<int> b, ref Vector256<int> overflow)
    {
        var r = a * b;
        var (a0, a1) = Vector256.Widen(a);
        var (b0, b1) = Vector256.Widen(b);
        var (r0, r1) = Vector256.Widen(r);
        overflow |= ~Vector256.Narrow(Vector256.Equals(a0 * b0, r0), Vector256.Equals(a1 * b1, r1));
        return r;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<int> Max(Vector256<int> a, Vector256<int> b) => Vector256.Max(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<int> ShiftRightArithmetic(Vector256<int> a, int count) => Vector256.ShiftRightArithmetic(a, count);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Any(Vector256<int> mask) => mask != Vector256<int>.Zero;

    /// <summary>Throws unless the vector steps covering [start, end) lie inside the chunk (the loads do not check bounds; capacities are multiples of 64).</summary>
    public static void CheckRange(CustomerChunk chunk, int start, int end)
    {
        if (start < 0 || start > end || end > chunk.Capacity || chunk.Capacity % Lanes != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(start), $"Rows [{start}, {end}) are not inside a chunk of {chunk.Capacity} rows.");
        }
    }

    /// <summary>
    /// Writes the results of the eight rows from <paramref name="row"/>: the tag mask (low and high 32 bits from two predicate
    /// accumulators) and the tier index; only rows in [<paramref name="from"/>, <paramref name="to"/>) are written.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(CustomerChunk chunk, int row, int from, int to, Vector256<int> low, Vector256<int> high, Vector256<int> tier)
    {
        var (l0, l1) = Vector256.Widen(low.AsUInt32());
        var (h0, h1) = Vector256.Widen(high.AsUInt32());
        var m0 = l0 | (h0 << 32);
        var m1 = l1 | (h1 << 32);
        var t = Vector128.Narrow(tier.GetLower(), tier.GetUpper());
        if (row >= from && row + Lanes <= to)
        {
            ref var masks = ref MemoryMarshal.GetArrayDataReference(chunk.ResultMasks);
            m0.StoreUnsafe(ref masks, (nuint)row);
            m1.StoreUnsafe(ref masks, (nuint)row + 4);
            t.StoreUnsafe(ref MemoryMarshal.GetArrayDataReference(chunk.ResultTiers), (nuint)row);
            return;
        }

        StorePart(chunk, row, from, to, m0, m1, t);
    }

    /// <summary>Gives the lanes marked in <paramref name="redo"/> (and in [from, to)) to the scalar kernel, which overwrites their results.</summary>
    public static void Redo(CustomerChunk chunk, RunContext context, int row, int from, int to, Vector256<int> redo)
    {
        for (var bits = redo.ExtractMostSignificantBits(); bits != 0; bits &= bits - 1)
        {
            var r = row + BitOperations.TrailingZeroCount(bits);
            if (r < from || r >= to)
            {
                continue;
            }

            try
            {
                context.ScalarKernel!(chunk, context, r, r + 1);
            }
#pragma warning disable CA1031 // As RuleSet.Classify: a rule that throws does not hold; redo the row with guarded rules.
            catch (Exception e) when (e is not OutOfMemoryException)
#pragma warning restore CA1031
            {
                context.GuardedKernel!(chunk, context, r, r + 1);
            }
        }
    }

    private static void StorePart(CustomerChunk chunk, int row, int from, int to, Vector256<ulong> m0, Vector256<ulong> m1, Vector128<short> t)
    {
        for (var i = 0; i < Lanes; i++)
        {
            var r = row + i;
            if (r >= from && r < to)
            {
                chunk.ResultMasks[r] = i < 4 ? m0.GetElement(i) : m1.GetElement(i - 4);
                chunk.ResultTiers[r] = t.GetElement(i);
            }
        }
    }
}
