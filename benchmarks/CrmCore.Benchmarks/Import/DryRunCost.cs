using System.Diagnostics;
using System.Globalization;
using System.Text;
using CrmCore.Customers;
using CrmCore.Desk;
using CrmCore.Import.Customers;
using CrmCore.Normalization;
using NodaTime;

namespace CrmCore.Benchmarks.Import;

/// <summary>
/// <c>dotnet CrmCore.Benchmarks.dll import dry-run [stored]</c>: what a customer import's dry run at similarity 0.85 costs now that it
/// writes nothing. First the memory the dry run holds per stored customer when the store cannot answer similar names without building
/// (a <see cref="SimilarNameIndex"/> of every stored name key; and, for a store whose customers lack keys, a
/// <see cref="CustomerKeyTable"/> of every key), measured as the managed heap retained. Then, in one process over one SQLite file of
/// <c>stored</c> customers (default 200,000) and a file of 2,000 rows (1,000 near duplicates of stored names, 1,000 new): the dry run with
/// the grams off (names in memory), the gram build a similar-name lookup does (what the dry run used to do to the store), the dry run
/// with the grams on (the store's grams, read only), and the real import; wall and CPU time of each, the same merges checked.
/// </summary>
internal static class DryRunCost
{
    private static readonly string[] Cities = ["上海", "北京", "深圳", "广州", "杭州", "南京", "苏州", "成都", "武汉", "天津"];
    private static readonly string[] Trades = ["科技", "贸易", "机械", "电子", "物流", "医药", "建材", "化工", "食品", "纺织"];

    /// <summary>A company name of customer <paramref name="i"/>: a city, three ideographs from its number, a trade, 有限公司.</summary>
    private static string Name(int i, bool typo = false) =>
        Cities[i % Cities.Length] + (char)(0x4E00 + (i / 7 % 2500)) + (char)(0x4E00 + (i / 17 % 2500)) + (char)(typo ? 0x9FA0 : 0x4E00 + (i % 2503)) +
        Trades[i / 3 % Trades.Length] + "有限公司";

    private static CustomerState State(int i) =>
        Customer.Create(
            new CustomerId("KH" + i.ToString("D7", CultureInfo.InvariantCulture)),
            new CustomerProfile
            {
                Name = Name(i),
                FirstContactOn = new LocalDate(2025, 1, 1),
                Contacts = [new Contact("王经理", new ContactRole("Contact")) { Phone = "139" + i.ToString("D8", CultureInfo.InvariantCulture) }],
            },
            Instant.FromUtc(2025, 1, 1, 0, 0)).ToState();

    public static async Task<int> RunAsync(string[] args)
    {
        var stored = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 200_000;
        Memory(stored);

        var folder = Directory.CreateTempSubdirectory("crm-dryrun-").FullName;
        var database = Path.Combine(folder, "crm.db");
        var file = Path.Combine(folder, "customers.csv");
        try
        {
            var csv = new StringBuilder("客户编号,客户名称,所属行业,联系方式,邮箱,年合作金额,更新时间\n");
            for (var r = 0; r < 1000; r++)
            {
                csv.Append(',').Append(Name(r * (stored / 1000), typo: true)).Append(",制造业,,,,\n");
                csv.Append(',').Append(Name(stored + r)).Append(",,,,,\n");
            }

            await File.WriteAllTextAsync(file, csv.ToString());
            var options = new CrmCore.Storage.Sqlite.SqliteStorageOptions { DataSource = database };
            await using (var storage = new CrmCore.Storage.Sqlite.SqliteStorage(options))
            {
                var customers = (ICustomerBatchRepository)storage.Customers;
                foreach (var chunk in Enumerable.Range(0, stored).Chunk(1000))
                {
                    await customers.SaveAllAsync([.. chunk.Select(i => (State(i), 0L))]);
                }
            }

            Console.WriteLine($"| step ({stored:N0} stored customers, 2,000 rows at 0.85) | wall s | CPU s | merged | inserted | grams in the store after |");
            Console.WriteLine("|---|---:|---:|---:|---:|---:|");
            var dryOff = await StepAsync("dry run, grams off (names in memory)", options, file, dryRun: true);
            await StepAsync("gram build (a similar-name lookup; what the old dry run did)", options, null, dryRun: false);
            var dryOn = await StepAsync("dry run, grams on (the store's, read only)", options, file, dryRun: true);
            var real = await StepAsync("real import", options, file, dryRun: false);
            if (dryOff != real || dryOn != real)
            {
                throw new InvalidOperationException($"the dry runs reported {dryOff} and {dryOn}, the real import {real}");
            }

            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The managed heap the dry run's in-memory indexes retain per stored customer.</summary>
    private static void Memory(int stored)
    {
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var names = new SimilarNameIndex();
        for (var i = 0; i < stored; i++)
        {
            names.Add(CompanyNameNormalizer.Key(Name(i)));
        }

        var withNames = GC.GetTotalMemory(forceFullCollection: true);
        GC.KeepAlive(names);
        names = null;
        var keysBefore = GC.GetTotalMemory(forceFullCollection: true);
        var keys = new CustomerKeyTable();
        for (var i = 0; i < stored; i++)
        {
            var state = State(i);
            keys.Write(state.Id, state);
        }

        var withKeys = GC.GetTotalMemory(forceFullCollection: true);
        GC.KeepAlive(keys);
        Console.WriteLine($"{stored:N0} stored customers: similar-name index {(withNames - before) / (double)stored:F0} B per customer; " +
                          $"every key (id, phone, name) {(withKeys - keysBefore) / (double)stored:F0} B per customer");
    }

    /// <summary>One import (or, without a file, one similar-name lookup) through a fresh storage instance, timed.</summary>
    private static async Task<(int Merged, int Inserted)> StepAsync(string step, CrmCore.Storage.Sqlite.SqliteStorageOptions options, string? file, bool dryRun)
    {
        await using var storage = new CrmCore.Storage.Sqlite.SqliteStorage(options);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        (int, int) outcome = default;
        if (file is null)
        {
            await ((ICustomerKeyIndex)storage.Customers).FindByKeysAsync([CustomerKey.BlockOf(CompanyNameNormalizer.Key(Name(0)), 0.85)]);
        }
        else
        {
            var report = await new CustomerImporter(storage.Customers, new ImportAt(), new CustomerImportOptions { DryRun = dryRun, NameSimilarity = 0.85 }).ImportAsync(file);
            outcome = (report.Totals.Merged, report.Totals.Inserted);
        }

        var wall = clock.Elapsed.TotalSeconds;
        var used = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection("Data Source=" + options.DataSource);
        await connection.OpenAsync();
        await using var count = connection.CreateCommand();
        count.CommandText = "SELECT count(*) FROM crm_customer_name_gram";
        var grams = (long)(await count.ExecuteScalarAsync())!;
        Console.WriteLine($"| {step} | {wall:F2} | {used:F2} | {(file is null ? "–" : outcome.Item1)} | {(file is null ? "–" : outcome.Item2)} | {grams:N0} |");
        return outcome;
    }

    /// <summary>Every import of the run at the same instant.</summary>
    private sealed class ImportAt : IClock
    {
        public Instant GetCurrentInstant() => Instant.FromUtc(2026, 3, 1, 0, 0);
    }
}
