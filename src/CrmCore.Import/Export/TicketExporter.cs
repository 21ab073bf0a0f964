using CrmCore.Localization;
using CrmCore.Tickets;
using NodaTime;

namespace CrmCore.Import.Export;

/// <summary>
/// Writes tickets as document 001's issue-tracking table (服务质量问题跟踪表, .xlsx, streamed), headers in Chinese or English, coded values
/// as their display names in that language (<see cref="DisplayNames"/>, the words reports and <c>crm</c> show: 紧急程度 一般/紧急/重大,
/// 状态 待处理/处理中/等待客户 ..., <c>Waiting for customer</c> in English; a host's own type or channel as its code), which the ticket
/// import reads back, and times in the given zone: importing the export gives the
/// same tickets' table fields (id, customer, description, raise, urgency, type, channel, expected resolution, department, owner, the
/// latest progress note, solution, first response, resolution, closing, status, related asset, and as 客户满意度 the CSAT of the answer given
/// at the closing or resolution time; other answers go out with <see cref="SurveyExporter"/>). The history, due times and routing are the
/// desk's and are not in the table. Every cell goes through <see cref="CellGuard"/>. Thread-safe (stateless).
/// </summary>
public static class TicketExporter
{
    /// <summary>The column headers, in order.</summary>
    /// <param name="language">The language.</param>
    /// <returns>The headers.</returns>
    public static IReadOnlyList<string> Headers(ExportLanguage language) => language == ExportLanguage.Chinese
        ? ["问题编号", "客户编号", "问题描述", "提出时间", "紧急程度", "问题类型", "渠道", "期望解决时间", "责任部门", "负责人", "处理进度", "解决方案", "客户满意度", "首次响应时间", "解决时间", "关闭时间", "状态", "关联资产"]
        : ["Ticket id", "Customer id", "Description", "Raised at", "Urgency", "Type", "Channel", "Expected resolution at", "Department", "Owner", "Progress", "Solution", "Satisfaction", "First response at", "Resolved at", "Closed at", "Status", "Asset id"];

    /// <summary>Writes tickets as an .xlsx table.</summary>
    /// <param name="tickets">The tickets, in order.</param>
    /// <param name="destination">The stream; left open.</param>
    /// <param name="language">The header and value language; default Chinese.</param>
    /// <param name="zone">The zone of the times; default Asia/Shanghai (the import's default).</param>
    public static void WriteXlsx(IEnumerable<TicketState> tickets, Stream destination, ExportLanguage language = ExportLanguage.Chinese, DateTimeZone? zone = null)
    {
        ArgumentNullException.ThrowIfNull(tickets);
        zone ??= DateTimeZoneProviders.Tzdb["Asia/Shanghai"];
        TableWriter.WriteXlsx(Headers(language), tickets.Select(t => Cells(t, language, zone)), destination);
    }

    /// <summary>The cells of one ticket, in header order, before <see cref="CellGuard"/>.</summary>
    /// <param name="ticket">The ticket.</param>
    /// <param name="language">The language of coded values.</param>
    /// <param name="zone">The zone of the times.</param>
    /// <returns>The cells.</returns>
    public static string?[] Cells(TicketState ticket, ExportLanguage language, DateTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        ArgumentNullException.ThrowIfNull(zone);
        var culture = ExportCells.Culture(language);
        var closingAt = ticket.ClosedAt ?? ticket.ResolvedAt;
        var atClosing = ticket.Surveys.LastOrDefault(s => s.AnsweredAt == closingAt);
        return
        [
            ticket.Id.Value,
            ticket.CustomerId.Value,
            ticket.Description,
            ExportCells.Time(ticket.RaisedAt, zone),
            DisplayNames.Of(ticket.Urgency, culture),
            DisplayNames.Of(ticket.Type, culture),
            DisplayNames.Of(ticket.Channel, culture),
            ExportCells.Time(ticket.ExpectedResolutionAt, zone),
            ticket.Department,
            ticket.Owner.Value,
            ticket.Timeline.Count == 0 ? null : ticket.Timeline[^1].Text,
            ticket.Solution,
            ExportCells.Number(atClosing?.Csat.Value),
            ExportCells.Time(ticket.FirstResponseAt, zone),
            ExportCells.Time(ticket.ResolvedAt, zone),
            ExportCells.Time(ticket.ClosedAt, zone),
            DisplayNames.Of(ticket.Status, culture),
            ticket.RelatedAssetId,
        ];
    }
}
