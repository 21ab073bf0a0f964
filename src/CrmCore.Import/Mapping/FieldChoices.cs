using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using CrmCore.Import.Plans;
using CrmCore.Import.Surveys;
using CrmCore.Import.Tickets;
using CrmCore.Localization;
using CrmCore.Relationships;
using CrmCore.Satisfaction;
using CrmCore.Tickets;

namespace CrmCore.Import.Mapping;

/// <summary>
/// The fields whose values come from a closed list (an enum: 紧急程度 is General, Urgent or Major), how a cell names one, and how the list
/// is shown: in English the enum's names, in Simplified Chinese the first Chinese value the mapping's value map gives for each, which
/// for the built-in maps is the value's display name (一般、紧急、重大; <see cref="DisplayLabels"/>), the name where it gives none; and the fields whose values are whole-number scores with their range. The row readers and the mapping
/// file loader share it, so a mapping file is refused at load for the same
/// targets the rows would be rejected for. Fields with open codes (a ticket's type or channel, a customer's industry) have no list.
/// Thread-safe (immutable).
/// </summary>
internal static class FieldChoices
{
    private static readonly Dictionary<(Type Fields, int Field), Type> Closed = new()
    {
        [(typeof(TicketField), (int)TicketField.Urgency)] = typeof(Urgency),
        [(typeof(TicketField), (int)TicketField.Status)] = typeof(TicketStatus),
        [(typeof(PlanField), (int)PlanField.Channel)] = typeof(ContactChannel),
        [(typeof(PlanField), (int)PlanField.Status)] = typeof(PlanStatus),
        [(typeof(PlanField), (int)PlanField.Kind)] = typeof(PlanKind),
    };

    private static readonly Dictionary<(Type Fields, int Field), (int Min, int Max)> Scores = new()
    {
        [(typeof(TicketField), (int)TicketField.Satisfaction)] = (CsatScore.MinValue, CsatScore.MaxValue),
        [(typeof(SurveyField), (int)SurveyField.Csat)] = (CsatScore.MinValue, CsatScore.MaxValue),
        [(typeof(SurveyField), (int)SurveyField.Nps)] = (0, 10),
        [(typeof(SurveyField), (int)SurveyField.ResponseSpeed)] = (CsatScore.MinValue, CsatScore.MaxValue),
        [(typeof(SurveyField), (int)SurveyField.Resolution)] = (CsatScore.MinValue, CsatScore.MaxValue),
        [(typeof(SurveyField), (int)SurveyField.SolutionQuality)] = (CsatScore.MinValue, CsatScore.MaxValue),
        [(typeof(SurveyField), (int)SurveyField.Communication)] = (CsatScore.MinValue, CsatScore.MaxValue),
        [(typeof(SurveyField), (int)SurveyField.Price)] = (CsatScore.MinValue, CsatScore.MaxValue),
    };

    private static readonly IReadOnlyDictionary<string, string> NoMap = new Dictionary<string, string>();
    private static readonly ConcurrentDictionary<Type, string> EnglishLists = new();
    private static readonly ConditionalWeakTable<IReadOnlyDictionary<string, string>, ConcurrentDictionary<Type, string>> ChineseLists = new();

    /// <summary>The enum a field's values come from, or null when its values are open (text, numbers, codes of one's own).</summary>
    public static Type? Of<TField>(TField field)
        where TField : struct, Enum => Closed.GetValueOrDefault((typeof(TField), Convert.ToInt32(field, CultureInfo.InvariantCulture)));

    /// <summary>The range of a field whose values are whole-number scores (客户满意度 1–5, 推荐意愿 0–10 ...), or null.</summary>
    public static (int Min, int Max)? ScoreOf<TField>(TField field)
        where TField : struct, Enum =>
        Scores.TryGetValue((typeof(TField), Convert.ToInt32(field, CultureInfo.InvariantCulture)), out var range) ? range : null;

    /// <summary>Reads a whole number from <paramref name="min"/> to <paramref name="max"/> (<c>5</c>, also <c>5.0</c>).</summary>
    public static bool TryWhole(string text, int min, int max, out int value)
    {
        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out value) && value >= min && value <= max)
        {
            return true;
        }

        if (decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var number) && number == decimal.Truncate(number)
            && number >= min && number <= max)
        {
            value = (int)number;
            return true;
        }

        value = 0;
        return false;
    }

    /// <summary>Reads a value of <typeparamref name="TEnum"/> by its name, case and spaces ignored (<c>in progress</c> is InProgress);
    /// numbers are not names.</summary>
    public static bool TryParse<TEnum>(string text, out TEnum value)
        where TEnum : struct, Enum =>
        Enum.TryParse(text.Replace(" ", string.Empty, StringComparison.Ordinal), ignoreCase: true, out value) && Enum.IsDefined(value) && !int.TryParse(text, out _);

    /// <summary>The name of the value of <paramref name="type"/> that <paramref name="text"/> names (as <see cref="TryParse{TEnum}"/>
    /// reads it), or null.</summary>
    public static string? NameOf(Type type, string text) =>
        Enum.TryParse(type, text.Replace(" ", string.Empty, StringComparison.Ordinal), ignoreCase: true, out var value) && Enum.IsDefined(type, value)
        && !int.TryParse(text, out _) ? Enum.GetName(type, value) : null;

    /// <summary>The allowed values as a row's reason lists them: the Chinese values of the value map in Simplified Chinese
    /// (<c>一般、紧急、重大</c>), the names otherwise (<c>General, Urgent, Major</c>).</summary>
    /// <param name="type">The enum.</param>
    /// <param name="map">The field's value map (cell value → name), or null.</param>
    /// <param name="culture">The language; null for <see cref="CultureInfo.CurrentUICulture"/>.</param>
    public static string List(Type type, IReadOnlyDictionary<string, string>? map, CultureInfo? culture)
    {
        // Asked once per rejected row (a million of them, for a column of one wrong value): made once per list and value map.
        if (!TextCultures.IsSimplifiedChinese(culture))
        {
            return EnglishLists.GetOrAdd(type, static t => string.Join(", ", Enum.GetNames(t)));
        }

        return ChineseLists.GetValue(map ?? NoMap, static _ => new ConcurrentDictionary<Type, string>())
            .GetOrAdd(type, static (t, m) => string.Join("、", Labels(t, m).Select(l => l.Label ?? l.Name)), map);
    }

    /// <summary>The allowed targets of a mapping file's value map: the names, in Simplified Chinese each followed by its Chinese value
    /// (<c>General（一般）、Urgent（紧急）</c>).</summary>
    /// <param name="type">The enum.</param>
    /// <param name="map">The field's built-in value map, or null.</param>
    /// <param name="culture">The language; null for <see cref="CultureInfo.CurrentUICulture"/>.</param>
    public static string Targets(Type type, IReadOnlyDictionary<string, string>? map, CultureInfo? culture) => TextCultures.IsSimplifiedChinese(culture)
        ? string.Join("、", Labels(type, map).Select(l => l.Label is null ? l.Name : $"{l.Name}（{l.Label}）"))
        : string.Join(", ", Enum.GetNames(type));

    /// <summary>Each name of the enum with the first cell value the map turns into it (null when none does).</summary>
    private static IEnumerable<(string Name, string? Label)> Labels(Type type, IReadOnlyDictionary<string, string>? map) =>
        Enum.GetNames(type).Select(name => (name, map?.FirstOrDefault(p => NameOf(type, p.Value) == name).Key));
}
