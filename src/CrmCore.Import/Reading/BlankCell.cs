using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using CrmCore.Normalization;

namespace CrmCore.Import.Reading;

/// <summary>
/// Whether a cell holds a value, the one test of every import (the customer import's fast lane and full path, the table engine): a
/// cell holds none when it is blank, made only of zero-width or other format characters (U+200B to U+200D, U+2060, U+FEFF, any
/// Unicode category Cf), or, with those left out and its width folded, only a mark analysts put for "nothing yet": one or two of the
/// same dash (<c>-</c>, <c>–</c>, <c>—</c>, <c>―</c>; full-width <c>－</c> is <c>-</c>) or one slash (<c>/</c>, full-width <c>／</c>).
/// Thread-safe (stateless).
/// </summary>
internal static class BlankCell
{
    /// <summary>Whether a cell's text, cleaned and its guarding quote removed (<c>'-</c> is <c>-</c>), holds a value.</summary>
    /// <param name="text">The text, or null.</param>
    /// <returns>False when it is null, only format characters, or a blank mark.</returns>
    public static bool HoldsValue([NotNullWhen(true)] string? text)
    {
        if (text is null)
        {
            return false;
        }

        // A mark is at most two characters besides format ones: a third means a value, found without reading the rest.
        var first = '\0';
        var second = '\0';
        var count = 0;
        foreach (var c in text)
        {
            if (char.GetUnicodeCategory(c) == UnicodeCategory.Format)
            {
                continue;
            }

            if (count == 2)
            {
                return true;
            }

            var folded = TextNormalizer.ToHalfWidth(c);
            (first, second) = count == 0 ? (folded, second) : (first, folded);
            count++;
        }

        return count switch
        {
            0 => false,
            1 => !(IsDash(first) || first == '/'),
            _ => !(first == second && IsDash(first)),
        };
    }

    /// <summary>A cell as every import reads it (the customer import's fast lane and full path, the table engine): cleaned
    /// (<see cref="TextNormalizer.Clean"/>), the apostrophe an export put before a formula start removed
    /// (<see cref="Export.CellGuard.Unescape"/>, so an exported value reads back as it was); null when it holds no value
    /// (<see cref="HoldsValue"/>).</summary>
    /// <param name="cell">The cell as the file holds it, or null.</param>
    /// <returns>The text, or null.</returns>
    public static string? Read(string? cell) =>
        Export.CellGuard.Unescape(TextNormalizer.Clean(cell)) is var text && HoldsValue(text) ? text : null;

    private static bool IsDash(char c) => c is '-' or '\u2013' or '\u2014' or '\u2015';
}
