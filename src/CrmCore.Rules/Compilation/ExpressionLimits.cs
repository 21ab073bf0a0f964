using CrmCore.Rules.Diagnostics;

namespace CrmCore.Rules.Compilation;

/// <summary>The shape limits of <see cref="RuleLoadOptions"/> applied to expression text and trees, with the messages.</summary>
internal static class ExpressionLimits
{
    /// <summary>
    /// How deeply the text nests before it is parsed: open brackets plus runs of unary operators (<c>!</c>, <c>-</c>, <c>+</c>,
    /// <c>~</c>, <c>not</c>) and conditional operators, which the parser handles by recursion. String literals are skipped.
    /// Linear in the text.
    /// </summary>
    /// <returns>The deepest level and the 0-based position where it is reached.</returns>
    public static (int Depth, int Position) TextNesting(string text)
    {
        int depth = 0, max = 0, at = 0, unary = 0, conditionals = 0;
        var expectOperand = true;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '"' or '\'')
            {
                i = SkipLiteral(text, i);
                expectOperand = false;
                unary = 0;
                continue;
            }

            if (char.IsWhiteSpace(c))
            {
                continue;
            }

            if (c is '(' or '[' or '{')
            {
                depth++;
                expectOperand = true;
            }
            else if (c is ')' or ']' or '}')
            {
                depth = Math.Max(0, depth - 1);
                expectOperand = false;
                unary = 0;
            }
            else if (expectOperand && c is '!' or '-' or '+' or '~')
            {
                unary++;
            }
            else if (expectOperand && IsWord(text, i, "not"))
            {
                unary++;
                i += 2;
            }
            else if (c == '?' && (i + 1 >= text.Length || (text[i + 1] != '?' && text[i + 1] != '.')) && (i == 0 || text[i - 1] != '?'))
            {
                conditionals++;
                expectOperand = true;
            }
            else if (char.IsLetterOrDigit(c) || c == '_' || c == '.')
            {
                expectOperand = false;
                unary = 0;
            }
            else
            {
                // Binary operators and separators: an operand follows.
                expectOperand = true;
                unary = 0;
            }

            var level = depth + unary + conditionals;
            if (level > max)
            {
                max = level;
                at = i;
            }
        }

        return (max, at);
    }

    /// <summary>The message for a measured tree over a limit, or null when it is within them.</summary>
    /// <param name="shape">The measured tree.</param>
    /// <param name="nodeBudget">The most nodes allowed.</param>
    /// <param name="options">The depth and lambda limits.</param>
    /// <param name="subject">What was measured, in both languages (<c>Limit_AsWritten</c>, <c>Limit_WithParameters</c>, <c>Limit_Together</c>).</param>
    public static DiagnosticText? Check(ExpressionShape shape, int nodeBudget, RuleLoadOptions options, DiagnosticText subject)
    {
        if (shape.Truncated || shape.Nodes > nodeBudget)
        {
            return DiagnosticStrings.Text("Limit_Nodes", subject, nodeBudget);
        }

        if (shape.Depth > options.MaxExpressionDepth)
        {
            return DiagnosticStrings.Text("Limit_Depth", subject, shape.Depth, options.MaxExpressionDepth);
        }

        if (shape.LambdaNesting > options.MaxLambdaNesting)
        {
            return DiagnosticStrings.Text("Limit_Lambdas", subject, shape.LambdaNesting, options.MaxLambdaNesting);
        }

        return null;
    }

    private static bool IsWord(string text, int i, string word)
        => string.Compare(text, i, word, 0, word.Length, StringComparison.OrdinalIgnoreCase) == 0
            && (i + word.Length >= text.Length || !char.IsLetterOrDigit(text[i + word.Length]))
            && (i == 0 || !char.IsLetterOrDigit(text[i - 1]));

    private static int SkipLiteral(string text, int start)
    {
        var quote = text[start];
        for (var i = start + 1; i < text.Length; i++)
        {
            if (text[i] == '\\')
            {
                i++;
            }
            else if (text[i] == quote)
            {
                return i;
            }
        }

        return text.Length;
    }
}
