using System.Globalization;
using CrmCore.Cli.Localization;

namespace CrmCore.Cli.Input;

/// <summary>Prints input problems in compiler style: <c>path:line[:col]: error CLInnn: message</c>.</summary>
internal static class ProblemFormatter
{
    /// <summary>Formats a problem in a language.</summary>
    public static string Format(RowProblem problem, CliLanguage language)
    {
        var position = problem.Column is { } col
            ? string.Create(CultureInfo.InvariantCulture, $"{problem.Line}:{col}")
            : problem.Line.ToString(CultureInfo.InvariantCulture);
        return Output.TerminalText.Escape($"{problem.Path}:{position}: {Messages.ErrorPrefix.In(language)} {problem.Code}: {Message(problem, language)}");
    }

    /// <summary>The message part of a problem, without position and code.</summary>
    public static string Message(RowProblem problem, CliLanguage language)
    {
        var detail = problem.Detail?.In(language) ?? string.Empty;
        var (template, args) = problem.Kind switch
        {
            RowProblemKind.UnknownColumn => (Messages.UnknownColumn, new object?[] { problem.Field }),
            RowProblemKind.DuplicateColumn => (Messages.DuplicateColumn, [problem.Field]),
            RowProblemKind.BadNumber => (Messages.BadNumber, [problem.Field, problem.Value, detail]),
            RowProblemKind.BadDate => (Messages.BadDate, [problem.Field, problem.Value, detail]),
            RowProblemKind.MissingRequired => (Messages.MissingRequired, [problem.Field]),
            RowProblemKind.BadValue when problem.Value is null => (Messages.BadShape, [problem.Field, detail]),
            RowProblemKind.BadValue => (Messages.BadValue, [problem.Field, problem.Value, detail]),
            RowProblemKind.Malformed => (Messages.Malformed, [detail]),
            RowProblemKind.DuplicateId => (Messages.Verbatim, [detail]),
            RowProblemKind.OutOfOrder => (Messages.OutOfOrder, [problem.Field, problem.Value, detail]),
            _ => (Messages.Verbatim, [problem.Kind.ToString()]),
        };
        return string.Format(CultureInfo.InvariantCulture, template.In(language), args);
    }
}
