using System.Text;
using CrmCore.Metrics;

namespace CrmCore.Satisfaction;

/// <summary>
/// Finds the most frequent themes in a set of comments, in Chinese as well as in space-separated languages.
/// </summary>
/// <remarks>
/// <para>
/// Chinese has no spaces between words, so each run of CJK characters is cut into character n-grams
/// (<see cref="ThemeOptions.MinGramLength"/>–<see cref="ThemeOptions.MaxGramLength"/> characters, bigrams and trigrams by default);
/// Latin text is cut into lower-case words. Stop words are dropped. Terms are counted by document frequency: a comment that
/// repeats a term counts once. A term is dropped when a longer term containing it appears in as many comments (it says nothing
/// more), and each remaining CJK term is grown to the longest phrase that every one of its comments shares
/// (<c>响应</c> in "响应太慢，等了很久" ×3 becomes <c>响应太慢</c>).
/// </para>
/// <para>Thread-safe: the extractor keeps no state between calls. Characters outside the Basic Multilingual Plane are treated as separators.</para>
/// </remarks>
public sealed class ThemeExtractor : IFeedbackThemeExtractor
{
    private const int MaxPhraseLength = 16;
    private readonly ThemeOptions _options;
    private readonly HashSet<string> _stopWords;

    /// <summary>Creates an extractor.</summary>
    /// <param name="options">The settings; validated at once and read on every call, so do not change them afterwards (the stop list is copied).</param>
    /// <exception cref="ArgumentException">The options are invalid; the message lists every problem.</exception>
    public ThemeExtractor(ThemeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        OptionsGuard.ThrowIfAny(options.Validate(), nameof(options));

        _options = options;
        _stopWords = new HashSet<string>(options.StopWords, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Finds the most frequent themes.</summary>
    /// <param name="comments">The comments; null, empty and white-space entries are ignored.</param>
    /// <returns>At most <see cref="ThemeOptions.TopCount"/> themes, most frequent first (ties: longer, then ordinal); empty when none reach
    /// <see cref="ThemeOptions.MinDocumentFrequency"/>.</returns>
    public IReadOnlyList<FeedbackTheme> Extract(IEnumerable<string?> comments)
    {
        ArgumentNullException.ThrowIfNull(comments);
        var documents = comments.Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => Tokenize(c!.Trim())).ToList();

        var postings = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < documents.Count; i++)
        {
            foreach (var term in documents[i].Terms)
            {
                if (!postings.TryGetValue(term, out var list))
                {
                    postings[term] = list = [];
                }

                list.Add(i);
            }
        }

        var frequent = postings.Where(p => p.Value.Count >= _options.MinDocumentFrequency).ToDictionary(p => p.Key, p => p.Value.Count, StringComparer.Ordinal);
        var suppressed = Suppressed(frequent);
        var candidates = frequent
            .Where(t => !suppressed.Contains(t.Key))
            .OrderByDescending(t => t.Value).ThenByDescending(t => t.Key.Length).ThenBy(t => t.Key, StringComparer.Ordinal);

        var themes = new List<FeedbackTheme>();
        foreach (var (term, count) in candidates)
        {
            var docs = postings[term];
            var cjk = IsCjk(term[0]);
            var phrase = cjk ? Grow(term, docs, documents) : term;
            if (themes.Any(t => t.Term == phrase || (cjk && (t.Term.Contains(phrase, StringComparison.Ordinal) || phrase.Contains(t.Term, StringComparison.Ordinal)))))
            {
                continue;
            }

            var examples = docs.Select(d => documents[d].Text).Distinct(StringComparer.Ordinal).Take(_options.ExamplesPerTheme).ToList();
            themes.Add(new FeedbackTheme(phrase, count, examples));
            if (themes.Count == _options.TopCount)
            {
                break;
            }
        }

        return themes;
    }

    /// <summary>
    /// The CJK n-grams that a longer frequent n-gram containing them makes redundant: every comment that contains the longer one
    /// contains the shorter one, so equal counts mean the shorter one says nothing more. Linear in the number of terms.
    /// </summary>
    private HashSet<string> Suppressed(Dictionary<string, int> frequent)
    {
        var suppressed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (term, count) in frequent)
        {
            if (!IsCjk(term[0]))
            {
                continue;
            }

            for (var length = _options.MinGramLength; length < term.Length; length++)
            {
                for (var i = 0; i + length <= term.Length; i++)
                {
                    var part = term.Substring(i, length);
                    if (frequent.TryGetValue(part, out var partCount) && partCount <= count)
                    {
                        suppressed.Add(part);
                    }
                }
            }
        }

        return suppressed;
    }

    private string Grow(string term, List<int> docs, List<Document> documents)
    {
        var first = documents[docs[0]];
        var run = first.Runs.First(r => r.Contains(term, StringComparison.Ordinal));
        var start = run.IndexOf(term, StringComparison.Ordinal);
        var end = start + term.Length;
        bool SharedByAll(string phrase) => docs.All(d => documents[d].Runs.Any(r => r.Contains(phrase, StringComparison.Ordinal)));

        while (end - start < MaxPhraseLength && start > 0 && SharedByAll(run[(start - 1)..end]))
        {
            start--;
        }

        while (end - start < MaxPhraseLength && end < run.Length && SharedByAll(run[start..(end + 1)]))
        {
            end++;
        }

        // Growing may pick up a particle at an edge (物流太慢 + 了); drop it, but never cut into the term itself.
        var termStart = run.IndexOf(term, start, StringComparison.Ordinal);
        while (start < termStart && _stopWords.Contains(run[start..(start + 1)]))
        {
            start++;
        }

        while (end > termStart + term.Length && _stopWords.Contains(run[(end - 1)..end]))
        {
            end--;
        }

        return run[start..end];
    }

    private Document Tokenize(string text)
    {
        var runs = new List<string>();
        var terms = new HashSet<string>(StringComparer.Ordinal);
        var current = new StringBuilder();
        var kind = 0; // 0 none, 1 CJK, 2 Latin word
        foreach (var c in text + " ")
        {
            var next = IsCjk(c) ? 1 : char.IsLetterOrDigit(c) ? 2 : 0;
            if (next != kind && current.Length > 0)
            {
                Flush(current.ToString(), kind, runs, terms);
                current.Clear();
            }

            kind = next;
            if (next != 0)
            {
                current.Append(c);
            }
        }

        return new Document(text, runs, terms);
    }

    private void Flush(string token, int kind, List<string> runs, HashSet<string> terms)
    {
        if (kind == 2)
        {
            var word = token.ToLowerInvariant();
            if (word.Length >= 2 && !_stopWords.Contains(word))
            {
                terms.Add(word);
            }

            return;
        }

        runs.Add(token);
        for (var length = _options.MinGramLength; length <= _options.MaxGramLength; length++)
        {
            for (var i = 0; i + length <= token.Length; i++)
            {
                var gram = token.Substring(i, length);
                if (!_stopWords.Contains(gram)
                    && !_stopWords.Contains(gram[..1])
                    && !_stopWords.Contains(gram[^1..]))
                {
                    terms.Add(gram);
                }
            }
        }
    }

    private static bool IsCjk(char c) => c is (>= '\u4E00' and <= '\u9FFF') or (>= '\u3400' and <= '\u4DBF') or (>= '\uF900' and <= '\uFAFF');

    private sealed record Document(string Text, List<string> Runs, HashSet<string> Terms);
}
