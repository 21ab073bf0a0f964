using CrmCore.Tickets;
using NodaTime;

namespace CrmCore.Knowledge;

/// <summary>
/// The stored knowledge base with its suggestion index: articles and solution marks are kept in an <see cref="IKnowledgeRepository"/>
/// and the <see cref="KnowledgeIndex"/> is built from them on first use, then kept current as articles are added, edited and retired
/// and as agents mark articles as having solved tickets through this object. Because the marks are stored, learned ranking survives
/// a restart. Changes written to the store by another process are seen after <see cref="ReloadAsync"/>. It is the desk's
/// <see cref="IArticleSuggester"/> under <c>AddCrmKnowledge()</c>. Thread-safe.
/// </summary>
public sealed class KnowledgeBase : IArticleSuggester
{
    private readonly IKnowledgeRepository _store;
    private readonly IClock _clock;
    private readonly SemaphoreSlim _loading = new(1, 1);
    private volatile bool _loaded;

    /// <summary>Creates a knowledge base over a store and an index (empty: it is filled from the store on first use).</summary>
    /// <param name="store">Where articles and marks are kept.</param>
    /// <param name="index">The suggestion index.</param>
    /// <param name="clock">When marks are made.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public KnowledgeBase(IKnowledgeRepository store, KnowledgeIndex index, IClock clock)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(clock);
        _store = store;
        Index = index;
        _clock = clock;
    }

    /// <summary>The suggestion index (filled once <see cref="LoadAsync"/> or any other method ran).</summary>
    public KnowledgeIndex Index { get; }

    /// <summary>Fills the index from the store (every stored article, of which the published ones are suggested, then every stored mark) unless it was filled already.</summary>
    /// <param name="cancellationToken">Cancels the load; the next call tries again.</param>
    /// <returns>A task that completes when the index is filled.</returns>
    public async Task LoadAsync(CancellationToken cancellationToken = default)
    {
        if (_loaded)
        {
            return;
        }

        await _loading.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_loaded)
            {
                await FillAsync(cancellationToken).ConfigureAwait(false);
                _loaded = true;
            }
        }
        finally
        {
            _loading.Release();
        }
    }

    /// <summary>Rebuilds the index from the store, for changes another process wrote.</summary>
    /// <param name="cancellationToken">Cancels the reload.</param>
    /// <returns>A task that completes when the index is rebuilt.</returns>
    public async Task ReloadAsync(CancellationToken cancellationToken = default)
    {
        await _loading.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            Index.Clear();
            await FillAsync(cancellationToken).ConfigureAwait(false);
            _loaded = true;
        }
        finally
        {
            _loading.Release();
        }
    }

    /// <summary>Stores a new or changed article and updates the index: a published one is suggested at once, a draft or retired one no longer.</summary>
    /// <param name="article">The article; for a change, its version one above the stored one.</param>
    /// <param name="expectedVersion">The stored version it replaces; 0 for a new article.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the article is stored and indexed.</returns>
    /// <exception cref="Desk.ConcurrencyConflictException">The stored version differs; nothing changes.</exception>
    public async Task SaveAsync(KnowledgeArticle article, long expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(article);
        await LoadAsync(cancellationToken).ConfigureAwait(false);
        await _store.SaveAsync(article, expectedVersion, cancellationToken).ConfigureAwait(false);
        Index.Upsert(article);
    }

    /// <summary>Retires an article: it stays stored, with its marks, but is no longer suggested.</summary>
    /// <param name="id">The article.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The retired article (the version one higher), or the stored one when it was retired already.</returns>
    /// <exception cref="KeyNotFoundException">No article has the id.</exception>
    /// <exception cref="Desk.ConcurrencyConflictException">Someone changed the article meanwhile; nothing changes.</exception>
    public async Task<KnowledgeArticle> RetireAsync(ArticleId id, CancellationToken cancellationToken = default)
    {
        await LoadAsync(cancellationToken).ConfigureAwait(false);
        var stored = await _store.FindAsync(id, cancellationToken).ConfigureAwait(false) ?? throw new KeyNotFoundException($"No knowledge article {id} is stored.");
        if (stored.Status == ArticleStatus.Retired)
        {
            return stored;
        }

        var retired = stored with { Status = ArticleStatus.Retired, Version = stored.Version + 1 };
        await _store.SaveAsync(retired, stored.Version, cancellationToken).ConfigureAwait(false);
        Index.Upsert(retired);
        return retired;
    }

    /// <summary>
    /// Records that an article solved a ticket and teaches the index (the article then ranks higher for similar tickets). A second
    /// mark of the same article for the same ticket changes nothing.
    /// </summary>
    /// <param name="article">The article.</param>
    /// <param name="ticket">The ticket.</param>
    /// <param name="type">The ticket's type; null when unknown.</param>
    /// <param name="ticketText">The ticket's text (title and description).</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>True when the mark is new.</returns>
    /// <exception cref="KeyNotFoundException">No article has the id; nothing is stored.</exception>
    public async Task<bool> MarkSolvedAsync(ArticleId article, TicketId ticket, TicketType? type, string ticketText, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ticketText);
        await LoadAsync(cancellationToken).ConfigureAwait(false);
        var solution = new ArticleSolution(article, ticket, type, ticketText, _clock.GetCurrentInstant());
        if (!await _store.AddSolutionAsync(solution, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        Index.MarkSolvedRange([solution]);
        return true;
    }

    /// <summary>The best published articles for a ticket, best first (see <see cref="KnowledgeIndex.Suggest"/>).</summary>
    /// <param name="type">The ticket's type, or null.</param>
    /// <param name="text">The ticket's text.</param>
    /// <param name="count">How many at most; default 3. Range 1–100.</param>
    /// <param name="cancellationToken">Cancels the first load.</param>
    /// <returns>Up to <paramref name="count"/> suggestions.</returns>
    public async Task<IReadOnlyList<KnowledgeSuggestion>> SuggestAsync(TicketType? type, string? text, int count = 3, CancellationToken cancellationToken = default)
    {
        await LoadAsync(cancellationToken).ConfigureAwait(false);
        return Index.Suggest(type, text, count);
    }

    private async Task FillAsync(CancellationToken cancellationToken)
    {
        var articles = new List<KnowledgeArticle>();
        await foreach (var article in _store.ListAsync(cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            articles.Add(article);
        }

        Index.UpsertRange(articles);
        var solutions = new List<ArticleSolution>();
        await foreach (var solution in _store.ListSolutionsAsync(cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            solutions.Add(solution);
        }

        Index.MarkSolvedRange(solutions);
    }
}
