using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using CrmCore.Customers;
using CrmCore.Desk;
using CrmCore.Import.Customers;
using MiniExcelLibs;
using NodaTime;
using Sylvan.Data.Csv;

namespace CrmCore.Benchmarks.Import;

/// <summary>
/// <c>dotnet run -c Release --project benchmarks/CrmCore.Benchmarks -- import [rows]</c>: the customer import of N rows (default 1M) from
/// CSV and from .xlsx, each against the raw read of the same file by the same library (Sylvan: every field as a string; MiniExcel:
/// every cell of every row), wall time and peak working set. Each figure runs in a child process of its own, so the peak is that
/// figure's alone. Not BenchmarkDotNet: one import of 1M rows is one long operation and the peak memory of a process is the figure.
/// The store is a counting store that keeps nothing, so the memory is the importer's own (reader, batch, duplicate index, report).
/// <para>
/// <c>import sqlite 100000 1000000 ...</c>: per row count, the raw read, the import into a new SQLite file with its ledger
/// (<c>csv-sqlite</c>: duplicates looked up per batch in the store's key index), and the same import with the store's key index hidden
/// (<c>csv-sqlite-fullindex</c>: the in-memory index of every customer, the way a store without a key index is imported).
/// <c>import sqlite-keys ...</c> leaves the second import out.
/// </para>
/// <para>
/// Similar names: <c>import write-similar N FILE</c> writes N rows whose company names are Chinese names of seven key characters
/// (a city, three characters of 2,500, an industry), every 100th row a near duplicate of an earlier one (one character changed, half of
/// them without 有限公司: 0.857 similar); <c>import one csv-similar FILE</c> imports it at <c>NameSimilarity = 0.85</c> into the in-memory
/// store's customers without its key index (the whole-run index; the peak memory includes the stored customers) and prints how many rows
/// were merged; <c>import one csv FILE 5000</c> imports with batches of 5,000 rows (default 500); <c>import one csv-sqlite-similar FILE</c> imports it at 0.85 into a new SQLite file with its key index (the store's name
/// grams: turned on by the first lookup) and prints the same.
/// </para>
/// <para>
/// Diagnostics of one figure, to standard error: <c>ALLOC=1</c> the bytes allocated per type (<see cref="AllocListener"/>),
/// <c>THREADS=1</c> the CPU seconds of each thread still alive at the end (the thread pool's, the tiered JIT's, the GC's).
/// </para>
/// </summary>
internal static class ImportThroughput
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length >= 3 && args[1] == "one")
        {
            return await OneAsync(args[2], args[3], args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : null);
        }

        if (args.Length >= 4 && args[1] == "write")
        {
            WriteCsv(args[3], int.Parse(args[2], CultureInfo.InvariantCulture));
            return 0;
        }

        if (args.Length >= 4 && args[1] == "write-similar")
        {
            WriteCsv(args[3], SimilarRows(int.Parse(args[2], CultureInfo.InvariantCulture)));
            return 0;
        }

        if (args.Length >= 3 && args[1] == "csv")
        {
            return await CsvSizesAsync([.. args.Skip(2).Select(a => int.Parse(a, CultureInfo.InvariantCulture))], ["csv-raw", "csv-import"]);
        }

        if (args.Length >= 3 && args[1] == "sqlite")
        {
            return await CsvSizesAsync([.. args.Skip(2).Select(a => int.Parse(a, CultureInfo.InvariantCulture))], ["csv-raw", "csv-sqlite", "csv-sqlite-fullindex"]);
        }

        if (args.Length >= 3 && args[1] == "sqlite-keys")
        {
            return await CsvSizesAsync([.. args.Skip(2).Select(a => int.Parse(a, CultureInfo.InvariantCulture))], ["csv-raw", "csv-sqlite"]);
        }

        var rows = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1_000_000;
        var folder = Directory.CreateTempSubdirectory("crm-import-bench-");
        var csv = Path.Combine(folder.FullName, "customers.csv");
        var xlsx = Path.Combine(folder.FullName, "customers.xlsx");
        var sw = Stopwatch.StartNew();
        WriteCsv(csv, rows);
        Console.WriteLine($"wrote {rows} rows CSV ({new FileInfo(csv).Length / 1e6:F1} MB) in {sw.Elapsed.TotalSeconds:F1} s");
        sw.Restart();
        using (var stream = File.Create(xlsx))
        {
            stream.SaveAs(XlsxRows(rows), printHeader: false, excelType: ExcelType.XLSX);
        }

        Console.WriteLine($"wrote {rows} rows .xlsx ({new FileInfo(xlsx).Length / 1e6:F1} MB) in {sw.Elapsed.TotalSeconds:F1} s");
        Console.WriteLine(Header);
        foreach (var (kind, path) in new[] { ("csv-raw", csv), ("csv-import", csv), ("xlsx-raw", xlsx), ("xlsx-import", xlsx) })
        {
            await ChildAsync(kind, path);
        }

        folder.Delete(recursive: true);
        return 0;
    }

    private const string Header = "| figure | wall s | CPU s (user+system) | peak working set MB | rows | bytes allocated per row | GCs gen 0/1/2 | GC pause s |\n|---|---:|---:|---:|---:|---:|---|---:|";

    /// <summary><c>import csv|sqlite 100000 1000000 ...</c>: CSV only, the raw read then the imports, for each row count, in one run.</summary>
    private static async Task<int> CsvSizesAsync(int[] sizes, string[] kinds)
    {
        var folder = Directory.CreateTempSubdirectory("crm-import-bench-");
        Console.WriteLine(Header);
        foreach (var rows in sizes)
        {
            var csv = Path.Combine(folder.FullName, $"customers-{rows}.csv");
            WriteCsv(csv, rows);
            foreach (var kind in kinds)
            {
                await ChildAsync(kind, csv);
            }

            File.Delete(csv);
        }

        folder.Delete(recursive: true);
        return 0;
    }

    /// <summary>Runs one figure in a child process of its own (its peak working set is that figure's alone) and prints its line.</summary>
    private static async Task ChildAsync(string kind, string path)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!, [Environment.GetCommandLineArgs()[0], "import", "one", kind, path])
        {
            RedirectStandardOutput = true,
        };
        if (Environment.ProcessPath!.EndsWith("dotnet", StringComparison.Ordinal) is false)
        {
            start = new ProcessStartInfo(Environment.ProcessPath!, ["import", "one", kind, path]) { RedirectStandardOutput = true };
        }

        using var child = Process.Start(start)!;
        var output = await child.StandardOutput.ReadToEndAsync();
        await child.WaitForExitAsync();
        Console.Write(output);
    }

    private static async Task<int> OneAsync(string kind, string path, int? batchSize = null)
    {
        using var alloc = Environment.GetEnvironmentVariable("ALLOC") is null ? null : new AllocListener();
        var sw = Stopwatch.StartNew();
        long count = 0;
        switch (kind)
        {
            case "csv-raw":
                using (var reader = CsvDataReader.Create(path, new CsvDataReaderOptions { HasHeaders = false }))
                {
                    while (reader.Read())
                    {
                        for (var i = 0; i < reader.RowFieldCount; i++)
                        {
                            GC.KeepAlive(reader.GetString(i));
                        }

                        count++;
                    }
                }

                break;
            case "csv-spans":
                using (var reader = CsvDataReader.Create(path, new CsvDataReaderOptions { HasHeaders = false }))
                {
                    long chars = 0;
                    while (reader.Read())
                    {
                        for (var i = 0; i < reader.RowFieldCount; i++)
                        {
                            chars += reader.GetFieldSpan(i).Length;
                        }

                        count++;
                    }

                    GC.KeepAlive(chars);
                }

                break;
            case "csv-lean":
                count = LeanParse(path);
                break;
            case "csv-floor":
                count = ImportFloor.Run(path);
                break;
            case "csv-floor-parts":
                count = ImportFloor.Parts(path);
                break;
            case "csv-hand" or "csv-hand-1":
                count = HandFloor.Run(path, twoThreads: kind == "csv-hand");
                break;
            case "csv-rows":
                count = ImporterRows(path, parse: false);
                break;
            case "csv-parse":
                count = ImporterRows(path, parse: true);
                break;
            case "csv-parse-columns":
                count = ParseColumns(path);
                break;
            case "xlsx-raw":
                using (var stream = File.OpenRead(path))
                {
                    foreach (IDictionary<string, object?> row in stream.Query(useHeaderRow: false))
                    {
                        foreach (var cell in row.Values)
                        {
                            GC.KeepAlive(cell);
                        }

                        count++;
                    }
                }

                break;
            case "csv-similar":
                // Merging needs the earlier customers back: the in-memory store, its key index hidden (the whole-run index).
                var kept = new WithoutKeyIndex(new InMemoryCustomerRepository());
                var similarReport = await new CustomerImporter(kept, new FixedClock(), new CustomerImportOptions { NameSimilarity = 0.85 }).ImportAsync(path);
                count = similarReport.Totals.RowsRead + similarReport.HeaderLine;
                Console.WriteLine($"csv-similar: inserted {similarReport.Totals.Inserted}, merged {similarReport.Totals.Merged}, held {similarReport.Totals.Held}");
                break;
            case "csv-sqlite" or "csv-sqlite-fullindex":
                count = await SqliteImportAsync(path, hideKeyIndex: kind == "csv-sqlite-fullindex");
                break;
            case "csv-sqlite-similar":
                count = await SqliteImportAsync(path, hideKeyIndex: false, similarity: 0.85);
                break;
            default:
                var store = new CountingStore();
                var importer = new CustomerImporter(store, new FixedClock(), new CustomerImportOptions { BatchSize = batchSize ?? new CustomerImportOptions().BatchSize });
                var report = await importer.ImportAsync(path);
                count = report.Totals.RowsRead + report.HeaderLine;
                if (report.Totals.Inserted != report.Totals.RowsRead || store.Saved != report.Totals.Inserted)
                {
                    throw new InvalidOperationException($"unexpected outcome: {report.Totals}, saved {store.Saved}");
                }

                break;
        }

        sw.Stop();
        alloc?.Print();
        if (Environment.GetEnvironmentVariable("THREADS") is not null)
        {
            PrintThreadTimes();
        }
        using var self = Process.GetCurrentProcess();
        var perRow = GC.GetTotalAllocatedBytes(precise: true) / Math.Max(1, count);
        Console.WriteLine($"| {kind} | {sw.Elapsed.TotalSeconds:F2} | {self.TotalProcessorTime.TotalSeconds:F2} | {self.PeakWorkingSet64 / 1e6:F0} | {count} | {perRow} | {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)} | {GC.GetTotalPauseDuration().TotalSeconds:F2} |");
        return 0;
    }

    /// <summary>CPU seconds per thread of this process, by thread name (Linux: /proc/self/task), to standard error: which of the
    /// import's threads, the thread pool's, the GC's or the JIT's used the processor.</summary>
    private static void PrintThreadTimes()
    {
        var ticks = 100.0; // USER_HZ
        var byName = new Dictionary<string, (double Seconds, int Threads)>();
        foreach (var task in Directory.EnumerateDirectories("/proc/self/task"))
        {
            try
            {
                var name = File.ReadAllText(Path.Combine(task, "comm")).Trim();
                var stat = File.ReadAllText(Path.Combine(task, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                var seconds = (double.Parse(fields[11], CultureInfo.InvariantCulture) + double.Parse(fields[12], CultureInfo.InvariantCulture)) / ticks;
                var key = seconds >= 0.05 ? $"{name} #{Path.GetFileName(task)}" : name;
                var (sum, count) = byName.GetValueOrDefault(key);
                byName[key] = (sum + seconds, count + 1);
            }
            catch (IOException)
            {
            }
        }

        foreach (var (name, (seconds, count)) in byName.OrderByDescending(p => p.Value.Seconds))
        {
            Console.Error.WriteLine($"  {seconds,6:F2} s  {name} ({count})");
        }
    }

    /// <summary>Imports into a new SQLite file next to the CSV (deleted afterwards), with the storage's ledger; checks every row inserted.</summary>
    private static async Task<long> SqliteImportAsync(string path, bool hideKeyIndex, double? similarity = null)
    {
        var database = path + (hideKeyIndex ? ".full.db" : ".keys.db");
        try
        {
            long count;
            await using (var storage = new CrmCore.Storage.Sqlite.SqliteStorage(new CrmCore.Storage.Sqlite.SqliteStorageOptions { DataSource = database }))
            {
                ICustomerRepository customers = hideKeyIndex ? new WithoutKeyIndex((ICustomerBatchRepository)storage.Customers) : storage.Customers;
                var importer = new CustomerImporter(customers, new FixedClock(), new CustomerImportOptions { Ledger = storage.ImportLedger, NameSimilarity = similarity ?? 1.0 });
                var report = await importer.ImportAsync(path);
                count = report.Totals.RowsRead + report.HeaderLine;
                if (similarity is not null)
                {
                    Console.WriteLine($"csv-sqlite-similar: inserted {report.Totals.Inserted}, merged {report.Totals.Merged}, held {report.Totals.Held}");
                }
                else if (report.Totals.Inserted != report.Totals.RowsRead)
                {
                    throw new InvalidOperationException($"unexpected outcome: {report.Totals}");
                }
            }

            return count;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var file in new[] { database, database + "-wal", database + "-shm" })
            {
                File.Delete(file);
            }
        }
    }

    /// <summary>
    /// The floor: Sylvan's read with every one of the 11 cells turned into the typed value the import needs, straight from the reader's
    /// spans with the least work (an int or decimal, a date, a phone number as digits, the text cells as strings); no normalisation of
    /// dirty forms, no matching, no state. What the import adds on top of this is its own work.
    /// </summary>
    private static long LeanParse(string path)
    {
        long count = 0;
        long check = 0;
        using var reader = CsvDataReader.Create(path, new CsvDataReaderOptions { HasHeaders = true });
        Span<int> parts = stackalloc int[3];
        while (reader.Read())
        {
            var id = reader.GetString(0);
            var name = reader.GetString(1);
            var industry = reader.GetString(2);
            var tier = reader.GetString(3);
            var manager = reader.GetString(4);
            var contact = reader.GetString(5);
            ulong phone = 0;
            foreach (var c in reader.GetFieldSpan(6))
            {
                phone = char.IsAsciiDigit(c) ? (phone * 10) + (ulong)(c - '0') : phone;
            }

            var email = reader.GetString(7).ToLowerInvariant();
            var amountText = reader.GetFieldSpan(8);
            decimal amount = 0;
            foreach (var c in amountText)
            {
                amount = char.IsAsciiDigit(c) ? (amount * 10) + (c - '0') : amount;
            }

            amount *= amountText.EndsWith("万") ? 10_000 : 1;
            var dateText = reader.GetFieldSpan(9);
            parts.Clear();
            var part = 0;
            foreach (var c in dateText)
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

            var date = new LocalDate(parts[0], parts[1], parts[2]);
            var products = reader.GetString(10).Split('、');
            check += id.Length + name.Length + industry.Length + tier.Length + manager.Length + contact.Length + (long)(phone % 7) + email.Length
                + (long)(amount % 3) + date.Day + products.Length;
            count++;
        }

        GC.KeepAlive(check);
        return count + 1;
    }

    /// <summary>The importer's own reading (encoding detection, a <c>SourceRow</c> of strings per record) and, with <paramref name="parse"/>,
    /// the row-only work of the import (the parser's normalisation into a <c>CustomerRow</c> and the company-name key), on one thread.</summary>
    private static long ImporterRows(string path, bool parse)
    {
        using var stream = File.OpenRead(path);
        var (rows, _, _) = CrmCore.Import.Reading.TableSource.Read(stream, path, CrmCore.Import.Reading.ImportFormat.Auto, null);
        CustomerRowParser? parser = null;
        var problems = new List<CellProblem>();
        long count = 0;
        long check = 0;
        foreach (var row in rows)
        {
            count++;
            if (!parse)
            {
                check += row.Cells.Length;
                continue;
            }

            if (parser is null)
            {
                parser = new CustomerRowParser(CrmCore.Import.Mapping.ImportMappings.Customers, [.. row.Cells.Select(c => c ?? string.Empty)], null);
                continue;
            }

            var parsed = parser.Parse(row, problems);
            check += CrmCore.Normalization.CompanyNameNormalizer.Key(parsed.Name).Length + problems.Count;
        }

        GC.KeepAlive(check);
        return count;
    }

    /// <summary><c>csv-parse-columns</c>: the parser's CPU per column (a parser that maps one column at a time over the same rows in
    /// memory, less a parser that maps none), to standard error.</summary>
    private static long ParseColumns(string path)
    {
        using var stream = File.OpenRead(path);
        var (rows, _, _) = CrmCore.Import.Reading.TableSource.Read(stream, path, CrmCore.Import.Reading.ImportFormat.Auto, null);
        var all = rows.Take(300_001).ToList();
        var headers = all[0].Cells.Select(c => c ?? string.Empty).ToArray();
        var problems = new List<CellProblem>();
        double Time(string[] mapped)
        {
            var parser = new CustomerRowParser(CrmCore.Import.Mapping.ImportMappings.Customers, mapped, null);
            var best = double.MaxValue;
            for (var round = 0; round < 3; round++)
            {
                var sw = Stopwatch.StartNew();
                for (var i = 1; i < all.Count; i++)
                {
                    GC.KeepAlive(parser.Parse(all[i], problems));
                    problems.Clear();
                }

                best = Math.Min(best, sw.Elapsed.TotalSeconds);
            }

            return best;
        }

        var none = Time([.. headers.Select(_ => string.Empty)]);
        Console.Error.WriteLine($"none {none:F3} s per {all.Count - 1} rows");
        for (var c = 0; c < headers.Length; c++)
        {
            var one = headers.Select((h, i) => i == c ? h : string.Empty).ToArray();
            Console.Error.WriteLine($"{headers[c]} {Time(one) - none:F3}");
        }

        Console.Error.WriteLine($"all {Time(headers) :F3}");
        return all.Count;
    }

    private static void WriteCsv(string path, int rows) => WriteCsv(path, Rows(rows));

    private static void WriteCsv(string path, IEnumerable<string[]> rows)
    {
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);
        writer.WriteLine("客户编号,客户名称,所属行业,客户等级,负责客户经理,联系人,联系电话,邮箱,年合作金额,首次合作时间,产品/服务类型");
        foreach (var row in rows)
        {
            writer.WriteLine(string.Join(',', row.Select(c => c.Contains(',', StringComparison.Ordinal) ? "\"" + c + "\"" : c)));
        }
    }

    private static IEnumerable<IDictionary<string, object?>> XlsxRows(int rows)
    {
        string[] header = ["客户编号", "客户名称", "所属行业", "客户等级", "负责客户经理", "联系人", "联系电话", "邮箱", "年合作金额", "首次合作时间", "产品/服务类型"];
        yield return header.ToDictionary(h => h, h => (object?)h);
        foreach (var row in Rows(rows))
        {
            var cells = new Dictionary<string, object?>(header.Length);
            for (var i = 0; i < header.Length; i++)
            {
                cells[header[i]] = row[i];
            }

            yield return cells;
        }
    }

    private static IEnumerable<string[]> Rows(int rows)
    {
        string[] industries = ["制造业", "零售业", "服务业", "科技/互联网"];
        string[] tiers = ["A", "B", "C"];
        for (var i = 0; i < rows; i++)
        {
            yield return
            [
                $"KH{i:D7}",
                $"上海某某{i}号制造有限公司",
                industries[i % 4],
                tiers[i % 3],
                $"经理{i % 50}",
                $"联系人{i % 1000}",
                $"138 {i / 10000 % 10000:D4} {i % 10000:D4}",
                $"c{i}@example.cn",
                i % 2 == 0 ? $"{i % 900 + 1}万" : $"{(i % 900 + 1) * 1000:N0}",
                $"2025/{i % 12 + 1}/{i % 28 + 1}",
                "ERP、CRM",
            ];
        }
    }

    /// <summary><see cref="Rows"/> with Chinese company names; every 100th row a near duplicate of a random earlier row's name.</summary>
    private static IEnumerable<string[]> SimilarRows(int rows)
    {
        string[] cities = ["上海", "北京", "深圳", "广州", "杭州", "南京", "苏州", "成都", "武汉", "天津"];
        string[] trades = ["科技", "贸易", "机械", "电子", "物流", "医药", "建材", "化工", "食品", "纺织"];
        const int pool = 2500; // CJK ideographs from U+4E00, the common range
        static int Mix(int i, int salt) => (int)((uint)HashCode.Combine(i, salt, 14) % 1_000_000_007u);
        string Name(int i) =>
            cities[Mix(i, 1) % cities.Length] + (char)(0x4E00 + (Mix(i, 2) % pool)) + (char)(0x4E00 + (Mix(i, 3) % pool)) +
            (char)(0x4E00 + (Mix(i, 4) % pool)) + trades[Mix(i, 5) % trades.Length];
        var i = 0;
        foreach (var row in Rows(rows))
        {
            if (i % 100 == 99)
            {
                var earlier = Mix(i, 6) % i;
                var original = Name(earlier).ToCharArray();
                var at = 2 + (Mix(i, 7) % 3);
                original[at] = (char)(original[at] == '\u4E00' ? '\u4E01' : original[at] - 1);
                row[1] = new string(original) + (i % 200 == 199 ? string.Empty : "有限公司");
            }
            else
            {
                row[1] = Name(i) + "有限公司";
            }

            i++;
            yield return row;
        }
    }

    private sealed class FixedClock : IClock
    {
        public Instant GetCurrentInstant() => Instant.FromUtc(2026, 3, 1, 0, 0);
    }

    /// <summary>A store's customers without its key index: the import falls back to holding every customer's keys in memory.</summary>
    private sealed class WithoutKeyIndex(ICustomerBatchRepository inner) : ICustomerBatchRepository
    {
        public ValueTask<CustomerState?> FindAsync(CustomerId id, CancellationToken cancellationToken = default) => inner.FindAsync(id, cancellationToken);

        public ValueTask SaveAsync(CustomerState state, long expectedVersion, CancellationToken cancellationToken = default) => inner.SaveAsync(state, expectedVersion, cancellationToken);

        public ValueTask SaveAllAsync(IReadOnlyList<(CustomerState State, long ExpectedVersion)> writes, CancellationToken cancellationToken = default) => inner.SaveAllAsync(writes, cancellationToken);

        public IAsyncEnumerable<CustomerState> ListAsync(CancellationToken cancellationToken = default) => inner.ListAsync(cancellationToken);
    }

    /// <summary>A store that counts saves and keeps nothing: the importer's memory alone.</summary>
    private sealed class CountingStore : ICustomerRepository
    {
        public long Saved { get; private set; }

        public ValueTask<CustomerState?> FindAsync(CustomerId id, CancellationToken cancellationToken = default) => ValueTask.FromResult<CustomerState?>(null);

        public ValueTask SaveAsync(CustomerState state, long expectedVersion, CancellationToken cancellationToken = default)
        {
            Saved++;
            return ValueTask.CompletedTask;
        }

        public async IAsyncEnumerable<CustomerState> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await Task.CompletedTask;
            yield break;
        }
    }
}
