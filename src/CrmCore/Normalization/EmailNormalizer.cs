using System.Runtime.CompilerServices;
namespace CrmCore.Normalization;

/// <summary>
/// Brings e-mail addresses to one form for matching: trimmed, full-width characters made half-width (<c>＠</c> becomes <c>@</c>),
/// lower-cased. An address is <c>local@domain.tld</c> with no spaces. No I/O; thread-safe (stateless).
/// </summary>
public static class EmailNormalizer
{
    /// <summary>Normalises an e-mail address.</summary>
    /// <param name="text">The raw text.</param>
    /// <param name="canonical">The normalised address.</param>
    /// <returns>True when the text is an address.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryNormalize(string? text, out string canonical)
    {
        canonical = string.Empty;
        var clean = TextNormalizer.Fold(text);
        if (clean is null || !IsAddress(clean))
        {
            return false;
        }

        canonical = clean.ToLowerInvariant();
        return true;
    }

    /// <summary>Whether a text (already cleaned) looks like an address: one <c>@</c>, a local part, a domain with a dot, no spaces.</summary>
    /// <param name="text">The text.</param>
    /// <returns>True for an address.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool IsAddress(ReadOnlySpan<char> text)
    {
        var at = text.IndexOf('@');
        if (at <= 0 || at != text.LastIndexOf('@') || text.ContainsAny(" \t,;<>\"") || text.Length > 254)
        {
            return false;
        }

        var domain = text[(at + 1)..];
        var dot = domain.LastIndexOf('.');
        return dot > 0 && dot < domain.Length - 2 && !domain.Contains("..", StringComparison.Ordinal);
    }
}
