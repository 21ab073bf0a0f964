using System.Globalization;
using CrmCore.Localization;

namespace CrmCore.Satisfaction;

/// <summary>
/// Settings for <see cref="ThemeExtractor"/>. Chinese text (no spaces between words) is cut into character n-grams of
/// <see cref="MinGramLength"/>–<see cref="MaxGramLength"/> characters; Latin text is cut into words. Not thread-safe while being
/// changed; treat as read-only after setup.
/// </summary>
public sealed class ThemeOptions
{
    /// <summary>The shortest CJK n-gram, in characters. Default 2; range 1–<see cref="MaxGramLength"/>.</summary>
    public int MinGramLength { get; set; } = 2;

    /// <summary>The longest CJK n-gram, in characters. Default 3; range <see cref="MinGramLength"/>–8.</summary>
    public int MaxGramLength { get; set; } = 3;

    /// <summary>How many themes to return, most frequent first. Default 5; range 1–100.</summary>
    public int TopCount { get; set; } = 5;

    /// <summary>How many example comments to keep per theme. Default 2; range 0–20.</summary>
    public int ExamplesPerTheme { get; set; } = 2;

    /// <summary>A theme must appear in at least this many comments. Default 2; at least 1.</summary>
    public int MinDocumentFrequency { get; set; } = 2;

    /// <summary>
    /// Terms that are never themes. A CJK n-gram is also skipped when it starts or ends with a one-character stop word
    /// (so <c>等了</c> is skipped but <c>等了很久</c> can still be found). Compared case-insensitively for Latin words.
    /// Negations and intensifiers (不, 没, 太, 很) are deliberately not stop words: they carry the complaint.
    /// Default: common Chinese function words and English stop words (see <see cref="DefaultStopWords"/>).
    /// </summary>
    public ISet<string> StopWords { get; } = new HashSet<string>(DefaultStopWords, StringComparer.OrdinalIgnoreCase);

    /// <summary>The default stop list: Chinese particles and pronouns, and common English function words.</summary>
    public static IReadOnlyList<string> DefaultStopWords { get; } =
    [
        "的", "了", "是", "我", "你", "他", "她", "它", "们", "我们", "你们", "在", "和", "就", "都", "也", "还", "吗", "呢", "吧",
        "啊", "呀", "着", "过", "这", "那", "这个", "那个", "一个", "有", "被", "把", "给", "说", "又", "再", "请",
        "the", "a", "an", "and", "or", "but", "is", "are", "was", "were", "be", "been", "to", "of", "in", "on", "at", "for",
        "with", "it", "this", "that", "i", "we", "you", "they", "my", "our", "your", "very", "too", "so", "not", "no",
    ];

    /// <summary>Checks every setting and lists all problems in the language of <see cref="CultureInfo.CurrentUICulture"/> (see
    /// <see cref="Validate(CultureInfo?)"/>).</summary>
    /// <returns>The problems; empty when the options are valid.</returns>
    public IReadOnlyList<string> Validate() => Validate(null);

    /// <summary>Checks every setting and lists all problems in one language. Not thread-safe while the options are being changed.</summary>
    /// <param name="culture">The language of every message: Simplified Chinese for zh-Hans and the cultures under it (zh-CN), English
    /// otherwise; default <see cref="CultureInfo.CurrentUICulture"/>.</param>
    /// <returns>The problems, for example <c>Themes: TopCount must be from 1 to 100, was 0.</c> /
    /// <c>主题：“TopCount”必须在 1 到 100 之间，实际为 0。</c>; empty when the options are valid.</returns>
    public IReadOnlyList<string> Validate(CultureInfo? culture)
    {
        var problems = new List<string>();
        if (MinGramLength < 1 || MinGramLength > MaxGramLength)
        {
            problems.Add(Strings.Format("Themes_MinGramLength", culture, MaxGramLength, MinGramLength));
        }

        if (MaxGramLength > 8)
        {
            problems.Add(Strings.Format("Themes_AtMost", culture, nameof(MaxGramLength), 8, MaxGramLength));
        }

        if (TopCount is < 1 or > 100)
        {
            problems.Add(Strings.Format("Themes_Range", culture, nameof(TopCount), 1, 100, TopCount));
        }

        if (ExamplesPerTheme is < 0 or > 20)
        {
            problems.Add(Strings.Format("Themes_Range", culture, nameof(ExamplesPerTheme), 0, 20, ExamplesPerTheme));
        }

        if (MinDocumentFrequency < 1)
        {
            problems.Add(Strings.Format("Themes_AtLeast", culture, nameof(MinDocumentFrequency), 1, MinDocumentFrequency));
        }

        return problems;
    }
}
