using System.Collections.Concurrent;
using System.Numerics;
using System.Runtime.CompilerServices;
using Sylvan.Data.Csv;

namespace CrmCore.Benchmarks.Import;

/// <summary>
/// <c>import one csv-hand FILE</c> (two threads) and <c>import one csv-hand-1 FILE</c> (one thread): an optimistic bound for the CSV
/// customer import on this machine, written by hand with none of the library's types. Where <see cref="ImportFloor"/> keeps the
/// library's own work (its normalisers, its duplicate index, its customer state, its report log), this keeps only the shape of that work
/// at its cheapest: Sylvan's read; a vectorised test of each kept text cell for characters cleaning would change (control characters and
/// spaces, the ideographic space, full-width forms); the typed values straight from the spans (strings only for the text kept); a
/// company-name key that only drops <c>有限公司</c>; four 64-bit hashes (id, phone, e-mail, name key), each looked up and inserted in an
/// open-addressing table of its own with no check of the text behind a hash; one object per customer and one per contact; one byte and one
/// line number of report per row. A design of the real import, which must also verify its matches, clean dirty forms, build the domain's
/// customer and say why per row, cannot be faster than this; if this is above 2× the raw read, the goal is out of reach here.
/// Throws on any row it does not understand (the generator's file only).
/// </summary>
internal static class HandFloor
{
    private const int BlockRows = 512; // 512 rows of about 100 bytes: below the large-object threshold

    public static long Run(string path, bool twoThreads)
    {
        var state = new Taker();
        if (!twoThreads)
        {
            foreach (var block in Read(path))
            {
                state.Take(block);
            }

            return state.Count + 1;
        }

        using var line = new BlockingCollection<HandRow[]>(boundedCapacity: 8);
        var reading = Task.Factory.StartNew(
            () =>
            {
                try
                {
                    foreach (var block in Read(path))
                    {
                        line.Add(block);
                    }
                }
                finally
                {
                    line.CompleteAdding();
                }
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);
        foreach (var block in line.GetConsumingEnumerable())
        {
            state.Take(block);
        }

        reading.GetAwaiter().GetResult();
        return state.Count + 1;
    }

    private static IEnumerable<HandRow[]> Read(string path)
    {
        using var reader = CsvDataReader.Create(path, new CsvDataReaderOptions { HasHeaders = true });
        var block = new HandRow[BlockRows];
        var filled = 0;
        var line = 1;
        while (reader.Read())
        {
            line++;
            ref var row = ref block[filled];
            row.Line = line;
            row.Id = Kept(reader.GetFieldSpan(0));
            var name = reader.GetFieldSpan(1);
            row.Name = Kept(name);
            var key = name.EndsWith("有限公司") ? name[..^4] : name;
            row.NameHash = Hash(key);
            row.Industry = (byte)(reader.GetFieldSpan(2) switch { "制造业" => 1, "零售业" => 2, "服务业" => 3, "科技/互联网" => 4, _ => throw new InvalidOperationException("industry") });
            row.Tier = (byte)(reader.GetFieldSpan(3) switch { "A" => 1, "B" => 2, "C" => 3, "D" => 4, _ => throw new InvalidOperationException("tier") });
            row.Manager = Kept(reader.GetFieldSpan(4));
            row.Contact = Kept(reader.GetFieldSpan(5));
            row.Phone = Digits(reader.GetFieldSpan(6));
            var email = reader.GetFieldSpan(7);
            row.Email = string.Create(email.Length, email, static (span, e) => e.ToLowerInvariant(span));
            row.EmailHash = Hash(row.Email);
            row.IdHash = Hash(row.Id);
            row.Amount = Amount(reader.GetFieldSpan(8));
            row.Day = Day(reader.GetFieldSpan(9));
            row.Products = reader.GetString(10).Split('、');
            if (++filled == BlockRows)
            {
                yield return block;
                block = new HandRow[BlockRows];
                filled = 0;
            }
        }

        if (filled > 0)
        {
            yield return block[..filled];
        }
    }

    /// <summary>The cell as a string when no character in it is one cleaning would change; throws otherwise (clean rows only).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static string Kept(ReadOnlySpan<char> cell)
    {
        if (cell.IsEmpty || cell.IndexOfAnyInRange('\0', ' ') >= 0 || cell.IndexOfAnyInRange('\u007F', '\u00A0') >= 0
            || cell.IndexOfAnyInRange('\u3000', '\u3000') >= 0 || cell.IndexOfAnyInRange('\uFF01', '\uFF5E') >= 0)
        {
            throw new InvalidOperationException("not clean");
        }

        return cell.ToString();
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static ulong Digits(ReadOnlySpan<char> cell)
    {
        ulong value = 0;
        foreach (var c in cell)
        {
            value = char.IsAsciiDigit(c) ? (value * 10) + (ulong)(c - '0') : c == ' ' ? value : throw new InvalidOperationException("phone");
        }

        return value;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static decimal Amount(ReadOnlySpan<char> text)
    {
        long value = 0;
        var tenThousands = text.EndsWith("万");
        foreach (var c in tenThousands ? text[..^1] : text)
        {
            value = char.IsAsciiDigit(c) ? (value * 10) + (c - '0') : c == ',' ? value : throw new InvalidOperationException("amount");
        }

        return tenThousands ? value * 10_000m : value;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Day(ReadOnlySpan<char> text)
    {
        Span<int> parts = stackalloc int[3];
        var part = 0;
        foreach (var c in text)
        {
            if (c == '/')
            {
                part++;
            }
            else
            {
                parts[part] = (parts[part] * 10) + (c - '0');
            }
        }

        return (int)new DateOnly(parts[0], parts[1], parts[2]).DayNumber;
    }

    /// <summary>A 64-bit hash of the text, never 0 (0 marks an empty slot).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static ulong Hash(ReadOnlySpan<char> text)
    {
        var hash = 0x9E3779B97F4A7C15UL ^ (ulong)text.Length;
        foreach (var c in text)
        {
            hash = BitOperations.RotateLeft((hash ^ c) * 0xFF51AFD7ED558CCDUL, 29);
        }

        return (hash ^ (hash >> 32)) | 1;
    }

    private struct HandRow
    {
        public int Line;
        public string Id;
        public string Name;
        public byte Industry;
        public byte Tier;
        public string Manager;
        public string Contact;
        public ulong Phone;
        public string Email;
        public decimal Amount;
        public int Day;
        public string[] Products;
        public ulong IdHash;
        public ulong NameHash;
        public ulong EmailHash;
    }

    private sealed class HandContact(string name, ulong phone, string email)
    {
        public string Name { get; } = name;

        public ulong Phone { get; } = phone;

        public string Email { get; } = email;
    }

    private sealed class HandCustomer(in HandRow row)
    {
        public string Id { get; } = row.Id;

        public string Name { get; } = row.Name;

        public string Manager { get; } = row.Manager;

        public byte Industry { get; } = row.Industry;

        public byte Tier { get; } = row.Tier;

        public decimal Amount { get; } = row.Amount;

        public int Day { get; } = row.Day;

        public string[] Products { get; } = row.Products;

        public HandContact Contact { get; } = new(row.Contact, row.Phone, row.Email);
    }

    /// <summary>The taking side: four open-addressing tables of hashes, the new customers in batches of 500 (then dropped, as the
    /// counting store does), and the report's outcome byte and line per row.</summary>
    private sealed class Taker
    {
        private const int Bits = 21;
        private readonly ulong[] _ids = new ulong[1 << Bits];
        private readonly ulong[] _phones = new ulong[1 << Bits];
        private readonly ulong[] _emails = new ulong[1 << Bits];
        private readonly ulong[] _names = new ulong[1 << Bits];
        private readonly List<HandCustomer> _batch = new(500);
        private byte[] _outcomes = new byte[1 << 20];
        private int[] _lines = new int[1 << 20];

        public long Count { get; private set; }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Take(HandRow[] block)
        {
            foreach (ref readonly var row in block.AsSpan())
            {
                if (Found(_ids, row.IdHash) | Found(_phones, (row.Phone << 1) | 1) | Found(_emails, row.EmailHash) | Found(_names, row.NameHash))
                {
                    throw new InvalidOperationException($"line {row.Line} matched");
                }

                Insert(_ids, row.IdHash);
                Insert(_phones, (row.Phone << 1) | 1);
                Insert(_emails, row.EmailHash);
                Insert(_names, row.NameHash);
                _batch.Add(new HandCustomer(row));
                if (_batch.Count == 500)
                {
                    _batch.Clear();
                }

                if (Count == _outcomes.Length)
                {
                    Array.Resize(ref _outcomes, _outcomes.Length * 2);
                    Array.Resize(ref _lines, _lines.Length * 2);
                }

                _outcomes[Count] = 1;
                _lines[Count] = row.Line;
                Count++;
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static bool Found(ulong[] table, ulong hash)
        {
            var mask = table.Length - 1;
            for (var i = (int)(hash * 0x9E3779B97F4A7C15UL >> (64 - Bits)); ; i = (i + 1) & mask)
            {
                var slot = table[i];
                if (slot == hash)
                {
                    return true;
                }

                if (slot == 0)
                {
                    return false;
                }
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Insert(ulong[] table, ulong hash)
        {
            var mask = table.Length - 1;
            var i = (int)(hash * 0x9E3779B97F4A7C15UL >> (64 - Bits));
            while (table[i] != 0)
            {
                i = (i + 1) & mask;
            }

            table[i] = hash;
        }
    }
}
