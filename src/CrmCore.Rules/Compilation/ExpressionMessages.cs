using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using CrmCore.Rules.Diagnostics;
using CrmCore.Rules.Loading;

namespace CrmCore.Rules.Compilation;

/// <summary>
/// Turns the expression parser's English text into a plain message in English and Simplified Chinese, with the character
/// position and a hint for what analysts actually type: <c>≥</c>/<c>≤</c>/<c>＝</c>, full-width brackets and quotes,
/// <c>50万</c>, <c>500,000</c>, <c>=&gt;</c>, a misspelled fact ("did you mean `AnnualRevenue`?"), a Boolean where a number is
/// expected. Thread-safe.
/// </summary>
internal static partial class ExpressionMessages
{
    /// <summary>Characters analysts type from a Chinese keyboard or a word processor, with what to write instead.</summary>
    private static readonly (char Typed, string Write)[] LookAlikes =
    [
        ('≥', ">="), ('≤', "<="), ('＝', "=="), ('≠', "!="), ('＞', ">"), ('＜', "<"), ('（', "("), ('）', ")"),
        ('“', "\""), ('”', "\""), ('‘', "'"), ('’', "'"), ('，', ","), ('！', "!"), ('＆', "&"), ('｜', "|"),
    ];

    /// <summary>The parser's commonest messages (by their start) in plain words.</summary>
    private static readonly (string Parser, string English, string Chinese)[] Common =
    [
        ("Expression expected", "A value is missing here, for example after an operator such as `>=` or `&&`.", "此处缺少一个值，例如 `>=` 或 `&&` 之后。"),
        ("')' or ',' expected", "A closing `)` is missing.", "缺少右括号 `)`。"),
        ("')' expected", "A closing `)` is missing.", "缺少右括号 `)`。"),
        ("Unterminated string literal", "A text value has no closing double quote `\"`.", "文本值缺少结束的英文双引号 `\"`。"),
        ("Syntax error", "This character cannot be used in an expression.", "表达式中不能使用此字符。"),
        ("Character literal must contain exactly one character", "Single quotes hold one character only: put text in double quotes, such as `\"制造业\"`.", "单引号只能包含一个字符：文本请用英文双引号，例如 `\"制造业\"`。"),
    ];

    /// <summary>A translated parser problem.</summary>
    internal sealed record Translation(string Code, string English, string Chinese, int Position, string? Suggestion);

    /// <summary>Translates a parse failure of <paramref name="text"/>.</summary>
    /// <param name="text">The expression.</param>
    /// <param name="raw">The parser's message.</param>
    /// <param name="position">The parser's 0-based position.</param>
    /// <param name="factTypes">The fact parameters by name (<c>customer</c> → its type).</param>
    /// <param name="scoped">The names of parameters in scope (shared, global and local).</param>
    public static Translation Translate(string text, string raw, int position, IReadOnlyDictionary<string, Type> factTypes, IReadOnlyCollection<string> scoped)
    {
        position = Math.Clamp(position, 0, text.Length);
        if (Typo(text) is { } typo)
        {
            return typo;
        }

        if (MissingMember().Match(raw) is { Success: true } mm)
        {
            var name = mm.Groups[1].Value;
            var type = factTypes.Values.FirstOrDefault(t => t.Name == mm.Groups[2].Value);
            var fact = factTypes.FirstOrDefault(f => f.Value == type).Key ?? "customer";
            var known = type?.GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => p.Name).ToList() ?? [];
            var suggestion = KnownKeys.Suggest(name, known);
            var at = IndexOfWord(text, name, position);
            if (suggestion is null && !text[..at].TrimEnd().EndsWith('.'))
            {
                // A bare word the parser took for a fact: most often a text value without its quotes.
                var quoted = "\"" + name + "\"";
                return new(
                    RuleDiagnosticCodes.UnknownFact,
                    $"`{name}` is not a fact, a parameter or a shared value. Text values need double quotes: write `{quoted}`. {Where(text, at)}",
                    $"`{name}` 不是事实、参数或共享值。文本值需要用英文双引号：请写成 `{quoted}`。{WhereZh(text, at)}",
                    at,
                    quoted);
            }

            var mean = suggestion is null ? string.Empty : $" Did you mean `{suggestion}`?";
            var meanZh = suggestion is null ? string.Empty : $"您是不是想写 `{suggestion}`？";
            return new(
                RuleDiagnosticCodes.UnknownFact,
                $"`{fact}` has no fact `{name}`.{mean} {Where(text, at)}",
                $"`{fact}` 没有名为 `{name}` 的事实。{meanZh}{WhereZh(text, at)}",
                at,
                suggestion);
        }

        if (UnknownIdentifier().Match(raw) is { Success: true } ui)
        {
            var name = ui.Groups[1].Value;
            var at = IndexOfWord(text, name, position);
            foreach (var (fact, type) in factTypes)
            {
                if (type.GetProperty(name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase) is { } p)
                {
                    var written = $"{fact}.{p.Name}";
                    return new(
                        RuleDiagnosticCodes.UnknownFact,
                        $"`{name}` is a fact of `{fact}`: write `{written}`. {Where(text, at)}",
                        $"`{name}` 是 `{fact}` 的事实，请写成 `{written}`。{WhereZh(text, at)}",
                        at,
                        written);
                }
            }

            var suggestion = KnownKeys.Suggest(name, scoped.Concat(factTypes.Keys));
            var mean = suggestion is null ? string.Empty : $" Did you mean `{suggestion}`?";
            var meanZh = suggestion is null ? string.Empty : $"您是不是想写 `{suggestion}`？";
            return new(
                RuleDiagnosticCodes.UnknownFact,
                $"`{name}` is not a fact, a parameter or a shared value.{mean} Text values need double quotes (\"A\"). {Where(text, at)}",
                $"`{name}` 不是事实、参数或共享值。{meanZh}文本值需要用英文双引号（\"A\"）。{WhereZh(text, at)}",
                at,
                suggestion);
        }

        if (Incompatible().Match(raw) is { Success: true } inc)
        {
            var (op, left, right) = (inc.Groups[1].Value, inc.Groups[2].Value, inc.Groups[3].Value);
            if (left == "Boolean" || right == "Boolean")
            {
                return new(
                    RuleDiagnosticCodes.ExpressionError,
                    $"`{op}` needs a number on both sides, but one side is a yes/no (Boolean) value: {left} and {right}. Compare a yes/no fact with `== true` or use it alone, and put each comparison in its own clause joined by `&&`. {Where(text, position)}",
                    $"`{op}` 两边都需要是数字，但有一边是“是/否”（布尔）值：{Zh(left)} 与 {Zh(right)}。“是/否”事实请用 `== true` 或直接单独使用，每个比较单独写，用 `&&` 连接。{WhereZh(text, position)}",
                    position,
                    null);
            }

            if ((left, right) is ("Decimal", "Double") or ("Double", "Decimal"))
            {
                return new(
                    RuleDiagnosticCodes.ExpressionError,
                    $"`{op}` mixes an amount (decimal) with a fractional number: write the fraction with an `m` suffix, such as `0.8m`, or use whole numbers (`* 4 / 5`). {Where(text, position)}",
                    $"`{op}` 把金额（decimal）与小数混用：小数请加 `m` 后缀（如 `0.8m`），或改用整数（`* 4 / 5`）。{WhereZh(text, position)}",
                    position,
                    null);
            }

            return new(
                RuleDiagnosticCodes.ExpressionError,
                $"`{op}` cannot combine a {Plain(left)} with a {Plain(right)}. {Where(text, position)}",
                $"`{op}` 不能用于{Zh(left)}与{Zh(right)}。{WhereZh(text, position)}",
                position,
                null);
        }

        if (raw.StartsWith("Expression of type 'Boolean' expected", StringComparison.Ordinal))
        {
            return new(
                RuleDiagnosticCodes.ExpressionResultType,
                $"A rule's expression must be a yes/no condition, such as `customer.AnnualRevenue >= 500000`; this one gives a value. {Where(text, 0)}",
                $"规则表达式必须是“是/否”条件，例如 `customer.AnnualRevenue >= 500000`；此表达式得到的是一个值。{WhereZh(text, 0)}",
                0,
                null);
        }

        foreach (var (parser, en, zh) in Common)
        {
            if (raw.StartsWith(parser, StringComparison.Ordinal))
            {
                return new(RuleDiagnosticCodes.ExpressionError, $"{en} {Where(text, position)}", $"{zh}{WhereZh(text, position)}", position, null);
            }
        }

        // The last resort: the parser's own sentence is for programmers (it names .NET types), so the message is ours; the place
        // and the text found there say what the parser choked on.
        var cannotRead = DiagnosticStrings.Text("Expr_CannotRead", new DiagnosticText(Where(text, position), WhereZh(text, position)));
        return new(RuleDiagnosticCodes.ExpressionError, cannotRead.English, cannotRead.Chinese, position, null);
    }

    /// <summary>The hints that do not depend on the parser's message: look-alike characters, 万, thousands separators, <c>=&gt;</c>.</summary>
    private static Translation? Typo(string text)
    {
        foreach (var (typed, write) in LookAlikes)
        {
            var i = text.IndexOf(typed, StringComparison.Ordinal);
            if (i >= 0)
            {
                return new(
                    RuleDiagnosticCodes.ExpressionError,
                    $"`{typed}` is a full-width or typographic character; write `{write}` instead. {Where(text, i)}",
                    $"`{typed}` 是全角或排版字符，请改写为半角的 `{write}`。{WhereZh(text, i)}",
                    i,
                    write);
            }
        }

        if (WanNumber().Match(text) is { Success: true } wan)
        {
            var value = decimal.Parse(wan.Groups[1].Value, CultureInfo.InvariantCulture) * 10_000m;
            var written = value.ToString("0.####", CultureInfo.InvariantCulture);
            return new(
                RuleDiagnosticCodes.ExpressionError,
                $"`{wan.Value}` uses 万; write the number in full: `{written}`. {Where(text, wan.Index)}",
                $"`{wan.Value}` 使用了“万”，请写出完整数字：`{written}`。{WhereZh(text, wan.Index)}",
                wan.Index,
                written);
        }

        if (Thousands().Match(text) is { Success: true } th && !InsideQuotes(text, th.Index))
        {
            var written = th.Value.Replace(",", string.Empty, StringComparison.Ordinal);
            return new(
                RuleDiagnosticCodes.ExpressionError,
                $"`{th.Value}` has thousands separators; write `{written}`. {Where(text, th.Index)}",
                $"`{th.Value}` 含有千位分隔符，请写成 `{written}`。{WhereZh(text, th.Index)}",
                th.Index,
                written);
        }

        foreach (var (typed, write) in new[] { ("=>", ">="), ("=<", "<="), ("<>", "!=") })
        {
            var i = text.IndexOf(typed, StringComparison.Ordinal);
            if (i >= 0 && !InsideQuotes(text, i))
            {
                return new(
                    RuleDiagnosticCodes.ExpressionError,
                    $"`{typed}` is not an operator; write `{write}`. {Where(text, i)}",
                    $"`{typed}` 不是运算符，请写成 `{write}`。{WhereZh(text, i)}",
                    i,
                    write);
            }
        }

        return null;
    }

    private static bool InsideQuotes(string text, int index) => text.AsSpan(0, index).Count('"') % 2 == 1;

    private static int IndexOfWord(string text, string word, int fallback)
    {
        var m = Regex.Match(text, @"(?<![A-Za-z0-9_])" + Regex.Escape(word) + @"(?![A-Za-z0-9_])", RegexOptions.None, TimeSpan.FromSeconds(1));
        return m.Success ? m.Index : fallback;
    }

    private static string Near(string text, int at) => text[at..Math.Min(text.Length, at + 24)];

    private static string Where(string text, int at)
        => at >= text.Length ? "(at the end of the expression)" : $"(character {at + 1} of the expression, at `{Near(text, at)}`)";

    private static string WhereZh(string text, int at)
        => at >= text.Length ? "（在表达式末尾）" : $"（表达式第 {at + 1} 个字符，`{Near(text, at)}` 处）";

    private static string Plain(string type) => type switch
    {
        "Decimal" or "Int32" or "Int64" or "Double" => "number",
        "String" => "text",
        "Boolean" => "yes/no value",
        _ when type.StartsWith("Nullable", StringComparison.Ordinal) => "number that may have no value",
        _ => type,
    };

    private static string Zh(string type) => type switch
    {
        "Decimal" or "Int32" or "Int64" or "Double" => "数字",
        "String" => "文本",
        "Boolean" => "是/否值",
        _ => type,
    };

    [GeneratedRegex(@"No property or field '([^']+)' exists in type '([^']+)'")]
    private static partial Regex MissingMember();

    [GeneratedRegex(@"Unknown identifier '([^']+)'")]
    private static partial Regex UnknownIdentifier();

    [GeneratedRegex(@"Operator '([^']+)' incompatible with operand types '([^']+)' and '([^']+)'")]
    private static partial Regex Incompatible();

    [GeneratedRegex(@"(\d+(?:\.\d+)?)\s*万")]
    private static partial Regex WanNumber();

    [GeneratedRegex(@"(?<![\d.])\d{1,3}(?:,\d{3})+(?![\d])")]
    private static partial Regex Thousands();
}
