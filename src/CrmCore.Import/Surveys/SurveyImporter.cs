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
public sealed class SurveyImporter : TableImporter<SurveyField>
{
    private readonly ITicketRepository _tickets;

    /// <summary>Creates an importer.</summary>
    /// <param name="tickets">The store to write to.</param>
    /// <param name="clock">The clock for the ledger's and the audit trail's times.</param>
    /// <param name="options">The options; default <see cref="TableImportOptions{TField}"/>' defaults.</param>
    /// <exception cref="ArgumentNullException">A store or the clock is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public SurveyImporter(ITicketRepository tickets, IClock clock, TableImportOptions<SurveyField>? options = null)
        : base(clock, options, ImportMappings.Surveys)
    {
        ArgumentNullException.ThrowIfNull(tickets);
        _tickets = tickets;
    }

    /// <inheritdoc/>
    private protected override IRecordTable<SurveyField> CreateTable() => new SurveyTable(_tickets, Options.Zone);
}
