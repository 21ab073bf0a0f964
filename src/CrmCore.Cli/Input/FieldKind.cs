namespace CrmCore.Cli.Input;

/// <summary>The value kinds an input column can hold. Each kind has one text form for CSV and JSON.</summary>
internal enum FieldKind
{
    /// <summary>Free text.</summary>
    Text,

    /// <summary>A whole number, e.g. <c>3</c>.</summary>
    Integer,

    /// <summary>A decimal number with <c>.</c> as separator, e.g. <c>250000.50</c>.</summary>
    Decimal,

    /// <summary>An ISO calendar date, <c>yyyy-MM-dd</c>.</summary>
    Date,

    /// <summary>An ISO instant with <c>Z</c> or an offset, e.g. <c>2026-03-01T09:30:00+08:00</c>.</summary>
    Instant,

    /// <summary>An instant, or a date which is read as 00:00 UTC of that day.</summary>
    DateOrInstant,

    /// <summary><c>true</c>/<c>false</c> (also <c>yes</c>/<c>no</c>, <c>1</c>/<c>0</c>, <c>是</c>/<c>否</c>).</summary>
    Boolean,

    /// <summary>A list of texts: a JSON array, or one text separated by <c>;</c> or <c>|</c>.</summary>
    TextList,

    /// <summary>A ticket urgency: <c>General</c>, <c>Urgent</c>, <c>Major</c> (or 一般, 紧急, 重大).</summary>
    Urgency,

    /// <summary>A ticket status name such as <c>InProgress</c> (or its Chinese label such as 处理中).</summary>
    TicketStatus,
}
