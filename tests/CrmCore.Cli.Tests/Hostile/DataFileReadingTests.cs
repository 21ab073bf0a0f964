using CrmCore.Cli.Input;
using CrmCore.Cli.Output;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CrmCore.Cli.Tests.Hostile;

/// <summary>Every row of a data file ends accepted or rejected with a reason and its real line.</summary>
public class DataFileReadingTests
{
    private const string Header = "Id,Name,AnnualRevenue\n";

    private static RowReadResult<CustomerRow> Csv(string text) => RowReader.Read("c.csv", text, InputFormat.Csv, InputSchemas.Customers, strict: false);

    private static RowReadResult<CustomerRow> Json(string text) => RowReader.Read("c.json", text, InputFormat.Json, InputSchemas.Customers, strict: false);

    [Theory]
    [InlineData("C2,Screen 24\" wide,5\n")]
    [InlineData("C2,\"Acme\" Ltd,5\n")]
    [InlineData("C2,\"unclosed,5\n")]
    public void Csv_MalformedRow_IsRejectedWithItsLineAndReadingGoesOn(string bad)
    {
        var result = Csv(Header + "C1,A,1\n" + bad + "C3,\"multi\nline\",3\nC4,D,4\n");

        Assert.Equal(["C1", "C3", "C4"], result.Rows.Select(r => r.Row.Id));
        Assert.Equal([2, 4, 6], result.Rows.Select(r => r.Line));
        var problem = Assert.Single(result.Problems);
        Assert.Equal((3, RowProblemKind.Malformed), (problem.Line, problem.Kind));
        Assert.Equal(1, result.RejectedRows);
    }

    [Fact]
    public void Csv_LongRows_AreRead()
    {
        var comment = new string('好', 20_000);
        var result = Csv(Header + "C1,\"" + comment + "\",1\nC2," + new string('x', 30_000) + ",2\n");

        Assert.Equal(2, result.Rows.Count);
        Assert.Equal(comment, result.Rows[0].Row.Name);
        Assert.Empty(result.Problems);
    }

    [Fact]
    public void Csv_DuplicateId_IsReportedWithTheFirstLine()
    {
        var result = Csv(Header + "C1,A,1\nC2,B,2\nC1,C,3\n");

        var problem = Assert.Single(result.Problems);
        Assert.Equal((4, RowProblemKind.DuplicateId), (problem.Line, problem.Kind));
        Assert.Contains("line 2", ProblemFormatter.Format(problem, CrmCore.Cli.Localization.CliLanguage.English), StringComparison.Ordinal);
        Assert.Equal(2, result.Rows.Count);
    }

    [Fact]
    public void Json_DuplicateKeyInARow_RejectsTheRow()
    {
        var result = Json("""[{"Id":"C1","Name":"A","AnnualRevenue":1,"AnnualRevenue":1000000}, {"Id":"C2","Name":"B"}]""");

        Assert.Equal(["C2"], result.Rows.Select(r => r.Row.Id));
        Assert.Equal(RowProblemKind.DuplicateColumn, Assert.Single(result.Problems).Kind);
        Assert.Equal(1, result.RejectedRows);
    }

    [Fact]
    public void Json_TextAfterTheClosingBracket_IsAnError()
    {
        var result = Json("[{\"Id\":\"C1\",\"Name\":\"A\"}]\n{\"Id\":\"C2\"}");

        var problem = Assert.Single(result.Problems);
        Assert.Equal((2, RowProblemKind.Malformed), (problem.Line, problem.Kind));
    }

    [Fact]
    public void Json_ErrorColumn_CountsCharactersNotBytes()
    {
        const string text = "[{\"Id\":\"C1\",\"Name\":\"华东精密\" x}]";

        var problem = Assert.Single(Json(text).Problems);

        Assert.Equal(text.IndexOf(" x", StringComparison.Ordinal) + 2, problem.Column);
    }

    [Fact]
    public void JsonLines_MalformedLine_CountsAsRejected()
    {
        var result = RowReader.Read("c.jsonl", "{\"Id\":\"C1\",\"Name\":\"A\"}\n{\"Id\":\"C2\",\n{\"Id\":\"C3\",\"Name\":\"C\"}\n", InputFormat.JsonLines, InputSchemas.Customers, strict: false);

        Assert.Equal(["C1", "C3"], result.Rows.Select(r => r.Row.Id));
        Assert.Equal(1, result.RejectedRows);
        Assert.Equal(2, Assert.Single(result.Problems).Line);
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://x\")")]
    [InlineData("+1-2")]
    [InlineData("@SUM(A1)")]
    [InlineData("-cmd")]
    [InlineData("'=already")]
    public void CsvCells_FormulaLikeText_IsGuardedAndReadsBackTheSame(string text)
    {
        var guarded = CsvCells.Guard(text);

        Assert.StartsWith("'", guarded, StringComparison.Ordinal);
        Assert.Equal(text, CsvCells.Unguard(guarded));
    }

    [Theory]
    [InlineData("-5")]
    [InlineData("plain")]
    [InlineData("'quoted")]
    public void CsvCells_NumbersAndPlainText_AreUnchanged(string text)
    {
        Assert.Equal(text, CsvCells.Guard(text));
        Assert.Equal(text, CsvCells.Unguard(text));
    }

    [Property(MaxTest = 300)]
    public Property Csv_AnyMutation_EveryRowIsAcceptedOrRejectedWithAReason()
    {
        const string valid = Header + "C1,A,1\nC2,\"B, Inc\",2\nC3,\"say \"\"hi\"\"\",3\nC4,D,4\n";
        var gen =
            from pos in Gen.Choose(0, valid.Length)
            from cut in Gen.Choose(0, 3)
            from insert in Gen.Elements("\"", ",", "\n", "\r\n", "x\"", "\"\"", string.Empty, "=1", "\u0000")
            select valid[..pos] + insert + valid[Math.Min(valid.Length, pos + cut)..];
        return Prop.ForAll(Arb.From(gen), text =>
        {
            var result = Csv(text);
            var dataLines = CountRecordsUpperBound(text);
            Assert.All(result.Problems, p => Assert.InRange(p.Line, 1, text.Count(c => c == '\n') + 1));
            Assert.True(result.Rows.Count + result.RejectedRows <= dataLines);
            Assert.True(result.RejectedRows == 0 || result.Problems.Count > 0);
        });
    }

    [Property(MaxTest = 200)]
    public Property Json_RandomByteMutation_NeverThrows()
    {
        const string valid = """[{"Id":"C1","Name":"华东","AnnualRevenue":1,"Tags":["a","b"]},{"Id":"C2","Name":"B"}]""";
        var gen =
            from pos in Gen.Choose(0, valid.Length - 1)
            from c in Gen.Choose(0, 127).Select(i => (char)i)
            select valid[..pos] + c + valid[(pos + 1)..];
        return Prop.ForAll(Arb.From(gen), text =>
        {
            var result = Json(text);
            Assert.True(result.Rows.Count + result.RejectedRows <= 2 || result.Problems.Count > 0);
            Assert.All(result.Problems, p => Assert.True(p.Line >= 1));
        });
    }

    private static int CountRecordsUpperBound(string text) => text.Count(c => c is '\n' or '\r') + 1;
}
