using System.Diagnostics;
using System.Text;
using CrmCore.Cli.Tests.Infrastructure;
using CrmCore.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace CrmCore.Cli.Tests.Commands;

/// <summary>Kill <c>crm import</c> in the middle of a file, run it again: every customer once, none missing.</summary>
public sealed class ImportCrashTests
{
    private const int Customers = 20_000;

    [Fact]
    public async Task ImportCustomers_KilledMidFile_RunAgainFinishesWithoutDuplicatesOrGaps()
    {
        using var temp = new TempDirectory();
        var csv = new StringBuilder("客户编号,客户名称,所属行业,联系电话,年合作金额\n");
        for (var i = 0; i < Customers; i++)
        {
            csv.Append($"KH{i:D6},测试{i}号有限公司,制造业,138{i:D8},{i % 500 + 1}万\n");
            if (i % 10 == 9)
            {
                // A duplicate without an id, found by its phone number: merged, never a customer of its own.
                csv.Append($",测试{i}号,零售业,138 {i / 10000:D4} {i % 10000:D4},\n");
            }
        }

        var file = temp.Write("big.csv", csv.ToString());
        var db = temp.File("crm.db");
        var dll = Path.Combine(AppContext.BaseDirectory, "crm.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { dll, "import", "customers", file, "--store", "sqlite:" + db, "--batch-size", "100" })
        {
            start.ArgumentList.Add(arg);
        }

        // Polled with a bare count every few milliseconds: in WAL mode a reader never waits for the writer (holding the
        // write lock instead would let the importer starve the test's connection until the file is done), so the kill
        // lands a few batches after the 300th customer however fast the machine is.
        using (var process = Process.Start(start)!)
        {
            var deadline = Stopwatch.StartNew();
            var stopped = false;
            long seen = 0;
            while (deadline.Elapsed < TimeSpan.FromSeconds(120) && !process.HasExited && !stopped)
            {
                await Task.Delay(5);
                if (!File.Exists(db))
                {
                    continue;
                }

                using var connection = new SqliteConnection($"Data Source={db};Mode=ReadOnly;Default Timeout=60");
                connection.Open();
                seen = CountRows(connection);
                if (seen >= 300)
                {
                    process.Kill(entireProcessTree: true);
                    await process.WaitForExitAsync();
                    stopped = true;
                }
            }

            Assert.True(stopped, "the import finished before 300 customers could be seen: make the file larger");
            var written = await CountAsync(db);
            Assert.True(written >= 300 && written < Customers, $"{written} customers stored after the kill; {seen} were seen before it");
        }

        var again = Crm.Run("import", "customers", file, "--store", "sqlite:" + db, "--batch-size", "500", "--run-lease", "0");
        Assert.True(again.ExitCode == 0, again.ToString());

        var storage = new SqliteStorage(new SqliteStorageOptions { DataSource = db });
        var ids = new List<string>();
        await foreach (var customer in storage.Customers.ListAsync())
        {
            ids.Add(customer.Id.Value);
        }

        Assert.Equal(Customers, ids.Count);
        Assert.Equal(Enumerable.Range(0, Customers).Select(i => $"KH{i:D6}"), ids);
    }

    private static long CountRows(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'crm_customer'";
        if ((long)command.ExecuteScalar()! == 0)
        {
            return 0;
        }

        command.CommandText = "SELECT count(*) FROM crm_customer";
        return (long)command.ExecuteScalar()!;
    }

    private static async Task<int> CountAsync(string db)
    {
        var storage = new SqliteStorage(new SqliteStorageOptions { DataSource = db });
        var count = 0;
        await foreach (var _ in storage.Customers.ListAsync())
        {
            count++;
        }

        return count;
    }
}
