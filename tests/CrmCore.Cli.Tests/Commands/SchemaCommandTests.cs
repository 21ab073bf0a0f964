using System.Text.Json;
using CrmCore.Cli.Input;
using CrmCore.Cli.Tests.Infrastructure;

namespace CrmCore.Cli.Tests.Commands;

public sealed class SchemaCommandTests
{
    [Theory]
    [InlineData("customers", "Id", "Name")]
    [InlineData("tickets", "Id", "CustomerId", "RaisedAt")]
    [InlineData("surveys", "TicketId", "AnsweredAt", "Csat")]
    public void Schema_DataKinds_PrintsJsonSchemaWithRequiredFields(string kind, params string[] required)
    {
        var run = Crm.Run("schema", kind);
        Assert.True(run.ExitCode == 0, run.ToString());
        using var json = JsonDocument.Parse(run.Out);
        var root = json.RootElement;
        Assert.Equal("https://json-schema.org/draft/2020-12/schema", root.GetProperty("$schema").GetString());
        Assert.Equal(required, root.GetProperty("required").EnumerateArray().Select(e => e.GetString()));
        Assert.False(root.GetProperty("additionalProperties").GetBoolean());
    }

    [Fact]
    public void Schema_Customers_ListsEveryReaderField()
    {
        var run = Crm.Run("schema", "customers");
        using var json = JsonDocument.Parse(run.Out);
        var names = json.RootElement.GetProperty("properties").EnumerateObject().Select(p => p.Name);
        Assert.Equal(InputSchemas.Customers.Fields.Select(f => f.Name), names);
    }

    [Fact]
    public void Schema_Surveys_CsatRangeIsOneToFive()
    {
        var run = Crm.Run("schema", "surveys");
        using var json = JsonDocument.Parse(run.Out);
        var csat = json.RootElement.GetProperty("properties").GetProperty("Csat");
        Assert.Equal((1, 5), (csat.GetProperty("minimum").GetInt32(), csat.GetProperty("maximum").GetInt32()));
    }

    [Fact]
    public void Schema_Rules_PrintsRuleFileSchema()
    {
        var run = Crm.Run("schema", "rules");
        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Out);
        Assert.Equal("CrmCore rule file", json.RootElement.GetProperty("title").GetString());
    }
}
