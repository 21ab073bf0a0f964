using System.Text;
using CrmCore.Access;
using CrmCore.Cli.Hosting;
using CrmCore.Cli.Tests.Infrastructure;
using CrmCore.Import.Mapping;
using CrmCore.Metrics;
using CrmCore.Relationships;

namespace CrmCore.Cli.Tests.Commands;

/// <summary>
/// Every JSON file a user writes for a <c>crm</c> command (teams, escalation policy, calendar, contact policy, report targets, access
/// policy, import mapping) is read the one strict way, <see cref="CliContext.ReadText"/>: UTF-8 (or <c>--encoding</c>) with the first bad byte's
/// line:col, a size bound checked before reading, and errors that name the file, in English and Chinese, with exit code 1.
/// </summary>
public sealed class UserFileReadingTests
{
    public static TheoryData<string, string> KindsAndLanguages()
    {
        var data = new TheoryData<string, string>();
        foreach (var kind in new[] { "teams", "escalation", "calendar", "plan-policy", "report-targets", "export-policy", "import-map", "import-assets-map", "import-tickets-map" })
        {
            data.Add(kind, "en");
            data.Add(kind, "zh-Hans");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(KindsAndLanguages))]
    public void File_NotUtf8_ErrorNamesFileLineAndColumn(string kind, string lang)
    {
        using var temp = new TempDirectory();
        var file = temp.File(kind + ".json");
        File.WriteAllBytes(file, [.. "{\n  \"name\": \"p"u8, 0xFF, .. "\" }\n"u8]);

        var run = Crm.Run([.. Arguments(kind, file, temp), "--lang", lang]);

        AssertRefused(run, temp, kind + ".json:2:13:");
        Assert.Contains(lang == "en" ? "error: " : "文件编码不正确", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(KindsAndLanguages))]
    public void File_OverItsBound_RefusedUnreadWithFileAndBound(string kind, string lang)
    {
        using var temp = new TempDirectory();
        var bound = Bound(kind);
        var file = temp.File(kind + ".json");
        File.WriteAllText(file, "{" + new string(' ', bound - 1) + "}", new UTF8Encoding(false));

        var run = Crm.Run([.. Arguments(kind, file, temp), "--lang", lang]);

        AssertRefused(run, temp, kind + ".json:1:1:");
        Assert.Contains(lang == "en" ? $"larger than {bound} bytes" : $"大于 {bound} 字节", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("export-policy", "en", "is not a valid access policy")]
    [InlineData("export-policy", "zh-Hans", "不是有效的访问策略")]
    [InlineData("import-map", "en", "is not a valid mapping file")]
    [InlineData("import-map", "zh-Hans", "不是有效的映射文件")]
    public void File_JsonSyntaxError_ErrorNamesFileLineAndColumn(string kind, string lang, string expected)
    {
        using var temp = new TempDirectory();
        var member = kind == "import-map" ? "\"columns\": { \"a\": \"Name\" }" : "\"name\": \"p\"";
        var file = temp.Write(kind + ".json", "{\n  " + member + "\n  \"roles\": {}\n}\n");

        var run = Crm.Run([.. Arguments(kind, file, temp), "--lang", lang]);

        AssertRefused(run, temp, kind + ".json:3:3:");
        Assert.Contains(expected, run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("export-policy", """{ "name": "客服策略", "roles": {} "x": 1 }""", "\"x\"")]
    [InlineData("export-policy", """{ "name": "客服策略", "roles": {} } {}""", "} {}")]
    [InlineData("import-map", """{ "columns": { "公司名称": "Name" "x": "Phone" } }""", "\"x\"")]
    public void File_JsonSyntaxErrorAfterChineseText_ColumnCountsCharactersNotBytes(string kind, string json, string at)
    {
        using var temp = new TempDirectory();
        var file = temp.Write(kind + ".json", json + "\n");
        var column = json.IndexOf(at, StringComparison.Ordinal) + 1 + (at == "} {}" ? 2 : 0);
        var byteColumn = Encoding.UTF8.GetByteCount(json[..(column - 1)]) + 1;

        var run = Crm.Run([.. Arguments(kind, file, temp), "--lang", "en"]);

        AssertRefused(run, temp, $"{kind}.json:1:{column}:");
        Assert.DoesNotContain($"{kind}.json:1:{byteColumn}:", run.Error, StringComparison.Ordinal);
    }

    public static TheoryData<string, string> LoadedKindsAndLanguages()
    {
        var data = new TheoryData<string, string>();
        foreach (var kind in new[] { "escalation", "plan-escalation", "calendar", "calendar-between", "plan-calendar", "plan-policy" })
        {
            data.Add(kind, "en");
            data.Add(kind, "zh-Hans");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(LoadedKindsAndLanguages))]
    public void LoadedFile_JsonSyntaxErrorAfterChineseText_ErrorIsFileLineCharacterColumnAndAPlainMessage(string kind, string lang)
    {
        using var temp = new TempDirectory();
        const string line2 = "  \"name\": \"华东区客服中心\" \"x\": 1,";
        var file = temp.Write(kind + ".json", "{\n" + line2 + "\n  \"y\": 2\n}\n");
        var column = line2.IndexOf("\"x\"", StringComparison.Ordinal) + 1;
        var byteColumn = Encoding.UTF8.GetByteCount(line2[..(column - 1)]) + 1;

        var run = Crm.Run([.. Arguments(kind, file, temp), "--lang", lang]);

        AssertRefused(run, temp, $"{kind}.json:2:{column}: ");
        Assert.Contains(
            lang == "en"
                ? $"{kind}.json:2:{column}: error: Not valid JSON: '\"' is not expected here (look for a missing or extra comma, quote or bracket)."
                : $"{kind}.json:2:{column}: 错误: 不是有效的 JSON：此处不应出现“\"”（请检查是否缺少或多了逗号、引号或括号）。",
            run.Error,
            StringComparison.Ordinal);
        Assert.DoesNotContain($"{kind}.json:2:{byteColumn}:", run.Error, StringComparison.Ordinal);
        foreach (var leak in new[] { "LineNumber", "BytePositionInLine", "Invalid JSON", " $: " })
        {
            Assert.DoesNotContain(leak, run.Error, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("calendar", "en", "The JSON ends too early")]
    [InlineData("calendar", "zh-Hans", "JSON 提前结束")]
    [InlineData("plan-policy", "en", "The JSON ends too early")]
    [InlineData("escalation", "zh-Hans", "JSON 提前结束")]
    public void LoadedFile_TruncatedJson_SaysItEndsTooEarlyWithFileLineAndColumn(string kind, string lang, string expected)
    {
        using var temp = new TempDirectory();
        var file = temp.Write(kind + ".json", "{\n  \"name\": \"客服\",\n");

        var run = Crm.Run([.. Arguments(kind, file, temp), "--lang", lang]);

        AssertRefused(run, temp, $"{kind}.json:");
        Assert.Matches($@"{kind}\.json:\d+:\d+: (error|错误): {expected}", run.Error);
    }

    [Theory]
    [InlineData(200_000, true)]
    [InlineData(200_001, false)]
    public void ReadBounded_LargeFile_ReadsExactlyTheBoundAndRefusesOneByteMore(int length, bool read)
    {
        using var temp = new TempDirectory();
        var file = temp.File("data.bin");
        var content = new byte[length];
        new Random(7).NextBytes(content);
        File.WriteAllBytes(file, content);

        var bytes = CliContext.ReadBounded(file, maxBytes: 200_000);

        if (read)
        {
            Assert.Equal(content, bytes);
        }
        else
        {
            Assert.Null(bytes);
        }
    }

    [Fact]
    public void ReadBounded_SeekableFile_AllocatesAboutOneCopy()
    {
        using var temp = new TempDirectory();
        var file = temp.File("data.bin");
        const int length = 8 << 20;
        File.WriteAllBytes(file, new byte[length]);
        CliContext.ReadBounded(file, length); // warm up (JIT, file system caches)

        var before = GC.GetAllocatedBytesForCurrentThread();
        var bytes = CliContext.ReadBounded(file, length);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(length, bytes!.Length);
        Assert.True(allocated < length + (length / 4), $"allocated {allocated} bytes to read a file of {length}");
    }

    [Theory]
    [InlineData("en", "error: file '")]
    [InlineData("zh-Hans", "错误: 找不到文件“")]
    public void ExportPolicy_Missing_IsInvalidInputNamingTheFile(string lang, string expected)
    {
        using var temp = new TempDirectory();

        var run = Crm.Run([.. Arguments("export-policy", temp.File("none.json"), temp), "--lang", lang]);

        AssertRefused(run, temp, "none.json");
        Assert.Contains(expected, run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void ExportPolicy_Valid_IsUsed()
    {
        using var temp = new TempDirectory();
        var file = temp.Write("export-policy.json", """{ "name": "mine", "roles": { "viewer": { "scope": "all", "fields": { "*": "read" } } } }""");

        var known = Crm.Run([.. Arguments("export-policy", file, temp), "--as", "viewer"]);
        var unknown = Crm.Run("export", "customers", "--store", "memory", "--out", temp.File("other.xlsx"), "--policy", file, "--as", "agent");

        Assert.True(known.ExitCode == 0, known.ToString());
        Assert.True(File.Exists(temp.File("out.xlsx")));
        Assert.True(unknown.ExitCode == 2, unknown.ToString());
        Assert.Contains("'mine' has no such role; its roles are viewer", unknown.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(15, true)]
    [InlineData(16, false)]
    public void ReadText_Bound_RefusesOnlyLongerFiles(int bound, bool refused)
    {
        using var temp = new TempDirectory();
        var file = temp.Write("data.csv", "Id,Name\nC1,Acme\n");
        var context = new CliContext(new TestConsole(), CrmCore.Cli.Localization.CliLanguage.English);

        var error = Record.Exception(() => context.ReadText(file, bound));

        if (refused)
        {
            Assert.Equal($"{file}:1:1: the file is larger than 15 bytes, the most this kind of file may have", Assert.IsType<CliException>(error).Message);
        }
        else
        {
            Assert.Null(error);
            Assert.Equal("Id,Name\nC1,Acme\n", context.ReadText(file, bound));
        }
    }

    private static void AssertRefused(CrmRun run, TempDirectory temp, string where)
    {
        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains(where, run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", run.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Out);
        Assert.False(File.Exists(temp.File("out.xlsx")));
        Assert.False(File.Exists(temp.File("crm.db")));
    }

    private static int Bound(string kind) => kind switch
    {
        "plan-policy" => ContactPolicyJson.MaxLength,
        "report-targets" => ReportTargetsJson.MaxLength,
        "export-policy" => AccessPolicyJson.MaxLength,
        "import-map" or "import-assets-map" or "import-tickets-map" => ImportMappingFile.MaxBytes,
        _ => CliContext.MaxJsonFileBytes,
    };

    private static string[] Arguments(string kind, string file, TempDirectory temp) => kind switch
    {
        "teams" => ["rules", "validate", "samples/data/rules/crm-rules.json", "--teams", file],
        "escalation" => ["rules", "validate", "samples/data/rules/crm-rules.json", "--escalation", file],
        "calendar" => ["calendar", "add", file, "--from", "2026-03-02T09:00", "--working-days", "1"],
        "calendar-between" => ["calendar", "between", file, "--from", "2026-03-02T09:00", "--to", "2026-03-03T09:00"],
        "plan-calendar" => ["plan", "--customers", RepoPaths.Sample("customers.csv"), "--date", "2026-03-16", "--calendar", file],
        "plan-escalation" => ["plan", "--customers", RepoPaths.Sample("customers.csv"), "--date", "2026-03-16", "--rules", "samples/data/rules/crm-rules.json", "--escalation", file],
        "plan-policy" => ["plan", "--customers", RepoPaths.Sample("customers.csv"), "--date", "2026-03-16", "--policy", file],
        "report-targets" => ["report", "--tickets", RepoPaths.Sample("tickets.csv"), "--month", "2026-02", "--targets", file],
        "export-policy" => ["export", "customers", "--store", "memory", "--out", temp.File("out.xlsx"), "--policy", file],
        "import-map" => ["import", "customers", RepoPaths.Sample("import/legacy-crm.csv"), "--store", "sqlite:" + temp.File("crm.db"), "--map", file],
        "import-assets-map" => ["import", "assets", RepoPaths.Sample("import/assets.csv"), "--store", "sqlite:" + temp.File("crm.db"), "--map", file],
        "import-tickets-map" => ["import", "tickets", RepoPaths.Sample("import/服务质量问题跟踪表.csv"), "--store", "sqlite:" + temp.File("crm.db"), "--map", file],
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
