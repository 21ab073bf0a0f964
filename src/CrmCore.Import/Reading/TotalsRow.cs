using CrmCore.Normalization;

namespace CrmCore.Import.Reading;

/// <summary>
/// Tells a totals row, which every importer skips: one whose first filled cell is a totals label, 合计, 总计, 小计, Total, Totals or Sum
/// (any case, full-width or not), alone or followed by anything but a letter or digit (<c>合计：</c>, <c>小计(2)</c>, <c>Total (万元)</c>),
/// with spaces of any kind, the ideographic space included, allowed between its characters (<c>合 计</c>, <c>合　计</c>, <c>T o t a l</c>).
/// A name that only begins with such a word (<c>合计通科技</c>, <c>Totalsoft</c>) is not a label. Thread-safe (stateless).
/// </summary>
internal static class TotalsRow
{
    private static readonly string[] Words = ["合计", "总计", "小计", "totals", "total", "sum"];

    /// <summary>Whether a row's first filled cell is a totals label.</summary>
    /// <param name="cells">The row's cells.</param>
    /// <returns>True for a totals row.</returns>
    public static bool Is(string?[] cells)
    {
        foreach (var cell in cells)
        {
            if (!string.IsNullOrWhiteSpace(cell))
            {
                return IsLabel(cell);
            }
        }

        return false;
    }

    /// <summary>Whether a cell is a totals label.</summary>
    /// <param name="cell">The cell as read.</param>
    /// <returns>True for a label.</returns>
    public static bool IsLabel(string? cell)
    {
        // Most first cells (numbers, ids, names) are told apart by their first visible character, without building anything.
        if (!StartsLikeALabel(cell))
        {
            return false;
        }

        var label = TextNormalizer.Fold(cell)!.Replace(" ", string.Empty, StringComparison.Ordinal);
        foreach (var word in Words)
        {
            if (label.StartsWith(word, StringComparison.OrdinalIgnoreCase) && (label.Length == word.Length || !char.IsLetterOrDigit(label[word.Length])))
            {
                return true;
            }
        }

        return false;
    }

    private static bool StartsLikeALabel(string? cell)
    {
        foreach (var raw in cell.AsSpan())
        {
            var c = TextNormalizer.ToHalfWidth(raw);
            if (!char.IsWhiteSpace(c) && !char.IsControl(c))
            {
                return c is '合' or '总' or '小' or 't' or 'T' or 's' or 'S';
            }
        }

        return false;
    }
}
