using System.Linq.Dynamic.Core;
using System.Linq.Dynamic.Core.Exceptions;
using System.Linq.Expressions;
using CrmCore.Rules.Diagnostics;
using CrmCore.Rules.Loading;

namespace CrmCore.Rules.Compilation;

/// <summary>
/// Parses expressions with System.Linq.Dynamic.Core (the parser RulesEngine uses, so the meaning is the same), checks them in the
/// <see cref="ExpressionSandbox"/> and inlines scoped parameters, reporting every problem with its place. Thread-safe after construction.
/// </summary>
internal sealed partial class ExpressionCompiler
{
    private readonly ParsingConfig _config = new()
    {
        IsCaseSensitive = false,
        CustomTypeProvider = new EmptyTypeProvider(),
        AllowNewToEvaluateAnyType = false,
        DisallowNewKeyword = true,
        LoadAdditionalAssembliesFromCurrentDomainBaseDirectory = false,
        ResolveTypesBySimpleName = false,
        SupportCastingToFullyQualifiedTypeAsString = false,
        AllowEqualsAndToStringMethodsOnObject = false,
    };

    private readonly IReadOnlyList<ParameterExpression> _facts;
    private readonly HashSet<Type> _factTypes;
    private readonly int _maxLength;
    private readonly int _maxNodes;
    private readonly RuleLoadOptions _options;

    public ExpressionCompiler(IReadOnlyList<ParameterExpression> facts, IEnumerable<Type> allowedTypes, RuleLoadOptions options)
    {
        _facts = facts;
        _factTypes = [.. allowedTypes];
        _options = options;
        _maxLength = options.MaxExpressionLength;
        _maxNodes = options.MaxExpressionNodes;
    }

    public IReadOnlyList<ParameterExpression> Facts => _facts;

    /// <summary>
    /// Compiles a list of scoped parameters in order, each seeing the facts and the earlier ones; returns the inlined bodies
    /// (in terms of the facts only). Failed parameters are left out and reported.
    /// </summary>
    public List<(ParameterExpression Param, Expression Inlined)> CompileParams(
        IReadOnlyList<ParamDefinition> defs,
        List<(ParameterExpression Param, Expression Inlined)> outer,
        Context ctx)
    {
        var result = new List<(ParameterExpression, Expression)>(outer);
        foreach (var def in defs)
        {
            if (result.Count >= _options.MaxParameters)
            {
                ctx.Bag.Error(RuleDiagnosticCodes.ExpressionTooLarge, $"Too many parameters: at most {_options.MaxParameters} global and local parameters may be in scope for one expression; `{def.Name}` and the ones after it are not compiled.", def.Where, ctx.Workflow, ctx.Rule);
                break;
            }

            if (_facts.Any(f => f.Name == def.Name) || result.Exists(r => r.Item1.Name == def.Name))
            {
                ctx.Bag.Error(RuleDiagnosticCodes.DuplicateParameter, $"The parameter name `{def.Name}` is already used by a fact or another parameter.", def.Where, ctx.Workflow, ctx.Rule);
                continue;
            }

            var body = Compile(def.Expression, null, def.Where, result, ctx);
            if (body is not null)
            {
                result.Add((Expression.Parameter(body.Type, def.Name), body));
            }
        }

        return result;
    }

    /// <summary>Compiles one expression; returns the body with scoped parameters inlined, or null after reporting.</summary>
    public Expression? Compile(string text, Type? resultType, SourceRef where, List<(ParameterExpression Param, Expression Inlined)> scoped, Context ctx)
    {
        if (text.Length > _maxLength)
        {
            ctx.Bag.Error(RuleDiagnosticCodes.ExpressionTooLarge, $"The expression is {text.Length} characters long; the limit is {_maxLength}. Split it into parameters or rules.", where, ctx.Workflow, ctx.Rule);
            return null;
        }

        if (ExpressionLimits.TextNesting(text) is { Depth: var nesting, Position: var at } && nesting > _options.MaxExpressionDepth)
        {
            ctx.Bag.Error(RuleDiagnosticCodes.ExpressionTooLarge, $"The expression nests brackets and unary operators {nesting} levels deep (at position {at} of the expression); the limit is {_options.MaxExpressionDepth}.", where, ctx.Workflow, ctx.Rule, exprPos: at);
            return null;
        }

        var parameters = _facts.Concat(scoped.Select(s => s.Param)).ToArray();
        LambdaExpression lambda;
        try
        {
            lambda = DynamicExpressionParser.ParseLambda(_config, false, parameters, resultType, text);
        }
        catch (ParseException e)
        {
            ReportParseError(text, e.Message, e.Position, where, ctx, scoped);
            return null;
        }
        catch (Exception e) when (e is not (OutOfMemoryException or InsufficientExecutionStackException))
        {
            // The parser is third-party code: whatever it throws becomes a diagnostic, never a raw exception for the user. Its
            // message is .NET's ("Value cannot be empty. (Parameter 'name')"), so the expression itself is read for the cause.
            ReportOtherFailure(text, where, ctx, scoped);
            return null;
        }

        // Measured without recursion before any recursive visitor walks the tree.
        var parsed = ExpressionShape.Measure(lambda.Body, _maxLength * 4);
        if (ExpressionLimits.Check(parsed, parsed.Nodes + 1, _options, DiagnosticStrings.Text("Limit_AsWritten")) is { } parsedProblem)
        {
            ctx.Bag.Error(RuleDiagnosticCodes.ExpressionTooLarge, parsedProblem, where, ctx.Workflow, ctx.Rule);
            return null;
        }

        var sandbox = new ExpressionSandbox(_factTypes, parameters);
        sandbox.Visit(lambda.Body);
        if (sandbox.NodeCount > _maxNodes)
        {
            ctx.Bag.Error(RuleDiagnosticCodes.ExpressionTooLarge, $"The expression has {sandbox.NodeCount} nodes; the limit is {_maxNodes}. Split it into parameters or rules.", where, ctx.Workflow, ctx.Rule);
            return null;
        }

        foreach (var f in sandbox.Findings)
        {
            ctx.Bag.Error(f.Code, DiagnosticStrings.Text("Sandbox_WithExpression", f.Text, text), where, ctx.Workflow, ctx.Rule);
        }

        if (sandbox.Findings.Count > 0)
        {
            return null;
        }

        ctx.TimeDependentReads.AddRange(sandbox.TimeDependentReads);
        WarnMisCasedMembers(text, sandbox.MemberNames, where, ctx);
        var inlined = new ParameterInliner(scoped).Visit(lambda.Body);

        // Parameters are inlined by reference: a chain of parameters that each use the previous one twice is small in memory
        // but exponential as a tree, so the limits are checked again on the inlined tree, walking at most the limit.
        var budget = _maxNodes + Math.Max(0, parsed.Nodes - sandbox.NodeCount);
        if (ExpressionLimits.Check(ExpressionShape.Measure(inlined, budget), budget, _options, DiagnosticStrings.Text("Limit_WithParameters")) is { } inlinedProblem)
        {
            ctx.Bag.Error(RuleDiagnosticCodes.ExpressionTooLarge, inlinedProblem, where, ctx.Workflow, ctx.Rule);
            return null;
        }

        return TagSetRewriter.Instance.Visit(CheckedArithmeticRewriter.Instance.Visit(inlined));
    }

    /// <summary>
    /// The parser is case-insensitive like RulesEngine's default (so <c>AND</c> and <c>and</c> both work); a member written in
    /// another case than declared still works but gets a warning so files stay consistent.
    /// </summary>
    private static void WarnMisCasedMembers(string text, IReadOnlyCollection<string> members, SourceRef where, Context ctx)
    {
        foreach (System.Text.RegularExpressions.Match m in MemberAfterDot().Matches(text))
        {
            var written = m.Groups[1].Value;
            if (members.Contains(written))
            {
                continue;
            }

            var declared = members.FirstOrDefault(n => string.Equals(n, written, StringComparison.OrdinalIgnoreCase));
            if (declared is not null)
            {
                ctx.Bag.Warning(RuleDiagnosticCodes.MisCasedMember, DiagnosticStrings.Text("MisCasedMember", written, declared), where, ctx.Workflow, ctx.Rule, declared);
            }
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\.\s*([A-Za-z_][A-Za-z0-9_]*)")]
    private static partial System.Text.RegularExpressions.Regex MemberAfterDot();

    private void ReportParseError(string text, string message, int position, SourceRef where, Context ctx, List<(ParameterExpression Param, Expression Inlined)> scoped)
    {
        var code = message.Contains("not accessible", StringComparison.Ordinal)
            || message.Contains("' not found", StringComparison.Ordinal)
            || message.Contains("new operator", StringComparison.Ordinal)
            ? RuleDiagnosticCodes.SandboxViolation
            : RuleDiagnosticCodes.ExpressionError;
        position = Math.Clamp(position, 0, text.Length);
        if (message.Contains("Enumerable", StringComparison.Ordinal) && Generator().Match(text) is { Success: true } generator)
        {
            // The parser's own words ("Type 'Enumerable' not found") are left out: the message names what was written.
            var at = generator.Groups[1].Index;
            ctx.Bag.Error(RuleDiagnosticCodes.GeneratorNotAllowed, DiagnosticStrings.Text("Expr_Generator", generator.Groups[1].Value, at + 1), where, ctx.Workflow, ctx.Rule, exprPos: at);
        }
        else if (code == RuleDiagnosticCodes.SandboxViolation)
        {
            ctx.Bag.Error(code, SandboxText(text, message, position, out var at), where, ctx.Workflow, ctx.Rule, exprPos: at);
        }
        else
        {
            // The parser's own text is for programmers: say it plainly, in English and Chinese, with a hint.
            var facts = _facts.Where(f => f.Name is not null).ToDictionary(f => f.Name!, f => f.Type, StringComparer.Ordinal);
            var t = ExpressionMessages.Translate(text, message, position, facts, scoped.Select(s => s.Param.Name!).ToList());
            ctx.Bag.Add(new RuleDiagnostic
            {
                Code = t.Code,
                Severity = RuleSeverity.Error,
                Message = t.English,
                MessageZhHans = t.Chinese,
                File = where.File,
                JsonPath = where.Path,
                Line = where.Line,
                Column = where.Column,
                WorkflowName = ctx.Workflow,
                RuleName = ctx.Rule,
                Suggestion = t.Suggestion,
                ExpressionPosition = t.Position,
            });
        }
    }

    /// <summary>
    /// The sandbox message for a parse error that reaches outside the sandbox, in our words: the method, type or <c>new</c> the
    /// expression names (found in the parser's quoted name and at its position), never the parser's sentence or a .NET type name.
    /// </summary>
    private static DiagnosticText SandboxText(string text, string message, int position, out int at)
    {
        at = position;
        if (message.Contains("new operator", StringComparison.Ordinal))
        {
            var i = NewKeyword().Match(text);
            at = i.Success ? i.Index : position;
            return DiagnosticStrings.Text("Expr_NewNotAllowed", at + 1);
        }

        var quoted = FirstQuoted().Match(message);
        var name = quoted.Success ? quoted.Groups[1].Value : string.Empty;
        var written = name.Length == 0 ? -1 : text.IndexOf(name, StringComparison.OrdinalIgnoreCase);
        if (written < 0 && name.Contains('.', StringComparison.Ordinal))
        {
            written = text.IndexOf(name[(name.LastIndexOf('.') + 1)..], StringComparison.OrdinalIgnoreCase);
        }

        if (written >= 0)
        {
            at = written;
            name = text.Substring(written, Math.Min(name.Length, text.Length - written));
        }

        if (message.StartsWith("Method ", StringComparison.Ordinal) && name.Length > 0)
        {
            return RefusedCallText(name, at);
        }

        if (message.StartsWith("Type ", StringComparison.Ordinal) && name.Length > 0)
        {
            return DiagnosticStrings.Text("Expr_TypeNotAllowed", name, at + 1);
        }

        var near = text[at..Math.Min(text.Length, at + 24)];
        return DiagnosticStrings.Text("Expr_SandboxOther", near, at + 1);
    }

    /// <summary>
    /// A call the parser refused (a method it does not offer, such as <c>GetType</c> or <c>ToString</c>), in the analyst's words first
    /// and the method as written only as a detail, with its character.
    /// </summary>
    private static DiagnosticText RefusedCallText(string name, int at)
    {
        var method = name[(name.LastIndexOf('.') + 1)..];
        var plain = method.Equals("GetType", StringComparison.OrdinalIgnoreCase) ? "Sandbox_Reflection"
            : method.Equals("ToString", StringComparison.OrdinalIgnoreCase) ? "Sandbox_ToText"
            : "Sandbox_OtherMethod";
        return DiagnosticStrings.Text("Sandbox_DetailCallsAt", DiagnosticStrings.Text(plain), name, at + 1);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"Enumerable\s*\.\s*(Range|Repeat)\b", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex Generator();

    [System.Text.RegularExpressions.GeneratedRegex(@"'([^']+)'")]
    private static partial System.Text.RegularExpressions.Regex FirstQuoted();

    [System.Text.RegularExpressions.GeneratedRegex(@"(?<![A-Za-z0-9_])new(?![A-Za-z0-9_])", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex NewKeyword();

    /// <summary>
    /// Reports a parser failure that is not a parse error: a fact the fact type does not have (at the member), text compared with
    /// a number (at the text), or else a plain message; never the exception's own text.
    /// </summary>
    private void ReportOtherFailure(string text, SourceRef where, Context ctx, List<(ParameterExpression Param, Expression Inlined)> scoped)
    {
        var facts = _facts.Where(f => f.Name is not null).ToDictionary(f => f.Name!, f => f.Type, StringComparer.OrdinalIgnoreCase);
        foreach (System.Text.RegularExpressions.Match m in FactMember().Matches(text))
        {
            if (facts.TryGetValue(m.Groups[1].Value, out var type)
                && type.GetProperty(m.Groups[2].Value, System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.IgnoreCase) is null)
            {
                // The parser's own wording for a missing member, so the message, suggestion and position are the usual ones.
                ReportParseError(text, $"No property or field '{m.Groups[2].Value}' exists in type '{type.Name}'", m.Groups[2].Index, where, ctx, scoped);
                return;
            }
        }

        foreach (System.Text.RegularExpressions.Match m in TextComparedWithFact().Matches(text))
        {
            var fact = m.Groups["fact"].Value;
            if (facts.TryGetValue(fact, out var type)
                && type.GetProperty(m.Groups["member"].Value, System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.IgnoreCase) is { } p
                && (Nullable.GetUnderlyingType(p.PropertyType) ?? p.PropertyType) is var t && (t == typeof(decimal) || t == typeof(int) || t == typeof(long) || t == typeof(double)))
            {
                var at = m.Groups["text"].Index;
                ctx.Bag.Error(RuleDiagnosticCodes.ExpressionError, DiagnosticStrings.Text("Expr_TextForNumber", $"{fact}.{p.Name}", m.Groups["text"].Value, at + 1), where, ctx.Workflow, ctx.Rule, exprPos: at);
                return;
            }
        }

        foreach (System.Text.RegularExpressions.Match m in MethodCall().Matches(text))
        {
            if (!AllowedMethods.Contains(m.Groups[1].Value))
            {
                var at = m.Groups[1].Index;
                ctx.Bag.Error(RuleDiagnosticCodes.SandboxViolation, RefusedCallText(m.Groups[1].Value, at), where, ctx.Workflow, ctx.Rule, exprPos: at);
                return;
            }
        }

        ctx.Bag.Error(RuleDiagnosticCodes.ExpressionError, DiagnosticStrings.Text("Expr_Unreadable"), where, ctx.Workflow, ctx.Rule, exprPos: 0);
    }

    /// <summary>The methods the sandbox allows (docs/rules.md §5), compared ignoring case as the parser does.</summary>
    private static readonly HashSet<string> AllowedMethods = new(StringComparer.OrdinalIgnoreCase)
    {
        "Contains", "StartsWith", "EndsWith", "ToUpper", "ToLower", "Trim", "IsNullOrEmpty", "IsNullOrWhiteSpace", "Concat", "Compare", "Equals",
        "Any", "All", "Count", "Sum", "Max", "Min", "Abs", "Round", "Floor", "Ceiling", "Pow", "Sqrt", "Sign", "Truncate", "Log", "Exp",
    };

    [System.Text.RegularExpressions.GeneratedRegex(@"\.\s*([A-Za-z_][A-Za-z0-9_]*)\s*\(")]
    private static partial System.Text.RegularExpressions.Regex MethodCall();

    [System.Text.RegularExpressions.GeneratedRegex(@"\b([A-Za-z_][A-Za-z0-9_]*)\s*\.\s*([A-Za-z_][A-Za-z0-9_]*)")]
    private static partial System.Text.RegularExpressions.Regex FactMember();

    [System.Text.RegularExpressions.GeneratedRegex(@"\b(?<fact>[A-Za-z_][A-Za-z0-9_]*)\s*\.\s*(?<member>[A-Za-z_][A-Za-z0-9_]*)\s*(==|!=|>=|<=|>|<|=)\s*(?<text>""[^""]*"")")]
    private static partial System.Text.RegularExpressions.Regex TextComparedWithFact();

    /// <summary>Where the expression sits, for diagnostics; collects time-dependent fact reads.</summary>
    internal sealed class Context(DiagnosticBag bag, string workflow, string? rule)
    {
        public DiagnosticBag Bag { get; } = bag;

        public string Workflow { get; } = workflow;

        public string? Rule { get; set; } = rule;

        public List<string> TimeDependentReads { get; } = [];
    }

    /// <summary>Replaces scoped parameters by their (already inlined) bodies so the result refers to the facts only.</summary>
    private sealed class ParameterInliner(List<(ParameterExpression Param, Expression Inlined)> scoped) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node)
        {
            foreach (var (p, body) in scoped)
            {
                if (p == node)
                {
                    return body;
                }
            }

            return node;
        }
    }
}
