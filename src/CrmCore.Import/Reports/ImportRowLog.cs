using System.Collections;
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
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            for (; i < rows.Count; i++)
            {
                if (_spilled % BlockRows == 0)
                {
                    _blocks.Add(_length + buffer.Length);
                }

                var start = buffer.Position;
                writer.Write(0);
                Write(writer, rows[i]);
                writer.Flush();
                var end = buffer.Position;
                buffer.Position = start;
                writer.Write((int)(end - start - 4));
                writer.Flush();
                buffer.Position = end;
                _spilled++;
            }
        }

        RandomAccess.Write(_file, buffer.GetBuffer().AsSpan(0, (int)buffer.Length), _length);
        _length += buffer.Length;
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

    private static void Write(BinaryWriter writer, ImportRowResult row)
    {
        writer.Write(row.Line);
        writer.Write((byte)row.Outcome);
        writer.Write(row.ColumnNumber);
        WriteText(writer, row.CustomerId);
        WriteText(writer, row.Column);
        WriteText(writer, row.Reason);
        WriteText(writer, row.MatchedBy);
        WriteText(writer, row.MatchedSource);
        writer.Write(row.Cells?.Count ?? -1);
        foreach (var cell in row.Cells ?? [])
        {
            WriteText(writer, cell);
        }
    }

    private static void WriteText(BinaryWriter writer, string? text)
    {
        writer.Write(text is not null);
        if (text is not null)
        {
            writer.Write(text);
        }
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
