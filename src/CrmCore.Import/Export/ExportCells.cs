using System.Globalization;
using CrmCore.Import.Mapping;
using CrmCore.Localization;
using NodaTime;

namespace CrmCore.Import.Export;

/// <summary>How exporters write values so that the built-in mapping reads them back: times in a zone as <c>2026-03-01 14:30:00</c>, dates as
/// <c>2026-03-01</c>, coded values as their display names (<see cref="DisplayNames"/> in <see cref="Culture"/>), and a value without one in
/// Chinese through the reverse of the mapping's value map (Contact → 联系人). Thread-safe.</summary>
internal static class ExportCells
{
    /// <summary>A time in the zone, or null.</summary>
    public static string? Time(Instant? at, DateTimeZone zone) =>
        at is { } value ? value.InZone(zone).LocalDateTime.ToString("uuuu-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) : null;

    /// <summary>A date, or null.</summary>
    public static string? Date(LocalDate? date) => date?.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A whole number, or null.</summary>
    public static string? Number(int? value) => value?.ToString(CultureInfo.InvariantCulture);

    /// <summary>The culture of an export's display values (<see cref="DisplayNames"/>): zh-Hans for Chinese, English otherwise.</summary>
    public static CultureInfo Culture(ExportLanguage language) => language == ExportLanguage.Chinese ? TextCultures.SimplifiedChinese : TextCultures.English;

    /// <summary>A coded value as the table shows it: in Chinese the first cell value the built-in value map turns into it, else the code.</summary>
    public static string Display<TField>(ImportMapping<TField> mapping, TField field, string code, ExportLanguage language)
        where TField : struct, Enum
    {
        if (language == ExportLanguage.Chinese && mapping.Values.TryGetValue(field, out var map))
        {
            foreach (var (shown, value) in map)
            {
                if (string.Equals(value, code, StringComparison.OrdinalIgnoreCase))
                {
                    return shown;
                }
            }
        }

        return code;
    }
}
