using CrmCore.Import.Mapping;
using CrmCore.Import.Reading;
using CrmCore.Import.Reports;
using CrmCore.Import.Tables;
using CrmCore.Knowledge;
using CrmCore.Tickets;

namespace CrmCore.Import.Articles;

/// <summary>
/// Imports a knowledge article table (CSV, .xlsx, JSON or JSON Lines through <see cref="TableSource"/>) into an
/// <see cref="IKnowledgeRepository"/>, so the same import lands in memory, SQLite or PostgreSQL. Finds the header row by its Chinese
/// or English headers (文章编号 / ArticleId, 标题 / Title, 正文 / Body, 标签 / Tags, 工单类型 / TicketTypes, 状态 / Status; see
/// <see cref="ImportMappings.Articles"/>), reads the rows in order and gives every one exactly one outcome in the <see cref="ImportReport"/>:
/// inserted, updated (the next version), unchanged, skipped (blank, repeated header or totals) or rejected with the column and the reason
/// (a missing or too long cell, too many tags, an unknown ticket type or status, an id twice in the file, a concurrent change). Tags and
/// ticket types are lists separated by <c>;</c>, <c>,</c>, <c>、</c> or <c>|</c>; a ticket type is its code (<c>Fault</c>) or its name
/// (故障, Fault); the status is draft/published/retired or 草稿/已发布/已停用 (default published). Rows are written in batches of 500.
/// Running an import again is safe: rows name their article by id. Not thread-safe: one import at a time per instance.
/// </summary>
public sealed class ArticleImporter
{
    private readonly IKnowledgeRepository _store;
    private readonly TableImportOptions<ArticleField> _options;
    private readonly TicketType[] _hostTypes;

    /// <summary>Creates an importer.</summary>
    /// <param name="store">The store to write to.</param>
    /// <param name="options">The options; default <see cref="ArticleImportOptions"/>' defaults.</param>
    /// <exception cref="ArgumentNullException"><paramref name="store"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public ArticleImporter(IKnowledgeRepository store, ArticleImportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        var given = options ?? new ArticleImportOptions();
        given.Validate();
        _store = store;
        _hostTypes = [.. given.TicketTypes];
        _options = new TableImportOptions<ArticleField>
        {
            Format = given.Format,
            Encoding = given.Encoding,
            Culture = given.Culture,
            DryRun = given.DryRun,
            MaxTitleRows = given.MaxTitleRows,
        };
    }

    /// <summary>Imports a file.</summary>
    /// <param name="path">The CSV, .xlsx, JSON or JSON Lines file.</param>
    /// <param name="cancellationToken">Cancels the import between rows; written batches stay written.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ImportFileException">The file cannot be read as a table (missing, no header row, bad encoding, damaged workbook or JSON).</exception>
    public Task<ImportReport> ImportAsync(string path, CancellationToken cancellationToken = default) => Run().ImportAsync(path, cancellationToken);

    /// <summary>Imports a table from a stream.</summary>
    /// <param name="stream">The content; must be seekable for CSV encoding detection and for .xlsx.</param>
    /// <param name="name">The file name, for the format (when <see cref="ArticleImportOptions.Format"/> is Auto) and for messages.</param>
    /// <param name="cancellationToken">Cancels the import between rows.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ImportFileException">The content cannot be read as a table.</exception>
    public Task<ImportReport> ImportAsync(Stream stream, string name, CancellationToken cancellationToken = default) =>
        Run().ImportAsync(stream, name, cancellationToken);

    private TableImport<ArticleField> Run() => new(new ArticleTable(_store, _hostTypes), _options, ImportMappings.Articles, NoLedgerClock.Instance);
}
