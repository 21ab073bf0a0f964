using CrmCore.Cli.Input;

namespace CrmCore.Cli.Tests.Input;

public sealed class RowReaderTests
{
    private static RowReadResult<CustomerRow> Csv(string text, bool strict = false) =>
        RowReader.Read("c.csv", text, InputFormat.Csv, InputSchemas.Customers, strict);

    [Fact]
    public void Read_CsvWithChineseTags_ParsesRows()
    {
        var result = Csv("Id,Name,Tags,AnnualRevenue\nC1,华东精密,高价值;活跃,500000\nC2,优品,,\n");
        Assert.True(result.IsClean);
        Assert.Equal(2, result.Rows.Count);
        Assert.Equal(["高价值", "活跃"], result.Rows[0].Row.Tags);
        Assert.Equal(500000m, result.Rows[0].Row.AnnualRevenue);
        Assert.Null(result.Rows[1].Row.AnnualRevenue);
        Assert.Equal([2, 3], result.Rows.Select(r => r.Line));
    }

    [Fact]
    public void Read_CsvBadRows_ReportsEachWithLineAndKeepsGoodRows()
    {
        var text = "Id,Name,AnnualRevenue,FirstCooperation\n"
                 + "C1,甲,1x,2025-01-01\n"
                 + "\n"
                 + "C2,\"多行\n名称\",100,2025-13-01\n"
                 + ",丙,5,\n"
                 + "C4,丁,7,2024-02-29\n";
        var result = Csv(text);
        Assert.Equal(
            [(2, RowProblemKind.BadNumber), (4, RowProblemKind.BadDate), (6, RowProblemKind.MissingRequired)],
            result.Problems.Select(p => (p.Line, p.Kind)));
        Assert.Equal(3, result.RejectedRows);
        Assert.Equal("C4", Assert.Single(result.Rows).Row.Id);
        Assert.Equal(7, result.Rows[0].Line);
        Assert.False(result.StoppedEarly);
    }

    [Fact]
    public void Read_CsvUnknownAndDuplicateColumns_ReportedOnHeaderLine()
    {
        var result = Csv("Id,Name,Colour,name\nC1,甲,red,乙\n");
        Assert.Equal(
            [(1, RowProblemKind.UnknownColumn, "Colour"), (1, RowProblemKind.DuplicateColumn, "name")],
            result.Problems.Select(p => (p.Line, p.Kind, p.Field)));
        Assert.Equal("甲", Assert.Single(result.Rows).Row.Name);
    }

    [Fact]
    public void Read_CsvWithoutRequiredColumn_ReportedOnceOnHeaderAndStops()
    {
        var result = Csv("Name,AnnualRevenue\n甲,1\n乙,2\n");
        var problem = Assert.Single(result.Problems);
        Assert.Equal((1, RowProblemKind.MissingRequired, "Id"), (problem.Line, problem.Kind, problem.Field));
        Assert.True(result.StoppedEarly);
        Assert.Empty(result.Rows);
    }

    [Fact]
    public void Read_CsvUnterminatedQuote_MalformedOnItsLineAndGoesOn()
    {
        // Issue 12: a malformed row is rejected and reading goes on with the next line (it used to stop here).
        var result = Csv("Id,Name\nC0,甲\n\"C1,unterminated\nC2,乙\n");
        var problem = Assert.Single(result.Problems);
        Assert.Equal((3, RowProblemKind.Malformed), (problem.Line, problem.Kind));
        Assert.False(result.StoppedEarly);
        Assert.Equal(["C0", "C2"], result.Rows.Select(r => r.Row.Id));
        Assert.Equal(1, result.RejectedRows);
    }

    [Fact]
    public void Read_EmptyCsv_ReportsMissingColumns()
    {
        Assert.Equal(["Id", "Name"], Csv(string.Empty).Problems.Select(p => p.Field));
    }

    [Fact]
    public void Read_CsvStrict_StopsAtFirstProblem()
    {
        var result = Csv("Id,Name,AnnualRevenue\nC1,甲,x\nC2,乙,y\nC3,丙,3\n", strict: true);
        var problem = Assert.Single(result.Problems);
        Assert.Equal(2, problem.Line);
        Assert.True(result.StoppedEarly);
        Assert.Empty(result.Rows);
    }

    [Fact]
    public void Read_CsvShortRow_IsMalformed()
    {
        var result = Csv("Id,Name,AnnualRevenue\nC1,甲\n");
        Assert.Equal(RowProblemKind.Malformed, Assert.Single(result.Problems).Kind);
    }

    [Fact]
    public void Read_JsonArray_ReportsPropertyLineAndColumn()
    {
        var text = "[\n  {\"Id\": \"C1\", \"Name\": \"甲\"},\n  {\"Id\": \"C2\",\n   \"Name\": \"乙\", \"AnnualRevenue\": \"12万\"}\n]";
        var result = RowReader.Read("c.json", text, InputFormat.Json, InputSchemas.Customers, strict: false);
        var problem = Assert.Single(result.Problems);
        Assert.Equal((4, 17, RowProblemKind.BadNumber), (problem.Line, problem.Column!.Value, problem.Kind));
        Assert.Equal(2, result.Rows[0].Line);
    }

    [Theory]
    [InlineData(false, "[{\"Id\": \"C1\", \"Name\": \"😀甲\", \"AnnualRevenue\": \"x\"}]", "\"AnnualRevenue\"")]
    [InlineData(false, "[{\"Id\": \"C1\", \"Name\": \"😀甲\" \"AnnualRevenue\": 1}]", "\"AnnualRevenue\"")]
    [InlineData(true, "{\"Id\": \"C1\", \"Name\": \"😀甲\", \"AnnualRevenue\": \"x\"}", "\"AnnualRevenue\"")]
    [InlineData(true, "{\"Id\": \"C1\", \"Name\": \"😀甲\" \"AnnualRevenue\": 1}", "\"AnnualRevenue\"")]
    public void Read_JsonProblemAfterAnEmoji_IsAtItsUtf16Column(bool jsonLines, string text, string at)
    {
        var result = RowReader.Read("c.json", text, jsonLines ? InputFormat.JsonLines : InputFormat.Json, InputSchemas.Customers, strict: false);

        var problem = Assert.Single(result.Problems);
        Assert.Equal((1, text.IndexOf(at, StringComparison.Ordinal) + 1), (problem.Line, problem.Column!.Value));
    }

    [Fact]
    public void Read_JsonArrayNotArray_IsMalformedAndStops()
    {
        var result = RowReader.Read("c.json", "{\"Id\": \"C1\"}", InputFormat.Json, InputSchemas.Customers, strict: false);
        Assert.Equal(RowProblemKind.Malformed, Assert.Single(result.Problems).Kind);
        Assert.True(result.StoppedEarly);
    }

    [Fact]
    public void Read_JsonTypes_NumbersBooleansArraysChecked()
    {
        var text = "[{\"Id\": \"C1\", \"Name\": \"甲\", \"Tags\": [\"a\", \"b\"], \"DoNotContact\": true, \"AnnualRevenue\": 10.5},"
                 + " {\"Id\": 5, \"Name\": \"乙\"}]";
        var result = RowReader.Read("c.json", text, InputFormat.Json, InputSchemas.Customers, strict: false);
        var row = Assert.Single(result.Rows).Row;
        Assert.Equal(["a", "b"], row.Tags);
        Assert.True(row.DoNotContact);
        Assert.Equal(10.5m, row.AnnualRevenue);
        Assert.Equal(RowProblemKind.BadValue, Assert.Single(result.Problems).Kind);
    }

    [Fact]
    public void Read_JsonLinesBrokenLine_ReportsAndContinues()
    {
        var text = "{\"Id\": \"C1\", \"Name\": \"甲\"}\n{\"Id\": \"C2\", \n\n{\"Id\": \"C3\", \"Name\": \"丙\", \"Colour\": 1}\n";
        var result = RowReader.Read("c.jsonl", text, InputFormat.JsonLines, InputSchemas.Customers, strict: false);
        Assert.Equal(
            [(2, RowProblemKind.Malformed), (4, RowProblemKind.UnknownColumn)],
            result.Problems.Select(p => (p.Line, p.Kind)));
        Assert.Equal(["C1", "C3"], result.Rows.Select(r => r.Row.Id));
    }

    [Fact]
    public void Read_Tickets_ParsesEnumsAndInstants()
    {
        var text = "Id,CustomerId,Urgency,Status,RaisedAt\nWT1,C1,紧急,处理中,2026-02-01T10:00:00+08:00\nWT2,C1,Low,Closed,2026-02-01T10:00:00+08:00\n";
        var result = RowReader.Read("t.csv", text, InputFormat.Csv, InputSchemas.Tickets, strict: false);
        Assert.Equal(CrmCore.Tickets.Urgency.Urgent, Assert.Single(result.Rows).Row.Urgency);
        Assert.Equal((3, "Urgency"), (result.Problems[0].Line, result.Problems[0].Field));
    }

    [Fact]
    public void Read_FactNameAliases_MapToColumns()
    {
        var result = Csv("id,NAME,LastInteractionAt,ContractEndsOn\nC1,甲,2026-01-02T03:04:05Z,2026-12-31\n");
        var row = Assert.Single(result.Rows).Row;
        Assert.Equal(NodaTime.Instant.FromUtc(2026, 1, 2, 3, 4, 5), row.LastInteraction);
        Assert.Equal(new NodaTime.LocalDate(2026, 12, 31), row.ContractEnd);
    }

    [Theory]
    [InlineData("a.csv", "Csv")]
    [InlineData("a.JSON", "Json")]
    [InlineData("a.jsonl", "JsonLines")]
    [InlineData("a.ndjson", "JsonLines")]
    public void FormatFromExtension_KnownExtensions(string path, string expected)
    {
        Assert.Equal(Enum.Parse<InputFormat>(expected), RowReader.FormatFromExtension(path));
    }

    [Fact]
    public void FormatFromExtension_Unknown_IsNull()
    {
        Assert.Null(RowReader.FormatFromExtension("a.txt"));
    }
}
