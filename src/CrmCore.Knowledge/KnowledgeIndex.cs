using CrmCore.Tickets;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Cjk;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;

namespace CrmCore.Knowledge;

/// <summary>
/// An in-memory Lucene.Net index of knowledge-base articles that suggests the best articles for a ticket from its type and text, in
/// Chinese and English (SmartCn segmentation, BM25 ranking over title, tags, body and the text of tickets each article solved).
/// Articles can be added, changed and removed at any time; a change is visible to the next suggestion. When an agent marks an article
/// as having solved a ticket (<see cref="MarkSolved"/>), the ticket's text joins the article's learned text and its solved count
/// raises its score, so it ranks higher for similar tickets. Answers are kept until the next change
/// (<see cref="KnowledgeOptions.SuggestionCacheSize"/>), so a ticket text asked about before is not searched again. Thread-safe:
/// suggestions run in parallel, changes are serialised.
/// </summary>
public sealed class KnowledgeIndex : IDisposable
{
    private const string IdField = "id";
    private const string TitleField = "title";
    private const string BodyField = "body";
    private const string TagsField = "tags";
    private const string TypeField = "type";
    private const string LearnedField = "learned";
    private const string GramsField = "grams";
    private const float FieldTieBreaker = 0.2f;

    private readonly KnowledgeOptions _options;
    private readonly TextSegmenter _segmenter;
    private readonly CJKAnalyzer _grams = new(LuceneVersion.LUCENE_48);
    private readonly RAMDirectory _directory = new();
    private readonly IndexWriter _writer;
    private readonly SearcherManager _searchers;
    private readonly System.Threading.Lock _gate = new();
    private readonly Dictionary<ArticleId, Entry> _articles = [];
    private volatile View _view = new([]);

    /// <summary>Creates an empty index.</summary>
    /// <param name="options">The settings; default <see cref="KnowledgeOptions"/>' defaults.</param>
    /// <exception cref="ArgumentException">A setting is out of range (every problem is listed).</exception>
    public KnowledgeIndex(KnowledgeOptions? options = null)
    {
        _options = options ?? new KnowledgeOptions();
        var problems = _options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(Environment.NewLine, problems), nameof(options));
        }

        _segmenter = new TextSegmenter();
        var analyzer = new PerFieldAnalyzerWrapper(_segmenter.Analyzer, new Dictionary<string, Analyzer> { [GramsField] = _grams });
        var config = new IndexWriterConfig(LuceneVersion.LUCENE_48, analyzer) { Similarity = new BM25Similarity() };
        _writer = new IndexWriter(_directory, config);
        _searchers = new SearcherManager(_writer, applyAllDeletes: true, new BM25SearcherFactory());
    }

    /// <summary>How many articles can be suggested (the published ones).</summary>
    public int Count => _view.Published.Count;

    /// <summary>The segmenter the index uses (for the same words elsewhere, such as feedback themes).</summary>
    public TextSegmenter Segmenter => _segmenter;

    /// <summary>Adds an article or replaces the one with the same id, keeping what it learned from use. Only a
    /// <see cref="ArticleStatus.Published"/> article is suggested: a draft or retired one leaves the suggestions (what it learned is
    /// kept for when it is published again). An older version than the one indexed is ignored.</summary>
    /// <param name="article">The article.</param>
    /// <exception cref="ArgumentNullException"><paramref name="article"/> is null.</exception>
    public void Upsert(KnowledgeArticle article) => UpsertRange([article]);

    /// <summary>Adds or replaces many articles with one refresh (faster than one at a time); see <see cref="Upsert"/>.</summary>
    /// <param name="articles">The articles.</param>
    /// <exception cref="ArgumentNullException"><paramref name="articles"/> or one of them is null.</exception>
    public void UpsertRange(IEnumerable<KnowledgeArticle> articles)
    {
        ArgumentNullException.ThrowIfNull(articles);
        lock (_gate)
        {
            foreach (var article in articles)
            {
                ArgumentNullException.ThrowIfNull(article);
                Entry entry;
                if (_articles.TryGetValue(article.Id, out var old))
                {
                    if (article.Version < old.Article.Version)
                    {
                        continue;
                    }

                    // The types learned from solved tickets stay with the article.
                    var learnedTypes = old.LearnedTypes.Where(t => !article.TicketTypes.Contains(t));
                    entry = old with { Article = article with { TicketTypes = article.TicketTypes.AddRange(learnedTypes) }, Source = article };
                }
                else
                {
                    entry = new Entry(article, article, [], [], 0);
                }

                _articles[article.Id] = entry;
                Write(entry);
            }

            Refresh();
        }
    }

    /// <summary>Removes an article, with what it learned from use.</summary>
    /// <param name="id">The article's id.</param>
    /// <returns>True when it was indexed.</returns>
    public bool Remove(ArticleId id)
    {
        lock (_gate)
        {
            if (!_articles.Remove(id))
            {
                return false;
            }

            _writer.DeleteDocuments(new Term(IdField, id.Value));
            Refresh();
            return true;
        }
    }

    /// <summary>Removes every article.</summary>
    internal void Clear()
    {
        lock (_gate)
        {
            _articles.Clear();
            _writer.DeleteAll();
            Refresh();
        }
    }

    /// <summary>
    /// Records that an article solved a ticket: the ticket's text joins the article's learned text (the oldest dropped beyond
    /// <see cref="KnowledgeOptions.MaxLearnedTicketsPerArticle"/>), the ticket's type joins its types, and its solved count rises.
    /// This changes only the index; <see cref="KnowledgeBase.MarkSolvedAsync"/> also stores the mark.
    /// </summary>
    /// <param name="id">The article.</param>
    /// <param name="type">The ticket's type; null when unknown.</param>
    /// <param name="ticketText">The ticket's text (title and description).</param>
    /// <exception cref="KeyNotFoundException">No article has the id.</exception>
    public void MarkSolved(ArticleId id, TicketType? type, string ticketText)
    {
        ArgumentNullException.ThrowIfNull(ticketText);
        lock (_gate)
        {
            Learn(id, type, ticketText);
            Refresh();
        }
    }

    /// <summary>Replays stored solution marks (<see cref="IKnowledgeRepository.ListSolutionsAsync"/>) with one refresh, as
    /// <see cref="MarkSolved"/> does one at a time. Marks of articles that are not indexed are skipped.</summary>
    /// <param name="solutions">The marks, oldest first.</param>
    /// <returns>How many marks were applied.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="solutions"/> or one of them is null.</exception>
    public int MarkSolvedRange(IEnumerable<ArticleSolution> solutions)
    {
        ArgumentNullException.ThrowIfNull(solutions);
        lock (_gate)
        {
            var applied = 0;
            foreach (var solution in solutions)
            {
                ArgumentNullException.ThrowIfNull(solution);
                if (_articles.ContainsKey(solution.Article))
                {
                    Learn(solution.Article, solution.Type, solution.TicketText);
                    applied++;
                }
            }

            Refresh();
            return applied;
        }
    }

    /// <summary>The best articles for a ticket, best first.</summary>
    /// <param name="type">The ticket's type; articles answering it rank higher. Null when unknown.</param>
    /// <param name="text">The ticket's text (title and description), Chinese, English or mixed; only the first
    /// <see cref="KnowledgeOptions.MaxTicketTextLength"/> characters are read.</param>
    /// <param name="count">How many at most; default 3. Range 1–100.</param>
    /// <returns>Up to <paramref name="count"/> suggestions; empty when nothing matches the text.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is out of range.</exception>
    public IReadOnlyList<KnowledgeSuggestion> Suggest(TicketType? type, string? text, int count = 3)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, 100);
        // The view is read before the searcher: an answer kept in it was computed from its index or a newer one, and a newer view
        // (after a change) starts with no answers, so no answer outlives the change it predates.
        var view = _view;
        if (_options.SuggestionCacheSize == 0 || string.IsNullOrWhiteSpace(text))
        {
            return Search(view, type, text, count);
        }

        var key = (type?.Code, Truncate(text), count);
        if (view.Answers.TryGetValue(key, out var kept))
        {
            return kept;
        }

        var answer = Search(view, type, text, count);
        if (view.Answers.Count >= _options.SuggestionCacheSize)
        {
            view.Answers.Clear();
        }

        view.Answers[key] = answer;
        return answer;
    }

    private IReadOnlyList<KnowledgeSuggestion> Search(View view, TicketType? type, string? text, int count)
    {
        var terms = _segmenter.Segment(text, _options.MaxTicketTextLength).Distinct(StringComparer.Ordinal).Take(_options.MaxQueryTerms).ToList();
        if (terms.Count == 0)
        {
            return [];
        }

        // Per word, the best field counts (plus a little of the others): an article matching more of the ticket's words wins over
        // one that repeats a single word in every field.
        var words = new BooleanQuery();
        foreach (var term in terms)
        {
            var fields = new DisjunctionMaxQuery(FieldTieBreaker);
            Add(fields, TitleField, term, _options.TitleBoost);
            Add(fields, TagsField, term, _options.TagBoost);
            Add(fields, BodyField, term, _options.BodyBoost);
            Add(fields, LearnedField, term, _options.LearnedBoost);
            words.Add(fields, Occur.SHOULD);
        }

        // Chinese character bigrams as a second view: they match where the word segmentation of the ticket and of the article differ
        // (锁定/解锁 against 解锁账号), the way a CJK search engine backs up a dictionary.
        if (_options.GramBoost > 0)
        {
            foreach (var gram in Analyze(_grams, text!).Distinct(StringComparer.Ordinal).Take(_options.MaxQueryTerms))
            {
                words.Add(new TermQuery(new Term(GramsField, gram)) { Boost = _options.GramBoost }, Occur.SHOULD);
            }
        }

        var query = new BooleanQuery { { words, Occur.MUST } };
        if (type is { } t && _options.TypeBoost > 0)
        {
            query.Add(new TermQuery(new Term(TypeField, t.Code)) { Boost = _options.TypeBoost }, Occur.SHOULD);
        }

        var snapshot = view.Published;
        var searcher = _searchers.Acquire();
        try
        {
            var hits = searcher.Search(query, Math.Max(count * 4, 20)).ScoreDocs;
            var results = new List<KnowledgeSuggestion>(hits.Length);
            foreach (var hit in hits)
            {
                var id = searcher.Doc(hit.Doc).Get(IdField);
                if (id is not null && snapshot.TryGetValue(id, out var entry))
                {
                    var score = hit.Score * (1 + (_options.SolvedWeight * Math.Log(1 + entry.Solved)));
                    results.Add(new KnowledgeSuggestion(entry.Article.Id, entry.Article.Title, score, entry.Solved));
                }
            }

            return [.. results.OrderByDescending(r => r.Score).ThenBy(r => r.Article.Value, StringComparer.Ordinal).Take(count)];
        }
        finally
        {
            _searchers.Release(searcher);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_gate)
        {
            _searchers.Dispose();
            _writer.Dispose();
            _directory.Dispose();
            _segmenter.Dispose();
            _grams.Dispose();
        }
    }

    private void Learn(ArticleId id, TicketType? type, string ticketText)
    {
        if (!_articles.TryGetValue(id, out var entry))
        {
            throw new KeyNotFoundException($"No knowledge article {id} is indexed.");
        }

        var learned = entry.Learned.Add(Truncate(ticketText));
        if (learned.Count > _options.MaxLearnedTicketsPerArticle)
        {
            learned = learned.RemoveRange(0, learned.Count - _options.MaxLearnedTicketsPerArticle);
        }

        var known = type is not { } t || entry.Article.TicketTypes.Contains(t);
        var article = known ? entry.Article : entry.Article with { TicketTypes = entry.Article.TicketTypes.Add(type!.Value) };
        var learnedTypes = known || entry.Source.TicketTypes.Contains(type!.Value) ? entry.LearnedTypes : entry.LearnedTypes.Add(type!.Value);
        entry = new Entry(article, entry.Source, learned, learnedTypes, entry.Solved + 1);
        _articles[id] = entry;
        Write(entry);
    }

    private void Write(Entry entry)
    {
        if (entry.Article.Status == ArticleStatus.Published)
        {
            _writer.UpdateDocument(new Term(IdField, entry.Article.Id.Value), ToDocument(entry));
        }
        else
        {
            _writer.DeleteDocuments(new Term(IdField, entry.Article.Id.Value));
        }
    }

    private static void Add(DisjunctionMaxQuery query, string field, string term, float boost)
    {
        if (boost > 0)
        {
            query.Add(new TermQuery(new Term(field, term)) { Boost = boost });
        }
    }

    private List<string> Analyze(Analyzer analyzer, string text)
    {
        var result = new List<string>();
        using var stream = analyzer.GetTokenStream(GramsField, text.Length > _options.MaxTicketTextLength ? text[.._options.MaxTicketTextLength] : text);
        var term = stream.AddAttribute<Lucene.Net.Analysis.TokenAttributes.ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            result.Add(term.ToString());
        }

        stream.End();
        return result;
    }

    private void Refresh()
    {
        _searchers.MaybeRefreshBlocking();
        _view = new View(_articles.Values.Where(e => e.Article.Status == ArticleStatus.Published).ToDictionary(e => e.Article.Id.Value, StringComparer.Ordinal));
    }

    private string Truncate(string text) => text.Length > _options.MaxTicketTextLength ? text[.._options.MaxTicketTextLength] : text;

    private static Document ToDocument(Entry entry)
    {
        var a = entry.Article;
        var doc = new Document
        {
            new StringField(IdField, a.Id.Value, Field.Store.YES),
            new TextField(TitleField, a.Title, Field.Store.NO),
            new TextField(BodyField, a.Body, Field.Store.NO),
            new TextField(TagsField, string.Join(' ', a.Tags), Field.Store.NO),
            new TextField(LearnedField, string.Join('\n', entry.Learned), Field.Store.NO),
            new TextField(GramsField, $"{a.Title}\n{a.Body}\n{string.Join('\n', entry.Learned)}", Field.Store.NO),
        };
        foreach (var type in a.TicketTypes)
        {
            doc.Add(new StringField(TypeField, type.Code, Field.Store.NO));
        }

        return doc;
    }

    /// <summary>An indexed article: as indexed (with learned types), as given, the learned texts and types, and the solved count.</summary>
    private sealed record Entry(
        KnowledgeArticle Article,
        KnowledgeArticle Source,
        System.Collections.Immutable.ImmutableList<string> Learned,
        System.Collections.Immutable.ImmutableList<TicketType> LearnedTypes,
        int Solved);

    /// <summary>What suggestions read between two changes: the published articles by id and the answers given since the change.</summary>
    private sealed record View(Dictionary<string, Entry> Published)
    {
        public System.Collections.Concurrent.ConcurrentDictionary<(string? Type, string Text, int Count), IReadOnlyList<KnowledgeSuggestion>> Answers { get; } = new();
    }

    private sealed class BM25SearcherFactory : SearcherFactory
    {
        public override IndexSearcher NewSearcher(IndexReader reader) => new(reader) { Similarity = new BM25Similarity() };
    }
}
