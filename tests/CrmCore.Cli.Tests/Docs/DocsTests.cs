using CrmCore.Cli.Input;
using CrmCore.Cli.Tests.Infrastructure;

namespace CrmCore.Cli.Tests.Docs;

/// <summary>Keeps docs/formats.md in step with the readers.</summary>
public sealed class DocsTests
{
    private static readonly string Formats = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "formats.md"));

    public static TheoryData<string> AllColumns()
    {
        var data = new TheoryData<string>();
        foreach (var name in InputSchemas.Customers.Fields.Concat(InputSchemas.Tickets.Fields).Concat(InputSchemas.Surveys.Fields).Select(f => f.Name).Distinct())
        {
            data.Add(name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AllColumns))]
    public void FormatsDoc_DocumentsEveryColumn(string column)
    {
        Assert.Contains($"| `{column}` |", Formats, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("CLI101")]
    [InlineData("CLI102")]
    [InlineData("CLI103")]
    [InlineData("CLI104")]
    [InlineData("CLI105")]
    [InlineData("CLI106")]
    [InlineData("CLI107")]
    public void FormatsDoc_DocumentsEveryProblemCode(string code)
    {
        Assert.Contains($"| {code} |", Formats, StringComparison.Ordinal);
    }
}
