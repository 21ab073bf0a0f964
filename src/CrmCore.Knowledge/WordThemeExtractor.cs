using CrmCore.Satisfaction;

namespace CrmCore.Knowledge;

/// <summary>
/// Feedback themes made of words instead of character n-grams: comments are segmented with the knowledge index's
/// <see cref="TextSegmenter"/>, and a theme is a word or two adjacent words (响应 + 慢 → 响应慢, 没 + 解决 → 没解决). A word is left out
/// when a two-word theme containing it covers most of its comments. Uses <see cref="ThemeOptions"/>' top count, minimum frequency,
/// examples per theme and stop words (the n-gram lengths do not apply). Thread-safe.
/// </summary>
public sealed class WordThemeExtractor : IFeedbackThemeExtractor
{
    private const double CoverToSuppress = 0.6;
    private readonly TextSegmenter _segmenter;
    private readonly ThemeOptions _options;
    private readonly HashSet<string> _stopWords;

    /// <summary>Creates an extractor.</summary>
    /// <param name="segmenter">The segmenter (share the knowledge index's).</param>
    /// <param name="options">The settings; default <see cref="ThemeOptions"/>' defaults.</param>
    /// <exception cref="ArgumentNullException"><paramref name="segmenter"/> is null.</exception>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    public WordThemeExtractor(TextSegmenter segmenter, ThemeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(segmenter);
        _options = options ?? new ThemeOptions();
        var problems = _options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(Environment.NewLine, problems), nameof(options));
        }

        _segmenter = segmenter;
        _stopWords = new HashSet<string>(_options.StopWords, StringComparer.OrdinalIgnoreCase);
    }

    /// <inheritdoc />
    public IReadOnlyList<FeedbackTheme> Extract(IEnumerable<string?> comments)
    {
        ArgumentNullException.ThrowIfNull(comments);
        var texts = comments.Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => c!.Trim()).ToList();
        var postings = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var parts = new Dictionary<string, (string First, string Second)>(StringComparer.Ordinal);
        for (var i = 0; i < texts.Count; i++)
        {
            var words = _segmenter.Segment(texts[i], 4_000).Where(w => !_stopWords.Contains(w)).ToList();
            var candidates = new HashSet<string>(StringComparer.Ordinal);
            for (var j = 0; j < words.Count; j++)
            {
                if (IsThemeWord(words[j]))
                {
                    candidates.Add(words[j]);
                }

                if (j + 1 < words.Count)
                {
                    var pair = Join(words[j], words[j + 1]);
                    parts.TryAdd(pair, (words[j], words[j + 1]));
                    candidates.Add(pair);
                }
            }

            foreach (var candidate in candidates)
            {
                if (!postings.TryGetValue(candidate, out var list))
                {
                    postings[candidate] = list = [];
                }

                list.Add(i);
            }
        }

        var frequent = postings.Where(p => p.Value.Count >= _options.MinDocumentFrequency).ToDictionary(p => p.Key, p => p.Value.Count, StringComparer.Ordinal);
        var suppressed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (pair, count) in frequent.Where(f => parts.ContainsKey(f.Key)))
        {
            var (first, second) = parts[pair];
            foreach (var word in new[] { first, second })
            {
                if (frequent.TryGetValue(word, out var wordCount) && count >= CoverToSuppress * wordCount)
                {
                    suppressed.Add(word);
                }
            }
        }

        var themes = new List<FeedbackTheme>();
        var taken = new List<(string First, string Second)>();
        foreach (var (term, count) in frequent.Where(f => !suppressed.Contains(f.Key))
            .OrderByDescending(f => f.Value).ThenByDescending(f => parts.ContainsKey(f.Key)).ThenBy(f => f.Key, StringComparer.Ordinal))
        {
            // A pair that shares a word with a pair already taken (客服响应 after 响应慢) says the same thing less often.
            if (parts.TryGetValue(term, out var p) && taken.Any(t => t.First == p.First || t.First == p.Second || t.Second == p.First || t.Second == p.Second))
            {
                continue;
            }

            if (parts.TryGetValue(term, out p))
            {
                taken.Add(p);
            }

            var examples = postings[term].Select(i => texts[i]).Distinct(StringComparer.Ordinal).Take(_options.ExamplesPerTheme).ToList();
            themes.Add(new FeedbackTheme(term, count, examples));
            if (themes.Count == _options.TopCount)
            {
                break;
            }
        }

        return themes;
    }

    private static bool IsThemeWord(string word) => IsCjk(word[0]) ? word.Length >= 2 : word.Length >= 3;

    private static string Join(string a, string b) => IsCjk(a[^1]) && IsCjk(b[0]) ? a + b : a + " " + b;

    private static bool IsCjk(char c) => c is >= '\u4e00' and <= '\u9fff' or >= '\u3400' and <= '\u4dbf';
}
