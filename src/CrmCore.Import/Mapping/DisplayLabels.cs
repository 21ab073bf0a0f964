using System.Globalization;
using CrmCore.Import.Tickets;
using CrmCore.Localization;
using CrmCore.Relationships;
using CrmCore.Tickets;

namespace CrmCore.Import.Mapping;

/// <summary>
/// The one place the import's value maps take the library's own display names from: for each field of a table whose values have a
/// display name (<see cref="DisplayNames"/>: a ticket's urgency, type, channel and status, a plan entry's channel, status and kind), the
/// zh-Hans and English name of each built-in value, as value map entries (display name → code). So a table typed with the words
/// <c>crm</c>, the reports and the exports show (等待客户, 关怀信息, <c>Waiting for customer</c>) imports as the value they name, and a
/// display name changed in the resources changes what the import reads with it. Document 001's own words (待客户反馈, 关怀短信 ...) are
/// kept as synonyms beside them (<see cref="Map"/>). Thread-safe (stateless).
/// </summary>
internal static class DisplayLabels
{
    /// <summary>The ticket types the library defines (a host's own types have no display name).</summary>
    public static IReadOnlyList<TicketType> TicketTypes { get; } =
        [TicketType.Consultation, TicketType.Complaint, TicketType.Suggestion, TicketType.Fault, TicketType.PreSales];

    /// <summary>The ticket channels the library defines (a host's own channels have no display name).</summary>
    public static IReadOnlyList<Channel> Channels { get; } = [Channel.Phone, Channel.Email, Channel.OnlineChat, Channel.Visit, Channel.WebForm, Channel.Sms];

    /// <summary>The display names, zh-Hans and English, of every value of an enum, each → the value's name.</summary>
    /// <typeparam name="TEnum">The enum.</typeparam>
    /// <param name="name">Its display name (a <see cref="DisplayNames"/> overload).</param>
    public static IEnumerable<(string Label, string Code)> Of<TEnum>(Func<TEnum, CultureInfo, string> name)
        where TEnum : struct, Enum =>
        Of(Enum.GetValues<TEnum>(), v => v.ToString(), name);

    /// <summary>The display names, zh-Hans and English, of the given values, each → the value's code.</summary>
    /// <typeparam name="T">The value type.</typeparam>
    /// <param name="values">The values.</param>
    /// <param name="code">A value's code (what the importer reads).</param>
    /// <param name="name">Its display name (a <see cref="DisplayNames"/> overload).</param>
    public static IEnumerable<(string Label, string Code)> Of<T>(IEnumerable<T> values, Func<T, string> code, Func<T, CultureInfo, string> name) =>
        values.SelectMany(v => new[] { (name(v, TextCultures.SimplifiedChinese), code(v)), (name(v, TextCultures.English), code(v)) });

    /// <summary>
    /// A field's value map: its display names first (the Chinese one of a value is the first cell value the map turns into it, the one
    /// a row's reason lists), then the synonyms. Entries that clean to the same cell value (<see cref="ImportMapping{TField}.ValueKey"/>)
    /// are one entry.
    /// </summary>
    /// <param name="labels">The display names (<see cref="Of{TEnum}(Func{TEnum, CultureInfo, string})"/>).</param>
    /// <param name="synonyms">Other words for the values (document 001's).</param>
    /// <returns>Cell value → code.</returns>
    /// <exception cref="InvalidOperationException">One cell value would stand for two codes (a display name that is also another value's
    /// synonym): a defect of the built-in mapping, found when it is built.</exception>
    public static IReadOnlyDictionary<string, string> Map(IEnumerable<(string Label, string Code)> labels, params (string From, string To)[] synonyms)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (from, to) in labels.Concat(synonyms))
        {
            var key = ImportMapping<TicketField>.ValueKey(from);
            if (seen.TryGetValue(key, out var earlier))
            {
                if (!string.Equals(earlier, to, StringComparison.Ordinal))
                {
                    throw new InvalidOperationException($"The built-in value map reads '{from}' as both {earlier} and {to}.");
                }

                continue;
            }

            seen.Add(key, to);
            map.Add(from, to);
        }

        return map;
    }
}
