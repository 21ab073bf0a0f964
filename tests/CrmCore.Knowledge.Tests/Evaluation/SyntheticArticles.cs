using System.Globalization;

namespace CrmCore.Knowledge.Tests.Evaluation;

/// <summary>
/// Distractor articles for scale: each is a random bag of the labelled articles' own words (title 3-6 words, body 30-60), so postings
/// lists are as long as a real corpus of that size would make them, and many distractors contain a ticket's key words. Deterministic.
/// </summary>
public static class SyntheticArticles
{
    public static IEnumerable<KnowledgeArticle> Create(IReadOnlyList<KnowledgeArticle> real, int count, int seed = 20261201)
    {
        using var segmenter = new TextSegmenter();
        var vocabulary = real.SelectMany(a => segmenter.Segment($"{a.Title} {a.Body}")).Distinct(StringComparer.Ordinal).ToArray();
        var random = new Random(seed);
        var result = new List<KnowledgeArticle>(count);
        for (var i = 0; i < count; i++)
        {
            var title = Join(Enumerable.Range(0, random.Next(3, 7)).Select(_ => vocabulary[random.Next(vocabulary.Length)]));
            var body = Join(Enumerable.Range(0, random.Next(30, 61)).Select(_ => vocabulary[random.Next(vocabulary.Length)]));
            var source = real[random.Next(real.Count)];
            result.Add(new KnowledgeArticle(new ArticleId(string.Create(CultureInfo.InvariantCulture, $"SYN-{i:00000}")), title, body) { TicketTypes = source.TicketTypes });
        }

        return result;
    }

    // Chinese words are written without spaces between them, as in real articles; English words with spaces.
    private static string Join(IEnumerable<string> words) =>
        string.Concat(words.Select(w => w[0] is >= '\u4e00' and <= '\u9fff' ? w : " " + w + " "));
}
