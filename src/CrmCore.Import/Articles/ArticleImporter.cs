using CrmCore.Import.Mapping;
using CrmCore.Import.Reading;
using CrmCore.Import.Reports;
using CrmCore.Import.Tables;
using NodaTime;
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
public sealed class ArticleImporter : TableImporter<ArticleField>
{
    private readonly IKnowledgeRepository _store;
    private readonly TicketType[] _hostTypes;

    /// <summary>Creates an importer.</summary>
    /// <param name="store">The store to write to.</param>
    /// <param name="options">The options; default <see cref="ArticleImportOptions"/>' defaults.</param>
    /// <exception cref="ArgumentNullException"><paramref name="store"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    /// <exception cref="ArgumentException"><see cref="FileImportOptions.Audit"/> is set: an audit record needs the constructor with a clock;
    /// or <see cref="ArticleImportOptions.TicketTypes"/> holds an empty ticket type.</exception>
    public ArticleImporter(IKnowledgeRepository store, ArticleImportOptions? options = null)
        : this(store, NoLedgerClock.Instance, options)
    {
    }

    /// <summary>Creates an importer that can write audit records (<see cref="FileImportOptions.Audit"/>).</summary>
    /// <param name="store">The store to write to.</param>
    /// <param name="clock">The clock for the audit trail's times.</param>
    /// <param name="options">The options; default <see cref="ArticleImportOptions"/>' defaults.</param>
    /// <exception cref="ArgumentNullException"><paramref name="store"/> or <paramref name="clock"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    /// <exception cref="ArgumentException"><see cref="ArticleImportOptions.TicketTypes"/> holds an empty ticket type.</exception>
    public ArticleImporter(IKnowledgeRepository store, IClock clock, ArticleImportOptions? options = null)
        : base(clock, (options ?? new ArticleImportOptions()).ToTableOptions(), ImportMappings.Articles)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
        _hostTypes = [.. (options ?? new ArticleImportOptions()).TicketTypes];
    }

    /// <inheritdoc/>
    private protected override IRecordTable<ArticleField> CreateTable() => new ArticleTable(_store, _hostTypes);
}
