using CrmCore.Localization;
using CrmCore.Relationships;
using NodaTime;

namespace CrmCore.Import.Export;

/// <summary>
/// Writes contact plan entries as document 001's contact plan table (客户沟通计划表, .xlsx, streamed) with the entry id in front, headers in
/// Chinese or English, coded values as their display names in that language (<see cref="DisplayNames"/>, the words reports and
/// <c>crm</c> show: 沟通方式 电话/拜访/关怀信息/主管致电 ..., 完成状态 未开始/进行中/已完成/已取消, 计划类型 定期沟通/生日关怀/手动计划 ...;
/// <c>Phone call</c>, <c>Not started</c>, <c>Regular contact</c> in English), which the plan import reads back, and times in the given zone:
/// importing the export gives the same entries' table fields (id, customer, channel, purpose, owner, planned and actual time, feedback,
/// next action, status, kind). Reminder marks and the due time of generated entries are the planner's. Every cell goes
/// through <see cref="CellGuard"/>. Thread-safe (stateless).
/// </summary>
public static class PlanExporter
{
    /// <summary>The column headers, in order.</summary>
    /// <param name="language">The language.</param>
    /// <returns>The headers.</returns>
    public static IReadOnlyList<string> Headers(ExportLanguage language) => language == ExportLanguage.Chinese
        ? ["计划编号", "客户编号", "沟通方式", "沟通内容要点", "负责人", "计划执行时间", "实际执行时间", "客户反馈", "后续行动项", "完成状态", "计划类型"]
        : ["Plan id", "Customer id", "Channel", "Purpose", "Owner", "Planned at", "Actual at", "Feedback", "Next action", "Status", "Kind"];

    /// <summary>Writes plan entries as an .xlsx table.</summary>
    /// <param name="entries">The entries, in order.</param>
    /// <param name="destination">The stream; left open.</param>
    /// <param name="language">The header and value language; default Chinese.</param>
    /// <param name="zone">The zone of the times; default Asia/Shanghai (the import's default).</param>
    public static void WriteXlsx(IEnumerable<ContactPlanEntryState> entries, Stream destination, ExportLanguage language = ExportLanguage.Chinese, DateTimeZone? zone = null)
    {
        ArgumentNullException.ThrowIfNull(entries);
        zone ??= DateTimeZoneProviders.Tzdb["Asia/Shanghai"];
        TableWriter.WriteXlsx(Headers(language), entries.Select(e => Cells(e, language, zone)), destination);
    }

    /// <summary>The cells of one entry, in header order, before <see cref="CellGuard"/>.</summary>
    /// <param name="entry">The entry.</param>
    /// <param name="language">The language of coded values.</param>
    /// <param name="zone">The zone of the times.</param>
    /// <returns>The cells.</returns>
    public static string?[] Cells(ContactPlanEntryState entry, ExportLanguage language, DateTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(zone);
        var culture = ExportCells.Culture(language);
        return
        [
            entry.Id.Value,
            entry.Customer.Value,
            DisplayNames.Of(entry.Channel, culture),
            entry.Purpose,
            entry.Owner?.Value,
            ExportCells.Time(entry.PlannedAt, zone),
            ExportCells.Time(entry.ActualAt, zone),
            entry.Feedback,
            entry.NextAction,
            DisplayNames.Of(entry.Status, culture),
            DisplayNames.Of(entry.Kind, culture),
        ];
    }
}
