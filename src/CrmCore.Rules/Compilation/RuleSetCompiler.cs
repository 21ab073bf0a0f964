using System.Linq.Expressions;
using CrmCore.Rules.Diagnostics;
using CrmCore.Rules.Facts;
using CrmCore.Rules.Loading;

namespace CrmCore.Rules.Compilation;

/// <summary>Resolves kinds, compiles every expression at load and checks each kind's conventions.</summary>
internal sealed partial class RuleSetCompiler
{
    internal static readonly ParameterExpression CustomerParameter = Expression.Parameter(typeof(CustomerFacts), "customer");
    internal static readonly ParameterExpression TicketParameter = Expression.Parameter(typeof(TicketFacts), "ticket");

    private static readonly Type[] AllowedFactTypes = [typeof(CustomerFacts), typeof(TicketFacts), typeof(AgentFacts)];
    private static readonly Dictionary<WorkflowKind, string[]> KnownProperties = new()
    {
        [WorkflowKind.Tiering] = ["Description"],
        [WorkflowKind.Tagging] = ["Description"],
        [WorkflowKind.Priority] = ["Points", "ReasonZhHans", "Description"],
        [WorkflowKind.ChurnRisk] = ["Points", "ReasonZhHans", "Description"],
        [WorkflowKind.Routing] = ["Skill", "Description"],
        [WorkflowKind.Escalation] = ["Ladder", "Description"],
        [WorkflowKind.Custom] = [],
        [WorkflowKind.Shared] = [],
    };

    /// <summary>The documented run order of the kinds (a later workflow sees what earlier ones computed in the same run).</summary>
    /// <summary>What Escalation rules named before they chose ladders: levels, targets and times belong to the ladders now.</summary>
    private static readonly string[] LadderKeys = ["Level", "Target", "WithinMinutes"];

    private static readonly WorkflowKind[] RunOrder =
    [
        WorkflowKind.Shared, WorkflowKind.Tiering, WorkflowKind.Tagging, WorkflowKind.ChurnRisk,
        WorkflowKind.Priority, WorkflowKind.Routing, WorkflowKind.Escalation, WorkflowKind.Custom,
    ];

    private readonly DiagnosticBag _bag;
    private readonly RuleLoadOptions _options;
    private readonly ExpressionCompiler _customerCompiler;
    private readonly ExpressionCompiler _ticketCompiler;

    public RuleSetCompiler(DiagnosticBag bag, RuleLoadOptions options)
    {
        _bag = bag;
        _options = options;
        _customerCompiler = new ExpressionCompiler([CustomerParameter], AllowedFactTypes, options);
        _ticketCompiler = new ExpressionCompiler([TicketParameter], AllowedFactTypes, options);
    }

    /// <summary>
    /// The workflow, rule and place being compiled (the rule's expression when it has one), so a failure the checks did not foresee
    /// is reported where it happened; all null before compiling starts.
    /// </summary>
    public (string? Workflow, string? Rule, SourceRef? Where) Current { get; private set; }

    public static bool TryResolveKind(string workflowName, out WorkflowKind kind)
    {
        var head = workflowName.Split('.', 2)[0];
        kind = WorkflowKind.Custom;
        return head != nameof(WorkflowKind.Custom) && Enum.TryParse(head, ignoreCase: false, out kind) && Enum.IsDefined(kind) && head == kind.ToString();
    }

    public CompiledRuleSetParts Compile(IReadOnlyList<WorkflowDefinition> workflows)
    {
        var parts = new CompiledRuleSetParts();
        var names = new HashSet<string>(StringComparer.Ordinal);
        var single = new Dictionary<WorkflowKind, string>();
        var shared = _options.CustomInputs.Count > 0 ? [] : CompileShared(workflows.Where(w => TryResolveKind(w.Name, out var k) && k == WorkflowKind.Shared));
        Func<Expression, Expression>? tierRewrite = null;
        foreach (var wf in workflows.OrderBy(w => Array.IndexOf(RunOrder, TryResolveKind(w.Name, out var k) ? k : WorkflowKind.Custom)))
        {
            if (!names.Add(wf.Name))
            {
                _bag.Error(RuleDiagnosticCodes.DuplicateWorkflowName, $"The workflow name `{wf.Name}` is used twice in this rule set; workflow names must be unique.", wf.Where, wf.Name);
            }

            if (_options.CustomInputs.Count > 0)
            {
                CompileCustom(wf);
                continue;
            }

            if (!TryResolveKind(wf.Name, out var kind))
            {
                var head = wf.Name.Split('.', 2)[0];
                var suggestion = Loading.KnownKeys.Suggest(head, Enum.GetNames<WorkflowKind>().Where(n => n != nameof(WorkflowKind.Custom)));
                _bag.Error(
                    RuleDiagnosticCodes.UnknownWorkflowKind,
                    $"`{wf.Name}` does not name a workflow kind. A workflow name is a kind (Tiering, Tagging, Priority, Routing, ChurnRisk, Escalation), optionally followed by `.` and a suffix.{(suggestion is null ? string.Empty : $" Did you mean `{suggestion}`?")}",
                    wf.Where,
                    wf.Name,
                    suggestion: suggestion);
                continue;
            }

            if (kind is WorkflowKind.Tiering or WorkflowKind.Routing && !single.TryAdd(kind, wf.Name))
            {
                _bag.Error(RuleDiagnosticCodes.DuplicateKind, $"A rule set holds one {kind} workflow; `{single[kind]}` is already one. Load the alternative file instead of adding it.", wf.Where, wf.Name);
                continue;
            }

            switch (kind)
            {
                case WorkflowKind.Shared:
                    break;
                case WorkflowKind.Tiering or WorkflowKind.Tagging or WorkflowKind.ChurnRisk:
                    var c = CompileWorkflow<CustomerFacts>(wf, kind, _customerCompiler, CustomerParameter, shared, kind == WorkflowKind.Tiering ? null : tierRewrite);
                    if (c is not null)
                    {
                        parts.CustomerWorkflows.Add(c);
                        if (kind == WorkflowKind.Tiering)
                        {
                            tierRewrite = ComputedTier.Rewriter(c.Rules.Select(r => ($"{c.Name} › {r.Name}", r.SuccessEvent!, r.Body)).ToList(), CustomerParameter);
                        }
                    }

                    break;
                default:
                    var t = CompileWorkflow<TicketFacts>(wf, kind, _ticketCompiler, TicketParameter, shared, null);
                    if (t is not null)
                    {
                        parts.TicketWorkflows.Add(t);
                    }

                    break;
            }
        }

        var tags = parts.CustomerWorkflows.Where(w => w.Kind == WorkflowKind.Tagging).SelectMany(w => w.Rules).Select(r => r.SuccessEvent!).Distinct(StringComparer.Ordinal).ToList();
        if (tags.Count > TagRegistry.MaxTags)
        {
            var wf = parts.CustomerWorkflows.First(w => w.Kind == WorkflowKind.Tagging).Definition;
            _bag.Error(RuleDiagnosticCodes.TooManyTags, $"The rule set gives {tags.Count} distinct tags; at most {TagRegistry.MaxTags} are supported.", wf.Where, wf.Name);
        }

        return parts;
    }

    private void CompileCustom(WorkflowDefinition wf)
    {
        Current = (wf.Name, null, wf.Where);
        var parameters = _options.CustomInputs.Select(i => Expression.Parameter(i.Value, i.Key)).ToArray();
        var compiler = new ExpressionCompiler(parameters, _options.CustomInputs.Select(i => i.Value), _options);
        var ctx = new ExpressionCompiler.Context(_bag, wf.Name, null);
        var globals = compiler.CompileParams(wf.GlobalParams, [], ctx);
        foreach (var rule in wf.Rules)
        {
            CompileBody(rule, compiler, globals, wf.Name);
        }
    }

    /// <summary>
    /// Compiles the <c>GlobalParams</c> of the Shared workflows, in order, into values every other workflow sees. They may refer to
    /// earlier shared values but not to facts (so one value means the same for customers and tickets).
    /// </summary>
    private List<(ParameterExpression Param, Expression Inlined)> CompileShared(IEnumerable<WorkflowDefinition> workflows)
    {
        var compiler = new ExpressionCompiler([], AllowedFactTypes, _options);
        var result = new List<(ParameterExpression Param, Expression Inlined)>();
        foreach (var wf in workflows)
        {
            var ctx = new ExpressionCompiler.Context(_bag, wf.Name, null);
            foreach (var rule in wf.Rules)
            {
                _bag.Error(RuleDiagnosticCodes.ConventionViolation, "A Shared workflow holds only `GlobalParams` (named values for every workflow); move this rule to a Tiering, Tagging, ChurnRisk, Priority, Routing or Escalation workflow.", rule.Where, wf.Name, rule.Name);
            }

            foreach (var def in wf.GlobalParams)
            {
                Current = (wf.Name, null, def.Where);
                if (FactReference().Match(def.Expression) is { Success: true } m)
                {
                    _bag.Error(RuleDiagnosticCodes.SharedValueReadsFacts, $"The shared value `{def.Name}` reads `{m.Value.TrimEnd('.')}`; a shared value is the same for every customer and ticket, so it may use numbers, text and other shared values only. Put fact reads in the rule that uses it.", def.Where, wf.Name, null, exprPos: m.Index);
                    continue;
                }

                result = compiler.CompileParams([def], result, ctx);
            }
        }

        return result;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\b(customer|ticket|agent)\s*\.", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex FactReference();

    private CompiledWorkflow<TFacts>? CompileWorkflow<TFacts>(
        WorkflowDefinition wf,
        WorkflowKind kind,
        ExpressionCompiler compiler,
        ParameterExpression parameter,
        List<(ParameterExpression Param, Expression Inlined)> shared,
        Func<Expression, Expression>? rewrite)
    {
        Current = (wf.Name, null, wf.Where);
        var ctx = new ExpressionCompiler.Context(_bag, wf.Name, null);
        var globals = compiler.CompileParams(wf.GlobalParams, shared, ctx);
        CheckTimeDependence(kind, ctx, wf.Where, wf.Name, null);
        var rules = new List<CompiledRule<TFacts>>();
        foreach (var rule in wf.Rules)
        {
            var body = CompileBody(rule, compiler, globals, wf.Name, kind);
            if (body is not null && rewrite is not null)
            {
                body = rewrite(body);
            }

            var conventionOk = CheckConvention(rule, kind, wf.Name, out var fixedPoints);
            Func<TFacts, decimal>? pointsExpr = null;
            if (rule.OnSuccess?.Expression is { } output)
            {
                var octx = new ExpressionCompiler.Context(_bag, wf.Name, rule.Name);
                var locals = compiler.CompileParams(rule.LocalParams, globals, octx);
                var outBody = compiler.Compile(output, null, rule.OnSuccess.Where, locals, octx);
                if (outBody is not null && rewrite is not null)
                {
                    outBody = rewrite(outBody);
                }

                CheckTimeDependence(kind, octx, rule.OnSuccess.Where, wf.Name, rule.Name);
                if (outBody is not null)
                {
                    if (kind is WorkflowKind.Priority or WorkflowKind.ChurnRisk && IsNumeric(outBody.Type))
                    {
                        pointsExpr = Expression.Lambda<Func<TFacts, decimal>>(Expression.Convert(outBody, typeof(decimal)), parameter).Compile();
                    }
                    else
                    {
                        _bag.Error(RuleDiagnosticCodes.ExpressionResultType, $"An OutputExpression gives points in Priority and ChurnRisk workflows and must be a number; here it is `{outBody.Type.Name}` in a {kind} workflow.", rule.OnSuccess.Where, wf.Name, rule.Name);
                    }
                }
            }

            if (rule.OnFailure is not null)
            {
                _bag.Error(RuleDiagnosticCodes.UnsupportedAction, "`OnFailure` actions are not used by CrmCore workflows; remove it.", rule.OnFailure.Where, wf.Name, rule.Name);
            }

            if (body is null || !conventionOk || !rule.Enabled)
            {
                continue;
            }

            rules.Add(new CompiledRule<TFacts>
            {
                Definition = rule,
                Body = body,
                Parameter = parameter,
                Predicate = Expression.Lambda<Func<TFacts, bool>>(body, parameter).Compile(),
                PointsExpression = pointsExpr,
                FixedPoints = fixedPoints,
            });
        }

        CheckReachability(wf, kind, rules.Select(r => (r.Definition, r.Body)).ToList());
        return new CompiledWorkflow<TFacts> { Definition = wf, Kind = kind, Rules = rules };
    }

    /// <summary>
    /// Warns about rules that can never give a result: a body no facts can make hold (<see cref="NeverHolds"/>), a rule after a
    /// catch-all (<c>true</c>) in a first-match workflow, and a workflow whose rules are all disabled.
    /// </summary>
    private void CheckReachability(WorkflowDefinition wf, WorkflowKind kind, List<(RuleDefinition Rule, Expression Body)> compiled)
    {
        if (wf.Rules.Count > 0 && wf.Rules.All(r => !r.Enabled))
        {
            _bag.Warning(RuleDiagnosticCodes.WorkflowAllDisabled, DiagnosticStrings.Text("AllDisabled"), wf.Where, wf.Name);
        }

        string? catchAll = null;
        foreach (var (rule, body) in compiled)
        {
            if (catchAll is not null)
            {
                _bag.Warning(RuleDiagnosticCodes.RuleShadowed, DiagnosticStrings.Text("Shadowed", wf.Name, kind, catchAll), rule.Where, wf.Name, rule.Name);
            }
            else if (kind is WorkflowKind.Tiering or WorkflowKind.Routing && NeverHolds.IsCatchAll(body))
            {
                catchAll = rule.Name;
            }

            if (NeverHolds.Why(body) is { } why)
            {
                _bag.Warning(RuleDiagnosticCodes.RuleNeverHolds, why, rule.ExpressionWhere ?? rule.Where, wf.Name, rule.Name);
            }
        }
    }

    /// <summary>
    /// Wraps a compiled body so that a run-time failure (for example a division by zero) makes the rule not hold (points 0),
    /// as RulesEngine does, instead of aborting a whole batch.
    /// </summary>
    internal static Expression Guard(Expression body)
        => Expression.TryCatch(body, Expression.Catch(typeof(Exception), Expression.Default(body.Type)));

    /// <summary>Like <see cref="Guard(Expression)"/>, but hands the exception to <paramref name="onFailure"/> first.</summary>
    internal static Expression Guard(Expression body, Action<Exception> onFailure)
    {
        var e = Expression.Variable(typeof(Exception), "e");
        return Expression.TryCatch(
            body,
            Expression.Catch(e, Expression.Block(Expression.Invoke(Expression.Constant(onFailure), e), Expression.Default(body.Type))));
    }

    private static bool IsNumeric(Type t)
    {
        t = Nullable.GetUnderlyingType(t) ?? t;
        return t == typeof(int) || t == typeof(long) || t == typeof(decimal) || t == typeof(double) || t == typeof(float) || t == typeof(short) || t == typeof(byte);
    }

    /// <summary>Compiles a rule's predicate (or its nested rules combined by the operator); null after reporting.</summary>
    private Expression? CompileBody(RuleDefinition rule, ExpressionCompiler compiler, List<(ParameterExpression, Expression)> scoped, string workflow, WorkflowKind kind = WorkflowKind.Custom)
    {
        Current = (workflow, rule.Name, rule.ExpressionWhere ?? rule.Where);
        var ctx = new ExpressionCompiler.Context(_bag, workflow, rule.Name);
        var locals = compiler.CompileParams(rule.LocalParams, scoped, ctx);
        Expression? body = null;
        var failed = locals.Count != scoped.Count + rule.LocalParams.Count;
        if (failed)
        {
            // The expression would only repeat the parameter's error as "unknown identifier".
            return null;
        }

        if (rule.Children.Count > 0)
        {
            foreach (var child in rule.Children.Where(c => c.Enabled))
            {
                var cb = CompileBody(child, compiler, locals, workflow, kind);
                if (cb is null)
                {
                    failed = true;
                    continue;
                }

                body = body is null ? cb : rule.Operator is "Or" or "OrElse" ? Expression.OrElse(body, cb) : Expression.AndAlso(body, cb);
            }

            if (!failed && body is not null && CombinedTooLarge(body, rule.Name) is { } problem)
            {
                _bag.Error(RuleDiagnosticCodes.ExpressionTooLarge, problem, rule.Where, workflow, rule.Name);
                return null;
            }
        }
        else if (!string.IsNullOrWhiteSpace(rule.Expression))
        {
            body = compiler.Compile(rule.Expression, typeof(bool), rule.ExpressionWhere!, locals, ctx);
        }

        CheckTimeDependence(kind, ctx, rule.ExpressionWhere ?? rule.Where, workflow, rule.Name);
        return failed ? null : body;
    }

    /// <summary>The problem when a rule's combined body exceeds <see cref="RuleLoadOptions.MaxRuleNodes"/> or four times the expression depth.</summary>
    private DiagnosticText? CombinedTooLarge(Expression body, string rule)
    {
        var shape = ExpressionShape.Measure(body, _options.MaxRuleNodes);
        var limits = _options with { MaxExpressionDepth = Math.Min(1024, _options.MaxExpressionDepth * 4) };
        return ExpressionLimits.Check(shape, _options.MaxRuleNodes, limits, DiagnosticStrings.Text("Limit_Together", rule));
    }

    private void CheckTimeDependence(WorkflowKind kind, ExpressionCompiler.Context ctx, SourceRef where, string workflow, string? rule)
    {
        var (code, why) = kind switch
        {
            WorkflowKind.Priority => (RuleDiagnosticCodes.TimeDependentFactInPriority, "the priority queue adds its own SLA term"),
            WorkflowKind.Routing => (RuleDiagnosticCodes.TimeDependentFactInRouting, "a ticket is routed once, when it is placed, so such a fact would only ever show its value at that moment"),
            WorkflowKind.Escalation => (RuleDiagnosticCodes.TimeDependentFactInEscalation, "an Escalation rule only chooses a ladder, and the ladder's steps measure the business time themselves"),
            _ => (null, null),
        };
        if (code is null || ctx.TimeDependentReads.Count == 0)
        {
            return;
        }

        _bag.Error(
            code,
            $"{kind} rules may not read time-dependent facts ({string.Join(", ", ctx.TimeDependentReads.Distinct().Select(n => "`" + n + "`"))}): {why}. Time-based actions belong to the escalation ladders (choose one with an Escalation rule's `Properties.Ladder`).",
            where,
            workflow,
            rule);
        ctx.TimeDependentReads.Clear();
    }

    private bool CheckConvention(RuleDefinition rule, WorkflowKind kind, string workflow, out decimal fixedPoints)
    {
        fixedPoints = 0;
        var ok = true;
        if (string.IsNullOrWhiteSpace(rule.SuccessEvent) && rule.SuccessEventMistyped)
        {
            ok = false;
        }
        else if (string.IsNullOrWhiteSpace(rule.SuccessEvent))
        {
            var meaning = kind switch
            {
                WorkflowKind.Tiering => "the tier name",
                WorkflowKind.Tagging => "the tag name",
                WorkflowKind.Routing => "the target service group",
                _ => "the reason shown to users",
            };
            _bag.Error(RuleDiagnosticCodes.ConventionViolation, $"A {kind} rule needs a `SuccessEvent`: {meaning}.", rule.Where, workflow, rule.Name);
            ok = false;
        }

        if (kind == WorkflowKind.Tagging && rule.SuccessEvent is { Length: > 0 } tag
            && (tag.AsSpan().IndexOfAny(';', '|') >= 0 || tag.Trim().Length != tag.Length || tag.Any(char.IsControl)))
        {
            // Data files list tags separated by ';' (or '|'): such a name could not be written and read back as one tag.
            _bag.Error(RuleDiagnosticCodes.ConventionViolation, $"The tag name \"{tag}\" may not contain `;` or `|` (the data files' list separators), control characters, or leading or trailing spaces.", rule.Where, workflow, rule.Name);
            ok = false;
        }

        foreach (var key in rule.Properties.Keys)
        {
            if (kind == WorkflowKind.Escalation && LadderKeys.Contains(key))
            {
                _bag.Error(RuleDiagnosticCodes.ConventionViolation, $"`Properties.{key}` restates the escalation ladder: an Escalation rule only chooses a ladder (`Properties.Ladder`); levels, targets and times are the ladder's steps. Remove it.", rule.PropertyWhere[key], workflow, rule.Name);
                ok = false;
            }
            else if (!KnownProperties[kind].Contains(key))
            {
                var suggestion = Loading.KnownKeys.Suggest(key, KnownProperties[kind]);
                _bag.Warning(RuleDiagnosticCodes.ConventionViolation, $"`Properties.{key}` is not read by {kind} workflows.{(suggestion is null ? string.Empty : $" Did you mean `{suggestion}`?")}", rule.PropertyWhere[key], workflow, rule.Name, suggestion);
            }
        }

        switch (kind)
        {
            case WorkflowKind.Priority or WorkflowKind.ChurnRisk:
                if (rule.Properties.TryGetValue("Points", out var p))
                {
                    if (p is decimal d)
                    {
                        fixedPoints = d;
                    }
                    else
                    {
                        _bag.Error(RuleDiagnosticCodes.WrongValueType, "`Properties.Points` must be a number.", rule.PropertyWhere["Points"], workflow, rule.Name);
                        ok = false;
                    }
                }
                else if (rule.OnSuccess is null)
                {
                    _bag.Error(RuleDiagnosticCodes.ConventionViolation, $"A {kind} rule gives points: set `Properties.Points` or an `Actions.OnSuccess` OutputExpression.", rule.Where, workflow, rule.Name);
                    ok = false;
                }

                ok &= CheckProperty(rule, workflow, "ReasonZhHans", required: false, v => v is string s && s.Length > 0, "a non-empty string");

                break;
            case WorkflowKind.Routing:
                ok &= CheckProperty(rule, workflow, "Skill", required: false, v => v is string, "a string");
                break;
            case WorkflowKind.Escalation:
                ok &= CheckProperty(rule, workflow, "Ladder", required: true, v => v is string l && l.Trim().Length > 0, "the name of an escalation ladder");
                if (ok && _options.EscalationLadders is { } ladders && rule.Properties["Ladder"] is string ladder && !ladders.Contains(ladder, StringComparer.Ordinal))
                {
                    var suggestion = Loading.KnownKeys.Suggest(ladder, [.. ladders]);
                    var message = ladders.Count == 0
                        ? $"`{ladder}` is not a ladder of the escalation policy: it has no ladders."
                        : $"`{ladder}` is not a ladder of the escalation policy (known ladders: {string.Join(", ", ladders.Order(StringComparer.Ordinal))}).{(suggestion is null ? string.Empty : $" Did you mean `{suggestion}`?")}";
                    _bag.Error(RuleDiagnosticCodes.UnknownEscalationLadder, message, rule.PropertyWhere["Ladder"], workflow, rule.Name, suggestion);
                    ok = false;
                }

                break;
        }

        return ok;
    }

    private bool CheckProperty(RuleDefinition rule, string workflow, string key, bool required, Func<object?, bool> valid, string expected)
    {
        if (!rule.Properties.TryGetValue(key, out var v))
        {
            if (required)
            {
                _bag.Error(RuleDiagnosticCodes.ConventionViolation, $"This rule needs `Properties.{key}` ({expected}).", rule.Where, workflow, rule.Name);
            }

            return !required;
        }

        if (!valid(v))
        {
            _bag.Error(RuleDiagnosticCodes.WrongValueType, $"`Properties.{key}` must be {expected}.", rule.PropertyWhere[key], workflow, rule.Name);
            return false;
        }

        return true;
    }
}

/// <summary>The compiled workflows of one rule set.</summary>
internal sealed class CompiledRuleSetParts
{
    public List<CompiledWorkflow<CustomerFacts>> CustomerWorkflows { get; } = [];

    public List<CompiledWorkflow<TicketFacts>> TicketWorkflows { get; } = [];
}
