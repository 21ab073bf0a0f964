using System.Text;
using CrmCore.Rules.Diagnostics;
using CrmCore.Rules.Loading;

namespace CrmCore.Rules.Tests.RuleFiles;

/// <summary>
/// Every diagnostic of the rule-file parser, asserted exactly: code, severity, message, the position it points at, the workflow
/// and the rule it names, and the suggestion. A file is written on one line with single quotes for double quotes; the expected
/// position is the first occurrence of a marker in the file, so the test states "the diagnostic points here".
/// </summary>
public class RuleFileParserDiagnosticsTests
{
    private const string Rule = "{'RuleName':'r','Expression':'true'}";

    public static TheoryData<string> Rows => [.. Table.Keys];

    private static readonly Dictionary<string, (string File, Expected[] Diagnostics)> Table = new()
    {
        ["root is a number"] = ("5", [E(RuleDiagnosticCodes.WrongValueType, "5", null, null, "A rule file must be an array of workflows (or one workflow object), not a number.")]),
        ["workflow is a string"] = ("['w']", [E(RuleDiagnosticCodes.WrongValueType, "'w'", null, null, "A workflow must be an object, not a string.")]),
        ["missing WorkflowName"] = ($"[{{'Rules':[{Rule}]}}]", [E(RuleDiagnosticCodes.MissingRequired, "{'Rules'", null, null, "A workflow needs a non-empty `WorkflowName`.")]),
        ["blank WorkflowName"] = ($"{{'WorkflowName':' ','Rules':[{Rule}]}}", [E(RuleDiagnosticCodes.MissingRequired, "{'Work", null, null, "A workflow needs a non-empty `WorkflowName`.")]),
        ["WorkflowName is a number"] = ($"{{'WorkflowName':5,'Rules':[{Rule}]}}",
        [
            E(RuleDiagnosticCodes.WrongValueType, "5", "5", null, "`WorkflowName` must be a string, not a number."),
            E(RuleDiagnosticCodes.MissingRequired, "{'Work", null, null, "A workflow needs a non-empty `WorkflowName`."),
        ]),
        ["missing Rules"] = ("{'WorkflowName':'W'}", [E(RuleDiagnosticCodes.MissingRequired, "{", "W", null, "A workflow needs a `Rules` array.")]),
        ["Rules is a number"] = ("{'WorkflowName':'W','Rules':5}", [E(RuleDiagnosticCodes.WrongValueType, "5", "W", null, "`Rules` must be an array, not a number.")]),
        ["Rules is empty"] = ("{'WorkflowName':'W','Rules':[]}", [E(RuleDiagnosticCodes.MissingRequired, "[]", "W", null, "`Rules` is empty; a workflow needs at least one rule.")]),
        ["a workflow named like Shared is not shared"] = ("{'WorkflowName':'SharedX','Rules':[]}", [E(RuleDiagnosticCodes.MissingRequired, "[]", "SharedX", null, "`Rules` is empty; a workflow needs at least one rule.")]),
        ["shared workflows need no rules"] = ("[{'WorkflowName':'Shared'},{'WorkflowName':'Shared.Limits','Rules':[]}]", []),
        ["mis-cased key"] = ($"{{'WorkflowName':'W','rules':[{Rule}]}}",
        [
            E(RuleDiagnosticCodes.UnknownKey, "'rules'", "W", null, "`rules` is not a key of a workflow (keys are case-sensitive). Did you mean `Rules`?", "Rules"),
            E(RuleDiagnosticCodes.MissingRequired, "{", "W", null, "A workflow needs a `Rules` array."),
        ]),
        ["unknown key"] = ($"{{'WorkflowName':'W','Zzzzzzzzzz':1,'Rules':[{Rule}]}}",
            [E(RuleDiagnosticCodes.UnknownKey, "'Zzzzzzzzzz'", "W", null, $"`Zzzzzzzzzz` is not a key of a workflow (keys are case-sensitive). Known keys of a workflow: {string.Join(", ", KnownKeys.Workflow)}.")]),
        ["duplicate key"] = ($"{{'WorkflowName':'W','Rules':[{Rule}],'WorkflowName':'W'}}", [E(RuleDiagnosticCodes.DuplicateKey, "'WorkflowName':'W'}", "W", null, "`WorkflowName` appears twice in the same object.")]),
        ["removed key"] = ("{'WorkflowName':'W','Rules':[{'RuleName':'r','Expression':'true','SuccessMessage':'x'}]}", [Warn(RuleDiagnosticCodes.RemovedKey, "'SuccessMessage'", "W", "r", "`SuccessMessage` is no longer read by RulesEngine and is ignored; remove it.")]),
        ["workflow reference"] = ($"{{'WorkflowName':'W','WorkflowsToInject':['X'],'Rules':[{Rule}]}}", [E(RuleDiagnosticCodes.WorkflowReferenceNotSupported, "['X']", "W", null, Reference("WorkflowsToInject"))]),
        ["workflow rules reference"] = ($"{{'WorkflowName':'W','WorkflowRulesToInject':'X','Rules':[{Rule}]}}", 
        [
            Warn(RuleDiagnosticCodes.RemovedKey, "'WorkflowRulesToInject'", "W", null, "`WorkflowRulesToInject` is obsolete in RulesEngine 6; remove it."),
            E(RuleDiagnosticCodes.WorkflowReferenceNotSupported, "'X'", "W", null, Reference("WorkflowRulesToInject")),
        ]),
        ["rule's workflow reference"] = ("{'WorkflowName':'W','Rules':[{'RuleName':'r','Expression':'true','WorkflowsToInject':['X']}]}", [E(RuleDiagnosticCodes.WorkflowReferenceNotSupported, "['X']", "W", "r", Reference("WorkflowsToInject"))]),
        ["empty references are fine"] = ("{'WorkflowName':'W','WorkflowsToInject':[],'WorkflowRulesToInject':null,'Rules':[{'RuleName':'r','Expression':'true','WorkflowsToInject':[]}]}", []),
        ["expression type 0"] = ($"{{'WorkflowName':'W','RuleExpressionType':0,'Rules':[{Rule}]}}",
            [Warn(RuleDiagnosticCodes.NumericEnumValue, "0", "W", null, "`RuleExpressionType` is given as the number 0; write \"LambdaExpression\".", "LambdaExpression")]),
        ["expression type 1"] = ($"{{'WorkflowName':'W','RuleExpressionType':1,'Rules':[{Rule}]}}",
            [E(RuleDiagnosticCodes.InvalidEnumValue, "1,", "W", null, "`RuleExpressionType` 1 is not valid; the only value is \"LambdaExpression\".", "LambdaExpression")]),
        ["expression type mis-cased on a rule"] = ("{'WorkflowName':'W','Rules':[{'RuleName':'r','Expression':'true','RuleExpressionType':'lambdaExpression'}]}",
            [E(RuleDiagnosticCodes.InvalidEnumValue, "'lambdaExpression'", "W", "r", "`RuleExpressionType` \"lambdaExpression\" is not valid; the only value is \"LambdaExpression\" (exact spelling).", "LambdaExpression")]),
        ["expression type true"] = ($"{{'WorkflowName':'W','RuleExpressionType':true,'Rules':[{Rule}]}}",
            [E(RuleDiagnosticCodes.InvalidEnumValue, "true,", "W", null, "`RuleExpressionType` \"true\" is not valid; the only value is \"LambdaExpression\" (exact spelling).", "LambdaExpression")]),
        ["expression type spelled right"] = ($"{{'WorkflowName':'W','RuleExpressionType':'LambdaExpression','Rules':[{Rule}]}}", []),
        ["GlobalParams is an object"] = ($"{{'WorkflowName':'W','GlobalParams':{{}},'Rules':[{Rule}]}}",
            [E(RuleDiagnosticCodes.WrongValueType, "{}", "W", null, "`GlobalParams` must be an array of { \"Name\", \"Expression\" } objects, not an object.")]),
        ["GlobalParams entry is a number"] = ($"{{'WorkflowName':'W','GlobalParams':[7],'Rules':[{Rule}]}}",
            [E(RuleDiagnosticCodes.WrongValueType, "7", "W", null, "An entry of `GlobalParams` must be an object, not a number.")]),
        ["GlobalParams entry with an unknown key"] = ($"{{'WorkflowName':'W','GlobalParams':[{{'Nme':'p','Expression':'1'}}],'Rules':[{Rule}]}}",
        [
            E(RuleDiagnosticCodes.UnknownKey, "'Nme'", "W", null, "`Nme` is not a key of a parameter (keys are case-sensitive). Did you mean `Name`?", "Name"),
            E(RuleDiagnosticCodes.MissingRequired, "{'Nme'", "W", null, "An entry of `GlobalParams` needs a non-empty `Name` and `Expression`."),
        ]),
        ["obsolete key twice"] = ($"{{'WorkflowName':'W','WorkflowRulesToInject':[],'Rules':[{Rule}],'WorkflowRulesToInject':[]}}",
        [
            Warn(RuleDiagnosticCodes.RemovedKey, "'WorkflowRulesToInject'", "W", null, "`WorkflowRulesToInject` is obsolete in RulesEngine 6; remove it."),
            E(RuleDiagnosticCodes.DuplicateKey, "'WorkflowRulesToInject':[]}", "W", null, "`WorkflowRulesToInject` appears twice in the same object."),
        ]),
        ["GlobalParams entry without an expression"] = ($"{{'WorkflowName':'W','GlobalParams':[{{'Name':'p'}}],'Rules':[{Rule}]}}",
            [E(RuleDiagnosticCodes.MissingRequired, "{'Name'", "W", null, "An entry of `GlobalParams` needs a non-empty `Name` and `Expression`.")]),
        ["LocalParams entry without a name"] = ("{'WorkflowName':'W','Rules':[{'RuleName':'r','Expression':'true','LocalParams':[{'Expression':'1'}]}]}",
            [E(RuleDiagnosticCodes.MissingRequired, "{'Expression':'1'}", "W", "r", "An entry of `LocalParams` needs a non-empty `Name` and `Expression`.")]),
        ["rule is a number"] = ("{'WorkflowName':'W','Rules':[3]}", [E(RuleDiagnosticCodes.WrongValueType, "3", "W", null, "A rule must be an object, not a number.")]),
        ["rule without a name"] = ("{'WorkflowName':'W','Rules':[{'Expression':'true'}]}", [E(RuleDiagnosticCodes.MissingRequired, "{'Expression'", "W", null, "A rule needs a non-empty `RuleName`.")]),
        ["rule with a blank name"] = ("{'WorkflowName':'W','Rules':[{'RuleName':'','Expression':'true'}]}", [E(RuleDiagnosticCodes.MissingRequired, "{'RuleName'", "W", null, "A rule needs a non-empty `RuleName`.")]),
        ["duplicate rule name"] = ("{'WorkflowName':'W','Rules':[{'RuleName':'r','Expression':'true'},{'RuleName':'r','Expression':'false'}]}",
            [E(RuleDiagnosticCodes.DuplicateRuleName, "{'RuleName':'r','Expression':'false'}", "W", "r", "The rule name `r` is used twice in this workflow; rule names must be unique.")]),
        ["mis-cased operator"] = ($"{{'WorkflowName':'W','Rules':[{{'RuleName':'r','Operator':'and','Rules':[{Rule.Replace("'r'", "'c'", StringComparison.Ordinal)}]}}]}}",
            [E(RuleDiagnosticCodes.InvalidEnumValue, "'and'", "W", "r", "`Operator` \"and\" is not valid; use exactly one of \"And\", \"AndAlso\", \"Or\", \"OrElse\". Did you mean \"And\"?", "And")]),
        ["unknown operator"] = ($"{{'WorkflowName':'W','Rules':[{{'RuleName':'r','Operator':'Xyzzyplugh','Rules':[{Rule.Replace("'r'", "'c'", StringComparison.Ordinal)}]}}]}}",
            [E(RuleDiagnosticCodes.InvalidEnumValue, "'Xyzzyplugh'", "W", "r", "`Operator` \"Xyzzyplugh\" is not valid; use exactly one of \"And\", \"AndAlso\", \"Or\", \"OrElse\".")]),
        ["nested rules without an operator"] = ($"{{'WorkflowName':'W','Rules':[{{'RuleName':'r','Rules':[{Rule.Replace("'r'", "'c'", StringComparison.Ordinal)}]}}]}}",
            [E(RuleDiagnosticCodes.MissingRequired, "{'RuleName':'r'", "W", "r", "A rule with nested `Rules` needs an `Operator` (\"And\", \"AndAlso\", \"Or\" or \"OrElse\").")]),
        ["expression and nested rules"] = ($"{{'WorkflowName':'W','Rules':[{{'RuleName':'r','Expression':'true','Operator':'And','Rules':[{Rule.Replace("'r'", "'c'", StringComparison.Ordinal)}]}}]}}",
            [E(RuleDiagnosticCodes.ConventionViolation, "{'RuleName':'r'", "W", "r", "A rule has either an `Expression` or nested `Rules` with an `Operator`, not both.")]),
        ["rule without an expression"] = ("{'WorkflowName':'W','Rules':[{'RuleName':'r'}]}", [E(RuleDiagnosticCodes.MissingRequired, "{'RuleName'", "W", "r", "A rule needs a non-empty `Expression` (or nested `Rules` with an `Operator`).")]),
        ["rule with a blank expression"] = ("{'WorkflowName':'W','Rules':[{'RuleName':'r','Expression':' '}]}", [E(RuleDiagnosticCodes.MissingRequired, "{'RuleName'", "W", "r", "A rule needs a non-empty `Expression` (or nested `Rules` with an `Operator`).")]),
        ["nested Rules is a string"] = ("{'WorkflowName':'W','Rules':[{'RuleName':'r','Operator':'And','Rules':'x'}]}", [E(RuleDiagnosticCodes.WrongValueType, "'x'", "W", "r", "`Rules` must be an array, not a string.")]),
        ["Enabled is a string"] = ("{'WorkflowName':'W','Rules':[{'RuleName':'r','Expression':'true','Enabled':'yes'}]}", [E(RuleDiagnosticCodes.WrongValueType, "'yes'", "W", "r", "`Enabled` must be true or false, not a string.")]),
        ["SuccessEvent is a number"] = ("{'WorkflowName':'W','Rules':[{'RuleName':'r','Expression':'true','SuccessEvent':9}]}", [E(RuleDiagnosticCodes.WrongValueType, "9", "W", "r", "`SuccessEvent` must be a string, not a number.")]),
        ["Properties is an array"] = ("{'WorkflowName':'W','Rules':[{'RuleName':'r','Expression':'true','Properties':[]}]}", [E(RuleDiagnosticCodes.WrongValueType, "[]", "W", "r", "`Properties` must be an object, not an array.")]),
        ["duplicate property"] = ("{'WorkflowName':'W','Rules':[{'RuleName':'r','Expression':'true','Properties':{'Tag':'a','Tag':'b'}}]}",
            [E(RuleDiagnosticCodes.DuplicateKey, "'Tag':'b'", "W", "r", "`Properties.Tag` appears twice; which value is meant is unclear, so neither is used.")]),
        ["Actions is a number"] = ("{'WorkflowName':'W','Rules':[{'RuleName':'r','Expression':'true','Actions':1}]}", [E(RuleDiagnosticCodes.WrongValueType, "1}", "W", "r", "`Actions` must be an object, not a number.")]),
        ["unknown Actions key"] = ("{'WorkflowName':'W','Rules':[{'RuleName':'r','Expression':'true','Actions':{'onSuccess':null}}]}",
            [E(RuleDiagnosticCodes.UnknownKey, "'onSuccess'", "W", "r", "`onSuccess` is not a key of `Actions` (keys are case-sensitive). Did you mean `OnSuccess`?", "OnSuccess")]),
        ["action is a number"] = ("{'WorkflowName':'W','Rules':[{'RuleName':'r','Expression':'true','Actions':{'OnSuccess':2}}]}", [E(RuleDiagnosticCodes.WrongValueType, "2", "W", "r", "An action must be an object, not a number.")]),
        ["unsupported action"] = ("{'WorkflowName':'W','Rules':[{'RuleName':'r','Expression':'true','Actions':{'OnFailure':{'Name':'EvaluateRule'}}}]}",
            [E(RuleDiagnosticCodes.UnsupportedAction, "{'Name'", "W", "r", "Action `EvaluateRule` is not supported; CrmCore rules use only \"OutputExpression\" (exact spelling) with a `Context.Expression`.", "OutputExpression")]),
        ["action without a context"] = ("{'WorkflowName':'W','Rules':[{'RuleName':'r','Expression':'true','Actions':{'OnSuccess':{'Name':'OutputExpression'}}}]}",
            [E(RuleDiagnosticCodes.MissingRequired, "{'Name'", "W", "r", "An \"OutputExpression\" action needs a `Context` object with an `Expression`.")]),
        ["action context is a string"] = ("{'WorkflowName':'W','Rules':[{'RuleName':'r','Expression':'true','Actions':{'OnSuccess':{'Name':'OutputExpression','Context':'x'}}}]}",
            [E(RuleDiagnosticCodes.MissingRequired, "{'Name'", "W", "r", "An \"OutputExpression\" action needs a `Context` object with an `Expression`.")]),
        ["mis-cased context key"] = ("{'WorkflowName':'W','Rules':[{'RuleName':'r','Expression':'true','Actions':{'OnSuccess':{'Name':'OutputExpression','Context':{'expression':'1','Expression':'1'}}}}]}",
            [E(RuleDiagnosticCodes.UnknownKey, "'expression'", "W", "r", "`expression` is not a key of an OutputExpression context. Did you mean `Expression`?", "Expression")]),
        ["unknown context key"] = ("{'WorkflowName':'W','Rules':[{'RuleName':'r','Expression':'true','Actions':{'OnSuccess':{'Name':'OutputExpression','Context':{'Zzzzzzzzzz':1,'Expression':'1'}}}}]}",
            [E(RuleDiagnosticCodes.UnknownKey, "'Zzzzzzzzzz'", "W", "r", "`Zzzzzzzzzz` is not a key of an OutputExpression context. The only key is `Expression`.")]),
        ["context expression twice"] = ("{'WorkflowName':'W','Rules':[{'RuleName':'r','Expression':'true','Actions':{'OnSuccess':{'Name':'OutputExpression','Context':{'Expression':'1','Expression':'2'}}}}]}",
            [E(RuleDiagnosticCodes.DuplicateKey, "'Expression':'2'", "W", "r", "`Context.Expression` appears twice in the same object.")]),
        ["context expression is a number"] = ("{'WorkflowName':'W','Rules':[{'RuleName':'r','Expression':'true','Actions':{'OnSuccess':{'Name':'OutputExpression','Context':{'Expression':1}}}}]}",
            [E(RuleDiagnosticCodes.MissingRequired, "{'Expression'", "W", "r", "An \"OutputExpression\" action needs a non-empty string `Context.Expression`.")]),
        ["context expression is blank"] = ("{'WorkflowName':'W','Rules':[{'RuleName':'r','Expression':'true','Actions':{'OnSuccess':{'Name':'OutputExpression','Context':{'Expression':' '}}}}]}",
            [E(RuleDiagnosticCodes.MissingRequired, "{'Expression'", "W", "r", "An \"OutputExpression\" action needs a non-empty string `Context.Expression`.")]),
        ["empty context"] = ("{'WorkflowName':'W','Rules':[{'RuleName':'r','Expression':'true','Actions':{'OnSuccess':{'Name':'OutputExpression','Context':{}}}}]}",
            [E(RuleDiagnosticCodes.MissingRequired, "{}", "W", "r", "An \"OutputExpression\" action needs a non-empty string `Context.Expression`.")]),
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void Parse_File_ReportsExactlyTheseDiagnostics(string row)
    {
        var (file, expected) = Table[row];
        var json = file.Replace('\'', '"');

        var actual = Parse(json, out _).Select(d => new Expected(d.Code, d.Severity, d.Line, d.Column, d.WorkflowName, d.RuleName, d.Message, d.Suggestion) { File = d.File });

        Assert.Equal(expected.Select(e => e.Locate(json)), actual);
    }

    [Fact]
    public void Parse_ValidFile_KeepsEveryValueWithItsPlace()
    {
        var json = ("{'WorkflowName':'W','GlobalParams':[{'Name':'g','Expression':'1'}],'Rules':[" +
            "{'RuleName':'r','Expression':'x > 1','Enabled':false,'SuccessEvent':'ok','ErrorMessage':'bad','LocalParams':[{'Name':'l','Expression':'2'}]," +
            "'Properties':{'s':'a','n':2.5,'big':1e400,'t':true,'f':false,'z':null}," +
            "'Actions':{'OnSuccess':{'Name':'OutputExpression','Context':{'Expression':'x'}},'OnFailure':{'Name':'OutputExpression','Context':{'Expression':'y'}}}}," +
            "{'RuleName':'n','Operator':'OrElse','Rules':[{'RuleName':'c','Expression':'true'}]}]}").Replace('\'', '"');

        var diagnostics = Parse(json, out var workflows);

        Assert.Empty(diagnostics);
        var w = Assert.Single(workflows);
        Assert.Equal("W", w.Name);
        Assert.Equal(("g", "1"), (Assert.Single(w.GlobalParams).Name, w.GlobalParams[0].Expression));
        var r = w.Rules[0];
        Assert.Equal(("r", "x > 1", false, "ok", "bad"), (r.Name, r.Expression, r.Enabled, r.SuccessEvent, r.ErrorMessage));
        Assert.Equal(json.IndexOf("'x > 1'".Replace('\'', '"'), StringComparison.Ordinal) + 1, r.ExpressionWhere!.Column);
        Assert.Equal(("l", "2"), (Assert.Single(r.LocalParams).Name, r.LocalParams[0].Expression));
        Assert.Equal(new Dictionary<string, object?> { ["s"] = "a", ["n"] = 2.5m, ["big"] = "1e400", ["t"] = true, ["f"] = false, ["z"] = null }, r.Properties);
        Assert.Equal(("x", "y"), (r.OnSuccess!.Expression, r.OnFailure!.Expression));
        var n = w.Rules[1];
        Assert.Equal(("OrElse", true, (string?)null), (n.Operator, n.Enabled, n.Expression));
        Assert.Equal("c", Assert.Single(n.Children).Name);
    }

    [Fact]
    public void Parse_SeveralProblems_ReportsAllOfThemNotTheFirstOnly()
    {
        var json = "[{'WorkflowName':'A','Rules':[]},{'WorkflowName':'B','Rules':[{'RuleName':'r'}]},5]".Replace('\'', '"');

        Assert.Equal(
            [RuleDiagnosticCodes.MissingRequired, RuleDiagnosticCodes.MissingRequired, RuleDiagnosticCodes.WrongValueType],
            Parse(json, out var workflows).Select(d => d.Code));
        Assert.Equal(["A", "B"], workflows.Select(w => w.Name));
    }

    private static IReadOnlyList<RuleDiagnostic> Parse(string json, out List<WorkflowDefinition> workflows)
    {
        var bag = new DiagnosticBag();
        workflows = new RuleFileParser("rules.json", bag).Parse(JsonNodeReader.Read(Encoding.UTF8.GetBytes(json)));
        return bag.Items;
    }

    private static string Reference(string key) =>
        $"`{key}` (references to other workflows) is not supported by CrmCore: RulesEngine 6.0.1 corrupts cached workflows when they are recompiled. Copy the rules into this workflow instead.";

    private static Expected E(string code, string marker, string? workflow, string? rule, string message, string? suggestion = null) =>
        new(code, RuleSeverity.Error, 0, 0, workflow, rule, message, suggestion) { Marker = marker };

    private static Expected Warn(string code, string marker, string? workflow, string? rule, string message, string? suggestion = null) =>
        new(code, RuleSeverity.Warning, 0, 0, workflow, rule, message, suggestion) { Marker = marker };

    /// <summary>One expected diagnostic; its line and column come from the first occurrence of <see cref="Marker"/> in the file.</summary>
    public sealed record Expected(string Code, RuleSeverity Severity, int Line, int Column, string? Workflow, string? Rule, string Message, string? Suggestion)
    {
        public string File { get; init; } = "rules.json";

        public string? Marker { get; init; }

        public Expected Locate(string json)
        {
            var at = json.IndexOf(Marker!.Replace('\'', '"'), StringComparison.Ordinal);
            Assert.True(at >= 0, $"marker {Marker} is not in the file");
            return this with { Line = 1, Column = at + 1, Marker = null };
        }

        public override string ToString() => $"{Severity} {Code} 1:{Column} [{Workflow}/{Rule}] {Message} (suggest {Suggestion})";
    }
}
