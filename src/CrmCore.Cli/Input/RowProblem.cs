using CrmCore.Cli.Localization;

namespace CrmCore.Cli.Input;

/// <summary>A problem found while reading an input file, with its position.</summary>
/// <param name="Path">The file as the user named it.</param>
/// <param name="Line">The 1-based line where the row (or the field, for JSON) starts.</param>
/// <param name="Column">The 1-based column when known (JSON), otherwise <see langword="null"/>.</param>
/// <param name="Kind">The kind of problem.</param>
/// <param name="Field">The column or property concerned, if any.</param>
/// <param name="Value">The offending raw value, if any.</param>
/// <param name="Detail">What was expected, localized when shown, or <see langword="null"/>.</param>
internal sealed record RowProblem(string Path, int Line, int? Column, RowProblemKind Kind, string? Field, string? Value, Detail? Detail)
{
    /// <summary>Gets the diagnostic code, e.g. <c>CLI102</c>.</summary>
    public string Code => "CLI" + ((int)Kind).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
