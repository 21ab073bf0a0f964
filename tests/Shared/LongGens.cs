using FsCheck;
using FsCheck.Fluent;

namespace CrmCore.Testing;

/// <summary>FsCheck generators of 64-bit integers over their whole range (FsCheck's own stay near zero), shared by the test projects
/// (linked into each): the property tests of exact time arithmetic need values anywhere up to <see cref="long.MaxValue"/>.</summary>
internal static class LongGens
{
    /// <summary>Any long, uniform over the 64 bits.</summary>
    public static Gen<long> AnyLong() =>
        from hi in Gen.Choose(int.MinValue, int.MaxValue)
        from lo in Gen.Choose(int.MinValue, int.MaxValue)
        select ((long)hi << 32) | (uint)lo;

    /// <summary>A long in [<paramref name="low"/>, <paramref name="high"/>], uniform enough for a property.</summary>
    public static Gen<long> LongBetween(long low, long high) =>
        AnyLong().Select(x => low + (long)((ulong)x % (ulong)(high - low + 1)));
}
