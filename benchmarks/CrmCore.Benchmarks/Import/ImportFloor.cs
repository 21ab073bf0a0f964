using System.Buffers;
using System.Globalization;
using CrmCore.Agents;
using CrmCore.Customers;
using CrmCore.Import.Customers;
using CrmCore.Import.Reports;
using CrmCore.Import.Tables;
using CrmCore.Normalization;
using NodaTime;
using Sylvan.Data.Csv;

namespace CrmCore.Benchmarks.Import;

/// <summary>
/// <c>import one csv-floor FILE</c>: a lower bound for any design of the CSV customer import on this machine. It does only the work an
/// import of the generator's clean rows cannot avoid, with the library's own types where the work is the library's: on the reading
/// thread Sylvan's read, one scan of each cell for characters cleaning would change, the typed values straight from the reader's spans
/// (strings only for the text the customer keeps), the company-name key and the index keys; on a second thread (the pieces handed over
/// by the import's own <see cref="PieceLine{TRaw, TDone}"/>) the whole-run duplicate index's lookups and inserts, the new customer's
/// state, and the report row into the report's log. It leaves out what dirty input needs (the normalisers' other forms, rejected rows,
/// their cells), the skip test, mapping through headers, and batches; so an import cannot be faster than this, whatever its design.
/// Throws on any row it does not understand (the generator's file only).
/// </summary>
internal static class ImportFloor
{
    private const int PieceRows = 64;
    private const int BatchRows = 500;

    private static readonly SearchValues<char> Special = SearchValues.Create(SpecialChars());

    private static readonly Dictionary<string, Industry> Industries = new()
    {
        ["制造业"] = Industry.Manufacturing,
        ["零售业"] = Industry.Retail,
        ["服务业"] = Industry.Services,
        ["科技/互联网"] = Industry.Technology,
    };

    private static readonly Dictionary<string, Industry>.AlternateLookup<ReadOnlySpan<char>> IndustryLookup = Industries.GetAlternateLookup<ReadOnlySpan<char>>();

    public static long Run(string path)
    {
        var line = new PieceLine<List<(CustomerRow Row, string NameKey)>, List<(CustomerRow Row, string NameKey)>>(8, piece => piece);
        var reading = Task.Factory.StartNew(() => Read(path, line), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        var index = new CustomerMatchIndex(similarNames: false);
        index.Reserve(1_000_000);
        var log = new ImportRowLog();
        var results = new List<ImportRowResult>(BatchRows);
        var writes = new List<(CustomerState, long)>(BatchRows);
        var now = Instant.FromUtc(2026, 3, 1, 8, 0);
        long count = 1;
        while (line.TakeAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult() is var (_, piece))
        {
            foreach (var (row, nameKey) in piece)
            {
                if (((row.Id is not null ? index.FindById(row) : null) ?? index.Find(row, nameKey, byContact: true, similarity: 1.0)) is not null)
                {
                    throw new InvalidOperationException($"line {row.Line} matched");
                }

                var id = new CustomerId(row.Id!);
                var profile = new CustomerProfile
                {
                    Name = row.Name!,
                    Industry = row.Industry ?? default,
                    FirstContactOn = row.FirstCooperationOn ?? now.InUtc().Date,
                    AccountManager = row.AccountManager,
                    Transactions = new TransactionSummary(row.FirstCooperationOn, Money.Cny(row.AnnualAmount ?? 0), row.Products, null),
                    Contacts = [new Contact(row.ContactName!, ContactRole.DecisionMaker) { Phone = row.Phone, Email = row.Email }],
                };
                writes.Add((Customer.CreateState(id, profile, now, row.Tier), 0));
                index.AddCreated(id, row, nameKey);
                results.Add(new ImportRowResult { Line = row.Line, Outcome = ImportOutcome.Inserted, CustomerId = id.Value });
                if (results.Count == BatchRows)
                {
                    log.AddRange(results);
                    results.Clear();
                    writes.Clear();
                }

                count++;
            }
        }

        log.AddRange(results);
        ReportThread("taker");
        reading.GetAwaiter().GetResult();
        return log.Count == count - 1 ? count : throw new InvalidOperationException("rows lost");
    }

    private static void Read(string path, PieceLine<List<(CustomerRow Row, string NameKey)>, List<(CustomerRow Row, string NameKey)>> output)
    {
        try
        {
            using var reader = CsvDataReader.Create(path, new CsvDataReaderOptions { HasHeaders = true });
            var piece = new List<(CustomerRow, string)>(PieceRows);
            var lineNumber = 1;
            while (reader.Read())
            {
                var row = ReadRow(reader, ++lineNumber);
                var nameKey = CompanyNameNormalizer.Key(row.Name);
                row.PrepareKeys(nameKey);
                piece.Add((row, nameKey));
                if (piece.Count == PieceRows)
                {
                    output.Add(piece, CancellationToken.None);
                    piece = new List<(CustomerRow, string)>(PieceRows);
                }
            }

            output.Add(piece, CancellationToken.None);
            ReportThread("reader");
            output.Complete(null);
        }
        catch (Exception e)
        {
            output.Complete(e);
            throw;
        }
    }

    /// <summary>One record's typed values straight from the reader's spans, after one scan of each cell for characters cleaning would
    /// change (strings only for the text the customer keeps); throws on anything the generator does not write.</summary>
    private static CustomerRow ReadRow(CsvDataReader reader, int line)
    {
        for (var i = 0; i < reader.RowFieldCount; i++)
        {
            var cell = reader.GetFieldSpan(i);
            if (cell.IsEmpty || cell.IndexOfAny(Special) is var at && at >= 0 && !(cell[at] == ' ' && IsCleanFrom(cell, at)))
            {
                throw new InvalidOperationException($"line {line}: cell {i} needs cleaning");
            }
        }

        var phone = PhoneNormalizer.TryGetKey(reader.GetFieldSpan(6), out var key) ? key : throw new InvalidOperationException("phone");
        var email = reader.GetFieldSpan(7);
        return new CustomerRow
        {
            Line = line,
            Id = reader.GetString(0),
            Name = reader.GetString(1),
            Industry = IndustryLookup.TryGetValue(reader.GetFieldSpan(2), out var industry) ? industry : throw new InvalidOperationException("industry"),
            Tier = reader.GetString(3),
            AccountManager = new AgentId(reader.GetString(4)),
            ContactName = reader.GetString(5),
            PhoneKey = phone,
            Phone = PhoneNormalizer.FromKey(phone),
            Email = EmailNormalizer.IsAddress(email) ? string.Create(email.Length, email, static (span, e) => e.ToLowerInvariant(span)) : throw new InvalidOperationException("email"),
            AnnualAmount = Amount(reader.GetFieldSpan(8)),
            FirstCooperationOn = Date(reader.GetFieldSpan(9)),
            Products = CustomerRowParser.ListItems(reader.GetString(10)),
        };
    }

    /// <summary>The cell from <paramref name="at"/> (a space) on holds only single spaces between other characters.</summary>
    private static bool IsCleanFrom(ReadOnlySpan<char> cell, int at)
    {
        while (at >= 0)
        {
            if (cell[at] != ' ' || at == 0 || at == cell.Length - 1 || cell[at + 1] == ' ')
            {
                return false;
            }

            var next = cell[(at + 1)..].IndexOfAny(Special);
            at = next < 0 ? -1 : at + 1 + next;
        }

        return true;
    }

    /// <summary><c>csv-floor-parts</c>: the same work on one thread, each stage timed (Stopwatch per piece of 64 rows).</summary>
    public static long Parts(string path)
    {
        var names = new[] { "read+check", "typed values", "name key", "index keys", "index find", "state", "index add", "report" };
        var ticks = new long[names.Length];
        var index = new CustomerMatchIndex(similarNames: false);
        index.Reserve(1_000_000);
        var log = new ImportRowLog();
        var results = new List<ImportRowResult>(BatchRows);
        var now = Instant.FromUtc(2026, 3, 1, 8, 0);
        using var reader = CsvDataReader.Create(path, new CsvDataReaderOptions { HasHeaders = true });
        var lineNumber = 1;
        var rows = new CustomerRow[PieceRows];
        var keys = new string[PieceRows];
        var states = new CustomerState[PieceRows];
        var more = true;
        while (more)
        {
            var t = System.Diagnostics.Stopwatch.GetTimestamp();
            var n = 0;
            var cells = new string[PieceRows][];
            for (; n < PieceRows && (more = reader.Read()); n++)
            {
                var row = ReadRow(reader, ++lineNumber);
                rows[n] = row;
            }

            var t1 = System.Diagnostics.Stopwatch.GetTimestamp();
            ticks[1] += t1 - t;
            for (var i = 0; i < n; i++)
            {
                keys[i] = CompanyNameNormalizer.Key(rows[i].Name);
            }

            var t2 = System.Diagnostics.Stopwatch.GetTimestamp();
            ticks[2] += t2 - t1;
            for (var i = 0; i < n; i++)
            {
                rows[i].PrepareKeys(keys[i]);
            }

            var t3 = System.Diagnostics.Stopwatch.GetTimestamp();
            ticks[3] += t3 - t2;
            for (var i = 0; i < n; i++)
            {
                if (((rows[i].Id is not null ? index.FindById(rows[i]) : null) ?? index.Find(rows[i], keys[i], byContact: true, similarity: 1.0)) is not null)
                {
                    throw new InvalidOperationException("matched");
                }
            }

            var t4 = System.Diagnostics.Stopwatch.GetTimestamp();
            ticks[4] += t4 - t3;
            for (var i = 0; i < n; i++)
            {
                var row = rows[i];
                var profile = new CustomerProfile
                {
                    Name = row.Name!,
                    Industry = row.Industry ?? default,
                    FirstContactOn = row.FirstCooperationOn ?? now.InUtc().Date,
                    AccountManager = row.AccountManager,
                    Transactions = new TransactionSummary(row.FirstCooperationOn, Money.Cny(row.AnnualAmount ?? 0), row.Products, null),
                    Contacts = [new Contact(row.ContactName!, ContactRole.DecisionMaker) { Phone = row.Phone, Email = row.Email }],
                };
                states[i] = Customer.CreateState(new CustomerId(row.Id!), profile, now, row.Tier);
            }

            var t5 = System.Diagnostics.Stopwatch.GetTimestamp();
            ticks[5] += t5 - t4;
            for (var i = 0; i < n; i++)
            {
                index.AddCreated(states[i].Id, rows[i], keys[i]);
            }

            var t6 = System.Diagnostics.Stopwatch.GetTimestamp();
            ticks[6] += t6 - t5;
            for (var i = 0; i < n; i++)
            {
                results.Add(new ImportRowResult { Line = rows[i].Line, Outcome = ImportOutcome.Inserted, CustomerId = states[i].Id.Value });
            }

            if (results.Count >= BatchRows || !more)
            {
                log.AddRange(results);
                results.Clear();
            }

            ticks[7] += System.Diagnostics.Stopwatch.GetTimestamp() - t6;
        }

        for (var i = 1; i < names.Length; i++)
        {
            Console.Error.WriteLine($"  {names[i],-14} {ticks[i] / (double)System.Diagnostics.Stopwatch.Frequency:F2} s");
        }

        return lineNumber;
    }

    /// <summary>With <c>THREADS=1</c> (as for the other figures), the calling thread's CPU seconds to standard error: the floor's two
    /// threads end before the runner lists the threads still alive.</summary>
    private static void ReportThread(string name)
    {
        if (Environment.GetEnvironmentVariable("THREADS") is not null)
        {
            Console.Error.WriteLine($"  {name} thread {ThreadSeconds():F2} s");
        }
    }

    /// <summary>User + system CPU seconds of the calling thread (Linux).</summary>
    internal static double ThreadSeconds()
    {
        var stat = File.ReadAllText("/proc/thread-self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (double.Parse(fields[11], CultureInfo.InvariantCulture) + double.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
    }

    private static decimal Amount(ReadOnlySpan<char> text)
    {
        var tenThousands = text.EndsWith("万");
        var digits = tenThousands ? text[..^1] : text;
        decimal value = 0;
        foreach (var c in digits)
        {
            value = c is >= '0' and <= '9' ? (value * 10) + (c - '0') : c == ',' ? value : throw new InvalidOperationException("amount");
        }

        return tenThousands ? value * 10_000 : value;
    }

    private static LocalDate Date(ReadOnlySpan<char> text)
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

        return new LocalDate(parts[0], parts[1], parts[2]);
    }

    private static string SpecialChars()
    {
        var chars = new List<char>();
        for (var c = 0; c <= 0xFFFF; c++)
        {
            if (char.IsWhiteSpace((char)c) || char.IsControl((char)c) || TextNormalizer.ToHalfWidth((char)c) != (char)c)
            {
                chars.Add((char)c);
            }
        }

        return new string([.. chars]);
    }
}
