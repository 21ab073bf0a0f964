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

    /// <summary>Checks every setting and lists all problems.</summary>
    /// <returns>The problems found, in English; empty when the options are valid.</returns>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (MinGramLength < 1 || MinGramLength > MaxGramLength)
        {
            problems.Add($"Themes: MinGramLength must be from 1 to MaxGramLength ({MaxGramLength}), was {MinGramLength}.");
        }

        if (MaxGramLength > 8)
        {
            problems.Add($"Themes: MaxGramLength must be at most 8, was {MaxGramLength}.");
        }

        if (TopCount is < 1 or > 100)
        {
            problems.Add($"Themes: TopCount must be from 1 to 100, was {TopCount}.");
        }

        if (ExamplesPerTheme is < 0 or > 20)
        {
            problems.Add($"Themes: ExamplesPerTheme must be from 0 to 20, was {ExamplesPerTheme}.");
        }

        if (MinDocumentFrequency < 1)
        {
            problems.Add($"Themes: MinDocumentFrequency must be at least 1, was {MinDocumentFrequency}.");
        }

        return problems;
    }
}
