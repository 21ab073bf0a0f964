using System.Globalization;
using System.Text;

namespace CrmCore.Knowledge.Tests.Evaluation;

/// <summary>
/// The plain baseline a helpdesk writes by hand: tokens are lower-cased Latin words and, for Chinese (no spaces), character bigrams;
/// an article's score is how many distinct ticket tokens it shares with the article's title, tags and body. No index: a linear scan.
/// </summary>
public sealed class KeywordOverlapBaseline
{
    private readonly (ArticleId Id, HashSet<string> Tokens)[] _articles;

    public KeywordOverlapBaseline(IEnumerable<KnowledgeArticle> articles) =>
        _articles = [.. articles.Select(a => (a.Id, Tokens($"{a.Title} {string.Join(' ', a.Tags)} {a.Body}")))];

    public IReadOnlyList<ArticleId> Suggest(string text, int count = 3)
    {
        var query = Tokens(text);
        var best = new List<(ArticleId Id, int Score)>(count + 1);
        foreach (var (id, tokens) in _articles)
        {
            var score = 0;
            foreach (var token in query)
            {
                if (tokens.Contains(token))
                {
                    score++;
                }
            }

            if (score == 0)
            {
                continue;
            }

            var at = best.FindIndex(b => b.Score < score);
            if (at < 0 && best.Count < count)
            {
                best.Add((id, score));
            }
            else if (at >= 0)
            {
                best.Insert(at, (id, score));
                if (best.Count > count)
                {
                    best.RemoveAt(count);
                }
            }
        }

        return [.. best.Select(b => b.Id)];
    }

    public static HashSet<string> Tokens(string text)
    {
        var tokens = new HashSet<string>(StringComparer.Ordinal);
        var word = new StringBuilder();
        char? previousCjk = null;
        foreach (var c in text.ToLower(CultureInfo.InvariantCulture))
        {
            if (c is >= '\u4e00' and <= '\u9fff')
            {
                Flush();
                if (previousCjk is { } p)
                {
                    tokens.Add(string.Concat(p, c));
                }

                previousCjk = c;
                continue;
            }

            previousCjk = null;
            if (char.IsLetterOrDigit(c))
            {
                word.Append(c);
            }
            else
            {
                Flush();
            }
        }

        Flush();
        return tokens;

        void Flush()
        {
            if (word.Length >= 2)
            {
                tokens.Add(word.ToString());
            }

            word.Clear();
        }
    }
}
