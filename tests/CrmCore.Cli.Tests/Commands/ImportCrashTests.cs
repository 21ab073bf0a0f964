using System.Diagnostics;
using System.Text;
using CrmCore.Cli.Tests.Infrastructure;
using CrmCore.Storage.Sqlite;

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

        var killedAt = 0;
        using (var process = Process.Start(start)!)
        {
            var deadline = Stopwatch.StartNew();
            while (deadline.Elapsed < TimeSpan.FromSeconds(120) && !process.HasExited)
            {
                await Task.Delay(200);
                killedAt = File.Exists(db) ? await CountAsync(db) : 0;
                if (killedAt >= 300)
                {
                    break;
                }
            }

            Assert.False(process.HasExited, "the import finished before it could be killed: make the file larger");
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        var written = await CountAsync(db);
        Assert.InRange(written, 300, Customers - 1);

        var again = Crm.Run("import", "customers", file, "--store", "sqlite:" + db, "--batch-size", "500");
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
