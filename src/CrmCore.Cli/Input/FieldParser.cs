using System.Globalization;
using CrmCore.Cli.Localization;
using CrmCore.Tickets;
using NodaTime;
using NodaTime.Text;

namespace CrmCore.Cli.Input;

/// <summary>Turns the text of one cell into a typed value, or says precisely why it cannot.</summary>
internal static class FieldParser
{
    private static readonly char[] ListSeparators = [';', '|'];

    private static readonly Dictionary<string, Urgency> UrgencyWords = new(StringComparer.OrdinalIgnoreCase)
    {
        ["General"] = Tickets.Urgency.General,
        ["一般"] = Tickets.Urgency.General,
        ["Urgent"] = Tickets.Urgency.Urgent,
        ["紧急"] = Tickets.Urgency.Urgent,
        ["Major"] = Tickets.Urgency.Major,
        ["重大"] = Tickets.Urgency.Major,
    };

    private static readonly Dictionary<string, TicketStatus> StatusWords = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Pending"] = Tickets.TicketStatus.Pending,
        ["待处理"] = Tickets.TicketStatus.Pending,
        ["InProgress"] = Tickets.TicketStatus.InProgress,
        ["处理中"] = Tickets.TicketStatus.InProgress,
        ["WaitingForCustomer"] = Tickets.TicketStatus.WaitingForCustomer,
        ["等待客户"] = Tickets.TicketStatus.WaitingForCustomer,
        ["Resolved"] = Tickets.TicketStatus.Resolved,
        ["已解决"] = Tickets.TicketStatus.Resolved,
        ["AwaitingRevisit"] = Tickets.TicketStatus.AwaitingRevisit,
        ["待回访"] = Tickets.TicketStatus.AwaitingRevisit,
        ["Closed"] = Tickets.TicketStatus.Closed,
        ["已关闭"] = Tickets.TicketStatus.Closed,
        ["NoActionNeeded"] = Tickets.TicketStatus.NoActionNeeded,
        ["无需处理"] = Tickets.TicketStatus.NoActionNeeded,
    };

    private static readonly Dictionary<string, bool> BooleanWords = new(StringComparer.OrdinalIgnoreCase)
    {
        ["true"] = true,
        ["yes"] = true,
        ["y"] = true,
        ["1"] = true,
        ["是"] = true,
        ["false"] = false,
        ["no"] = false,
        ["n"] = false,
        ["0"] = false,
        ["否"] = false,
    };

    /// <summary>Gets the accepted urgency words.</summary>
    public static IEnumerable<string> UrgencyNames => UrgencyWords.Keys;

    /// <summary>Gets the accepted status words.</summary>
    public static IEnumerable<string> StatusNames => StatusWords.Keys;

    /// <summary>The outcome of parsing one cell.</summary>
    /// <param name="Value">The value, when parsed.</param>
    /// <param name="Problem">The problem kind, when not parsed.</param>
    /// <param name="Detail">What was expected, when not parsed.</param>
    internal readonly record struct Outcome(object? Value, RowProblemKind? Problem, Detail? Detail)
    {
        public static Outcome Ok(object value) => new(value, null, null);

        public static Outcome Fail(RowProblemKind kind, Msg detail, params string[] args) => new(null, kind, new Detail(detail, args));
    }

    /// <summary>Parses non-empty text for a field. The caller treats empty text as a missing value.</summary>
    public static Outcome Parse(FieldSpec field, string text)
    {
        var t = text.Trim();
        switch (field.Kind)
        {
            case FieldKind.Text:
                return Outcome.Ok(t);
            case FieldKind.Integer:
                if (!int.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i))
                {
                    return Outcome.Fail(RowProblemKind.BadNumber, Messages.ExpectedWholeNumber);
                }

                return InRange(field, i) ?? Outcome.Ok(i);
            case FieldKind.Decimal:
                if (!decimal.TryParse(t, NumberStyles.Number & ~NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var d))
                {
                    return Outcome.Fail(RowProblemKind.BadNumber, Messages.ExpectedDecimal);
                }

                return InRange(field, d) ?? Outcome.Ok(d);
            case FieldKind.Date:
                var date = LocalDatePattern.Iso.Parse(t);
                return date.Success ? Outcome.Ok(date.Value) : Outcome.Fail(RowProblemKind.BadDate, Messages.ExpectedDate);
            case FieldKind.Instant:
                return ParseInstant(t) is { } instant
                    ? Outcome.Ok(instant)
                    : Outcome.Fail(RowProblemKind.BadDate, Messages.ExpectedInstant);
            case FieldKind.DateOrInstant:
                var day = LocalDatePattern.Iso.Parse(t);
                if (day.Success)
                {
                    return Outcome.Ok(day.Value.AtStartOfDayInZone(DateTimeZone.Utc).ToInstant());
                }

                return ParseInstant(t) is { } at
                    ? Outcome.Ok(at)
                    : Outcome.Fail(RowProblemKind.BadDate, Messages.ExpectedDateOrInstant);
            case FieldKind.Boolean:
                return BooleanWords.TryGetValue(t, out var b) ? Outcome.Ok(b) : Outcome.Fail(RowProblemKind.BadValue, Messages.ExpectedBoolean);
            case FieldKind.TextList:
                return Outcome.Ok(SplitList(t));
            case FieldKind.Urgency:
                return UrgencyWords.TryGetValue(t, out var u)
                    ? Outcome.Ok(u)
                    : Outcome.Fail(RowProblemKind.BadValue, Messages.ExpectedOneOf, "General, Urgent, Major");
            case FieldKind.TicketStatus:
                return StatusWords.TryGetValue(t, out var s)
                    ? Outcome.Ok(s)
                    : Outcome.Fail(RowProblemKind.BadValue, Messages.ExpectedOneOf, string.Join(", ", Enum.GetNames<TicketStatus>()));
            default:
                throw new ArgumentOutOfRangeException(nameof(field), field.Kind, "Unknown field kind.");
        }
    }

    /// <summary>Splits <c>a;b|c</c> into trimmed, non-empty, distinct items in their first order.</summary>
    public static IReadOnlyList<string> SplitList(string text) =>
        text.Split(ListSeparators, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Distinct(StringComparer.Ordinal)
            .ToArray();

    private static Outcome? InRange(FieldSpec field, decimal value)
    {
        if (value < field.Minimum || value > field.Maximum)
        {
            static string Text(decimal d) => d.ToString(CultureInfo.InvariantCulture);
            return (field.Minimum, field.Maximum) switch
            {
                ({ } min, { } max) => Outcome.Fail(RowProblemKind.BadNumber, Messages.ExpectedBetween, Text(min), Text(max)),
                ({ } min, null) => Outcome.Fail(RowProblemKind.BadNumber, Messages.ExpectedAtLeast, Text(min)),
                _ => Outcome.Fail(RowProblemKind.BadNumber, Messages.ExpectedAtMost, Text(field.Maximum!.Value)),
            };
        }

        return null;
    }

    private static Instant? ParseInstant(string text)
    {
        var odt = OffsetDateTimePattern.ExtendedIso.Parse(text);
        if (odt.Success)
        {
            return odt.Value.ToInstant();
        }

        var instant = InstantPattern.ExtendedIso.Parse(text);
        return instant.Success ? instant.Value : null;
    }
}
