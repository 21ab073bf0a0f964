using System.Globalization;
using CrmCore.Customers;
using CrmCore.Import.Mapping;

namespace CrmCore.Import.Tests.Mapping;

public sealed class ImportMappingFileTests
{
    [Fact]
    public void Parse_UnknownTopLevelProperty_NamesItTheAllowedOnesAndItsLineAndCharacterColumn()
    {
        const string line2 = "  \"columns\": { \"公司名称\": \"Name\" }, \"colums\": { \"手机\": \"Phone\" }";
        var json = "{\n" + line2 + "\n}";
        var column = line2.IndexOf("\"colums\"", StringComparison.Ordinal) + 1;

        var error = WithCulture("en", () => Assert.Throws<ImportFileException>(() => ImportMappingFile.Parse<CustomerField>(json, "map.json")));

        Assert.Equal((2, column), (error.Line, error.Column));
        Assert.Equal($"map.json:2:{column}: unknown property \"colums\": a mapping file may have only \"columns\", \"constants\", \"values\"", error.Message);
        Assert.DoesNotContain("MappingDocument", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(".NET", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnknownTopLevelProperty_ZhHans_SaysItInChinese()
    {
        var error = WithCulture("zh-Hans", () => Assert.Throws<ImportFileException>(() => ImportMappingFile.Parse<CustomerField>("{ \"映射\": {} }", "map.json")));

        Assert.Equal("map.json:1:3: 未知属性“映射”：映射文件只能有 \"columns\", \"constants\", \"values\"", error.Message);
    }

    [Fact]
    public void Parse_KnownPropertiesInAnyCaseAndUnknownKeysInsideValues_AreAccepted()
    {
        var mapping = ImportMappingFile.Parse<CustomerField>("""{ "Columns": { "公司": "Name" }, "values": { "Tier": { "anything": "A" } } }""", "map.json");

        Assert.Contains(mapping.Columns, c => c.Key == "公司" && c.Value == CustomerField.Name);
    }

    [Fact]
    public void Parse_SyntaxErrorBeforeAnyUnknownProperty_IsStillReportedAsSyntax()
    {
        var error = Assert.Throws<ImportFileException>(() => ImportMappingFile.Parse<CustomerField>("{ \"columns\": { \"a\": \"Name\" \"b\": 1 }, \"x\": 1 }", "map.json"));

        Assert.StartsWith("map.json:1:28: not a valid mapping file", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("null", "map.json:1:1: the mapping file is empty (null); write an object", "map.json:1:1: 映射文件为空（null）；请写一个包含")]
    [InlineData("[1]", "map.json:1:1: a mapping file must be a JSON object with", "map.json:1:1: 映射文件必须是包含")]
    [InlineData("{ \"columns\": {}, \"Columns\": {} }", "map.json:1:18: \"Columns\" appears twice", "map.json:1:18: “Columns”出现了两次")]
    [InlineData("{ \"columns\": [\"公司\"] }", "map.json:1:14: \"columns\" must be an object of names to names in quotes", "map.json:1:14: “columns”必须是从名称到名称（加引号）的对象")]
    [InlineData("{ \"values\": { \"Tier\": 1 } }", "map.json:1:23: \"values.Tier\" must be an object", "map.json:1:23: “values.Tier”必须是从名称到名称")]
    [InlineData("{ \"columns\": { \"公司\": 1 } }", "map.json:1:22: the value of \"公司\" in \"columns\" must be text in quotes", "map.json:1:22: “columns”中“公司”的值必须是加引号的文本")]
    [InlineData("{ \"columns\": { \"公司\": \"Name\", \"公司\": \"Phone\" } }", "map.json:1:30: \"公司\" appears twice in \"columns\"", "map.json:1:30: “公司”在“columns”中出现了两次")]
    [InlineData("{ \"values\": { \"Tier\": {}, \"Tier\": {} } }", "map.json:1:27: \"Tier\" appears twice in \"values\"", "map.json:1:27: “Tier”在“values”中出现了两次")]
    [InlineData("{ \"constants\": { \"Sauce\": \"x\" } }", "map.json:1:18: 'Sauce' is not a customer field; use one of Ignore, ", "map.json:1:18: “Sauce”不是客户字段；请使用以下之一：Ignore, ")]
    [InlineData("{ \"columns\": { \"a\": \"Name\" \"b\": 1 } }", "map.json:1:28: not a valid mapping file: Not valid JSON: ", "map.json:1:28: 不是有效的映射文件：不是有效的 JSON：")]
    [InlineData("{ \"columns\": { ", "map.json:1:16: not a valid mapping file: The JSON ends too early", "map.json:1:16: 不是有效的映射文件：JSON 提前结束")]
    public void Parse_EachProblem_IsInEnglishOrChineseByTheCulturePassed(string json, string english, string chinese)
    {
        Assert.StartsWith(english, Error(json, "en-US"), StringComparison.Ordinal);
        Assert.StartsWith(chinese, Error(json, "zh-Hans"), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnknownFieldBelowTheTopLevel_IsAtItsLineAndCharacterColumnAfterChineseText()
    {
        const string line2 = "  \"columns\": { \"公司名称\": \"Name\", \"手机号码\": \"Phnoe\" },";
        const string line3 = "  \"values\": { \"客户等级\": { \"重要\": \"A\" } }";
        var json = "{\n" + line2 + "\n}";
        var column = line2.IndexOf("\"Phnoe\"", StringComparison.Ordinal) + 1;

        var error = Assert.Throws<ImportFileException>(() => ImportMappingFile.Parse<CustomerField>(json, "map.json", CultureInfo.GetCultureInfo("zh-Hans")));
        var inValues = Assert.Throws<ImportFileException>(() => ImportMappingFile.Parse<CustomerField>("{\n" + line3 + "\n}", "map.json", CultureInfo.GetCultureInfo("en")));

        Assert.Equal((2, column), (error.Line, error.Column));
        Assert.StartsWith($"map.json:2:{column}: “Phnoe”不是客户字段；请使用以下之一：", error.Message, StringComparison.Ordinal);
        Assert.Equal((2, line3.IndexOf("\"客户等级\"", StringComparison.Ordinal) + 1), (inValues.Line, inValues.Column));
        Assert.Contains("'客户等级' is not a customer field", inValues.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_AValidFile_StillMapsColumnsConstantsAndValues()
    {
        var mapping = ImportMappingFile.Parse<CustomerField>(
            "// comment\n{ \"columns\": { \"公司\": \"name\" /* a block comment */ }, \"constants\": { \"Source\": \"Referral\" }, \"values\": { \"Tier\": { \"重要客户\": \"A\" } } }",
            "map.json",
            CultureInfo.GetCultureInfo("zh-Hans"));

        Assert.Contains(mapping.Columns, c => c.Key == "公司" && c.Value == CustomerField.Name);
        Assert.Contains(mapping.Constants, c => c.Key == CustomerField.Source && c.Value == "Referral");
        Assert.Equal("A", mapping.Values[CustomerField.Tier]["重要客户"]);
    }

    // qa17 item 9: { "columns": { "公司电话": "Phone" ,} } was accepted; a trailing comma is not JSON (comments are allowed, as documented).
    [Theory]
    [InlineData("{\n  \"columns\": { \"公司电话\": \"Phone\" ,}\n}", 2, 33)]
    [InlineData("{ \"columns\": { \"公司电话\": \"Phone\" }, }", 1, 35)]
    public void Parse_TrailingComma_IsBrokenJsonAtItsLineAndColumn(string json, int line, int column)
    {
        var en = Assert.Throws<ImportFileException>(() => ImportMappingFile.Parse<CustomerField>(json, "m_bad.json", CultureInfo.GetCultureInfo("en")));
        var zh = Assert.Throws<ImportFileException>(() => ImportMappingFile.Parse<CustomerField>(json, "m_bad.json", CultureInfo.GetCultureInfo("zh-Hans")));

        Assert.Equal(("m_bad.json", line, column), (en.File, en.Line, en.Column));
        Assert.StartsWith("not a valid mapping file: ", en.Reason, StringComparison.Ordinal);
        Assert.Contains("'}'", en.Reason, StringComparison.Ordinal);
        Assert.StartsWith("不是有效的映射文件：", zh.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_TooLarge_IsInTheCulturePassed()
    {
        var path = Path.Combine(Path.GetTempPath(), $"map-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, "{}" + new string(' ', ImportMappingFile.MaxBytes));
        try
        {
            var en = Assert.Throws<ImportFileException>(() => ImportMappingFile.Load(path, ImportMappings.Customers, CultureInfo.GetCultureInfo("en")));
            var zh = Assert.Throws<ImportFileException>(() => ImportMappingFile.Load(path, ImportMappings.Customers, CultureInfo.GetCultureInfo("zh-Hans")));

            Assert.Equal($"the mapping file is larger than {ImportMappingFile.MaxBytes} bytes", en.Reason);
            Assert.Equal($"映射文件大于 {ImportMappingFile.MaxBytes} 字节", zh.Reason);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("{ \"columns\": { \"公司\": nope } }", "{ \"columns\": { \"公司\": ", "nope")]
    [InlineData("{\n  \"columns\": {\n    \"😀公司\": Name\n  }\n}", "    \"😀公司\": ", "Name")]
    [InlineData("{ \"values\": { \"Tier\": { \"重要\": \"A\", \"一般\": 12ab } } }", "{ \"values\": { \"Tier\": { \"重要\": \"A\", \"一般\": ", "12ab")]
    public void Parse_AWordThatIsNotJson_IsShownWholeAtItsStart_InEnglishOrChinese(string json, string lineBefore, string word)
    {
        var line = json[..json.IndexOf(word, StringComparison.Ordinal)].Count(c => c == '\n') + 1;
        var column = lineBefore.Length + 1;

        var en = Assert.Throws<ImportFileException>(() => ImportMappingFile.Parse<CustomerField>(json, "map.json", CultureInfo.GetCultureInfo("en")));
        var zh = Assert.Throws<ImportFileException>(() => ImportMappingFile.Parse<CustomerField>(json, "map.json", CultureInfo.GetCultureInfo("zh-Hans")));

        Assert.Equal((line, column), (en.Line, en.Column));
        Assert.Equal((line, column), (zh.Line, zh.Column));
        Assert.StartsWith($"not a valid mapping file: Not valid JSON: '{word}' is not expected here", en.Reason, StringComparison.Ordinal);
        Assert.StartsWith($"不是有效的映射文件：不是有效的 JSON：此处不应出现“{word}”", zh.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{ \"columns\": { \"公司\": ", "the value of \"公司\" in \"columns\" must be text in quotes", "“columns”中“公司”的值必须是加引号的文本")]
    [InlineData("{ \"values\": { \"Tier\": { \"重要\": ", "the value of \"重要\" in \"values.Tier\" must be text in quotes", "“values.Tier”中“重要”的值必须是加引号的文本")]
    [InlineData("{ \"constants\": ", "\"constants\" must be an object of names to names in quotes", "“constants”必须是从名称到名称（加引号）的对象")]
    [InlineData("", "a mapping file must be a JSON object with", "映射文件必须是包含")]
    public void Parse_NestingDeeperThanTheReadersLimit_IsRefusedAtItsFirstBracket_AsTheWrongValueThere(string before, string english, string chinese)
    {
        // A mapping file is at most three objects deep (values, a field, its value map): its reader refuses the first bracket too many
        // as the wrong kind of value, long before its nesting limit (16) could be reached, whatever the depth that follows.
        foreach (var depth in new[] { 17, 100_000 })
        {
            var json = before + new string('[', depth) + new string(']', depth);

            var en = Assert.Throws<ImportFileException>(() => ImportMappingFile.Parse<CustomerField>(json, "map.json", CultureInfo.GetCultureInfo("en")));
            var zh = Assert.Throws<ImportFileException>(() => ImportMappingFile.Parse<CustomerField>(json, "map.json", CultureInfo.GetCultureInfo("zh-Hans")));

            Assert.Equal((1, before.Length + 1), (en.Line, en.Column));
            Assert.Equal((1, before.Length + 1), (zh.Line, zh.Column));
            Assert.StartsWith(english, en.Reason, StringComparison.Ordinal);
            Assert.StartsWith(chinese, zh.Reason, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("en", "the mapping file does not exist; check the path")]
    [InlineData("zh-Hans", "映射文件不存在；请检查路径")]
    public void Load_AMissingFileOrFolder_SaysSoInTheCulture_NamingTheFile(string culture, string reason)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"map-{Guid.NewGuid():N}");
        var missing = Path.Combine(Path.GetTempPath(), $"map-{Guid.NewGuid():N}.json");
        var inMissingFolder = Path.Combine(folder, "map.json");

        var passed = Assert.Throws<ImportFileException>(() => ImportMappingFile.Load(missing, ImportMappings.Customers, CultureInfo.GetCultureInfo(culture)));
        var current = WithCulture(culture, () => Assert.Throws<ImportFileException>(() => ImportMappingFile.Load(inMissingFolder, ImportMappings.Customers)));

        Assert.Equal($"{missing}: {reason}", passed.Message);
        Assert.Equal((missing, 0, 0, reason), (passed.File, passed.Line, passed.Column, passed.Reason));
        Assert.IsType<FileNotFoundException>(passed.InnerException);
        Assert.Equal($"{inMissingFolder}: {reason}", current.Message);
        Assert.IsType<DirectoryNotFoundException>(current.InnerException);
    }

    [Theory]
    [InlineData("en", "this is a folder, not a mapping file; give the path of the mapping file (.json)")]
    [InlineData("zh-Hans", "这是文件夹，不是映射文件；请给出映射文件（.json）的路径")]
    public void Load_AFolder_SaysItIsAFolder_InTheCulture(string culture, string reason)
    {
        var folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"map-{Guid.NewGuid():N}")).FullName;
        try
        {
            var error = Assert.Throws<ImportFileException>(() => ImportMappingFile.Load(folder, ImportMappings.Customers, CultureInfo.GetCultureInfo(culture)));

            Assert.Equal($"{folder}: {reason}", error.Message);
        }
        finally
        {
            Directory.Delete(folder);
        }
    }

    [Theory]
    [InlineData("en", "the mapping file cannot be read: access denied; check the file's permissions", "the mapping file cannot be read: the disk is on fire")]
    [InlineData("zh-Hans", "无法读取映射文件：没有访问权限；请检查文件权限", "无法读取映射文件：the disk is on fire")]
    public void ReadError_AccessDeniedOrAnotherSystemError_IsInTheCulture_NamingTheFile_KeepingTheSystemsError(string culture, string denied, string other)
    {
        // Access cannot be denied to the tests' user when it is root, so the mapping from the system's error is checked directly;
        // Load passes every IOException and UnauthorizedAccessException of its read through it.
        var deniedError = new UnauthorizedAccessException("Access to the path '/x/map.json' is denied.");
        var otherError = new IOException("the disk is on fire");

        var a = ImportMappingFile.ReadError("/x/map.json", deniedError, CultureInfo.GetCultureInfo(culture));
        var b = ImportMappingFile.ReadError("/x/map.json", otherError, CultureInfo.GetCultureInfo(culture));

        Assert.Equal($"/x/map.json: {denied}", a.Message);
        Assert.Same(deniedError, a.InnerException);
        Assert.Equal($"/x/map.json: {other}", b.Message);
        Assert.Same(otherError, b.InnerException);
    }

    public static TheoryData<byte[], string, string, int, int> NotUtf8 => new()
    {
        {
            [.. "{ \"columns\": { \""u8, 0xB9, 0xAB, 0xCB, 0xBE, .. "\": \"Name\" } }"u8],
            "the mapping file is not UTF-8; it looks like GBK (GB18030): save it as UTF-8 (a mapping file is always read as UTF-8)",
            "映射文件不是 UTF-8 编码，看起来是 GBK（GB18030）：请另存为 UTF-8（映射文件总是按 UTF-8 读取）",
            1,
            17
        },
        {
            [.. System.Text.Encoding.Unicode.GetPreamble(), .. System.Text.Encoding.Unicode.GetBytes("{ \"columns\": { \"公司\": \"Name\" } }")],
            "the mapping file is not UTF-8; it looks like UTF-16: save it as UTF-8 (a mapping file is always read as UTF-8)",
            "映射文件不是 UTF-8 编码，看起来是 UTF-16：请另存为 UTF-8（映射文件总是按 UTF-8 读取）",
            1,
            1
        },
        {
            [.. "{\n  \"columns\": { \"a"u8, 0xFF, .. "\": \"Name\" } }"u8],
            "the mapping file is not UTF-8: the byte 0xFF does not belong to valid UTF-8 text; save it as UTF-8",
            "映射文件不是 UTF-8 编码：字节 0xFF 不属于有效的 UTF-8 文本；请另存为 UTF-8",
            2,
            18
        },
    };

    [Theory]
    [MemberData(nameof(NotUtf8))]
    public void Load_BytesThatAreNotUtf8_AreRefusedInTheCulture_AtTheirLineAndColumn(byte[] bytes, string english, string chinese, int line, int column)
    {
        var path = Path.Combine(Path.GetTempPath(), $"map-{Guid.NewGuid():N}.json");
        File.WriteAllBytes(path, bytes);
        try
        {
            var en = Assert.Throws<ImportFileException>(() => ImportMappingFile.Load(path, ImportMappings.Customers, CultureInfo.GetCultureInfo("en")));
            var zh = WithCulture("zh-Hans", () => Assert.Throws<ImportFileException>(() => ImportMappingFile.Load(path, ImportMappings.Customers)));

            Assert.Equal($"{path}:{line}:{column}: {english}", en.Message);
            Assert.Equal($"{path}:{line}:{column}: {chinese}", zh.Message);
            Assert.DoesNotContain("--encoding", en.Message, StringComparison.Ordinal); // a mapping file is always UTF-8
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static string Error(string json, string culture) =>
        Assert.Throws<ImportFileException>(() => ImportMappingFile.Parse<CustomerField>(json, "map.json", CultureInfo.GetCultureInfo(culture))).Message;

    private static T WithCulture<T>(string name, Func<T> action)
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(name);
        try
        {
            return action();
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }
}
