using System.Globalization;

namespace CrmCore.Cli.Output;

/// <summary>
/// Neutralises CSV cells that a spreadsheet would run as a formula (formula injection): a cell that starts with <c>=</c>,
/// <c>+</c>, <c>-</c>, <c>@</c>, a tab or a carriage return, and is not a plain number, is written with a leading
/// apostrophe. The readers remove exactly that apostrophe again, so writing and reading give back the same text.
/// </summary>
internal static class CsvCells
{
    /// <summary>The text as it is written to a CSV cell (before quoting).</summary>
    public static string Guard(string text) => NeedsGuard(text) ? "'" + text : text;

    /// <summary>The text of a CSV cell as read: the apostrophe that <see cref="Guard"/> added is removed.</summary>
    public static string Unguard(string text) => text.Length > 1 && text[0] == '\'' && NeedsGuard(text[1..]) ? text[1..] : text;

    private static bool NeedsGuard(string text)
    {
        if (text.Length == 0)
        {
            return false;
        }

        if (text[0] == '\'')
        {
            // An apostrophe before something guarded is itself guarded, so that reading back is exact.
            return NeedsGuard(text[1..]);
        }

        return text[0] is '=' or '+' or '-' or '@' or '\t' or '\r'
            && !decimal.TryParse(text, NumberStyles.Number | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out _);
    }
}
