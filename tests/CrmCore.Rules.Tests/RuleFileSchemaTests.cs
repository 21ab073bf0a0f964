using System.Text;
using CrmCore.Rules.Schema;
using NJsonSchema;

namespace CrmCore.Rules.Tests;

public class RuleFileSchemaTests
{
    private static readonly JsonSchema Schema = JsonSchema.FromJsonAsync(RuleFileSchema.Json).GetAwaiter().GetResult();

    [Fact]
    public void Json_ShippedSchema_EqualsGeneratedFromModel()
    {
        var generated = RuleFileSchema.Generate();
        if (Environment.GetEnvironmentVariable("CRM_UPDATE_SCHEMA") is { Length: > 0 } path)
        {
            File.WriteAllText(path, generated + "\n");
        }

        Assert.Equal(generated.Trim(), RuleFileSchema.Json.Trim());
    }

    [Fact]
    public void Validate_WholeDefaultPack_NoErrors()
    {
        foreach (var name in DefaultRulePack.FileNames)
        {
            var json = Encoding.UTF8.GetString(DefaultRulePack.GetSource(name).Content.Span);
            var errors = Schema.Validate(json);
            Assert.True(errors.Count == 0, name + ": " + string.Join("; ", errors));
        }
    }

    [Theory]
    [InlineData("[{\"WorkflowName\":\"Tagging\",\"Rules\":[{\"RuleName\":\"r\",\"localParams\":[],\"Expression\":\"true\"}]}]")]
    [InlineData("[{\"WorkflowName\":\"Tagging\",\"Rules\":[{\"RuleName\":\"r\",\"Operator\":\"or\",\"Rules\":[]}]}]")]
    [InlineData("[{\"WorkflowName\":\"Taging\",\"Rules\":[{\"RuleName\":\"r\",\"Expression\":\"true\"}]}]")]
    public void Validate_InvalidFile_Errors(string json) => Assert.NotEmpty(Schema.Validate(json));
}
