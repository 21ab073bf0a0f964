using System.Globalization;
using CrmCore.Customers;
using CrmCore.Tickets;

namespace CrmCore.Localization;

/// <summary>
/// Display names for the library's statuses and codes, in English (the neutral resources) and zh-Hans (Chinese, simplified), for
/// example <c>DisplayNames.Of(TicketStatus.Pending, new CultureInfo("zh-CN"))</c> gives <c>待处理</c>, as do zh, zh-SG and zh-Hans
/// (<see cref="TextCultures"/>). Other cultures, Traditional Chinese ones included, fall back to English.
/// Codes a host added itself (an extensible <see cref="TicketType"/>, <see cref="Channel"/>, ...) fall back to the code.
/// Thread-safe.
/// </summary>
public static class DisplayNames
{
    /// <summary>The display name of a ticket status.</summary>
    /// <param name="status">The status.</param>
    /// <param name="culture">The culture; default <see cref="CultureInfo.CurrentUICulture"/>.</param>
    /// <returns>For example <c>Pending</c> or <c>待处理</c>.</returns>
    public static string Of(TicketStatus status, CultureInfo? culture = null) => Lookup("TicketStatus", status.ToString(), culture);

    /// <summary>The display name of an urgency.</summary>
    /// <param name="urgency">The urgency.</param>
    /// <param name="culture">The culture; default <see cref="CultureInfo.CurrentUICulture"/>.</param>
    /// <returns>For example <c>Urgent</c> or <c>紧急</c>.</returns>
    public static string Of(Urgency urgency, CultureInfo? culture = null) => Lookup("Urgency", urgency.ToString(), culture);

    /// <summary>The display name of a ticket type; a host-defined code is returned unchanged.</summary>
    /// <param name="type">The type.</param>
    /// <param name="culture">The culture; default <see cref="CultureInfo.CurrentUICulture"/>.</param>
    /// <returns>For example <c>Complaint</c> or <c>投诉</c>.</returns>
    public static string Of(TicketType type, CultureInfo? culture = null) => Lookup("TicketType", type.Code, culture);

    /// <summary>The display name of a channel; a host-defined code is returned unchanged.</summary>
    /// <param name="channel">The channel.</param>
    /// <param name="culture">The culture; default <see cref="CultureInfo.CurrentUICulture"/>.</param>
    /// <returns>For example <c>Online chat</c> or <c>在线客服</c>.</returns>
    public static string Of(Channel channel, CultureInfo? culture = null) => Lookup("Channel", channel.Code, culture);

    /// <summary>The display name of a contact role; a host-defined code is returned unchanged.</summary>
    /// <param name="role">The role.</param>
    /// <param name="culture">The culture; default <see cref="CultureInfo.CurrentUICulture"/>.</param>
    /// <returns>For example <c>Technical lead</c> or <c>技术负责人</c>.</returns>
    public static string Of(ContactRole role, CultureInfo? culture = null) => Lookup("ContactRole", role.Code, culture);

    /// <summary>The display name of an industry; a host-defined code is returned unchanged.</summary>
    /// <param name="industry">The industry.</param>
    /// <param name="culture">The culture; default <see cref="CultureInfo.CurrentUICulture"/>.</param>
    /// <returns>For example <c>Retail</c> or <c>零售业</c>.</returns>
    public static string Of(Industry industry, CultureInfo? culture = null) => Lookup("Industry", industry.Code, culture);

    /// <summary>The display name of a customer source; a host-defined code is returned unchanged.</summary>
    /// <param name="source">The source.</param>
    /// <param name="culture">The culture; default <see cref="CultureInfo.CurrentUICulture"/>.</param>
    /// <returns>For example <c>Referral</c> or <c>转介绍</c>.</returns>
    public static string Of(CustomerSource source, CultureInfo? culture = null) => Lookup("CustomerSource", source.Code, culture);

    /// <summary>The display name of a ticket move, as a verb phrase.</summary>
    /// <param name="move">The move.</param>
    /// <param name="culture">The culture; default <see cref="CultureInfo.CurrentUICulture"/>.</param>
    /// <returns>For example <c>reopen</c> or <c>重新打开</c>.</returns>
    public static string Of(TicketMove move, CultureInfo? culture = null) => Lookup("TicketMove", move.ToString(), culture);

    /// <summary>The display name of a contact plan status.</summary>
    /// <param name="status">The status.</param>
    /// <param name="culture">The culture; default <see cref="CultureInfo.CurrentUICulture"/>.</param>
    /// <returns>For example <c>Not started</c> or <c>未开始</c>.</returns>
    public static string Of(Relationships.PlanStatus status, CultureInfo? culture = null) => Lookup("PlanStatus", status.ToString(), culture);

    /// <summary>The display name of a contact channel.</summary>
    /// <param name="channel">The channel.</param>
    /// <param name="culture">The culture; default <see cref="CultureInfo.CurrentUICulture"/>.</param>
    /// <returns>For example <c>Supervisor call</c> or <c>主管致电</c>.</returns>
    public static string Of(Relationships.ContactChannel channel, CultureInfo? culture = null) => Lookup("ContactChannel", channel.ToString(), culture);

    /// <summary>The display name of a plan entry's kind.</summary>
    /// <param name="kind">The kind.</param>
    /// <param name="culture">The culture; default <see cref="CultureInfo.CurrentUICulture"/>.</param>
    /// <returns>For example <c>Birthday care</c> or <c>生日关怀</c>.</returns>
    public static string Of(Relationships.PlanKind kind, CultureInfo? culture = null) => Lookup("PlanKind", kind.ToString(), culture);

    /// <summary>The display name of an SLA clock's status.</summary>
    /// <param name="status">The status.</param>
    /// <param name="culture">The culture; default <see cref="CultureInfo.CurrentUICulture"/>.</param>
    /// <returns>For example <c>Breached</c> or <c>超时</c>.</returns>
    public static string Of(Sla.SlaClockStatus status, CultureInfo? culture = null) => Lookup("SlaClockStatus", status.ToString(), culture);

    /// <summary>The display name of an SLA metric; a host-defined metric is returned as its code.</summary>
    /// <param name="metric">The metric.</param>
    /// <param name="culture">The culture; default <see cref="CultureInfo.CurrentUICulture"/>.</param>
    /// <returns>For example <c>First response</c> or <c>首次响应</c>.</returns>
    public static string Of(Sla.SlaMetric metric, CultureInfo? culture = null) => Lookup("SlaMetric", metric.Code, culture);

    /// <summary>The display name of a customer field the completeness check looks at.</summary>
    /// <param name="field">The field.</param>
    /// <param name="culture">The culture; default <see cref="CultureInfo.CurrentUICulture"/>.</param>
    /// <returns>For example <c>Phone</c> or <c>联系电话</c>.</returns>
    public static string Of(Completeness.CustomerDataField field, CultureInfo? culture = null) => Lookup("CustomerDataField", field.ToString(), culture);
    /// <summary>The display name of a knowledge article's status.</summary>
    /// <param name="status">The status.</param>
    /// <param name="culture">The culture; default <see cref="CultureInfo.CurrentUICulture"/>.</param>
    /// <returns>For example <c>Retired</c> or <c>已停用</c>.</returns>
    public static string Of(Knowledge.ArticleStatus status, CultureInfo? culture = null) => Lookup("ArticleStatus", status.ToString(), culture);

    private static string Lookup(string kind, string code, CultureInfo? culture) => Strings.Find(kind + "_" + code, culture) ?? code;
}
