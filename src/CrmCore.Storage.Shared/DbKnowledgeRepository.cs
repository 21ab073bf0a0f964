using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Text.Json;
using CrmCore.Knowledge;
using CrmCore.Tickets;

namespace CrmCore.Storage;

/// <summary>The knowledge base in a database: one versioned row per article (tags and ticket types as JSON lists) and the solution
/// marks in the order they were made. Thread-safe.</summary>
internal sealed class DbKnowledgeRepository(DeskSql sql) : IKnowledgeRepository
{
    private const string Columns = "id, version, status, title, body, tags, ticket_types";
    private const string SolutionColumns = "article_id, ticket_id, ticket_type, ticket_text, marked_at";

    private static readonly string Values = string.Join(", ", Columns.Split(", ").Select(c => "@" + c));

    /// <inheritdoc />
    public async ValueTask<KnowledgeArticle?> FindAsync(ArticleId id, CancellationToken cancellationToken = default)
    {
        await using var lease = await sql.LeaseAsync(cancellationToken).ConfigureAwait(false);
        await using var command = lease.Connection.CreateCommand();
        command.Transaction = lease.Transaction;
        command.CommandText = sql.Sql($"SELECT {Columns} FROM {{t}}knowledge_article WHERE id = @id");
        DeskSql.Add(command, "@id", id.Value);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? Row(reader) : null;
    }

    /// <inheritdoc />
    public async ValueTask SaveAsync(KnowledgeArticle article, long expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(article);
        ArgumentOutOfRangeException.ThrowIfNegative(expectedVersion);
        if (article.Version <= expectedVersion)
        {
            throw new ArgumentException($"The new version {article.Version} of knowledge article {article.Id} must be above the expected version {expectedVersion}.", nameof(article));
        }

        await using var lease = await sql.LeaseAsync(cancellationToken).ConfigureAwait(false);
        await lease.BeginAsync(cancellationToken).ConfigureAwait(false);
        await sql.WriteVersionedAsync(lease, "knowledge_article", Columns, Values, article.Id.Value, expectedVersion, command => Bind(command, article), $"knowledge article {article.Id}", cancellationToken).ConfigureAwait(false);
        await lease.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public IAsyncEnumerable<KnowledgeArticle> ListAsync(ArticleStatus? status = null, CancellationToken cancellationToken = default) => sql.Source.Rows(StreamListAsync(status, cancellationToken));

    /// <inheritdoc />
    public async ValueTask<bool> AddSolutionAsync(ArticleSolution solution, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(solution);
        await using var lease = await sql.LeaseAsync(cancellationToken).ConfigureAwait(false);
        await lease.BeginAsync(cancellationToken).ConfigureAwait(false);
        var exists = lease.Command(sql.Sql("SELECT 1 FROM {t}knowledge_article WHERE id = @id"));
        DeskSql.Add(exists, "@id", solution.Article.Value);
        if (await exists.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is null or DBNull)
        {
            lease.FailsWithoutWrite();
            throw new KeyNotFoundException($"No knowledge article {solution.Article} is stored.");
        }

        var insert = lease.Command(sql.Sql($"INSERT INTO {{t}}knowledge_solution ({SolutionColumns}) VALUES (@article_id, @ticket_id, @ticket_type, @ticket_text, @marked_at) ON CONFLICT (article_id, ticket_id) DO NOTHING"));
        DeskSql.Add(insert, "@article_id", solution.Article.Value);
        DeskSql.Add(insert, "@ticket_id", solution.Ticket.Value);
        DeskSql.Add(insert, "@ticket_type", solution.Type?.Code);
        DeskSql.Add(insert, "@ticket_text", solution.TicketText);
        DeskSql.Add(insert, "@marked_at", sql.Time(solution.At));
        var added = await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
        await lease.CommitAsync(cancellationToken).ConfigureAwait(false);
        return added;
    }

    /// <inheritdoc />
    public IAsyncEnumerable<ArticleSolution> ListSolutionsAsync(ArticleId? article = null, CancellationToken cancellationToken = default) =>
        sql.Source.Rows(StreamSolutionsAsync(article, cancellationToken));

    private async IAsyncEnumerable<KnowledgeArticle> StreamListAsync(ArticleStatus? status, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var lease = await sql.LeaseAsync(cancellationToken).ConfigureAwait(false);
        await using var command = lease.Connection.CreateCommand();
        command.Transaction = lease.Transaction;
        var filter = string.Empty;
        if (status is { } s)
        {
            filter = " WHERE status = @status";
            DeskSql.Add(command, "@status", s.ToString());
        }

        command.CommandText = sql.Sql($"SELECT {Columns} FROM {{t}}knowledge_article{filter} ORDER BY id");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return Row(reader);
        }
    }

    private async IAsyncEnumerable<ArticleSolution> StreamSolutionsAsync(ArticleId? article, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var lease = await sql.LeaseAsync(cancellationToken).ConfigureAwait(false);
        await using var command = lease.Connection.CreateCommand();
        command.Transaction = lease.Transaction;
        var filter = string.Empty;
        if (article is { } a)
        {
            filter = " WHERE article_id = @article_id";
            DeskSql.Add(command, "@article_id", a.Value);
        }

        command.CommandText = sql.Sql($"SELECT {SolutionColumns} FROM {{t}}knowledge_solution{filter} ORDER BY seq");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return new ArticleSolution(
                new ArticleId(reader.GetString(0)),
                new TicketId(reader.GetString(1)),
                DeskSql.StringOrNull(reader, 2) is { } type ? new TicketType(type) : null,
                reader.GetString(3),
                sql.ReadTime(reader, 4));
        }
    }

    private static void Bind(DbCommand command, KnowledgeArticle a)
    {
        DeskSql.Add(command, "@id", a.Id.Value);
        DeskSql.Add(command, "@version", a.Version);
        DeskSql.Add(command, "@status", a.Status.ToString());
        DeskSql.Add(command, "@title", a.Title);
        DeskSql.Add(command, "@body", a.Body);
        DeskSql.Add(command, "@tags", JsonSerializer.Serialize(a.Tags.ToArray()));
        DeskSql.Add(command, "@ticket_types", JsonSerializer.Serialize(a.TicketTypes.Select(t => t.Code).ToArray()));
    }

    private static KnowledgeArticle Row(DbDataReader r) => new(new ArticleId(r.GetString(0)), r.GetString(3), r.GetString(4))
    {
        Version = DeskSql.Long(r, 1),
        Status = Enum.Parse<ArticleStatus>(r.GetString(2)),
        Tags = [.. JsonSerializer.Deserialize<string[]>(r.GetString(5))!],
        TicketTypes = [.. JsonSerializer.Deserialize<string[]>(r.GetString(6))!.Select(t => new TicketType(t))],
    };
}
