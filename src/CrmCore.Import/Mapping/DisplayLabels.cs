using System.Globalization;
using CrmCore.Customers;
using CrmCore.Import.Tickets;
using CrmCore.Localization;
using CrmCore.Relationships;
using CrmCore.Tickets;

namespace CrmCore.Import.Mapping;

/// <summary>
/// The one place the import's value maps take the library's own display names from: for each field of a table whose values have a
/// display name (<see cref="DisplayNames"/>: a ticket's urgency, type, channel and status, a plan entry's channel, status and kind; a
/// customer's industry, source and contact role), the zh-Hans and English name of each built-in value, as value map entries (display
/// name → code). So a table typed with the words <c>crm</c>, the reports and the exports show (等待客户, 关怀信息, 制造业,
/// <c>Waiting for customer</c>) imports as the value they name, and a display name changed in the resources changes what the import
/// reads with it. Document 001's own words (待客户反馈, 关怀短信, 制造 ...) are kept as synonyms beside them (<see cref="Map"/>). The
/// customer table's values have one table each (<see cref="Industries"/>, <see cref="CustomerSources"/>, <see cref="ContactRoles"/>),
/// which both its row parser and its exporter use. Thread-safe (immutable).
/// </summary>
internal static class DisplayLabels
{
    /// <summary>The ticket types the library defines (a host's own types have no display name).</summary>
    public static IReadOnlyList<TicketType> TicketTypes { get; } =
        [TicketType.Consultation, TicketType.Complaint, TicketType.Suggestion, TicketType.Fault, TicketType.PreSales];

    /// <summary>The ticket channels the library defines (a host's own channels have no display name).</summary>
    public static IReadOnlyList<Channel> Channels { get; } = [Channel.Phone, Channel.Email, Channel.OnlineChat, Channel.Visit, Channel.WebForm, Channel.Sms];

    /// <summary>A customer's industry (所属行业): the library's industries by display name (制造业, <c>Manufacturing</c>) and code, and
    /// document 001's shorter words (制造, 零售, 服务, 科技, 互联网).</summary>
    public static ValueNames<Industry> Industries { get; } = new(
        [Industry.Manufacturing, Industry.Retail, Industry.Services, Industry.Technology],
        i => i.Code,
        c => new Industry(c),
        DisplayNames.Of,
        ("制造", "Manufacturing"), ("零售", "Retail"), ("服务", "Services"), ("科技", "Technology"), ("互联网", "Technology"), ("科技互联网", "Technology"));

    /// <summary>A customer's source (来源渠道): the library's sources by display name (转介绍, <c>Referral</c>) and code.</summary>
    public static ValueNames<CustomerSource> CustomerSources { get; } = new(
        [CustomerSource.WebForm, CustomerSource.ECommerce, CustomerSource.Store, CustomerSource.Referral], s => s.Code, c => new CustomerSource(c), DisplayNames.Of);

    /// <summary>A contact's role (联系人角色): the library's roles by display name (技术负责人, <c>Technical lead</c>) and code, and 联系人 for
    /// <c>Contact</c>, the import's default role (<see cref="Customers.CustomerImportOptions.DefaultContactRole"/>), which has no display
    /// name: the export writes it as 联系人 in Chinese.</summary>
    public static ValueNames<ContactRole> ContactRoles { get; } = new(
        [ContactRole.DecisionMaker, ContactRole.TechnicalLead, ContactRole.ProcurementLead],
        r => r.Code,
        c => new ContactRole(c),
        DisplayNames.Of,
        ("联系人", "Contact"));

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
