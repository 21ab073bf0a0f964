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
