using System.Globalization;
using CrmCore.Import.Localization;
using CrmCore.Import.Mapping;
using CrmCore.Import.Reading;
using CrmCore.Import.Reports;
using CrmCore.Normalization;
using NodaTime;

namespace CrmCore.Import.Tables;

/// <summary>
/// Reads the cells of one row by field through a mapping (the cell cleaned, a blank cell taking the mapping's constant, then the value
/// map applied; a field two columns are mapped to from the first of them that holds a value), keeping the first problem as a rejection
/// naming the line, the column and the reason. One per row; not thread-safe.
/// </summary>
/// <typeparam name="TField">The entity's field enum.</typeparam>
internal sealed class FieldReader<TField>(SourceRow source, TableColumns<TField> columns, ImportMapping<TField> mapping, CultureInfo? culture)
    where TField : struct, Enum
{
    /// <summary>The row read.</summary>
    public SourceRow Source => source;

    /// <summary>The language of the reasons.</summary>
    public CultureInfo? Culture => culture;

    /// <summary>The rejection for the first problem found, or null.</summary>
    public ImportRowResult? Problem { get; private set; }

    /// <summary>The cleaned value of a field (constant when the cell is blank or the column missing; value map applied), or null. A cell
    /// holding only a dash or a slash (<c>-</c>, <c>—</c>, <c>/</c>), as analysts mark "nothing yet", is blank. An id (a field named
    /// <c>Id</c> or <c>…Id</c>: 问题编号, 客户编号, 资产编号 ...) is a code, given in its folded form (<see cref="TextNormalizer.Fold"/>), so
    /// <c>C－001</c> is <c>C-001</c>, the form stores hold.</summary>
    public string? Text(TField field)
    {
        var text = CleanText(field);
        return text is not null && IdFields.Contains(field) ? TextNormalizer.Fold(text) : text;
    }

    /// <summary>The fields of <typeparamref name="TField"/> that hold ids: named <c>Id</c> or ending in <c>Id</c>.</summary>
    private static readonly HashSet<TField> IdFields = [.. Enum.GetValues<TField>().Where(f => f.ToString().EndsWith("Id", StringComparison.Ordinal))];

    private string? CleanText(TField field)
    {
        var i = Column(field);
        var text = i >= 0 ? BlankCell.Read(source[i]) : null;
        if (text is null && mapping.Constants.TryGetValue(field, out var constant))
        {
            text = TextNormalizer.Clean(constant);
        }

        return text is null ? null : mapping.MapValue(field, text);
    }

    /// <summary>The (0-based) column this row reads a field from: the first of the field's columns whose cell holds a value (not blank,
    /// not a lone dash: <see cref="BlankCell.Read"/>), else its first column (a blank field is named by it); -1 when the table has none.
    /// A field of one column is that column, with no look at its cell.</summary>
    private int Column(TField field)
    {
        if (!columns.TryGetColumns(field, out var list))
        {
            return -1;
        }

        for (var k = 0; k < list.Length - 1; k++)
        {
            if (BlankCell.Read(source[list[k]]) is not null)
            {
                return list[k];
            }
        }

        // The last column (the only one, mostly) is read whatever it holds; when every column is blank, the first names the field.
        return list.Length == 1 || BlankCell.Read(source[list[^1]]) is not null ? list[^1] : list[0];
    }

    /// <summary>The cell of a field as read, not cleaned (a text whose line breaks matter), or null when the column is missing; of a
    /// field with several columns, the cell of the column this row reads it from.</summary>
    public string? Raw(TField field) => Column(field) is var i and >= 0 ? source[i] : null;

    /// <summary>A required text of at most <paramref name="max"/> characters.</summary>
    public string? Required(TField field, int max)
    {
        var text = Text(field);
        if (text is null)
        {
            Fail(field, ImportReasons.Required.Format(culture, Header(field)));
            return null;
        }

        return Limit(field, text, max);
    }

    /// <summary>An optional text of at most <paramref name="max"/> characters.</summary>
    public string? Optional(TField field, int max) => Text(field) is { } text ? Limit(field, text, max) : null;

    /// <summary>A date (2026-03-01, 2026/3/1, 2026年3月1日 or an Excel serial).</summary>
    public LocalDate? Date(TField field, bool required)
    {
        var text = Present(field, required);
        if (text is null)
        {
            return null;
        }

        if (DateNormalizer.TryParse(text, out var date))
        {
            return date;
        }

        Fail(field, ImportReasons.Date.Format(culture, text));
        return null;
    }

    /// <summary>A date and time in <paramref name="zone"/> (a date alone is its start; an ISO time with an offset keeps the offset).</summary>
    public Instant? Instant(TField field, DateTimeZone zone, bool required)
    {
        var text = Present(field, required);
        if (text is null)
        {
            return null;
        }

        if (DateTimeCell.TryParse(text, zone, out var at))
        {
            return at;
        }

        Fail(field, ImportReasons.DateTime.Format(culture, text));
        return null;
    }

    /// <summary>A whole number from <paramref name="min"/> to <paramref name="max"/>.</summary>
    public int? Integer(TField field, int min, int max, bool required)
    {
        // Parsed in the folded form: a full-width minus sign or comma reads as its ASCII twin.
        var text = TextNormalizer.Fold(Present(field, required));
        if (text is null)
        {
            return null;
        }

        if (FieldChoices.TryWhole(text, min, max, out var value))
        {
            return value;
        }

        Fail(field, ImportReasons.Range.Format(culture, text, min, max));
        return null;
    }

    /// <summary>A whole-number score in its field's range (<see cref="FieldChoices.ScoreOf{TField}"/>: 客户满意度 1–5, 推荐意愿 0–10 ...).</summary>
    public int? Score(TField field, bool required)
    {
        var (min, max) = FieldChoices.ScoreOf(field) ?? throw new ArgumentOutOfRangeException(nameof(field), field, "not a score field");
        return Integer(field, min, max, required);
    }

    /// <summary>A value of an enum by its name (after the value map: 紧急 → Urgent), or <paramref name="fallback"/> when blank; otherwise a
    /// rejection listing the values the table accepts (in Chinese the value map's: 一般、紧急、重大).</summary>
    public TEnum Choice<TEnum>(TField field, TEnum fallback)
        where TEnum : struct, Enum
    {
        var text = Text(field);
        if (text is null)
        {
            return fallback;
        }

        if (FieldChoices.TryParse<TEnum>(text, out var value))
        {
            return value;
        }

        // The values the table accepts, in the reader's language: 一般、紧急、重大 in Chinese (the value map's), General, Urgent, Major in English.
        Fail(field, ImportReasons.Choice.Format(culture, text, FieldChoices.List(typeof(TEnum), mapping.Values.GetValueOrDefault(field), culture)));
        return fallback;
    }

    /// <summary>A rejection of the row at a field's column, with the reason's code and text.</summary>
    public ImportRowResult Reject(TField field, RowReason reason)
    {
        var index = Column(field);
        return new ImportRowResult
        {
            Line = source.Line,
            Outcome = ImportOutcome.Rejected,
            Column = Header(field),
            ColumnNumber = index + 1,
            Reason = reason.Text,
            ReasonCode = reason.Code,
            Cells = source.Cells,
        };
    }

    /// <summary>A note on a field's column (the row is kept), with its code and text.</summary>
    public ImportRowNote Note(TField field, string code, string text)
    {
        var index = Column(field);
        return new ImportRowNote(Header(field), index + 1, code, text);
    }

    /// <summary>Records a problem at a field unless one was found before.</summary>
    public void Fail(TField field, RowReason reason) => Problem ??= Reject(field, reason);

    /// <summary>The header of a field's column; when the table has none, the header the built-in mapping knows the field by in the
    /// reasons' language (计划执行时间 in Chinese, <c>Planned at</c> in English), else the field's name.</summary>
    public string Header(TField field) => Column(field) is var i and >= 0 ? columns.Headers[i] : FieldHeaders<TField>.Of(field, culture);

    private string? Present(TField field, bool required)
    {
        var text = Text(field);
        if (text is null && required)
        {
            Fail(field, ImportReasons.Required.Format(culture, Header(field)));
        }

        return text;
    }

    private string? Limit(TField field, string text, int max)
    {
        if (text.Length <= max)
        {
            return text;
        }

        Fail(field, ImportReasons.TooLong.Format(culture, text[..Math.Min(text.Length, 40)], max));
        return null;
    }
}
