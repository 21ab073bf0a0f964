using System.Globalization;
using System.Text.Json;
using CrmCore.Rules.Diagnostics;

namespace CrmCore.Rules.Loading;

/// <summary>
/// Turns the positioned JSON tree into workflow definitions, checking every key against RulesEngine's model (case-sensitive),
/// every enum value exactly and every value's JSON type. Reports all problems, never stops at the first.
/// </summary>
internal sealed class RuleFileParser
{
    private static readonly string[] Operators = ["And", "AndAlso", "Or", "OrElse"];
    private readonly string _file;
    private readonly DiagnosticBag _bag;

    public RuleFileParser(string file, DiagnosticBag bag)
    {
        _file = file;
        _bag = bag;
    }

    public List<WorkflowDefinition> Parse(JNode root)
    {
        var result = new List<WorkflowDefinition>();
        if (root.Kind == JsonValueKind.Object)
        {
            // RulesEngine's own test files hold a single workflow object; accept it as a list of one.
            AddIfNotNull(result, ParseWorkflow(root));
        }
        else if (root.Kind == JsonValueKind.Array)
        {
            foreach (var item in root.Items)
            {
                AddIfNotNull(result, ParseWorkflow(item));
            }
        }
        else
        {
            _bag.Error(RuleDiagnosticCodes.WrongValueType, $"A rule file must be an array of workflows (or one workflow object), not {root.KindName}.", Where(root));
        }

        return result;
    }

    private static void AddIfNotNull<T>(List<T> list, T? item)
        where T : class
    {
        if (item is not null)
        {
            list.Add(item);
        }
    }

    private SourceRef Where(JNode n) => new(_file, n.Path, n.Line, n.Column);

    private SourceRef Where(JProperty p) => new(_file, p.Value.Path, p.Line, p.Column);

    private Dictionary<string, JProperty> CheckKeys(JNode obj, IReadOnlyList<string> known, string what, string? workflow, string? rule)
    {
        var map = new Dictionary<string, JProperty>(StringComparer.Ordinal);
        foreach (var p in obj.Properties)
        {
            if (KnownKeys.Removed.Contains(p.Name))
            {
                _bag.Warning(RuleDiagnosticCodes.RemovedKey, $"`{p.Name}` is no longer read by RulesEngine and is ignored; remove it.", Where(p), workflow, rule);
                continue;
            }

            if (!known.Contains(p.Name))
            {
                var suggestion = KnownKeys.Suggest(p.Name, known);
                var hint = suggestion is null ? $" Known keys of {what}: {string.Join(", ", known)}." : $" Did you mean `{suggestion}`?";
                _bag.Error(RuleDiagnosticCodes.UnknownKey, $"`{p.Name}` is not a key of {what} (keys are case-sensitive).{hint}", Where(p), workflow, rule, suggestion);
                continue;
            }

            if (!map.TryAdd(p.Name, p))
            {
                _bag.Error(RuleDiagnosticCodes.DuplicateKey, $"`{p.Name}` appears twice in the same object.", Where(p), workflow, rule);
                continue;
            }

            if (KnownKeys.Obsolete.Contains(p.Name) && p.Value.Kind != JsonValueKind.Null)
            {
                _bag.Warning(RuleDiagnosticCodes.RemovedKey, $"`{p.Name}` is obsolete in RulesEngine 6; remove it.", Where(p), workflow, rule);
            }
        }

        return map;
    }

    private static JNode? Get(Dictionary<string, JProperty> map, string key)
        => map.TryGetValue(key, out var p) && p.Value.Kind != JsonValueKind.Null ? p.Value : null;

    private string? GetString(Dictionary<string, JProperty> map, string key, string? workflow, string? rule)
    {
        var n = Get(map, key);
        if (n is null)
        {
            return null;
        }

        if (n.Kind != JsonValueKind.String)
        {
            _bag.Error(RuleDiagnosticCodes.WrongValueType, $"`{key}` must be a string, not {n.KindName}.", Where(n), workflow, rule);
            return null;
        }

        return n.Text;
    }

    private WorkflowDefinition? ParseWorkflow(JNode node)
    {
        if (node.Kind != JsonValueKind.Object)
        {
            _bag.Error(RuleDiagnosticCodes.WrongValueType, $"A workflow must be an object, not {node.KindName}.", Where(node));
            return null;
        }

        var pre = node.Properties.FirstOrDefault(p => p.Name == "WorkflowName")?.Value.Text;
        var map = CheckKeys(node, KnownKeys.Workflow, "a workflow", pre, null);
        var name = GetString(map, "WorkflowName", pre, null);
        if (string.IsNullOrWhiteSpace(name))
        {
            _bag.Error(RuleDiagnosticCodes.MissingRequired, "A workflow needs a non-empty `WorkflowName`.", Where(node));
            name = null;
        }

        CheckWorkflowReferences(map, "WorkflowsToInject", name, null);
        CheckWorkflowReferences(map, "WorkflowRulesToInject", name, null);
        CheckExpressionType(map, name, null);

        var globals = ParseParams(map, "GlobalParams", name, null);
        var rules = new List<RuleDefinition>();
        var rulesNode = Get(map, "Rules");
        if (rulesNode is null)
        {
            if (!IsShared(name))
            {
                _bag.Error(RuleDiagnosticCodes.MissingRequired, "A workflow needs a `Rules` array.", Where(node), name);
            }
        }
        else if (rulesNode.Kind != JsonValueKind.Array)
        {
            _bag.Error(RuleDiagnosticCodes.WrongValueType, $"`Rules` must be an array, not {rulesNode.KindName}.", Where(rulesNode), name);
        }
        else
        {
            rules = ParseRules(rulesNode, name);
        }

        return name is null ? null : new WorkflowDefinition { Name = name, Where = Where(node), GlobalParams = globals, Rules = rules };
    }

    /// <summary>A <c>Shared</c> workflow holds only <c>GlobalParams</c> (values every workflow sees), so it may have no rules.</summary>
    private static bool IsShared(string? workflow)
        => workflow is not null && (workflow == nameof(WorkflowKind.Shared) || workflow.StartsWith(nameof(WorkflowKind.Shared) + ".", StringComparison.Ordinal));

    private List<RuleDefinition> ParseRules(JNode array, string? workflow)
    {
        var rules = new List<RuleDefinition>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in array.Items)
        {
            var r = ParseRule(item, workflow);
            if (r is null)
            {
                continue;
            }

            if (!names.Add(r.Name))
            {
                _bag.Error(RuleDiagnosticCodes.DuplicateRuleName, $"The rule name `{r.Name}` is used twice in this workflow; rule names must be unique.", r.Where, workflow, r.Name);
            }

            rules.Add(r);
        }

        if (array.Items.Count == 0 && !IsShared(workflow))
        {
            _bag.Error(RuleDiagnosticCodes.MissingRequired, "`Rules` is empty; a workflow needs at least one rule.", Where(array), workflow);
        }

        return rules;
    }

    private void CheckWorkflowReferences(Dictionary<string, JProperty> map, string key, string? workflow, string? rule)
    {
        var n = Get(map, key);
        if (n is not null && !(n.Kind == JsonValueKind.Array && n.Items.Count == 0))
        {
            _bag.Error(
                RuleDiagnosticCodes.WorkflowReferenceNotSupported,
                $"`{key}` (references to other workflows) is not supported by CrmCore: RulesEngine 6.0.1 corrupts cached workflows when they are recompiled. Copy the rules into this workflow instead.",
                Where(n),
                workflow,
                rule);
        }
    }

    private void CheckExpressionType(Dictionary<string, JProperty> map, string? workflow, string? rule)
    {
        var n = Get(map, "RuleExpressionType");
        if (n is null)
        {
            return;
        }

        if (n.Kind == JsonValueKind.Number)
        {
            if (n.Text == "0")
            {
                _bag.Warning(RuleDiagnosticCodes.NumericEnumValue, "`RuleExpressionType` is given as the number 0; write \"LambdaExpression\".", Where(n), workflow, rule, "LambdaExpression");
            }
            else
            {
                _bag.Error(RuleDiagnosticCodes.InvalidEnumValue, $"`RuleExpressionType` {n.Text} is not valid; the only value is \"LambdaExpression\".", Where(n), workflow, rule, "LambdaExpression");
            }
        }
        else if (n.Kind != JsonValueKind.String || n.Text != "LambdaExpression")
        {
            _bag.Error(RuleDiagnosticCodes.InvalidEnumValue, $"`RuleExpressionType` \"{n.Text}\" is not valid; the only value is \"LambdaExpression\" (exact spelling).", Where(n), workflow, rule, "LambdaExpression");
        }
    }

    private List<ParamDefinition> ParseParams(Dictionary<string, JProperty> map, string key, string? workflow, string? rule)
    {
        var list = new List<ParamDefinition>();
        var n = Get(map, key);
        if (n is null)
        {
            return list;
        }

        if (n.Kind != JsonValueKind.Array)
        {
            _bag.Error(RuleDiagnosticCodes.WrongValueType, $"`{key}` must be an array of {{ \"Name\", \"Expression\" }} objects, not {n.KindName}.", Where(n), workflow, rule);
            return list;
        }

        foreach (var item in n.Items)
        {
            if (item.Kind != JsonValueKind.Object)
            {
                _bag.Error(RuleDiagnosticCodes.WrongValueType, $"An entry of `{key}` must be an object, not {item.KindName}.", Where(item), workflow, rule);
                continue;
            }

            var pm = CheckKeys(item, KnownKeys.ScopedParam, "a parameter", workflow, rule);
            var name = GetString(pm, "Name", workflow, rule);
            var expr = GetString(pm, "Expression", workflow, rule);
            if (string.IsNullOrWhiteSpace(name) || string.IsNullOrWhiteSpace(expr))
            {
                _bag.Error(RuleDiagnosticCodes.MissingRequired, $"An entry of `{key}` needs a non-empty `Name` and `Expression`.", Where(item), workflow, rule);
                continue;
            }

            var exprNode = Get(pm, "Expression")!;
            list.Add(new ParamDefinition(name, expr, Where(exprNode)));
        }

        return list;
    }

    private RuleDefinition? ParseRule(JNode node, string? workflow)
    {
        if (node.Kind != JsonValueKind.Object)
        {
            _bag.Error(RuleDiagnosticCodes.WrongValueType, $"A rule must be an object, not {node.KindName}.", Where(node), workflow);
            return null;
        }

        // A mis-cased `rulename` still names the rule in the diagnostics, and the rule's other keys are still checked.
        var pre = node.Properties.FirstOrDefault(p => p.Name == "RuleName")?.Value.Text
            ?? node.Properties.FirstOrDefault(p => string.Equals(p.Name, "RuleName", StringComparison.OrdinalIgnoreCase) && p.Value.Kind == JsonValueKind.String)?.Value.Text;
        var map = CheckKeys(node, KnownKeys.Rule, "a rule", workflow, pre);
        var name = GetString(map, "RuleName", workflow, pre);
        if (string.IsNullOrWhiteSpace(name))
        {
            name = null;

            // A mis-cased key (CRM003) or a value of the wrong type (CRM002) has been reported already; one problem, one diagnostic.
            var reported = node.Properties.Any(p => string.Equals(p.Name, "RuleName", StringComparison.OrdinalIgnoreCase)
                && (p.Name != "RuleName" || p.Value.Kind is not (JsonValueKind.String or JsonValueKind.Null)));
            if (!reported)
            {
                _bag.Error(RuleDiagnosticCodes.MissingRequired, "A rule needs a non-empty `RuleName`.", Where(node), workflow);
            }
        }

        var label = name ?? (string.IsNullOrWhiteSpace(pre) ? null : pre);

        CheckWorkflowReferences(map, "WorkflowsToInject", workflow, label);
        CheckExpressionType(map, workflow, label);

        var op = GetString(map, "Operator", workflow, label);
        if (op is not null && !Operators.Contains(op))
        {
            var suggestion = KnownKeys.Suggest(op, Operators);
            _bag.Error(RuleDiagnosticCodes.InvalidEnumValue, $"`Operator` \"{op}\" is not valid; use exactly one of {string.Join(", ", Operators.Select(o => "\"" + o + "\""))}.{(suggestion is null ? string.Empty : $" Did you mean \"{suggestion}\"?")}", Where(Get(map, "Operator")!), workflow, label, suggestion);
        }

        var expr = GetString(map, "Expression", workflow, label);
        var children = new List<RuleDefinition>();
        var childNode = Get(map, "Rules");
        if (childNode is not null)
        {
            if (childNode.Kind != JsonValueKind.Array)
            {
                _bag.Error(RuleDiagnosticCodes.WrongValueType, $"`Rules` must be an array, not {childNode.KindName}.", Where(childNode), workflow, label);
            }
            else
            {
                children = ParseRules(childNode, workflow);
            }
        }

        if (children.Count > 0 && op is null)
        {
            _bag.Error(RuleDiagnosticCodes.MissingRequired, "A rule with nested `Rules` needs an `Operator` (\"And\", \"AndAlso\", \"Or\" or \"OrElse\").", Where(node), workflow, label);
        }

        if (children.Count > 0 && expr is not null)
        {
            _bag.Error(RuleDiagnosticCodes.ConventionViolation, "A rule has either an `Expression` or nested `Rules` with an `Operator`, not both.", Where(node), workflow, label);
        }

        if (children.Count == 0 && string.IsNullOrWhiteSpace(expr) && childNode is null && Get(map, "Expression") is not { Kind: not JsonValueKind.String })
        {
            _bag.Error(RuleDiagnosticCodes.MissingRequired, "A rule needs a non-empty `Expression` (or nested `Rules` with an `Operator`).", Where(node), workflow, label);
        }

        var enabled = true;
        var en = Get(map, "Enabled");
        if (en is not null)
        {
            if (en.Kind is JsonValueKind.True or JsonValueKind.False)
            {
                enabled = en.Kind == JsonValueKind.True;
            }
            else
            {
                _bag.Error(RuleDiagnosticCodes.WrongValueType, $"`Enabled` must be true or false, not {en.KindName}.", Where(en), workflow, label);
            }
        }

        var (props, propWhere) = ParseProperties(Get(map, "Properties"), workflow, label);
        ActionDefinition? onSuccess = null, onFailure = null;
        var actions = Get(map, "Actions");
        if (actions is not null)
        {
            if (actions.Kind != JsonValueKind.Object)
            {
                _bag.Error(RuleDiagnosticCodes.WrongValueType, $"`Actions` must be an object, not {actions.KindName}.", Where(actions), workflow, label);
            }
            else
            {
                var am = CheckKeys(actions, KnownKeys.RuleActions, "`Actions`", workflow, label);
                onSuccess = ParseAction(Get(am, "OnSuccess"), workflow, label);
                onFailure = ParseAction(Get(am, "OnFailure"), workflow, label);
            }
        }

        var exprNode = Get(map, "Expression");
        var localParams = ParseParams(map, "LocalParams", workflow, label);
        var successEvent = GetString(map, "SuccessEvent", workflow, label);
        var errorMessage = GetString(map, "ErrorMessage", workflow, label);
        if (label is null)
        {
            return null;
        }

        // A rule known only by a mis-cased or mistyped name is still compiled, so its expression's problems are reported too;
        // the error above keeps the set from loading.
        return new RuleDefinition
        {
            Name = label,
            Where = Where(node),
            Expression = expr,
            ExpressionWhere = exprNode is null ? null : Where(exprNode),
            Operator = op,
            Children = children,
            LocalParams = localParams,
            SuccessEvent = successEvent,
            SuccessEventMistyped = successEvent is null && Get(map, "SuccessEvent") is not null,
            ErrorMessage = errorMessage,
            Enabled = enabled,
            Properties = props,
            PropertyWhere = propWhere,
            OnSuccess = onSuccess,
            OnFailure = onFailure,
        };
    }

    private (Dictionary<string, object?> Values, Dictionary<string, SourceRef> Where) ParseProperties(JNode? node, string? workflow, string? rule)
    {
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        var where = new Dictionary<string, SourceRef>(StringComparer.Ordinal);
        if (node is null)
        {
            return (values, where);
        }

        if (node.Kind != JsonValueKind.Object)
        {
            _bag.Error(RuleDiagnosticCodes.WrongValueType, $"`Properties` must be an object, not {node.KindName}.", Where(node), workflow, rule);
            return (values, where);
        }

        foreach (var p in node.Properties)
        {
            if (!values.TryAdd(p.Name, Scalar(p.Value)))
            {
                _bag.Error(RuleDiagnosticCodes.DuplicateKey, $"`Properties.{p.Name}` appears twice; which value is meant is unclear, so neither is used.", Where(p), workflow, rule);
                continue;
            }

            where[p.Name] = Where(p);
        }

        return (values, where);
    }

    private static object? Scalar(JNode n) => n.Kind switch
    {
        JsonValueKind.String => n.Text,
        JsonValueKind.Number => decimal.TryParse(n.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : n.Text,
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };

    private ActionDefinition? ParseAction(JNode? node, string? workflow, string? rule)
    {
        if (node is null)
        {
            return null;
        }

        if (node.Kind != JsonValueKind.Object)
        {
            _bag.Error(RuleDiagnosticCodes.WrongValueType, $"An action must be an object, not {node.KindName}.", Where(node), workflow, rule);
            return null;
        }

        var m = CheckKeys(node, KnownKeys.ActionInfo, "an action", workflow, rule);
        var name = GetString(m, "Name", workflow, rule);
        if (name != "OutputExpression")
        {
            _bag.Error(RuleDiagnosticCodes.UnsupportedAction, $"Action `{name}` is not supported; CrmCore rules use only \"OutputExpression\" (exact spelling) with a `Context.Expression`.", Where(node), workflow, rule, "OutputExpression");
            return null;
        }

        var ctx = Get(m, "Context");
        if (ctx is null || ctx.Kind != JsonValueKind.Object)
        {
            _bag.Error(RuleDiagnosticCodes.MissingRequired, "An \"OutputExpression\" action needs a `Context` object with an `Expression`.", Where(node), workflow, rule);
            return null;
        }

        var context = new Dictionary<string, object?>(StringComparer.Ordinal);
        JNode? exprNode = null;
        foreach (var p in ctx.Properties)
        {
            if (p.Name != "Expression")
            {
                var suggestion = KnownKeys.Suggest(p.Name, ["Expression"]);
                _bag.Error(RuleDiagnosticCodes.UnknownKey, $"`{p.Name}` is not a key of an OutputExpression context.{(suggestion is null ? " The only key is `Expression`." : $" Did you mean `{suggestion}`?")}", Where(p), workflow, rule, suggestion);
                continue;
            }

            if (exprNode is not null)
            {
                _bag.Error(RuleDiagnosticCodes.DuplicateKey, "`Context.Expression` appears twice in the same object.", Where(p), workflow, rule);
                return null;
            }

            exprNode = p.Value;
            context[p.Name] = Scalar(p.Value);
        }

        if (exprNode is null || exprNode.Kind != JsonValueKind.String || string.IsNullOrWhiteSpace(exprNode.Text))
        {
            _bag.Error(RuleDiagnosticCodes.MissingRequired, "An \"OutputExpression\" action needs a non-empty string `Context.Expression`.", Where(ctx), workflow, rule);
            return null;
        }

        return new ActionDefinition(name, exprNode.Text, Where(exprNode), context);
    }
}
