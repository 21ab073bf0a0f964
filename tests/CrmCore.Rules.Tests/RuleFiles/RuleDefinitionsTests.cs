using System.Text;
using CrmCore.Rules.Loading;
using RulesEngine.Models;

namespace CrmCore.Rules.Tests.RuleFiles;

/// <summary>
/// The parsed definitions turned back into RulesEngine's own model (what the reference evaluator runs): every field carried
/// over, null values left out of properties and action contexts, no actions and no nested rules where the file has none,
/// shared parameters ahead of the workflow's own.
/// </summary>
public class RuleDefinitionsTests
{
    [Fact]
    public void ToRulesEngine_CarriesEveryField()
    {
        var json = ("{'WorkflowName':'W','GlobalParams':[{'Name':'g','Expression':'1'}],'Rules':[" +
            "{'RuleName':'r','Expression':'x > 1','Enabled':false,'SuccessEvent':'ok','ErrorMessage':'bad','LocalParams':[{'Name':'l','Expression':'2'}]," +
            "'Properties':{'s':'a','z':null},'Actions':{'OnFailure':{'Name':'OutputExpression','Context':{'Expression':'y'}}}}," +
            "{'RuleName':'n','Operator':'OrElse','Rules':[{'RuleName':'c','Expression':'true'}]}]}").Replace('\'', '"');
        var workflow = Assert.Single(new RuleFileParser("rules.json", new DiagnosticBag()).Parse(JsonNodeReader.Read(Encoding.UTF8.GetBytes(json))));

        var w = workflow.ToRulesEngine([new ParamDefinition("shared", "0", workflow.Where)]);

        Assert.Equal("W", w.WorkflowName);
        Assert.Equal(RuleExpressionType.LambdaExpression, w.RuleExpressionType);
        Assert.Equal([("shared", "0"), ("g", "1")], w.GlobalParams.Select(p => (p.Name, p.Expression)));
        Assert.Equal([("g", "1")], workflow.ToRulesEngine().GlobalParams.Select(p => (p.Name, p.Expression)));

        var r = w.Rules.First();
        Assert.Equal(("r", "x > 1", false, "ok", "bad", (string?)null), (r.RuleName, r.Expression, r.Enabled, r.SuccessEvent, r.ErrorMessage, r.Operator));
        Assert.Null(r.Rules);
        Assert.Equal([("l", "2")], r.LocalParams.Select(p => (p.Name, p.Expression)));
        Assert.Equal(new Dictionary<string, object> { ["s"] = "a" }, r.Properties);
        Assert.Null(r.Actions.OnSuccess);
        Assert.Equal("OutputExpression", r.Actions.OnFailure.Name);
        Assert.Equal(new Dictionary<string, object> { ["Expression"] = "y" }, r.Actions.OnFailure.Context);

        var n = w.Rules.Last();
        Assert.Equal(("n", "OrElse", true), (n.RuleName, n.Operator, n.Enabled));
        Assert.Null(n.Actions);
        var child = Assert.Single(n.Rules);
        Assert.Equal(("c", "true"), (child.RuleName, child.Expression));
    }
}
