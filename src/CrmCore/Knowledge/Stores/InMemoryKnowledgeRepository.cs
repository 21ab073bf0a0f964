using System.Runtime.CompilerServices;
using CrmCore.Desk;

namespace CrmCore.Knowledge;

/// <summary>The default knowledge store: articles and solution marks in memory, lost when the process ends. It also removes an erased
/// person's values from the ticket texts kept with the marks (<see cref="Privacy.IPersonalDataScrubber"/>), as the database stores do.
/// Thread-safe; completes synchronously.</summary>
public sealed class InMemoryKnowledgeRepository : IKnowledgeRepository, Privacy.IPersonalDataScrubber
{
    private readonly VersionedTable<ArticleId, KnowledgeArticle> _table = new("knowledge article", a => a.Version);
    private readonly List<ArticleSolution> _solutions = [];
    private readonly HashSet<(ArticleId, Tickets.TicketId)> _marked = [];
    private readonly Lock _gate = new();

    /// <inheritdoc />
    public ValueTask<KnowledgeArticle?> FindAsync(ArticleId id, CancellationToken cancellationToken = default) =>
        cancellationToken.IsCancellationRequested ? ValueTask.FromCanceled<KnowledgeArticle?>(cancellationToken) : ValueTask.FromResult(_table.Find(id));

    /// <inheritdoc />
    public ValueTask SaveAsync(KnowledgeArticle article, long expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(article);
        _table.Save(article.Id, article, expectedVersion);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<KnowledgeArticle> ListAsync(ArticleStatus? status = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var row in _table.Snapshot().Where(a => status is not { } s || a.Status == s).OrderBy(a => a.Id.Value, StringComparer.Ordinal))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return row;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    /// <inheritdoc />
    public ValueTask<bool> AddSolutionAsync(ArticleSolution solution, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(solution);
        if (_table.Find(solution.Article) is null)
        {
            throw new KeyNotFoundException($"No knowledge article {solution.Article} is stored.");
        }

        lock (_gate)
        {
            if (!_marked.Add((solution.Article, solution.Ticket)))
            {
                return ValueTask.FromResult(false);
            }

            _solutions.Add(solution);
            return ValueTask.FromResult(true);
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<ArticleSolution> ListSolutionsAsync(ArticleId? article = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        List<ArticleSolution> rows;
        lock (_gate)
        {
            rows = [.. _solutions.Where(s => article is not { } a || s.Article == a)];
        }

        foreach (var row in rows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return row;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    /// <summary>Removes an erased person's values from the ticket texts kept with the solution marks, for
    /// <see cref="Privacy.PersonalDataRequests.EraseAsync"/>. Each value replaced in a mark counts once, as the database stores count.</summary>
    /// <param name="values">The clear values to remove; values shorter than 2 characters are ignored.</param>
    /// <param name="replacement">What to put instead.</param>
    /// <param name="cancellationToken">Not used.</param>
    /// <returns>How many (value, mark) replacements were made.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public Task<int> ScrubAsync(IReadOnlyCollection<string> values, string replacement, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(replacement);
        var changed = 0;
        lock (_gate)
        {
            foreach (var value in values.Where(v => v.Length >= 2))
            {
                for (var i = 0; i < _solutions.Count; i++)
                {
                    var s = _solutions[i];
                    var text = s.TicketText.Replace(value, replacement, StringComparison.Ordinal);
                    if (!string.Equals(text, s.TicketText, StringComparison.Ordinal))
                    {
                        _solutions[i] = new ArticleSolution(s.Article, s.Ticket, s.Type, text, s.At);
                        changed++;
                    }
                }
            }
        }

        return Task.FromResult(changed);
    }
}
