using System.Globalization;
using System.Text;
using CrmCore.Localization;

namespace CrmCore.Rules.Diagnostics;

/// <summary>
/// One problem found while loading a rule file: a stable <see cref="Code"/>, a <see cref="Severity"/>, an English
/// <see cref="Message"/> and the place (file, JSON path, line and column, workflow, rule and the position inside the expression).
/// Immutable and thread-safe.
/// </summary>
public sealed record RuleDiagnostic
{
    /// <summary>The stable code (<c>CRM001</c> ... ); see <see cref="RuleDiagnosticCodes"/>.</summary>
    public required string Code { get; init; }

    /// <summary>Error or warning.</summary>
    public required RuleSeverity Severity { get; init; }

    /// <summary>An English message that names the problem and, where possible, a fix.</summary>
    public required string Message { get; init; }

    /// <summary>
    /// The message in Simplified Chinese, for the diagnostics that have one (expression problems); null otherwise, when tools show
    /// the code's Chinese title (<see cref="RuleDiagnosticTitles"/>) with the English <see cref="Message"/>.
    /// </summary>
    public string? MessageZhHans { get; init; }

    /// <summary>The message in a culture: <see cref="MessageZhHans"/> for a Simplified Chinese culture when there is one, else
    /// <see cref="Message"/>.</summary>
    /// <param name="culture">The culture.</param>
    internal string MessageIn(CultureInfo culture) => MessageZhHans is { } zh && TextCultures.IsSimplifiedChinese(culture) ? zh : Message;

    /// <summary>The file name given to the loader (or <c>&lt;text&gt;</c>).</summary>
    public string File { get; init; } = string.Empty;

    /// <summary>The JSON path of the node, such as <c>$[0].Rules[2].Expression</c>; empty for whole-file problems.</summary>
    public string JsonPath { get; init; } = string.Empty;

    /// <summary>The 1-based line in the file; 0 when unknown.</summary>
    public int Line { get; init; }

    /// <summary>The 1-based column (in characters) in the file; 0 when unknown.</summary>
    public int Column { get; init; }

    /// <summary>The workflow name, when the problem is inside a workflow.</summary>
    public string? WorkflowName { get; init; }

    /// <summary>The rule name, when the problem is inside a rule.</summary>
    public string? RuleName { get; init; }

    /// <summary>The 0-based character position inside the expression text, for expression problems; otherwise <see langword="null"/>.</summary>
    public int? ExpressionPosition { get; init; }

    /// <summary>A suggested replacement (for example the correctly cased key), when there is one.</summary>
    public string? Suggestion { get; init; }

    /// <summary>Whether this is an error.</summary>
    public bool IsError => Severity == RuleSeverity.Error;

    /// <summary>Formats the diagnostic like a compiler message: <c>file(line,col): error CRM003: message [workflow › rule] at $.path</c>.</summary>
    /// <returns>A single line of text.</returns>
    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append(File);
        if (Line > 0)
        {
            sb.Append(CultureInfo.InvariantCulture, $"({Line},{Column})");
        }

        sb.Append(CultureInfo.InvariantCulture, $": {(IsError ? "error" : "warning")} {Code}: {Message}");
        if (WorkflowName is not null || RuleName is not null)
        {
            sb.Append(CultureInfo.InvariantCulture, $" [{WorkflowName}{(RuleName is null ? string.Empty : " › " + RuleName)}]");
        }

        if (JsonPath.Length > 0)
        {
            sb.Append(CultureInfo.InvariantCulture, $" at {JsonPath}");
        }

        return sb.ToString();
    }
}
