using System.Globalization;
using CrmCore.Import.Mapping;

namespace CrmCore.Import.Tests.Mapping;

/// <summary>Two value-map keys that are one value once cleaned and lower-cased (VIP and vip) are an error at the second key, in the
/// language asked for, never a raw .NET message (wave 15, QA item 10).</summary>
public sealed class ValueMapSameKeyTests
{
    [Theory]
    [InlineData("{\"values\":{\"Tier\":{\"VIP\":\"A\",\"vip\":\"B\"}}}", "en-US", "map.json:1:30: \"vip\" in \"values.Tier\" is the same value as \"VIP\" once case, width and spaces are set aside")]
    [InlineData("{\"values\":{\"Tier\":{\"VIP\":\"A\",\"vip\":\"B\"}}}", "zh-Hans", "map.json:1:30: “values.Tier”中的“vip”与“VIP”在忽略大小写、全半角和空格后是同一个值")]
    [InlineData("{\"values\":{\"Tier\":{\"重点\":\"A\",\" 重点 \":\"B\"}}}", "zh-Hans", "map.json:1:29: “values.Tier”中的“ 重点 ”与“重点”在忽略大小写、全半角和空格后是同一个值")]
    public void Parse_TwoKeysWithOneCleanedForm_IsAnErrorAtTheSecondKey(string json, string culture, string expected)
    {
        var error = Assert.Throws<ImportFileException>(() => ImportMappingFile.Parse<CustomerField>(json, "map.json", CultureInfo.GetCultureInfo(culture)));

        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("same key", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_TwoKeysWithOneCleanedForm_ThrowsTheLocalisedFileError()
    {
        var file = Path.Combine(Path.GetTempPath(), $"crm-map-{Guid.NewGuid():N}.json");
        File.WriteAllText(file, "{\"values\":{\"Tier\":{\"VIP\":\"A\",\"ＶＩＰ\":\"B\"}}}");
        try
        {
            var error = Assert.Throws<ImportFileException>(() => ImportMappingFile.Load(file, ImportMappings.Customers, CultureInfo.GetCultureInfo("zh-Hans")));

            Assert.Equal((1, 30), (error.Line, error.Column));
            Assert.Contains("“ＶＩＰ”与“VIP”", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Parse_KeysThatDifferOnceCleaned_AreBothKept()
    {
        var mapping = ImportMappingFile.Parse<CustomerField>("{\"values\":{\"Tier\":{\"VIP\":\"A\",\"VIP2\":\"B\"}}}", "map.json", CultureInfo.InvariantCulture);

        Assert.Equal(2, mapping.Values[CustomerField.Tier].Count);
    }
}
