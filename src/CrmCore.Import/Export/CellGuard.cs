namespace CrmCore.Import.Export;

/// <summary>
/// Neutralises spreadsheet formula injection: a cell text that begins with <c>=</c>, <c>+</c>, <c>-</c> or <c>@</c> (also after leading
/// white space, a tab or a carriage return) gets a leading apostrophe, so that a spreadsheet shows it as text and never evaluates it.
/// The importer removes that apostrophe again, so exported values read back unchanged. Thread-safe (stateless).
/// </summary>
public static class CellGuard
{
    /// <summary>The text made safe for a spreadsheet cell.</summary>
    /// <param name="text">The text, or null.</param>
    /// <returns>The text, with a leading apostrophe when it would start a formula; null for null.</returns>
    public static string? Neutralise(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        var first = text.AsSpan().TrimStart(" \t\r\n");
        return !first.IsEmpty && first[0] is '=' or '+' or '-' or '@' || text[0] is '\t' or '\r' ? "'" + text : text;
    }

    /// <summary>Removes the apostrophe <see cref="Neutralise"/> added, so an exported value reads back as it was.</summary>
    /// <param name="text">The cell text, or null.</param>
    /// <returns>The text without the guarding apostrophe.</returns>
    internal static string? Unescape(string? text) =>
        text is { Length: >= 2 } && text[0] == '\'' && Neutralise(text[1..]) != text[1..] ? text[1..] : text;
}
