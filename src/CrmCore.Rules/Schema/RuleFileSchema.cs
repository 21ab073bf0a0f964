using NJsonSchema;
using NJsonSchema.Generation;
using RulesEngine.Models;

namespace CrmCore.Rules.Schema;

/// <summary>
/// The JSON Schema of CrmCore rule files, generated with NJsonSchema from RulesEngine's own model (<see cref="Workflow"/>,
/// <see cref="Rule"/>, <see cref="ScopedParam"/>, <see cref="RuleActions"/>, <see cref="ActionInfo"/>) and tightened to what the
/// strict loader accepts: no unknown keys, exact <c>Operator</c> and <c>RuleExpressionType</c> values, the kinds' workflow names and
/// the <c>OutputExpression</c> action. Point editors at it with <c>"$schema"</c>-less association (the file is an array) or a
/// workspace setting. Thread-safe.
/// </summary>
public static class RuleFileSchema
{
    private static readonly Lazy<string> Embedded = new(ReadEmbedded);

    /// <summary>The shipped schema text (embedded in the assembly; identical to <c>docs/rules.schema.json</c>).</summary>
    public static string Json => Embedded.Value;

    /// <summary>Generates the schema from the model (what the shipped file was made from).</summary>
    /// <returns>The schema as indented JSON.</returns>
    public static string Generate()
    {
        var settings = new SystemTextJsonSchemaGeneratorSettings
        {
            SchemaType = SchemaType.JsonSchema,
            DefaultReferenceTypeNullHandling = ReferenceTypeNullHandling.Null,
            GenerateAbstractProperties = false,
            FlattenInheritanceHierarchy = true,
        };
        var schema = JsonSchema.FromType<List<Workflow>>(settings);
        schema.Title = "CrmCore rule file";
        schema.Description = "An array of RulesEngine workflows read strictly by CrmCore.Rules. See docs/rules.md.";
        foreach (var def in schema.Definitions.Values)
        {
            def.AllowAdditionalProperties = def.Properties.Count == 0;
        }

        schema.Definitions.Remove(nameof(RuleExpressionType));
        var workflow = schema.Definitions[nameof(Workflow)];
        workflow.Properties[nameof(Workflow.WorkflowName)].Type = JsonObjectType.String;
        workflow.Properties[nameof(Workflow.Rules)].Type = JsonObjectType.Array;
        workflow.Properties[nameof(Workflow.Rules)].MinItems = 1;
        workflow.Properties[nameof(Workflow.WorkflowsToInject)].MaxItems = 0;
        workflow.Properties[nameof(Workflow.WorkflowsToInject)].Description = "Not supported by CrmCore (must be null or empty): copy the rules instead.";
        workflow.Properties.Remove("WorkflowRulesToInject");
        workflow.RequiredProperties.Add(nameof(Workflow.WorkflowName));
        // `Rules` is not required here only because a Shared workflow holds GlobalParams alone; the loader requires it elsewhere.
        workflow.Properties[nameof(Workflow.Rules)].Description = "The rules (at least one); left out only in a Shared workflow.";
        workflow.Properties[nameof(Workflow.WorkflowName)].Pattern = @"^(Tiering|Tagging|Priority|Routing|ChurnRisk|Escalation|Shared)(\..+)?$";
        workflow.Properties[nameof(Workflow.WorkflowName)].Description = "The kind (Tiering, Tagging, Priority, Routing, ChurnRisk, Escalation, or Shared for values every workflow sees), optionally followed by '.' and a suffix.";
        FixExpressionType(workflow);

        var rule = schema.Definitions[nameof(Rule)];
        rule.RequiredProperties.Add(nameof(Rule.RuleName));
        rule.Properties[nameof(Rule.RuleName)].Type = JsonObjectType.String;
        rule.Properties[nameof(Rule.RuleName)].MinLength = 1;
        rule.Properties[nameof(Rule.WorkflowsToInject)].MaxItems = 0;
        rule.Properties[nameof(Rule.SuccessEvent)].Description = "Tier name (Tiering), tag name (Tagging), target group (Routing) or the reason shown to users.";
        var op = rule.Properties[nameof(Rule.Operator)];
        op.Type = JsonObjectType.String | JsonObjectType.Null;
        foreach (var v in new[] { "And", "AndAlso", "Or", "OrElse" })
        {
            op.Enumeration.Add(v);
        }

        op.Enumeration.Add(null);
        FixExpressionType(rule);

        var action = schema.Definitions[nameof(ActionInfo)];
        action.Properties[nameof(ActionInfo.Name)].Enumeration.Add("OutputExpression");
        return schema.ToJson();
    }

    private static void FixExpressionType(JsonSchema owner)
    {
        var p = owner.Properties[nameof(Rule.RuleExpressionType)];
        p.Reference = null;
        p.OneOf.Clear();
        p.AllOf.Clear();
        p.Type = JsonObjectType.String | JsonObjectType.Integer;
        p.Enumeration.Clear();
        p.Enumeration.Add("LambdaExpression");
        p.Enumeration.Add(0);
        p.Description = "Only \"LambdaExpression\" (the number 0 is accepted with a warning).";
    }

    private static string ReadEmbedded()
    {
        using var stream = typeof(RuleFileSchema).Assembly.GetManifestResourceStream("CrmCore.Rules.rules.schema.json")
            ?? throw new InvalidOperationException("The embedded rules.schema.json is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
