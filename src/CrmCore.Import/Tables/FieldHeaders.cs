using System.Globalization;
using System.Text;
using CrmCore.Import.Mapping;
using CrmCore.Localization;

namespace CrmCore.Import.Tables;

/// <summary>
/// The header a field is known by when a table lacks its column, from the built-in mapping (<see cref="ImportMappings"/>), where the
/// tables define their headers: in Chinese the first Chinese header the mapping lists for it (<c>PlannedAt</c> → 计划执行时间,
/// <c>Owner</c> → 负责人), in English the field's name as words when the mapping knows that header (<c>Planned at</c>, <c>Owner</c>);
/// else the field's name. Thread-safe (built once per field enum).
/// </summary>
/// <typeparam name="TField">The entity's field enum.</typeparam>
internal static class FieldHeaders<TField>
    where TField : struct, Enum
{
    private static readonly Dictionary<TField, (string Chinese, string English)> Names = Build();

    /// <summary>The header of a field in a culture's language (zh-Hans or English).</summary>
    public static string Of(TField field, CultureInfo? culture) =>
        Names.TryGetValue(field, out var names) ? (TextCultures.IsSimplifiedChinese(culture) ? names.Chinese : names.English) : field.ToString();

    private static Dictionary<TField, (string Chinese, string English)> Build()
    {
        var names = new Dictionary<TField, (string, string)>();
        if (ImportMappings.For<TField>() is not { } mapping)
        {
            return names;
        }

        foreach (var field in Enum.GetValues<TField>())
        {
            // The mapping keeps its headers in the order the table lists them, Chinese first; its keys are cleaned (Chinese unchanged).
            var chinese = mapping.Columns.FirstOrDefault(c => EqualityComparer<TField>.Default.Equals(c.Value, field) && c.Key.Any(IsHan)).Key;
            var words = Words(field.ToString());
            var english = mapping.Columns.TryGetValue(ImportMapping<TField>.HeaderKey(words), out var known) && EqualityComparer<TField>.Default.Equals(known, field)
                ? words : field.ToString();
            names[field] = (chinese ?? english, english);
        }

        return names;
    }

    private static bool IsHan(char c) => c is >= '\u4E00' and <= '\u9FFF';

    /// <summary>A field's name as words: <c>PlannedAt</c> → <c>Planned at</c>, <c>CustomerId</c> → <c>Customer id</c>.</summary>
    private static string Words(string name)
    {
        var text = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (i > 0 && char.IsUpper(name[i]))
            {
                text.Append(' ').Append(char.ToLowerInvariant(name[i]));
            }
            else
            {
                text.Append(name[i]);
            }
        }

        return text.ToString();
    }
}
