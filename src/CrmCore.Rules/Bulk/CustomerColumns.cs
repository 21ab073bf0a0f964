namespace CrmCore.Rules.Bulk;

/// <summary>
/// The chunked struct-of-arrays layout behind <see cref="CustomerStore"/>: rows live in <see cref="CustomerChunk"/>s of up to
/// <see cref="CustomerChunk.Rows"/> rows; only the last chunk grows (by doubling), and full chunks are never copied. Not thread-safe for writes.
/// </summary>
internal sealed class CustomerColumns
{
    public const byte HasFirstCooperation = 1;
    public const byte HasCsat = 2;
    public const byte HasContractEnd = 4;
    public const byte HasTierDowngrade = 8;
    public const byte DoNotContact = 16;
    public const byte HasLastInteraction = 32;

    /// <summary>Bits 6–7 of the flags: the decimal scale (0–2) of the revenue, or <see cref="RevenueInExceptions"/>.</summary>
    public const byte RevenueScaleMask = 0b1100_0000;

    /// <summary>The shift of <see cref="RevenueScaleMask"/>.</summary>
    public const int RevenueScaleShift = 6;

    /// <summary>The revenue scale value meaning "the exact revenue is in <see cref="CustomerChunk.ExactRevenue"/>".</summary>
    public const int RevenueInExceptions = 3;

    private CustomerChunk[] _chunks = [];
    private int _chunkCount;

    public CustomerColumns(int capacity)
    {
        EnsureCapacity(Math.Max(CustomerChunk.MinCapacity, capacity));
    }

    /// <summary>The chunks in use (the array may be longer than <see cref="ChunkCount"/>).</summary>
    public CustomerChunk[] Chunks => _chunks;

    public int ChunkCount => _chunkCount;

    /// <summary>Rows reserved in every chunk together.</summary>
    public int Capacity => _chunkCount == 0 ? 0 : ((_chunkCount - 1) * CustomerChunk.Rows) + _chunks[_chunkCount - 1].Capacity;

    /// <summary>The chunk holding a store row.</summary>
    public CustomerChunk ChunkOf(int row) => _chunks[row / CustomerChunk.Rows];

    /// <summary>The row within its chunk.</summary>
    public static int Local(int row) => row % CustomerChunk.Rows;

    /// <summary>The result tag mask of a store row (tests plant values through it).</summary>
    public ref ulong ResultMask(int row) => ref ChunkOf(row).ResultMasks[Local(row)];

    /// <summary>Makes room for at least <paramref name="capacity"/> rows: fills the last chunk up to <see cref="CustomerChunk.Rows"/>, then adds chunks.</summary>
    public void EnsureCapacity(int capacity)
    {
        while (Capacity < capacity)
        {
            if (_chunkCount > 0 && _chunks[_chunkCount - 1].Capacity < CustomerChunk.Rows)
            {
                var last = _chunks[_chunkCount - 1];
                var needed = capacity - ((_chunkCount - 1) * CustomerChunk.Rows);
                last.Grow(Math.Min(CustomerChunk.Rows, Math.Max(last.Capacity * 2, RoundUp(needed))));
                continue;
            }

            if (_chunkCount == _chunks.Length)
            {
                Array.Resize(ref _chunks, Math.Max(4, _chunks.Length * 2));
            }

            var rest = capacity - (_chunkCount * CustomerChunk.Rows);
            _chunks[_chunkCount] = new CustomerChunk(_chunkCount * CustomerChunk.Rows, Math.Min(CustomerChunk.Rows, RoundUp(rest)));
            _chunkCount++;
        }
    }

    /// <summary>The next power of two at least <paramref name="rows"/> and at least <see cref="CustomerChunk.MinCapacity"/>.</summary>
    private static int RoundUp(int rows) => (int)Math.Max(CustomerChunk.MinCapacity, System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Min(rows, CustomerChunk.Rows)));
}
