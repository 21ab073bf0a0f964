using System.Buffers;
using System.Buffers.Binary;
using System.Collections;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace CrmCore.Import.Reports;

/// <summary>
/// The rows of an import report, with memory bounded whatever the row count: the first rows stay in memory, the rest are written to
/// a temporary file (deleted when the report is collected or the process ends) and read back on access, so a report of millions of
/// rows costs a few kilobytes of index (one file offset per <see cref="BlockRows"/> rows). Appended batch by batch by the importer;
/// reading is thread-safe once the import is done.
/// </summary>
internal sealed class ImportRowLog : IReadOnlyList<ImportRowResult>
{
    /// <summary>How many rows stay in memory before the rest go to the file.</summary>
    public const int DefaultMemoryRows = 16_384;

    private const int BlockRows = 256;
    private readonly int _memoryRows;
    private readonly List<ImportRowResult> _memory = [];
    private readonly List<long> _blocks = [];
    private const int InitialBuffer = 1 << 16;
    private const int MaxKeptBuffer = 1 << 22;
    private ArrayBufferWriter<byte> _buffer = new(InitialBuffer);
    private SafeFileHandle? _file;
    private long _length;
    private int _spilled;

    /// <summary>Creates an empty log.</summary>
    /// <param name="memoryRows">How many rows stay in memory.</param>
    public ImportRowLog(int memoryRows = DefaultMemoryRows) => _memoryRows = memoryRows;

    /// <inheritdoc/>
    public int Count => _memory.Count + _spilled;

    /// <summary>How many rows were written to the file.</summary>
    public int Spilled => _spilled;

    /// <inheritdoc/>
    public ImportRowResult this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
            if (index < _memory.Count)
            {
                return _memory[index];
            }

            var spilled = index - _memory.Count;
            var offset = _blocks[spilled / BlockRows];
            Span<byte> prefix = stackalloc byte[4];
            for (var skip = spilled % BlockRows; skip > 0; skip--)
            {
                RandomAccess.Read(_file!, prefix, offset);
                offset += 4 + BitConverter.ToInt32(prefix);
            }

            return ReadAt(ref offset);
        }
    }

    /// <summary>Appends rows in order.</summary>
    /// <param name="rows">The rows.</param>
    public void AddRange(IReadOnlyList<ImportRowResult> rows)
    {
        var i = 0;
        while (i < rows.Count && _spilled == 0 && _memory.Count < _memoryRows)
        {
            _memory.Add(rows[i++]);
        }

        if (i == rows.Count)
        {
            return;
        }

        _file ??= File.OpenHandle(
            Path.Combine(Path.GetTempPath(), $"crmcore-import-{Guid.NewGuid():N}.rows"), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, FileOptions.DeleteOnClose);
        _buffer.ResetWrittenCount();
        for (; i < rows.Count; i++)
        {
            if (_spilled % BlockRows == 0)
            {
                _blocks.Add(_length + _buffer.WrittenCount);
            }

            // The record's length goes before it: reserve it, write the record, then fill it in.
            var start = _buffer.WrittenCount;
            WriteInt(0);
            Write(rows[i]);
            BinaryPrimitives.WriteInt32LittleEndian(MemoryMarshal.AsMemory(_buffer.WrittenMemory).Span.Slice(start, 4), _buffer.WrittenCount - start - 4);
            _spilled++;
        }

        RandomAccess.Write(_file, _buffer.WrittenSpan, _length);
        _length += _buffer.WrittenCount;
        if (_buffer.Capacity > MaxKeptBuffer)
        {
            _buffer = new ArrayBufferWriter<byte>(InitialBuffer);
        }
    }

    /// <inheritdoc/>
    public IEnumerator<ImportRowResult> GetEnumerator()
    {
        foreach (var row in _memory)
        {
            yield return row;
        }

        long offset = 0;
        for (var i = 0; i < _spilled; i++)
        {
            yield return ReadAt(ref offset);
        }
    }

    /// <inheritdoc/>
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    // The format is BinaryWriter's, which ReadAt reads back with a BinaryReader: little-endian integers, a bool byte before each
    // optional text, texts as a 7-bit encoded UTF-8 byte count and the bytes. Written straight into one reused buffer.
    private void Write(ImportRowResult row)
    {
        WriteInt(row.Line);
        WriteByte((byte)row.Outcome);
        WriteInt(row.ColumnNumber);
        WriteText(row.CustomerId);
        WriteText(row.Column);
        WriteText(row.Reason);
        WriteText(row.MatchedBy);
        WriteText(row.MatchedSource);
        WriteInt(row.Cells?.Count ?? -1);
        foreach (var cell in row.Cells ?? [])
        {
            WriteText(cell);
        }
    }

    private void WriteInt(int value)
    {
        BinaryPrimitives.WriteInt32LittleEndian(_buffer.GetSpan(4), value);
        _buffer.Advance(4);
    }

    private void WriteByte(byte value)
    {
        _buffer.GetSpan(1)[0] = value;
        _buffer.Advance(1);
    }

    private void WriteText(string? text)
    {
        WriteByte(text is null ? (byte)0 : (byte)1);
        if (text is null)
        {
            return;
        }

        var count = Encoding.UTF8.GetByteCount(text);
        var span = _buffer.GetSpan(5 + count);
        var at = 0;
        var length = (uint)count;
        for (; length >= 0x80; length >>= 7)
        {
            span[at++] = (byte)(length | 0x80);
        }

        span[at++] = (byte)length;
        at += Encoding.UTF8.GetBytes(text, span[at..]);
        _buffer.Advance(at);
    }

    private static string? ReadText(BinaryReader reader) => reader.ReadBoolean() ? reader.ReadString() : null;

    /// <summary>Reads the record at an offset and moves the offset past it.</summary>
    private ImportRowResult ReadAt(ref long offset)
    {
        Span<byte> prefix = stackalloc byte[4];
        RandomAccess.Read(_file!, prefix, offset);
        var bytes = new byte[BitConverter.ToInt32(prefix)];
        RandomAccess.Read(_file!, bytes, offset + 4);
        offset += 4 + bytes.Length;
        using var reader = new BinaryReader(new MemoryStream(bytes), Encoding.UTF8);
        var line = reader.ReadInt32();
        var outcome = (ImportOutcome)reader.ReadByte();
        var columnNumber = reader.ReadInt32();
        var customerId = ReadText(reader);
        var column = ReadText(reader);
        var reason = ReadText(reader);
        var matchedBy = ReadText(reader);
        var matchedSource = ReadText(reader);
        var count = reader.ReadInt32();
        string?[]? cells = null;
        if (count >= 0)
        {
            cells = new string?[count];
            for (var i = 0; i < count; i++)
            {
                cells[i] = ReadText(reader);
            }
        }

        return new ImportRowResult
        {
            Line = line,
            Outcome = outcome,
            ColumnNumber = columnNumber,
            CustomerId = customerId,
            Column = column,
            Reason = reason,
            MatchedBy = matchedBy,
            MatchedSource = matchedSource,
            Cells = cells,
        };
    }
}
