using System.Text;

namespace CrmCore.Packaging.Tests.Infrastructure;

/// <summary>A line diff for failure messages: common head and tail trimmed, the middle aligned by longest common subsequence.</summary>
internal static class TextDiff
{
    /// <summary>The changed lines of <paramref name="after"/> against <paramref name="before"/>, "- " removed and "+ " added, with line numbers of <paramref name="after"/>; empty when equal.</summary>
    public static string Lines(string before, string after)
    {
        var a = Split(before);
        var b = Split(after);
        var head = 0;
        while (head < a.Length && head < b.Length && a[head] == b[head])
        {
            head++;
        }

        var tail = 0;
        while (tail < a.Length - head && tail < b.Length - head && a[a.Length - 1 - tail] == b[b.Length - 1 - tail])
        {
            tail++;
        }

        var x = a[head..(a.Length - tail)];
        var y = b[head..(b.Length - tail)];
        if (x.Length == 0 && y.Length == 0)
        {
            return "";
        }

        if ((long)x.Length * y.Length > 16_000_000)
        {
            return string.Concat(x.Select(l => $"-        {l}\n")) + string.Concat(y.Select(l => $"+        {l}\n"));
        }

        // LCS table over the changed middle only (small for any real API change).
        var lcs = new int[x.Length + 1, y.Length + 1];
        for (var i = x.Length - 1; i >= 0; i--)
        {
            for (var j = y.Length - 1; j >= 0; j--)
            {
                lcs[i, j] = x[i] == y[j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
            }
        }

        var sb = new StringBuilder();
        int p = 0, q = 0;
        while (p < x.Length || q < y.Length)
        {
            if (p < x.Length && q < y.Length && x[p] == y[q])
            {
                p++;
                q++;
            }
            else if (q < y.Length && (p == x.Length || lcs[p, q + 1] > lcs[p + 1, q]))
            {
                sb.Append(System.Globalization.CultureInfo.InvariantCulture, $"+ {head + q + 1,5}: {y[q]}\n");
                q++;
            }
            else
            {
                sb.Append(System.Globalization.CultureInfo.InvariantCulture, $"-        {x[p]}\n");
                p++;
            }
        }

        return sb.ToString();
    }

    /// <summary>Splits text into lines, ignoring the kind of line ending.</summary>
    public static string[] Split(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n').Split('\n');
}
