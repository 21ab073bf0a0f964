using System.Runtime.CompilerServices;
using System.Buffers;
using System.Buffers.Binary;
using System.Collections;
using System.Text;
using CrmCore.Import.Reading;
using Microsoft.Win32.SafeHandles;

namespace CrmCore.Import.Reports;

/// <summary>
/// The rows of an import report, with memory bounded whatever the row count: the first rows stay in memory, the rest are written to
/// a temporary file (deleted when the report is collected or the process ends) and read back on access, so a report of millions of
/// rows costs a few kilobytes of index (one file offset per <see cref="BlockRows"/> rows). Rows are kept as <see cref="LoggedRow"/>s,
/// so a plain row in memory is a few fields and its <see cref="ImportRowResult"/> is built only when read. Appended batch by batch by
/// the importer; reading is thread-safe once the import is done.
/// </summary>
internal sealed class ImportRowLog : IReadOnlyList<ImportRowResult>
{
    /// <summary>How many rows stay in memory before the rest go to the file.</summary>
    public const int DefaultMemoryRows = 16_384;

    private const int BlockRows = 256;
    private readonly int _memoryRows;
    private readonly List<LoggedRow> _memory = [];
    private readonly List<long> _blocks = [];
    private const int InitialBuffer = 1 << 16;
    private const int MaxKeptBuffer = 1 << 22;
    private ArrayBufferWriter<byte> _buffer = new(InitialBuffer);
    private SafeFileHandle? _file;
    private readonly string? _folder;
    private long _length;
    private int _spilled;

    // Note lists written once and referred to by number (a file without a column gives every row the same note). At most MaxNoteLists
    // are kept; past that a list is written in full with its row, so notes of rows' own cannot fill the memory.
    private const int MaxNoteLists = 1024;
    private readonly List<IReadOnlyList<ImportRowNote>> _noteLists = [];
    private readonly Dictionary<IReadOnlyList<ImportRowNote>, int> _noteListIds = new(ImportRowNotes.ByValue);
    private IReadOnlyList<ImportRowNote>? _lastNoteList;
    private int _lastNoteListId;

    /// <summary>Creates an empty log.</summary>
    /// <param name="memoryRows">How many rows stay in memory.</param>
    public ImportRowLog(int memoryRows = DefaultMemoryRows) => _memoryRows = memoryRows;

    /// <summary>A log that spills into <paramref name="folder"/> (a seam for tests; default the system's temporary folder).</summary>
    internal ImportRowLog(int memoryRows, string folder)
        : this(memoryRows) => _folder = folder;

    /// <inheritdoc/>
    public int Count => _memory.Count + _spilled;

    /// <summary>How many rows were written to the file.</summary>
    public int Spilled => _spilled;

    /// <summary>How many of the rows kept in memory are plain (no <see cref="ImportRowResult"/> of their own until read): for tests.</summary>
    internal int PlainInMemory => _memory.Count(r => r.Full is null);

    /// <summary>How many bytes the spilled rows take in the temporary file.</summary>
    public long SpilledBytes => _length;

    /// <inheritdoc/>
    public ImportRowResult this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
            if (index < _memory.Count)
            {
                return _memory[index].ToResult();
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
        for (var i = 0; i < rows.Count; i++)
        {
            Append(new LoggedRow(rows[i]));
        }

        EndAppend();
    }

    /// <summary>Appends rows in order, plain ones without an object of their own.</summary>
    /// <param name="rows">The rows.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void AddRange(List<LoggedRow> rows)
    {
        for (var i = 0; i < rows.Count; i++)
        {
            Append(rows[i]);
        }

        EndAppend();
    }

    /// <summary>Keeps a row in memory while there is room, else writes it into the buffer <see cref="EndAppend"/> writes to the file.</summary>
    private void Append(in LoggedRow row)
    {
        if (_spilled == 0 && _memory.Count < _memoryRows)
        {
            _memory.Add(row);
            return;
        }

        _file ??= PrivateTempFile.Open(_folder ?? Path.GetTempPath(), $"crmcore-import-{Guid.NewGuid():N}.rows");
        if (_spilled % BlockRows == 0)
        {
            _blocks.Add(_length + _buffer.WrittenCount);
        }

        Write(row);
        _spilled++;
    }

    /// <summary>Writes the rows appended since the last call to the file.</summary>
    private void EndAppend()
    {
        if (_buffer.WrittenCount == 0)
        {
            return;
        }

        RandomAccess.Write(_file!, _buffer.WrittenSpan, _length);
        _length += _buffer.WrittenCount;
        if (_buffer.Capacity > MaxKeptBuffer)
        {
            _buffer = new ArrayBufferWriter<byte>(InitialBuffer);
        }
        else
        {
            _buffer.ResetWrittenCount();
        }
    }

    /// <inheritdoc/>
    public IEnumerator<ImportRowResult> GetEnumerator()
    {
        foreach (var row in _memory)
        {
            yield return row.ToResult();
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
    // optional text, texts as a 7-bit encoded UTF-8 byte count and the bytes. Each record is written into one span of a reused buffer,
    // sized for the worst case (3 UTF-8 bytes per UTF-16 unit), so a row costs one buffer request.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Write(in LoggedRow logged)
    {
        // A plain row has no result object: its other fields are empty, as a result would hold them.
        var row = logged.Full;
        var bound = 4 + 4 + 1 + 4 + 4 + MaxText(logged.CustomerId) + MaxText(row?.AssetId) + MaxText(row?.TicketId) + MaxText(row?.PlanId) + MaxText(row?.Column) + MaxText(row?.Reason) + MaxText(row?.ReasonCode) + MaxText(row?.MatchedBy) + MaxText(row?.MatchedSource);
        var cells = row?.Cells;
        for (var i = 0; i < (cells?.Count ?? 0); i++)
        {
            bound += MaxText(cells![i]);
        }

        bound += 9 + 4;
        var noteList = NoteListId(logged.Notes);
        // Indexed loops: a foreach over the interface would allocate an enumerator per row.
        var written = noteList < 0 ? logged.Notes : null;
        for (var i = 0; i < (written?.Count ?? 0); i++)
        {
            var note = written![i];
            bound += MaxText(note.Column) + 4 + MaxText(note.Code) + MaxText(note.Text);
        }

        var span = _buffer.GetSpan(bound);
        var at = 4;
        BinaryPrimitives.WriteInt32LittleEndian(span[at..], logged.Line);
        span[at + 4] = (byte)logged.Outcome;
        BinaryPrimitives.WriteInt32LittleEndian(span[(at + 5)..], row?.ColumnNumber ?? 0);
        at += 9;
        at += WriteText(span[at..], logged.CustomerId);
        at += WriteText(span[at..], row?.AssetId);
        at += WriteText(span[at..], row?.TicketId);
        at += WriteText(span[at..], row?.PlanId);
        at += WriteText(span[at..], row?.Column);
        at += WriteText(span[at..], row?.Reason);
        at += WriteText(span[at..], row?.ReasonCode);
        at += WriteText(span[at..], row?.MatchedBy);
        at += WriteText(span[at..], row?.MatchedSource);
        BinaryPrimitives.WriteInt32LittleEndian(span[at..], cells?.Count ?? -1);
        at += 4;
        for (var i = 0; i < (cells?.Count ?? 0); i++)
        {
            at += WriteText(span[at..], cells![i]);
        }

        // The similar-name score (a flag byte, then the double) and the notes (a count, -1 for none) come last.
        span[at] = row?.MatchScore is null ? (byte)0 : (byte)1;
        BinaryPrimitives.WriteDoubleLittleEndian(span[(at + 1)..], row?.MatchScore ?? 0);
        at += 9;
        // The notes: -1 for none, -2 - n for the n-th list kept once, else their count and the notes.
        BinaryPrimitives.WriteInt32LittleEndian(span[at..], noteList >= 0 ? -2 - noteList : logged.Notes?.Count ?? -1);
        at += 4;
        for (var i = 0; i < (written?.Count ?? 0); i++)
        {
            var note = written![i];
            at += WriteText(span[at..], note.Column);
            BinaryPrimitives.WriteInt32LittleEndian(span[at..], note.ColumnNumber);
            at += 4;
            at += WriteText(span[at..], note.Code);
            at += WriteText(span[at..], note.Text);
        }

        // The record's length goes before it.
        BinaryPrimitives.WriteInt32LittleEndian(span, at - 4);
        _buffer.Advance(at);
    }

    /// <summary>The number of a note list kept once (added now when there is room), or -1 for none or one written with its row.</summary>
    private int NoteListId(IReadOnlyList<ImportRowNote>? notes)
    {
        if (notes is not { Count: > 0 })
        {
            return -1;
        }

        // Rows in a row mostly share one list instance: no hashing of its notes then.
        if (ReferenceEquals(notes, _lastNoteList))
        {
            return _lastNoteListId;
        }

        if (!_noteListIds.TryGetValue(notes, out var id))
        {
            if (_noteLists.Count == MaxNoteLists)
            {
                return -1;
            }

            _noteLists.Add(notes);
            id = _noteLists.Count - 1;
            _noteListIds.Add(notes, id);
        }

        (_lastNoteList, _lastNoteListId) = (notes, id);
        return id;
    }

    /// <summary>The most bytes <see cref="WriteText"/> can take for a text: the flag, a 5-byte count at most, 3 bytes per UTF-16 unit.</summary>
    private static int MaxText(string? text) => text is null ? 1 : 1 + 5 + (text.Length * 3);

    /// <summary>Writes an optional text (flag, 7-bit encoded UTF-8 byte count, bytes); returns the bytes written.</summary>
    private static int WriteText(Span<byte> span, string? text)
    {
        if (text is null)
        {
            span[0] = 0;
            return 1;
        }

        span[0] = 1;

        // Up to 42 units the count (at most 126 bytes) fits in one byte: encode straight after it, without counting first.
        if (text.Length <= 42)
        {
            var written = Encoding.UTF8.GetBytes(text, span[2..]);
            span[1] = (byte)written;
            return 2 + written;
        }

        var count = Encoding.UTF8.GetByteCount(text);
        var at = 1;
        var length = (uint)count;
        for (; length >= 0x80; length >>= 7)
        {
            span[at++] = (byte)(length | 0x80);
        }

        span[at++] = (byte)length;
        return at + Encoding.UTF8.GetBytes(text, span[at..]);
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
        var assetId = ReadText(reader);
        var ticketId = ReadText(reader);
        var planId = ReadText(reader);
        var column = ReadText(reader);
        var reason = ReadText(reader);
        var reasonCode = ReadText(reader);
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

        var hasScore = reader.ReadByte() == 1;
        var score = reader.ReadDouble();
        var noteCount = reader.ReadInt32();
        ImportRowNote[]? notes = null;
        if (noteCount <= -2)
        {
            notes = [.. _noteLists[-2 - noteCount]];
        }
        else if (noteCount >= 0)
        {
            notes = new ImportRowNote[noteCount];
            for (var i = 0; i < noteCount; i++)
            {
                var noteColumn = ReadText(reader);
                var noteNumber = reader.ReadInt32();
                notes[i] = new ImportRowNote(noteColumn, noteNumber, ReadText(reader)!, ReadText(reader)!);
            }
        }

        return new ImportRowResult
        {
            Line = line,
            Outcome = outcome,
            ColumnNumber = columnNumber,
            CustomerId = customerId,
            AssetId = assetId,
            TicketId = ticketId,
            PlanId = planId,
            Column = column,
            Reason = reason,
            ReasonCode = reasonCode,
            MatchedBy = matchedBy,
            MatchedSource = matchedSource,
            Cells = cells,
            MatchScore = hasScore ? score : null,
            Notes = ImportRowNotes.Of(notes),
        };
    }
}
