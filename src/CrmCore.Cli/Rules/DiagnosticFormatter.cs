using System.Globalization;
using System.Text;
using System.Text.Json;
using CrmCore.Cli.Localization;
using CrmCore.Cli.Output;
using CrmCore.Rules.Diagnostics;

namespace CrmCore.Cli.Rules;

/// <summary>Prints rule diagnostics in compiler style or as JSON.</summary>
internal static class DiagnosticFormatter
{
    /// <summary>
    /// <c>path:line:col: error CRMnnn: message [rule Name]</c>; the position is left out when unknown, the bracket names the
    /// rule (or the workflow when the problem is not inside a rule).
    /// </summary>
    public static string Format(RuleDiagnostic diagnostic, CliLanguage language)
    {
        var text = new StringBuilder(diagnostic.File);
        if (diagnostic.Line > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $":{diagnostic.Line}:{Math.Max(1, diagnostic.Column)}");
        }

        var severity = diagnostic.IsError ? Messages.ErrorPrefix : Messages.WarningPrefix;
        // The rules package writes messages in English; in Chinese the code's Chinese title comes first.
        var message = language.IsChinese
            ? $"{RuleDiagnosticTitles.Get(diagnostic.Code, language.Culture)}：{RuleDiagnosticMessages.Get(diagnostic, language.Culture)}"
            : diagnostic.Message;
        text.Append(CultureInfo.InvariantCulture, $": {severity.In(language)} {diagnostic.Code}: {message}");
        if (diagnostic.RuleName is { } rule)
        {
            text.Append(CultureInfo.InvariantCulture, $" [{Messages.RuleWord.In(language)} {rule}]");
        }
        else if (diagnostic.WorkflowName is { } workflow)
        {
            text.Append(CultureInfo.InvariantCulture, $" [{Messages.WorkflowWord.In(language)} {workflow}]");
        }

        return TerminalText.Escape(text.ToString());
    }

    /// <summary>All diagnostics as an indented JSON array; <c>title</c> is the code's title in the chosen language.</summary>
    public static string ToJson(IEnumerable<RuleDiagnostic> diagnostics, CliLanguage language)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, ResultWriter.JsonOptions))
        {
            json.WriteStartArray();
            foreach (var d in diagnostics)
            {
                json.WriteStartObject();
                json.WriteString("file", d.File);
                json.WriteNumber("line", d.Line);
                json.WriteNumber("column", d.Column);
                json.WriteString("severity", d.IsError ? "error" : "warning");
                json.WriteString("code", d.Code);
                json.WriteString("title", RuleDiagnosticTitles.Get(d.Code, language.Culture));
                json.WriteString("message", RuleDiagnosticMessages.Get(d, language.Culture));
                Optional(json, "workflow", d.WorkflowName);
                Optional(json, "rule", d.RuleName);
                Optional(json, "jsonPath", d.JsonPath.Length == 0 ? null : d.JsonPath);
                Optional(json, "suggestion", d.Suggestion);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void Optional(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }
}
