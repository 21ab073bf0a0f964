namespace CrmCore.Knowledge;

/// <summary>
/// Where knowledge-base articles and the marks of articles that solved tickets are kept: one versioned record per article, and the
/// marks in the order they were made. The default is <see cref="InMemoryKnowledgeRepository"/>; the SQLite and PostgreSQL storage
/// packages provide database ones. The suggestion index is built from what is stored here. Implementations must be thread-safe.
/// </summary>
public interface IKnowledgeRepository
{
    /// <summary>Reads one article.</summary>
    /// <param name="id">The article id.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The stored article, or null when there is none.</returns>
    ValueTask<KnowledgeArticle?> FindAsync(ArticleId id, CancellationToken cancellationToken = default);

    /// <summary>Writes an article if nobody wrote it since it was read.</summary>
    /// <param name="article">The new article; its version must be above <paramref name="expectedVersion"/>.</param>
    /// <param name="expectedVersion">The version read before the change; 0 for a new article.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <exception cref="Desk.ConcurrencyConflictException">The stored version differs; nothing is written.</exception>
    /// <exception cref="ArgumentException">The new version is not above <paramref name="expectedVersion"/>.</exception>
    ValueTask SaveAsync(KnowledgeArticle article, long expectedVersion, CancellationToken cancellationToken = default);

    /// <summary>Lists stored articles ordered by id: every one, or those with one status.</summary>
    /// <param name="status">Only articles with this status; null for all.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The articles.</returns>
    IAsyncEnumerable<KnowledgeArticle> ListAsync(ArticleStatus? status = null, CancellationToken cancellationToken = default);

    /// <summary>Records that an article solved a ticket, once per article and ticket.</summary>
    /// <param name="solution">The mark.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>True when it was recorded; false when the same article was already marked for the same ticket (nothing changes).</returns>
    /// <exception cref="KeyNotFoundException">No article has the mark's id; nothing is written.</exception>
    ValueTask<bool> AddSolutionAsync(ArticleSolution solution, CancellationToken cancellationToken = default);

    /// <summary>Lists the marks in the order they were recorded: every one, or those of one article.</summary>
    /// <param name="article">Only this article's marks; null for all.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The marks.</returns>
    IAsyncEnumerable<ArticleSolution> ListSolutionsAsync(ArticleId? article = null, CancellationToken cancellationToken = default);
}
