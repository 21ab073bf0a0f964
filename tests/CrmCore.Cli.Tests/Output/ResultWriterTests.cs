using CrmCore.Cli.Hosting;
using CrmCore.Cli.Localization;
using CrmCore.Cli.Output;
using CrmCore.Cli.Tests.Infrastructure;

namespace CrmCore.Cli.Tests.Output;

public sealed class ResultWriterTests
{
    private static ResultTable Sample()
    {
        var table = new ResultTable([new("id", Messages.ColumnFile), new("tags", Messages.ColumnKind), new("n", Messages.ColumnRows)]);
        table.Add("C1", new[] { "高价值", "活跃" }, 3);
        table.Add("C,2", Array.Empty<string>(), null);
        table.Add("say \"hi\"", new[] { "a" }, 2.5m);
        return table;
    }

    private static string Write(OutputFormat format, string lang = "en")
    {
        var console = new TestConsole();
        ResultWriter.Write(new CliContext(console, CliLanguage.FromName(lang)!), Sample(), format);
        return console.OutWriter.ToString();
    }

    [Fact]
    public void Csv_QuotesSpecialFieldsAndJoinsLists()
    {
        Assert.Equal(
            ["id,tags,n", "C1,高价值;活跃,3", "\"C,2\",,", "\"say \"\"hi\"\"\",a,2.5"],
            Write(OutputFormat.Csv).TrimEnd().Split(Environment.NewLine));
    }

    [Fact]
    public void Json_KeepsChineseUnescapedAndTypes()
    {
        var json = Write(OutputFormat.Json);
        Assert.Contains("\"高价值\"", json, StringComparison.Ordinal);
        Assert.Contains("\"n\": 3", json, StringComparison.Ordinal);
        Assert.Contains("\"n\": null", json, StringComparison.Ordinal);
        Assert.Contains("\"n\": 2.5", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Table_RedirectedHasNoAnsiAndLocalizedHeadings()
    {
        var text = Write(OutputFormat.Table, "zh-Hans");
        Assert.DoesNotContain("\u001b", text, StringComparison.Ordinal);
        Assert.Contains("文件", text, StringComparison.Ordinal);
        Assert.Contains("高价值, 活跃", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Add_WrongCellCount_Throws()
    {
        Assert.Throws<ArgumentException>(() => Sample().Add("only one"));
    }
}
