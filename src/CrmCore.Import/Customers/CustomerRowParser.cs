using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Buffers;
using System.Text;
using System.Globalization;
using System.Text.RegularExpressions;
using CrmCore.Agents;
using CrmCore.Customers;
using CrmCore.Import.Localization;
using CrmCore.Import.Mapping;
using CrmCore.Import.Reading;
using CrmCore.Normalization;
using NodaTime;

namespace CrmCore.Import.Customers;

/// <summary>A problem with one cell of a row: the column index (-1 when none), its header, and the reason's code and text.</summary>
internal sealed record CellProblem(int Column, string Header, string Code, string Reason)
{
    /// <summary>A problem with a reason.</summary>
    public CellProblem(int column, string header, RowReason reason)
        : this(column, header, reason.Code, reason.Text)
    {
    }
}

/// <summary>Turns the cells of a row into a <see cref="CustomerRow"/> through the mapping, or lists every cell that is not valid.</summary>
internal sealed partial class CustomerRowParser
{
    private const int MaxText = 500;
    private static readonly SearchValues<char> ListSeparators = SearchValues.Create("、,;，；\n|");
    private readonly ImportMapping<CustomerField> _mapping;
    private readonly CultureInfo? _culture;
    private readonly Column[] _columns;
    private readonly (CustomerField Field, string Value, IReadOnlyDictionary<string, string>? Values)[] _constants;
    private readonly ValueNames<Industry> _industries = DisplayLabels.Industries;
    private readonly ValueNames<CustomerSource> _sources = DisplayLabels.CustomerSources;
    private readonly ValueNames<ContactRole> _roles = DisplayLabels.ContactRoles;
    private readonly bool _fastLane;

    /// <summary>Builds the parser of a table's rows.</summary>
    /// <param name="mapping">The mapping.</param>
    /// <param name="headers">The table's headers.</param>
    /// <param name="culture">The language of the problems and notes.</param>
    /// <param name="fastLane">Whether plain cells take the fast lane (<see cref="IsPlain"/>, <see cref="TrySetPlain"/>); false only to
    /// compare it with the full path (tests).</param>
    public CustomerRowParser(ImportMapping<CustomerField> mapping, IReadOnlyList<string> headers, CultureInfo? culture, bool fastLane = true)
    {
        _mapping = mapping;
        _culture = culture;
        _fastLane = fastLane;
        var columns = new List<Column>();
        for (var i = 0; i < headers.Count; i++)
        {
            // Every mapped column is kept: a field two columns are mapped to is read from the first of them that holds a value in the row
            // (Parse), as in every import (SharedField, which the report lists); the phone is read from each of its columns.
            if (mapping.Resolve(headers[i]) is { } field && field != CustomerField.Ignore)
            {
                var multiplier = field is CustomerField.AnnualAmount or CustomerField.AnnualRevenue && headers[i].Contains("万元", StringComparison.Ordinal) ? 10_000m : 1m;
                columns.Add(new Column(i, field, headers[i], multiplier, mapping.Values.GetValueOrDefault(field)));
            }
        }

        _columns = [.. columns];
        _constants = [.. mapping.Constants.Select(c => (c.Key, c.Value, mapping.Values.GetValueOrDefault(c.Key)))];
    }

    /// <summary>The fields that have a column.</summary>
    public IEnumerable<CustomerField> MappedFields => _columns.Select(c => c.Field).Distinct();

    /// <summary>Whether a row reads a (0-based) column: one a field is mapped to, unless an earlier column of the same field holds a value
    /// in this row, which the row takes instead (<see cref="SharedField"/>; every phone column is read).</summary>
    /// <param name="row">The row.</param>
    /// <param name="column">The column.</param>
    public bool Reads(SourceRow row, int column)
    {
        var at = Array.FindIndex(_columns, c => c.Index == column);
        if (at < 0)
        {
            return false;
        }

        var field = _columns[at].Field;
        for (var k = 0; k < at && field != CustomerField.Phone; k++)
        {
            if (_columns[k].Field == field && BlankCell.Read(row[_columns[k].Index]) is not null)
            {
                return false;
            }
        }

        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public CustomerRow Parse(SourceRow source, List<CellProblem> problems) => Parse(source, problems, out _, out _);

    /// <summary>
    /// As <see cref="Parse(SourceRow, List{CellProblem})"/>, and how many cells took the fast lane: <paramref name="plainCells"/> were
    /// taken as they are, without cleaning (<see cref="IsPlain"/>), and of those <paramref name="typedCells"/> were read by
    /// <see cref="TrySetPlain"/> rather than the full <see cref="Set"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal CustomerRow Parse(SourceRow source, List<CellProblem> problems, out int plainCells, out int typedCells)
    {
        var row = new CustomerRow { Line = source.Line };
        var seen = 0UL;
        var cells = source.Cells;
        plainCells = 0;
        typedCells = 0;
        foreach (var column in _columns)
        {
            if ((seen & (1UL << (int)column.Field)) != 0 && column.Field != CustomerField.Phone)
            {
                // An earlier column of this field held a value in this row: it wins (SharedField); the phone keeps every number.
                continue;
            }

            var raw = column.Index < cells.Length ? cells[column.Index] : null;
            if (_fastLane && raw is not null && IsPlain(raw))
            {
                if (!BlankCell.HoldsValue(raw))
                {
                    // A plain cell is its own cleaned text: a lone dash or slash (or a format character) holds no value, as in Cell.
                    continue;
                }

                // The fast lane: a plain cell is its own cleaned (and folded) text, so it needs no cleaning, and the common typed forms
                // are read from it straight; anything else it holds goes through the full path below with the same text.
                plainCells++;
                seen |= 1UL << (int)column.Field;
                var value = ImportMapping<CustomerField>.MapValue(column.Values, raw);
                if (ReferenceEquals(value, raw) && TrySetPlain(row, column, raw))
                {
                    typedCells++;
                    continue;
                }

                Set(row, column.Field, value, column.Multiplier, column.Index, column.Header, problems);
                continue;
            }

            var text = BlankCell.Read(raw);
            if (text is null)
            {
                continue;
            }

            seen |= 1UL << (int)column.Field;
            Set(row, column.Field, ImportMapping<CustomerField>.MapValue(column.Values, text), column.Multiplier, column.Index, column.Header, problems);
        }

        foreach (var (field, constant, values) in _constants)
        {
            if ((seen & (1UL << (int)field)) == 0 && BlankCell.Read(constant) is { } text)
            {
                Set(row, field, ImportMapping<CustomerField>.MapValue(values, text), 1m, -1, field.ToString(), problems);
            }
        }

        if (row.NameInPhoneCell is not null || row.EmailInPhoneCell is not null)
        {
            FoldPhoneCellValues(row);
        }

        if (row.Name is null)
        {
            // In its column's place among the cell problems (they come in column order), so the row's first problem is its first bad
            // cell; after them when no column holds the name.
            var name = Array.Find(_columns, c => c.Field == CustomerField.Name);
            var at = name is null ? problems.Count : problems.FindIndex(p => p.Column < 0 || p.Column > name.Index) is var next and >= 0 ? next : problems.Count;
            problems.Insert(at, new CellProblem(name?.Index ?? -1, name?.Header ?? nameof(CustomerField.Name), ImportReasons.Required.Format(_culture, name?.Header ?? "客户名称")));
        }

        return row;
    }

    /// <summary>
    /// True when a cell is plain: what <see cref="BlankCell.Read"/> gives for it is the cell itself, and so is its folded form
    /// (<see cref="TextNormalizer.Fold"/>). It is not empty, neither starts nor ends with a space nor starts with a quote, holds no
    /// two spaces in a row, and none of the characters cleaning or folding may change: controls, U+007F to U+00A0, U+1680 to U+3000
    /// (every other white space, and some punctuation this test leaves to the full path) and the full-width forms U+FF01 to U+FF5E.
    /// One vectorised pass over the cell in place of a test per character.
    /// </summary>
    /// <param name="cell">The raw cell.</param>
    /// <returns>True when the cell is plain.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static bool IsPlain(string cell)
    {
        if (cell.Length == 0 || cell[0] is ' ' or '\'' || cell[^1] == ' ')
        {
            return false;
        }

        ref var start = ref Unsafe.As<char, ushort>(ref MemoryMarshal.GetReference(cell.AsSpan()));
        var length = cell.Length;
        if (Vector128.IsHardwareAccelerated && length >= Vector128<ushort>.Count)
        {
            var i = 0;
            for (; i <= length - Vector128<ushort>.Count; i += Vector128<ushort>.Count)
            {
                if (MayChange(Vector128.LoadUnsafe(ref start, (nuint)i)))
                {
                    return false;
                }
            }

            // The last characters, read again in one overlapping vector.
            if (i < length && MayChange(Vector128.LoadUnsafe(ref start, (nuint)(length - Vector128<ushort>.Count))))
            {
                return false;
            }
        }
        else
        {
            for (var i = 0; i < length; i++)
            {
                if (MayChange(Unsafe.Add(ref start, i)))
                {
                    return false;
                }
            }
        }

        return !cell.AsSpan().Contains("  ", StringComparison.Ordinal);
    }

    /// <summary>Whether any of eight characters is one <see cref="IsPlain"/> refuses (a space is not: the caller checks spaces).</summary>
    private static bool MayChange(Vector128<ushort> v) =>
        (Vector128.LessThan(v, Vector128.Create((ushort)' '))
         | Vector128.LessThanOrEqual(v - Vector128.Create((ushort)0x007F), Vector128.Create((ushort)(0x00A0 - 0x007F)))
         | Vector128.LessThanOrEqual(v - Vector128.Create((ushort)0x1680), Vector128.Create((ushort)(0x3000 - 0x1680)))
         | Vector128.LessThanOrEqual(v - Vector128.Create((ushort)0xFF01), Vector128.Create((ushort)(0xFF5E - 0xFF01)))) != Vector128<ushort>.Zero;

    /// <summary>The same test for one character.</summary>
    private static bool MayChange(ushort c) =>
        c < ' ' || (ushort)(c - 0x007F) <= 0x00A0 - 0x007F || (ushort)(c - 0x1680) <= 0x3000 - 0x1680 || (ushort)(c - 0xFF01) <= 0xFF5E - 0xFF01;

    /// <summary>
    /// The fast lane's typed values: sets the column's field from a plain cell (<see cref="IsPlain"/>) exactly as <see cref="Set"/> would,
    /// and returns true, when the cell is in a form read here (an id or e-mail address of any plain form; a date <c>2026/3/1</c>,
    /// <c>2026-03-01</c> or <c>2026.3.1</c>; a whole amount <c>1,200</c> or <c>50万</c> under a header without a unit; one phone number
    /// with no extension); otherwise changes nothing and returns false, and the caller goes the full way (<see cref="Set"/>). Never adds a
    /// problem or a note: a cell with anything to say takes the full path.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool TrySetPlain(CustomerRow row, Column column, string text)
    {
        switch (column.Field)
        {
            case CustomerField.Id when text.Length <= 64:
                // Set folds the id; a plain cell is its own folded form.
                row.Id = text;
                return true;
            case CustomerField.Email when EmailNormalizer.IsAddress(text):
                row.Email = text.ToLowerInvariant();
                return true;
            case CustomerField.FirstContactOn or CustomerField.FirstCooperationOn or CustomerField.UpdatedOn when TryPlainDate(text, out var date):
                if (column.Field == CustomerField.FirstContactOn)
                {
                    row.FirstContactOn = date;
                }
                else if (column.Field == CustomerField.FirstCooperationOn)
                {
                    row.FirstCooperationOn = date;
                }
                else
                {
                    row.UpdatedOn = date;
                }

                return true;
            case CustomerField.AnnualAmount or CustomerField.AnnualRevenue when column.Multiplier == 1m && TryPlainAmount(text, out var amount):
                if (column.Field == CustomerField.AnnualAmount)
                {
                    row.AnnualAmount = amount;
                }
                else
                {
                    row.AnnualRevenue = amount;
                }

                return true;
            case CustomerField.Phone:
                if (!PhoneNormalizer.TryGetKeyAndExtension(text, out var key, out var extension, out var single, out var emptyExtension)
                    || !single || extension.Length > 0 || emptyExtension)
                {
                    return false;
                }

                AddPhone(row, Canonical(key), key, column.Index, column.Header);
                return true;
            default:
                return false;
        }
    }

    /// <summary>A date written <c>yyyy-M-d</c> with <c>-</c>, <c>/</c> or <c>.</c> between the parts and nothing else (the form
    /// <see cref="DateNormalizer.TryParse"/> reads the same way); false for anything else, an impossible date included.</summary>
    private static bool TryPlainDate(string text, out LocalDate date)
    {
        date = default;
        var span = text.AsSpan();
        if (span.Length is < 8 or > 10 || span[0] is < '1' or > '9' || span[1..4].ContainsAnyExceptInRange('0', '9') || !IsDateSeparator(span[4]))
        {
            return false;
        }

        var year = ((span[0] - '0') * 1000) + ((span[1] - '0') * 100) + ((span[2] - '0') * 10) + (span[3] - '0');
        var rest = span[5..];
        if (!TryDatePart(ref rest, out var month) || rest.IsEmpty || !IsDateSeparator(rest[0]))
        {
            return false;
        }

        rest = rest[1..];
        if (!TryDatePart(ref rest, out var day) || !rest.IsEmpty
            || month is < 1 or > 12 || day < 1 || day > CalendarSystem.Iso.GetDaysInMonth(year, month))
        {
            return false;
        }

        date = new LocalDate(year, month, day);
        return true;
    }

    private static bool IsDateSeparator(char c) => c is '-' or '/' or '.';

    /// <summary>One or two digits at the start of <paramref name="rest"/>, which moves past them.</summary>
    private static bool TryDatePart(ref ReadOnlySpan<char> rest, out int value)
    {
        value = 0;
        var digits = 0;
        while (digits < rest.Length && digits < 3 && char.IsAsciiDigit(rest[digits]))
        {
            value = (value * 10) + (rest[digits] - '0');
            digits++;
        }

        rest = rest[digits..];
        return digits is 1 or 2;
    }

    /// <summary>A whole amount of digits and thousands commas, at most 18 digits and 64 characters, optionally followed by 万 (the form
    /// <see cref="AmountNormalizer.TryParse"/> reads the same way: the same value and scale); false for anything else.</summary>
    private static bool TryPlainAmount(string text, out decimal amount)
    {
        amount = 0;
        var span = text.AsSpan();
        if (span.Length > 64)
        {
            return false;
        }

        decimal multiplier = 1;
        if (span.Length > 0 && span[^1] == '万')
        {
            multiplier = 10_000m;
            span = span[..^1];
        }

        long whole = 0;
        var digits = 0;
        foreach (var c in span)
        {
            if (char.IsAsciiDigit(c))
            {
                if (++digits > 18)
                {
                    return false;
                }

                whole = (whole * 10) + (c - '0');
            }
            else if (c != ',')
            {
                return false;
            }
        }

        if (digits == 0)
        {
            return false;
        }

        amount = whole * multiplier;
        return true;
    }

    /// <summary>The canonical text of a phone key, as <see cref="PhoneNormalizer.FromKey"/> gives it (<c>+</c> and the key's digits),
    /// written straight into the string.</summary>
    internal static string Canonical(ulong key)
    {
        var digits = 1;
        for (var rest = key / 10; rest != 0; rest /= 10)
        {
            digits++;
        }

        return string.Create(digits + 1, key, static (span, k) =>
        {
            for (var i = span.Length - 1; i > 0; i--)
            {
                span[i] = (char)('0' + (int)(k % 10));
                k /= 10;
            }

            span[0] = '+';
        });
    }

    /// <summary>A mapped column: its index, field, header, the unit its header names (万元) and the field's value map.</summary>
    private sealed record Column(int Index, CustomerField Field, string Header, decimal Multiplier, IReadOnlyDictionary<string, string>? Values);

    // A number, and its extension after a mark; a bare 转 or 分机 (010-88889999转) is taken with the number, not left for the name.
    [GeneratedRegex(@"[+(（]?[0-9][0-9 \-()（）]{5,}[0-9](\s*(转|分机|ext\.?|x|#)\s*[0-9]+|\s*(转|分机))?", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex PhoneLike();

    // An extension mark after a number's last digit, and the run after it written as a number may be (digits, spaces, dashes, brackets,
    // a leading +), searched in the half-width text.
    [GeneratedRegex(@"(?<=[0-9][ \t]*)(?<mark>转|分机|ext\.?|x|#)[\s:：]*(?<run>[+(（]?[0-9](?:[0-9 \-()（）]*[0-9])?)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex MarkAndRun();

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Set(CustomerRow row, CustomerField field, string text, decimal multiplier, int column, string header, List<CellProblem> problems)
    {
        void Problem(ImportReason reason, params object?[] args) => problems.Add(new CellProblem(column, header, reason.Format(_culture, args)));
        string? Text(int max = MaxText)
        {
            if (text.Length <= max)
            {
                return text;
            }

            Problem(ImportReasons.TooLong, text[..20] + "…", max);
            return null;
        }

        switch (field)
        {
            case CustomerField.Id:
                // An id is a code, kept and compared folded (C－001 is C-001), the form stores hold.
                row.Id = TextNormalizer.Fold(Text(64));
                break;
            case CustomerField.Name:
                row.Name = Text();
                break;
            case CustomerField.ShortName:
                row.ShortName = Text();
                break;
            case CustomerField.Industry:
                row.Industry = _industries.TryRead(text, out var industry) ? industry : new Industry(Text(100) ?? text[..100]);
                break;
            case CustomerField.Tier:
                row.Tier = Text(100);
                break;
            case CustomerField.AccountManager:
                row.AccountManager = Text(64) is { } manager ? new AgentId(manager) : null;
                break;
            case CustomerField.ContactName:
                row.ContactName = Text(100);
                break;
            case CustomerField.ContactRole:
                row.ContactRole = _roles.TryRead(text, out var role) ? role : new ContactRole(Text(100) ?? text[..100]);
                break;
            case CustomerField.Phone:
                SetContactCell(row, text, column, header, problems);
                break;
            case CustomerField.Email:
                if (EmailNormalizer.TryNormalize(text, out var email))
                {
                    row.Email = email;
                }
                else
                {
                    Problem(ImportReasons.Email, text);
                }

                break;
            case CustomerField.Address:
                row.Address = Text();
                break;
            case CustomerField.FirstContactOn or CustomerField.FirstCooperationOn or CustomerField.UpdatedOn:
                if (!DateNormalizer.TryParse(text, out var date))
                {
                    Problem(ImportReasons.Date, text);
                }
                else if (field == CustomerField.FirstContactOn)
                {
                    row.FirstContactOn = date;
                }
                else if (field == CustomerField.FirstCooperationOn)
                {
                    row.FirstCooperationOn = date;
                }
                else
                {
                    row.UpdatedOn = date;
                }

                break;
            case CustomerField.AnnualAmount or CustomerField.AnnualRevenue:
                if (!AmountNormalizer.TryParse(text, out var amount) || amount < 0)
                {
                    Problem(ImportReasons.Amount, text);
                    break;
                }

                if (multiplier != 1m && NamesUnit(text))
                {
                    // A cell that states its unit (50万, 1,250,000元, 8000 RMB, ¥3000) is not a plain number: the header's 万元 is not
                    // applied to it, and the row says so.
                    (row.Notes ??= []).Add(CustomerNotes.Note("Note_HeaderUnitNotApplied", _culture, column, header, text, amount.ToString("#,0.##", CultureInfo.InvariantCulture)));
                }
                else if (!TryScale(ref amount, multiplier))
                {
                    // 万元 on a number too large to hold once multiplied: no amount, as a number too large to read is none.
                    Problem(ImportReasons.Amount, text);
                    break;
                }

                if (field == CustomerField.AnnualAmount)
                {
                    row.AnnualAmount = amount;
                }
                else
                {
                    row.AnnualRevenue = amount;
                }

                break;
            case CustomerField.Products:
                row.Products = Items(text);
                break;
            case CustomerField.OrdersPerYear or CustomerField.Employees:
                if (!AmountNormalizer.TryParse(text, out var number) || number < 0 || number != decimal.Truncate(number) || number > int.MaxValue)
                {
                    Problem(ImportReasons.Number, text);
                }
                else if (field == CustomerField.OrdersPerYear)
                {
                    row.OrdersPerYear = (int)number;
                }
                else
                {
                    row.Employees = (int)number;
                }

                break;
            case CustomerField.Source:
                row.Source = _sources.TryRead(text, out var source) ? source : new CustomerSource(Text(100) ?? text[..100]);
                break;
        }
    }

    /// <summary>Multiplies an amount by its header's unit; false (the amount unchanged) when the product is too large for a decimal.</summary>
    private static bool TryScale(ref decimal amount, decimal multiplier)
    {
        try
        {
            amount *= multiplier;
            return true;
        }
        catch (OverflowException)
        {
            return false;
        }
    }

    /// <summary>True when an amount cell names its unit or currency (<c>万</c>, <c>亿</c>, <c>元</c>, <c>¥</c>, <c>RMB</c>, <c>CNY</c> ...): anything
    /// but digits, a sign, a decimal point and the separators a plain number may hold.</summary>
    private static bool NamesUnit(string text) =>
        (TextNormalizer.Fold(text) ?? text).AsSpan().IndexOfAnyExcept("0123456789.-,' _") >= 0;

    /// <summary>The list cell split last (by either thread that parses), with its items.</summary>
    private SplitList? _lastList;

    /// <summary>The items of a list cell as <see cref="ListItems"/> gives them, in a list of the row's own; a cell the same as the one split
    /// last (a file's product column repeats from row to row) is not split again: its items, the same strings, are copied into the new list.</summary>
    /// <param name="text">The cell's text.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal List<string> Items(string text)
    {
        // One reference read and one written: the parser may run on two threads at once, and each sees a whole SplitList or none.
        if (Volatile.Read(ref _lastList) is { } last && string.Equals(last.Text, text, StringComparison.Ordinal))
        {
            return [.. last.Items];
        }

        var items = ListItems(text);
        Volatile.Write(ref _lastList, new SplitList(text, [.. items]));
        return items;
    }

    /// <summary>A list cell and its items.</summary>
    private sealed record SplitList(string Text, string[] Items);

    /// <summary>
    /// The items of a list cell (<c>ERP、CRM</c>): split at <c>、 , ; ， ； | </c> and line breaks, each trimmed, blanks dropped, each
    /// item once, in order; what <c>Split(separators, RemoveEmptyEntries | TrimEntries)</c> and a de-duplicating loop gave, without the
    /// array of parts.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static List<string> ListItems(string text)
    {
        var items = new List<string>(4);
        var rest = text.AsSpan();
        var offset = 0;
        while (true)
        {
            var end = rest.IndexOfAny(ListSeparators);
            var raw = end < 0 ? rest : rest[..end];
            var part = raw.Trim();
            if (!part.IsEmpty && !Contains(items, part))
            {
                // The whole cell, when it is one item, is not copied.
                items.Add(part.Length == text.Length ? text : text.Substring(offset + (raw.Length - raw.TrimStart().Length), part.Length));
            }

            if (end < 0)
            {
                return items;
            }

            rest = rest[(end + 1)..];
            offset += end + 1;
        }
    }

    private static bool Contains(List<string> items, ReadOnlySpan<char> item)
    {
        foreach (var existing in items)
        {
            if (item.SequenceEqual(existing))
            {
                return true;
            }
        }

        return false;
    }

    private void SetContactCell(CustomerRow row, string text, int column, string header, List<CellProblem> problems)
    {
        // One number, its extension (转, 分机, ext, x, #, or -808 after a landline) kept in the phone's text; the key stays the line's. When
        // more than an extension follows the mark (010-88889999转123、13800030001), the cell is read as several numbers below.
        // A mark with nothing after it (010-88889999转) keeps the line and says the extension was empty.
        if (PhoneNormalizer.TryGetKeyAndExtension(text, out var whole, out var extension, out var single, out var emptyExtension) && single)
        {
            AddPhone(row, PhoneNormalizer.WithExtension(PhoneNormalizer.FromKey(whole), extension), whole, column, header);
            if (emptyExtension)
            {
                (row.Notes ??= []).Add(CustomerNotes.Note("Note_EmptyExtension", _culture, column, header, text.Trim()));
            }

            return;
        }

        // A cell such as "张三 138 1234 5678 zhang@example.com" or "13812345609/13912345609": take the e-mail, every phone number, and the
        // rest as the name; a remark in brackets, a label before a colon and text with digits are never the name.
        var rest = text;
        string? cellEmail = null;
        foreach (var token in text.Split([' ', '/', ',', ';', '，', '；', '、'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (EmailNormalizer.TryNormalize(token, out var email))
            {
                if (cellEmail is null)
                {
                    cellEmail = email;
                }
                else if (!string.Equals(cellEmail, email, StringComparison.OrdinalIgnoreCase))
                {
                    // A contact holds one e-mail: a second address in the cell is reported, not dropped silently.
                    (row.Notes ??= []).Add(CustomerNotes.Note("Note_Remark", _culture, column, header, token));
                }

                rest = rest.Replace(token, " ", StringComparison.Ordinal);
            }
        }

        if (cellEmail is not null)
        {
            row.EmailInPhoneCell ??= (cellEmail, column, header);
        }

        // Numbers are looked for in the text with full-width punctuation made ASCII (１３８－１２３４－５６７８), character for character, so
        // that each match's place is the same in the kept text.
        var folded = string.Create(rest.Length, rest, static (span, r) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = TextNormalizer.ToHalfWidth(r[i]);
            }
        });
        SeparateFalseExtensions(ref rest, ref folded, text, column, header, row);
        var phones = new List<(string Phone, ulong Key)>();
        var left = new StringBuilder(rest.Length);
        var at = 0;
        void Take(int start, int end, string phone, ulong key, bool emptyExtension)
        {
            phones.Add((phone, key));
            left.Append(rest, at, start - at).Append(' ');
            at = end;
            if (emptyExtension)
            {
                (row.Notes ??= []).Add(CustomerNotes.Note("Note_EmptyExtension", _culture, column, header, rest[start..end].Trim()));
            }
        }

        for (var match = PhoneLike().Match(folded); match.Success; match = match.NextMatch())
        {
            if (Number(match.Value) is ({ } phone, var key, var empty))
            {
                Take(match.Index, match.Index + match.Length, phone, key, empty);
                continue;
            }

            // A run that is no number as a whole may be numbers side by side (13700001111 13700002222) or a number and a date
            // (13800000104 2024-05-01): from each space-separated part, the longest run of parts that is a number is taken; a part that
            // starts none (a QQ or staff number, a date) stays in the text, where it is reported as a remark, not kept and not rejected.
            var parts = Parts(match.Value);
            for (var i = 0; i < parts.Count;)
            {
                var j = parts.Count - 1;
                (string Phone, ulong Key, bool EmptyExtension)? found = null;
                for (; j >= i && found is null; j--)
                {
                    found = Number(match.Value[parts[i].Start..parts[j].End]);
                }

                if (found is ({ } part, var partKey, var partEmpty))
                {
                    Take(match.Index + parts[i].Start, match.Index + parts[j + 1].End, part, partKey, partEmpty);
                    i = j + 2;
                }
                else
                {
                    i++;
                }
            }
        }

        if (phones.Count == 0 && cellEmail is null)
        {
            problems.Add(new CellProblem(column, header, ImportReasons.Phone.Format(_culture, text)));
            return;
        }

        foreach (var (phone, key) in phones)
        {
            AddPhone(row, phone, key, column, header);
        }

        left.Append(rest, at, rest.Length - at);
        var (name, remarks) = NameAndRemarks(left.ToString());
        if (name is not null)
        {
            row.NameInPhoneCell ??= (name, column, header);
        }

        foreach (var remark in remarks)
        {
            (row.Notes ??= []).Add(CustomerNotes.Note("Note_Remark", _culture, column, header, remark));
        }
    }

    /// <summary>The phone (with its extension) and key of a run of text, and whether it ends in an extension mark with nothing after it,
    /// or null when it is no number (or more follows its extension mark than an extension: those digits are never dropped with it).</summary>
    private static (string Phone, ulong Key, bool EmptyExtension)? Number(string run) =>
        PhoneNormalizer.TryGetKeyAndExtension(run, out var key, out var extension, out var whole, out var empty) && whole
            ? (PhoneNormalizer.WithExtension(PhoneNormalizer.FromKey(key), extension), key, empty) : null;

    /// <summary>
    /// Reads what follows each extension mark of a contact cell that is no extension (1 to <see cref="PhoneNormalizer.MaxExtensionDigits"/>
    /// digits): a whole phone number (<c>010-88889999转13800030001</c>, <c>…转010-66667777</c>, <c>…转138 0003 0001</c>) is a number of its
    /// own, so its mark becomes a space and the numbers are found apart like <c>010-88889999、13800030001</c>, with a note
    /// (<c>PhoneAfterExtensionMark</c>); more digits than an extension has that are no phone (<c>…转1234567</c>) are blanked with their mark
    /// and reported (<c>ExtensionTooLong</c>), the line kept without an extension. Neither is ever kept as an extension.
    /// <paramref name="rest"/> and <paramref name="folded"/> change alike, character for character.
    /// </summary>
    private void SeparateFalseExtensions(ref string rest, ref string folded, string cell, int column, string header, CustomerRow row)
    {
        char[]? restChars = null;
        char[]? foldedChars = null;
        static void Blank(ref char[]? chars, string text, int start, int end) => Array.Fill(chars ??= text.ToCharArray(), ' ', start, end - start);

        for (var match = MarkAndRun().Match(folded); match.Success; match = match.NextMatch())
        {
            var mark = match.Groups["mark"];
            var run = match.Groups["run"];

            // The longest run of its space-separated parts that is a phone (a phone has more digits than an extension).
            var parts = Parts(run.Value);
            var phoneEnd = -1;
            for (var j = parts.Count - 1; j >= 0 && phoneEnd < 0; j--)
            {
                if (PhoneNormalizer.TryGetKey(run.ValueSpan[..parts[j].End], out _))
                {
                    phoneEnd = parts[j].End;
                }
            }

            if (phoneEnd > 0)
            {
                Blank(ref restChars, rest, mark.Index, mark.Index + mark.Length);
                Blank(ref foldedChars, folded, mark.Index, mark.Index + mark.Length);
                (row.Notes ??= []).Add(CustomerNotes.Note("Note_PhoneAfterExtensionMark", _culture, column, header, rest.Substring(run.Index, phoneEnd), cell));
                continue;
            }

            var digits = run.ValueSpan.IndexOfAnyExceptInRange('0', '9') is var stop and >= 0 ? stop : run.Length;
            if (digits > PhoneNormalizer.MaxExtensionDigits)
            {
                Blank(ref restChars, rest, mark.Index, run.Index + digits);
                Blank(ref foldedChars, folded, mark.Index, run.Index + digits);
                (row.Notes ??= []).Add(CustomerNotes.Note("Note_ExtensionTooLong", _culture, column, header, rest.Substring(run.Index, digits), cell));
            }
        }

        if (restChars is not null)
        {
            rest = new string(restChars);
            folded = new string(foldedChars!);
        }
    }

    /// <summary>The places (start, end) of the space-separated parts of a run.</summary>
    private static List<(int Start, int End)> Parts(string run)
    {
        var parts = new List<(int, int)>();
        for (var i = 0; i < run.Length;)
        {
            if (run[i] == ' ')
            {
                i++;
                continue;
            }

            var end = run.IndexOf(' ', i);
            end = end < 0 ? run.Length : end;
            parts.Add((i, end));
            i = end;
        }

        return parts;
    }

    /// <summary>A name or e-mail found in a phone cell is the row's when the row has none; one that differs from the row's own (联系人,
    /// 邮箱) is reported as not kept, whichever column comes first.</summary>
    private void FoldPhoneCellValues(CustomerRow row)
    {
        if (row.NameInPhoneCell is ({ } name, var nameColumn, var nameHeader))
        {
            if (row.ContactName is null)
            {
                row.ContactName = name;
            }
            else if (!string.Equals(row.ContactName, name, StringComparison.Ordinal))
            {
                (row.Notes ??= []).Add(CustomerNotes.Note("Note_Remark", _culture, nameColumn, nameHeader, name));
            }
        }

        if (row.EmailInPhoneCell is ({ } email, var emailColumn, var emailHeader))
        {
            if (row.Email is null)
            {
                row.Email = email;
            }
            else if (!string.Equals(row.Email, email, StringComparison.OrdinalIgnoreCase))
            {
                (row.Notes ??= []).Add(CustomerNotes.Note("Note_Remark", _culture, emailColumn, emailHeader, email));
            }
        }
    }

    /// <summary>Adds a number to the row: the first is the row's phone, each other one (not the same line again) an extra phone.</summary>
    private static void AddPhone(CustomerRow row, string phone, ulong key, int column, string header)
    {
        if (row.Phone is null)
        {
            row.Phone = phone;
            row.PhoneKey = key;
            return;
        }

        if (key == row.PhoneKey || HasExtraPhone(row.ExtraPhones, key))
        {
            return;
        }

        (row.ExtraPhones ??= []).Add(new ExtraPhone(phone, key, header, column));
    }

    /// <summary>Whether a row's extra phones hold a key (a loop: a lambda capturing the key made an object on every call of
    /// <see cref="AddPhone"/>, for every row with a phone).</summary>
    private static bool HasExtraPhone(List<ExtraPhone>? extras, ulong key)
    {
        if (extras is null)
        {
            return false;
        }

        foreach (var extra in extras)
        {
            if (extra.Key == key)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Labels that only say what the cell holds (<c>tel:</c>, <c>手机：</c>): dropped without a note.</summary>
    private static readonly HashSet<string> PhoneLabels = new(StringComparer.OrdinalIgnoreCase)
    {
        "tel", "phone", "mobile", "mob", "cell", "fax", "电话", "手机", "手机号", "座机", "固话", "联系电话", "联系方式", "传真", "办公电话", "微信",
    };

    /// <summary>Words that name the number after them (<c>QQ 12345678</c>, <c>工号 20240101</c>): never a contact's name.</summary>
    private static readonly HashSet<string> NumberLabels = new(StringComparer.OrdinalIgnoreCase)
    {
        "QQ", "QQ号", "工号", "员工号", "编号", "微信号", "wx", "wechat", "身份证", "身份证号", "生日", "有效期",
    };

    /// <summary>
    /// Splits what is left of a contact cell once its numbers and e-mail are taken: text in brackets is a remark, a known label before a
    /// colon is dropped (another word before a colon is the name), and the rest is the name when it has no digits and is at most 100
    /// characters; with digits, the words before the first word with digits are the name (unless they only label a number: QQ, 工号) and
    /// the rest a remark; anything else is a remark. Remarks are reported, never stored as a name.
    /// </summary>
    internal static (string? Name, List<string> Remarks) NameAndRemarks(string left)
    {
        var remarks = new List<string>();
        var plain = new StringBuilder(left.Length);
        for (var i = 0; i < left.Length; i++)
        {
            var close = left[i] switch { '(' => ')', '（' => '）', '[' => ']', '【' => '】', _ => '\0' };
            var end = close == '\0' ? -1 : left.IndexOf(close, i + 1);
            if (end < 0)
            {
                plain.Append(left[i]);
                continue;
            }

            if (TextNormalizer.Clean(left[i..(end + 1)]) is { } remark && remark.Length > 2)
            {
                remarks.Add(remark);
            }

            plain.Append(' ');
            i = end;
        }

        static string Trimmed(string part) => part.Trim(' ', '/', ',', ';', '，', '；', '、', ':', '：', '-', '\t');
        var rest = plain.ToString();
        var colon = rest.IndexOfAny([':', '：']);
        if (colon >= 0)
        {
            var label = Trimmed(rest[..colon]);
            var after = Trimmed(rest[(colon + 1)..]);
            if (label.Length == 0 || PhoneLabels.Contains(label))
            {
                rest = after;
            }
            else if (after.Length > 0)
            {
                // "张三：(remark)" keeps 张三; "张三：李四" has two names: the first is the name, the second a remark.
                remarks.Add(after);
                rest = label;
            }
            else
            {
                rest = label;
            }
        }

        var name = TextNormalizer.Clean(Trimmed(rest));
        if (name is null)
        {
            return (null, remarks);
        }

        if (name.Length <= 100 && !name.Any(char.IsAsciiDigit) && !PhoneLabels.Contains(name))
        {
            return (name, remarks);
        }

        // "张三 2024-05-01前有效": the words before the first one with digits are the name, the rest a remark.
        var digits = name.AsSpan().IndexOfAnyInRange('0', '9');
        var cut = digits > 0 ? name.LastIndexOf(' ', digits) : -1;
        if (cut > 0 && name[..cut].TrimEnd() is { Length: <= 100 } lead && !PhoneLabels.Contains(lead) && !NumberLabels.Contains(lead))
        {
            remarks.Add(name[(cut + 1)..]);
            return (lead, remarks);
        }

        if (!PhoneLabels.Contains(name))
        {
            remarks.Add(name);
        }

        return (null, remarks);
    }
}
