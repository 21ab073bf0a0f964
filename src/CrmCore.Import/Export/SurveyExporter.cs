using CrmCore.Import.Mapping;
using CrmCore.Satisfaction;
using CrmCore.Tickets;
using NodaTime;

namespace CrmCore.Import.Export;

/// <summary>
/// Writes the survey answers of tickets as a survey table (.xlsx, streamed; one row per answer, every answer of a reopened ticket included),
/// headers in Chinese or English: 问题编号, 客户编号, 评价时间, 满意度, 推荐意愿, the five dimension scores and 客户评价. Importing it onto the
/// same tickets gives the same answers back. Every cell goes through <see cref="CellGuard"/>. Thread-safe (stateless).
/// </summary>
public static class SurveyExporter
{
    private static readonly SatisfactionDimension[] Dimensions =
    [
        SatisfactionDimension.ResponseSpeed, SatisfactionDimension.Resolution, SatisfactionDimension.SolutionQuality, SatisfactionDimension.Communication,
        SatisfactionDimension.Price,
    ];

    /// <summary>The column headers, in order.</summary>
    /// <param name="language">The language.</param>
    /// <returns>The headers.</returns>
    public static IReadOnlyList<string> Headers(ExportLanguage language) => language == ExportLanguage.Chinese
        ? ["问题编号", "客户编号", "评价时间", "满意度", "推荐意愿", "响应速度", "解决效果", "方案质量", "沟通态度", "价格", "客户评价"]
        : ["Ticket id", "Customer id", "Answered at", "CSAT", "NPS", "Response speed", "Resolution", "Solution quality", "Communication", "Price", "Comment"];

    /// <summary>Writes the answers of the tickets as an .xlsx table.</summary>
    /// <param name="tickets">The tickets, in order; those without answers give no row.</param>
    /// <param name="destination">The stream; left open.</param>
    /// <param name="language">The header language; default Chinese.</param>
    /// <param name="zone">The zone of the times; default Asia/Shanghai (the import's default).</param>
    public static void WriteXlsx(IEnumerable<TicketState> tickets, Stream destination, ExportLanguage language = ExportLanguage.Chinese, DateTimeZone? zone = null)
    {
        ArgumentNullException.ThrowIfNull(tickets);
        zone ??= DateTimeZoneProviders.Tzdb["Asia/Shanghai"];
        TableWriter.WriteXlsx(Headers(language), tickets.SelectMany(t => t.Surveys).Select(s => Cells(s, zone)), destination);
    }

    /// <summary>The cells of one answer, in header order, before <see cref="CellGuard"/>.</summary>
    /// <param name="survey">The answer.</param>
    /// <param name="zone">The zone of the answer time.</param>
    /// <returns>The cells.</returns>
    public static string?[] Cells(SurveyResponse survey, DateTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(survey);
        ArgumentNullException.ThrowIfNull(zone);
        var cells = new List<string?>
        {
            survey.Ticket.Value,
            survey.Customer.Value,
            ExportCells.Time(survey.AnsweredAt, zone),
            ExportCells.Number(survey.Csat.Value),
            ExportCells.Number(survey.Nps?.Value),
        };
        cells.AddRange(Dimensions.Select(d => ExportCells.Number(survey.DimensionScores.TryGetValue(d, out var score) ? score : null)));
        cells.Add(survey.Comment.Length == 0 ? null : survey.Comment);
        return [.. cells];
    }
}
