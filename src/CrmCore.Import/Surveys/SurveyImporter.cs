using CrmCore.Desk;
using CrmCore.Import.Mapping;
using CrmCore.Import.Reports;
using CrmCore.Import.Tables;
using NodaTime;

namespace CrmCore.Import.Surveys;

/// <summary>
/// Imports survey results (满意度调查: 问题编号, 客户编号, 评价时间, 满意度 (CSAT 1–5), 推荐意愿 (NPS 0–10), scores per dimension 1–5 —
/// 响应速度, 解决效果, 方案质量, 沟通态度, 价格 — and 客户评价; Chinese or English headers, a mapping file for others) onto their stored
/// tickets: the survey on the ticket is the only record of satisfaction, so each answer is written with its ticket through
/// <see cref="ITicketRepository"/> (memory, SQLite or PostgreSQL). Every row read gets exactly one outcome: inserted, updated (same ticket
/// and answer time, other scores), unchanged, skipped or rejected with the line, the column and the reason (a missing or out-of-range score,
/// an unknown ticket, a customer that is not the ticket's, the same answer twice in the file). A row is named by its ticket and answer time,
/// so running an import again changes nothing. Batches are written in one transaction each. Not thread-safe: one import at a time per
/// instance.
/// </summary>
public sealed class SurveyImporter
{
    private readonly ITicketRepository _tickets;
    private readonly IClock _clock;
    private readonly TableImportOptions<SurveyField> _options;

    /// <summary>Creates an importer.</summary>
    /// <param name="tickets">The store to write to.</param>
    /// <param name="clock">The clock for the ledger's times.</param>
    /// <param name="options">The options; default <see cref="TableImportOptions{TField}"/>' defaults.</param>
    /// <exception cref="ArgumentNullException">A store or the clock is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public SurveyImporter(ITicketRepository tickets, IClock clock, TableImportOptions<SurveyField>? options = null)
    {
        ArgumentNullException.ThrowIfNull(tickets);
        ArgumentNullException.ThrowIfNull(clock);
        _tickets = tickets;
        _clock = clock;
        _options = options ?? new TableImportOptions<SurveyField>();
        _options.Validate();
    }

    /// <summary>Imports a file (.csv, .xlsx, .json or .jsonl).</summary>
    /// <param name="path">The file.</param>
    /// <param name="cancellationToken">Cancels the import between rows; committed batches stay written.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ImportFileException">The file cannot be read as a table.</exception>
    public Task<ImportReport> ImportAsync(string path, CancellationToken cancellationToken = default) => Run().ImportAsync(path, cancellationToken);

    /// <summary>Imports a table from a stream.</summary>
    /// <param name="stream">The content; seekable.</param>
    /// <param name="name">The file name, for the format and for messages.</param>
    /// <param name="cancellationToken">Cancels the import between rows.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ImportFileException">The content cannot be read as a table.</exception>
    public Task<ImportReport> ImportAsync(Stream stream, string name, CancellationToken cancellationToken = default) =>
        Run().ImportAsync(stream, name, cancellationToken);

    private TableImport<SurveyField> Run() =>
        new(new SurveyTable(_tickets, _options.Zone), _options, ImportMappings.Surveys, _clock);
}
