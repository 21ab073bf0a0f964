using System.Collections.Immutable;
using System.Text.Json;
using NodaTime;
using NodaTime.Text;

namespace CrmCore.Calendars;

/// <summary>
/// Reads the JSON format of the <c>chinese-days</c> project: an object with a <c>holidays</c> map (date → <c>"English,中文,n"</c>,
/// the days off) and a <c>workdays</c> map (the make-up working days); other members such as <c>inLieuDays</c> are ignored because
/// those dates are already listed as holidays. The display name is <c>English (中文)</c>. Thread-safe (stateless).
/// </summary>
public static class ChineseDaysHolidayReader
{
    /// <summary>Reads a chinese-days JSON text. Never throws for bad input: problems are listed in the result with their JSON path.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The holidays, make-up days and problems.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    public static HolidayImport Read(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var problems = new List<LoadProblem>();
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            return new HolidayImport([], [], [JsonFields.SyntaxProblem(json, ex)]);
        }

        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                return new HolidayImport([], [], [LoadProblem.Of("$", "Load_ChineseDaysHolidayReader_30")]);
            }

            var holidays = ReadMap(doc.RootElement, "holidays", problems, (d, n) => new Holiday(d, n));
            var workdays = ReadMap(doc.RootElement, "workdays", problems, (d, n) => new MakeUpWorkingDay(d, n));
            foreach (var w in workdays)
            {
                if (holidays.Any(h => h.Date == w.Date))
                {
                    problems.Add(LoadProblem.Of($"$.workdays['{w.Date:yyyy-MM-dd}']", "Load_ChineseDaysHolidayReader_31"));
                }
            }

            return new HolidayImport([.. holidays.OrderBy(h => h.Date)], [.. workdays.OrderBy(w => w.Date)], [.. problems]);
        }
    }

    private static List<T> ReadMap<T>(JsonElement root, string member, List<LoadProblem> problems, Func<LocalDate, string, T> create)
    {
        var result = new List<T>();
        if (!root.TryGetProperty(member, out var map))
        {
            problems.Add(LoadProblem.Of("$", "Load_ChineseDaysHolidayReader_32", member));
            return result;
        }

        if (map.ValueKind != JsonValueKind.Object)
        {
            problems.Add(LoadProblem.Of($"$.{member}", "Load_ChineseDaysHolidayReader_33"));
            return result;
        }

        foreach (var entry in map.EnumerateObject())
        {
            var path = $"$.{member}['{entry.Name}']";
            var parsed = LocalDatePattern.Iso.Parse(entry.Name);
            if (!parsed.Success)
            {
                problems.Add(LoadProblem.Of(path, "Load_JsonFields_20", entry.Name));
                continue;
            }

            result.Add(create(parsed.Value, Name(entry.Value)));
        }

        return result;
    }

    private static string Name(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            return string.Empty;
        }

        var parts = (value.GetString() ?? string.Empty).Split(',');
        return parts.Length >= 2 ? $"{parts[0].Trim()} ({parts[1].Trim()})" : parts[0].Trim();
    }
}
