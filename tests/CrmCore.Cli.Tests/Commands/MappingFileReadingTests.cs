using System.Security.Cryptography;
using System.Text;
using CrmCore.Cli.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace CrmCore.Cli.Tests.Commands;

/// <summary>
/// <c>crm import ... --map FILE</c> reads the mapping once, always as UTF-8 (<c>--encoding</c> names the table's encoding), and the
/// import ledger's mapping name hashes the bytes that were read and parsed.
/// </summary>
public sealed class MappingFileReadingTests
{
    private const string Map = """{ "columns": { "旧系统编号": "Id", "单位全称": "Name", "联系手机": "Phone" } }""";

    [Fact]
    public void ImportCustomers_Gb18030TableAndUtf8MapWithChineseHeaders_EncodingGb18030_MapsTheColumns()
    {
        using var temp = new TempDirectory();
        var table = temp.File("旧系统.csv");
        File.WriteAllBytes(table, Gb18030("旧系统编号,单位全称,联系手机\nL001,杭州某某电商,13800001111\nL002,深圳某某服务,13900002222\n"));
        var map = temp.File("map.json");
        File.WriteAllText(map, Map, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true)); // a BOM is allowed too
        var db = temp.File("crm.db");

        var run = Crm.Run("import", "customers", table, "--store", "sqlite:" + db, "--map", map, "--encoding", "gb18030");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("inserted 2", run.Out, StringComparison.Ordinal);
        Assert.Equal(["杭州某某电商", "深圳某某服务"], Names(db));
    }

    [Theory]
    [InlineData("en", "always read as UTF-8 (--encoding does not apply to it)")]
    [InlineData("zh-Hans", "此类文件始终按 UTF-8 读取（--encoding 不适用于它）")]
    public void ImportCustomers_Gb18030Map_EncodingGb18030_RefusedAsNotUtf8(string lang, string expected)
    {
        using var temp = new TempDirectory();
        var table = temp.File("t.csv");
        File.WriteAllBytes(table, Gb18030("旧系统编号,单位全称,联系手机\nL001,杭州某某电商,13800001111\n"));
        var map = temp.File("map.json");
        File.WriteAllBytes(map, Gb18030(Map));

        var run = Crm.Run("import", "customers", table, "--store", "sqlite:" + temp.File("crm.db"), "--map", map, "--encoding", "gb18030", "--lang", lang);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("map.json:1:", run.Error, StringComparison.Ordinal);
        Assert.Contains(expected, run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(temp.File("crm.db")));
    }

    [UnixFact]
    public async Task ImportCustomers_MapIsAPipe_ReadOnceAndTheLedgerHashesThoseBytes()
    {
        using var temp = new TempDirectory();
        var table = temp.File("t.csv");
        File.WriteAllText(table, "旧系统编号,单位全称,联系手机\nL001,杭州某某电商,13800001111\n", new UTF8Encoding(false));
        var pipe = temp.File("map.fifo");
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", [pipe]))
        {
            mkfifo.WaitForExit();
            Assert.Equal(0, mkfifo.ExitCode);
        }

        var bytes = Encoding.UTF8.GetBytes(Map);
        // One writer: the pipe gives the mapping once. A second read of the file (to hash it) would wait for a writer that never comes.
        var writer = Task.Run(() =>
        {
            using var stream = new FileStream(pipe, FileMode.Open, FileAccess.Write);
            stream.Write(bytes);
        });
        var db = temp.File("crm.db");

        var import = Task.Run(() => Crm.Run("import", "customers", table, "--store", "sqlite:" + db, "--map", pipe));

        // A TimeoutException here: the import read the mapping pipe a second time and waited for a writer that never comes.
        var run = await import.WaitAsync(TimeSpan.FromMinutes(2));
        await writer.WaitAsync(TimeSpan.FromMinutes(1));
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("inserted 1", run.Out, StringComparison.Ordinal);
        // The run's key: the mapping's name and hash, then the options that change outcomes (row18 item 4).
        Assert.StartsWith("map.fifo#" + Convert.ToHexStringLower(SHA256.HashData(bytes))[..12] + "; options merge=KeepNewest", LedgerMapping(db), StringComparison.Ordinal);
    }

    private static byte[] Gb18030(string text) => CrmCore.Decoding.StrictTextDecoder.GetEncoding("gb18030").GetBytes(text);

    private static List<string> Names(string db)
    {
        using var connection = new SqliteConnection($"Data Source={db};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM crm_customer ORDER BY name;";
        var names = new List<string>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    private static string LedgerMapping(string db)
    {
        using var connection = new SqliteConnection($"Data Source={db};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT mapping FROM crm_import_run;";
        return (string)command.ExecuteScalar()!;
    }
}
