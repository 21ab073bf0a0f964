using CrmCore.Satisfaction;

namespace CrmCore.Knowledge;

/// <summary>
/// Feedback themes made of words instead of character n-grams: comments are segmented with the knowledge index's
/// <see cref="TextSegmenter"/>, and a theme is a word or two adjacent words (响应 + 慢 → 响应慢, 没 + 解决 → 没解决). Degree adverbs are
/// dropped first (响应太慢 → 响应慢, very slow → slow) and 没有 is read as 没 (没有解决 → 没解决). A word is left out when a frequent
/// two-word theme in the same clause covers most of its comments (问题 in 问题没有解决). Uses <see cref="ThemeOptions"/>' top count,
/// minimum frequency, examples per theme and stop words (the n-gram lengths do not apply). Thread-safe.
/// </summary>
/// <remarks>
/// <para><b>A theme says what went wrong.</b> Only a pair (a subject and its complaint: 响应慢, 价格贵, 没解决, slow response) or a short
/// phrase glued from single characters (等很久) is listed. A dictionary word on its own (处理, 问题, 客服, response) names a topic,
/// which is as common in praise as in complaints (等了很久才有人处理 is about the wait, not the handling), so it is never a theme.</para>
/// <para><b>Readable words.</b> English words are matched on their stems (waited and waits count together) but shown as the form the
/// comments use most (slow response, waited long; ties: the shortest, then ordinal), never as the stem (respons).</para>
/// </remarks>
public sealed partial class WordThemeExtractor : IFeedbackThemeExtractor
{
    private const double CoverToSuppress = 0.6;
    private const int MaxCommentLength = 4_000;
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
        var glued = new HashSet<string>(StringComparer.Ordinal);
        var surfaces = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        var stems = new Dictionary<string, string?>(StringComparer.Ordinal);
        var together = new Dictionary<(string Word, string Pair), int>();
        for (var i = 0; i < texts.Count; i++)
        {
            var candidates = new HashSet<string>(StringComparer.Ordinal);
            var seen = new HashSet<(string Word, string Pair)>();
            foreach (var clause in Clauses(texts[i]))
            {
                CountSurfaces(clause, stems, surfaces);
                var words = Words(clause, glued);
                var clauseWords = new List<string>();
                var clausePairs = new List<string>();
                for (var j = 0; j < words.Count; j++)
                {
                    if (IsThemeWord(words[j]))
                    {
                        candidates.Add(words[j]);
                        clauseWords.Add(words[j]);
                    }

                    if (j + 1 < words.Count && IsPair(words[j], words[j + 1]))
                    {
                        var pair = Join(words[j], words[j + 1]);
                        parts.TryAdd(pair, (words[j], words[j + 1]));
                        candidates.Add(pair);
                        clausePairs.Add(pair);
                    }
                }

                foreach (var word in clauseWords)
                {
                    foreach (var pair in clausePairs)
                    {
                        seen.Add((word, pair));
                    }
                }
            }

            foreach (var key in seen)
            {
                together[key] = together.GetValueOrDefault(key) + 1;
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
        // A word is left out when most of its comments also carry a frequent pair in the same clause: the pair says more (响应 in
        // 响应慢, 问题 in 问题没解决).
        var suppressed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var ((word, pair), count) in together)
        {
            if (frequent.TryGetValue(word, out var wordCount) && frequent.ContainsKey(pair) && count >= CoverToSuppress * wordCount)
            {
                suppressed.Add(word);
            }
        }

        var themes = new List<FeedbackTheme>();
        var taken = new List<(string First, string Second)>();
        // Only pairs and glued phrases are themes: a word alone names a topic, not a complaint (see the remarks).
        foreach (var (term, count) in frequent.Where(f => !suppressed.Contains(f.Key) && (parts.ContainsKey(f.Key) || glued.Contains(f.Key)))
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
            themes.Add(new FeedbackTheme(Readable(term, surfaces), count, examples));
            if (themes.Count == _options.TopCount)
            {
                break;
            }
        }

        return themes;
    }

    /// <summary>The clauses of a comment: a theme never spans punctuation (响应太慢，等了很久 gives no 慢等).</summary>
    private static IEnumerable<string> Clauses(string text)
    {
        var start = 0;
        var end = Math.Min(text.Length, MaxCommentLength);
        for (var k = 0; k <= end; k++)
        {
            if (k == end || IsClauseBreak(text[k]))
            {
                if (k > start && !string.IsNullOrWhiteSpace(text[start..k]))
                {
                    yield return text[start..k];
                }

                start = k + 1;
            }
        }
    }

    private static bool IsClauseBreak(char c) => char.IsPunctuation(c) || char.IsSymbol(c);

    /// <summary>
    /// The words of a clause for themes: segmented, stop words dropped, then runs of two or three single Chinese characters glued back
    /// (SmartCn cuts words it does not know, 客服 → 客 / 服, 等很久 → 等 / 很 / 久; a negation is never glued: 售后没 stays 售后 + 没), degree adverbs dropped (响应 / 太 / 慢 → 响应 / 慢; a
    /// glued run loses a leading one: 太慢 → 慢) and 没有 read as 没.
    /// </summary>
    private List<string> Words(string clause, HashSet<string> glued)
    {
        var segmented = _segmenter.Segment(clause).Where(w => !_stopWords.Contains(w)).ToList();
        var words = new List<string>(segmented.Count);
        for (var j = 0; j < segmented.Count;)
        {
            var run = j;
            while (run < segmented.Count && IsSingleCjk(segmented[run]) && !Negations.Contains(segmented[run]))
            {
                run++;
            }

            if (run - j is 2 or 3)
            {
                var joined = string.Concat(segmented.Skip(j).Take(run - j));
                var phrase = Intensifiers.Contains(joined[..1]) ? joined[1..] : joined;
                words.Add(phrase);
                if (phrase.Length >= 2)
                {
                    glued.Add(phrase);
                }

                j = run;
                continue;
            }

            for (var k = j; k < Math.Max(run, j + 1); k++)
            {
                if (!Intensifiers.Contains(segmented[k]))
                {
                    words.Add(Spellings.GetValueOrDefault(segmented[k], segmented[k]));
                }
            }

            j = Math.Max(run, j + 1);
        }

        return words;
    }

    /// <summary>Counts how often each English stem is written in each form in a clause (waited → wait), by segmenting each Latin word
    /// on its own; <paramref name="stems"/> caches the stem of each lower-cased form.</summary>
    private void CountSurfaces(string clause, Dictionary<string, string?> stems, Dictionary<string, Dictionary<string, int>> surfaces)
    {
        foreach (System.Text.RegularExpressions.Match match in LatinWord().Matches(clause))
        {
            var form = match.Value.ToLowerInvariant();
            if (!stems.TryGetValue(form, out var stem))
            {
                var segmented = _segmenter.Segment(form);
                stems[form] = stem = segmented.Count == 1 ? segmented[0] : null;
            }

            if (stem is null || stem == form)
            {
                continue;
            }

            if (!surfaces.TryGetValue(stem, out var forms))
            {
                surfaces[stem] = forms = new Dictionary<string, int>(StringComparer.Ordinal);
            }

            forms[form] = forms.GetValueOrDefault(form) + 1;
        }
    }

    /// <summary>A theme as people write it: each English stem replaced by its most frequent form in the comments (slow respons →
    /// slow response); Chinese is not stemmed and stays as it is.</summary>
    private static string Readable(string term, Dictionary<string, Dictionary<string, int>> surfaces) =>
        string.Join(' ', term.Split(' ').Select(word => surfaces.TryGetValue(word, out var forms)
            ? forms.OrderByDescending(f => f.Value).ThenBy(f => f.Key.Length).ThenBy(f => f.Key, StringComparer.Ordinal).First().Key
            : word));

    [System.Text.RegularExpressions.GeneratedRegex("[A-Za-z]+")]
    private static partial System.Text.RegularExpressions.Regex LatinWord();

    /// <summary>Whether two adjacent words make a theme: a Chinese pair needs a real word first (响应 + 慢) or a negation before a word
    /// (没 + 解决); a negation attaches to what follows, never to what precedes it (no 问题没). English words pair freely.</summary>
    private static bool IsPair(string first, string second) =>
        !(IsCjk(first[^1]) || IsCjk(second[0]))
        || (!Negations.Contains(second) && (first.Length >= 2 || Negations.Contains(first)));

    private static bool IsSingleCjk(string word) => word.Length == 1 && IsCjk(word[0]);

    private static readonly HashSet<string> Negations = new(StringComparer.Ordinal) { "没", "不", "未", "无", "别" };

    /// <summary>Degree adverbs between a subject and its complaint (响应太慢, 等待时间太长, very slow): dropped, so the theme is 响应慢 and
    /// comments that say 太慢, 很慢 or 非常慢 count together.</summary>
    private static readonly HashSet<string> Intensifiers = new(StringComparer.Ordinal)
    {
        "太", "很", "非常", "特别", "比较", "有点", "有些", "十分", "挺", "真", "更", "最", "实在", "相当", "一直", "总是", "还", "又", "veri", "too", "realli", "so",
    };

    /// <summary>Spellings of one complaint word counted as one (没有解决 and 没解决 are the same complaint).</summary>
    private static readonly Dictionary<string, string> Spellings = new(StringComparer.Ordinal) { ["没有"] = "没" };

    private static bool IsThemeWord(string word) => IsCjk(word[0]) ? word.Length >= 2 : word.Length >= 3;

    private static string Join(string a, string b) => IsCjk(a[^1]) && IsCjk(b[0]) ? a + b : a + " " + b;

    private static bool IsCjk(char c) => c is >= '\u4e00' and <= '\u9fff' or >= '\u3400' and <= '\u4dbf';
}
