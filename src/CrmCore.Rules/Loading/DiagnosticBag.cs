using CrmCore.Rules.Diagnostics;

namespace CrmCore.Rules.Loading;

/// <summary>Collects diagnostics for one load.</summary>
internal sealed class DiagnosticBag
{
    private readonly List<RuleDiagnostic> _items = [];

    public IReadOnlyList<RuleDiagnostic> Items => _items;

    public bool HasErrors => _items.Exists(d => d.IsError);

    public void Add(RuleDiagnostic d) => _items.Add(d);

    public void AddRange(IEnumerable<RuleDiagnostic> ds) => _items.AddRange(ds);

    public void Error(string code, string message, SourceRef where, string? workflow = null, string? rule = null, string? suggestion = null, int? exprPos = null)
        => Add(Make(RuleSeverity.Error, code, message, where, workflow, rule, suggestion, exprPos));

    public void Warning(string code, string message, SourceRef where, string? workflow = null, string? rule = null, string? suggestion = null)
        => Add(Make(RuleSeverity.Warning, code, message, where, workflow, rule, suggestion, null));

    /// <summary>An error whose text comes from the resources in both languages.</summary>
    public void Error(string code, DiagnosticText text, SourceRef where, string? workflow = null, string? rule = null, string? suggestion = null, int? exprPos = null)
        => Add(Make(RuleSeverity.Error, code, text.English, where, workflow, rule, suggestion, exprPos) with { MessageZhHans = text.Chinese });

    /// <summary>A warning whose text comes from the resources in both languages.</summary>
    public void Warning(string code, DiagnosticText text, SourceRef where, string? workflow = null, string? rule = null, string? suggestion = null)
        => Add(Make(RuleSeverity.Warning, code, text.English, where, workflow, rule, suggestion, null) with { MessageZhHans = text.Chinese });

    private static RuleDiagnostic Make(RuleSeverity s, string code, string message, SourceRef where, string? workflow, string? rule, string? suggestion, int? exprPos) => new()
    {
        Code = code,
        Severity = s,
        Message = message,
        File = where.File,
        JsonPath = where.Path,
        Line = where.Line,
        Column = where.Column,
        WorkflowName = workflow,
        RuleName = rule,
        Suggestion = suggestion,
        ExpressionPosition = exprPos,
    };
}
